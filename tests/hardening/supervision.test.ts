/**
 * The Neo4j the service owns: authentication on with a generated password kept in the data folder
 * (mode 0600), and supervised: when its JVM dies (kill -9) the service says so at once, restarts
 * it with back-off and serves again by itself; when it cannot come back, /health fails so that an
 * orchestrator replaces the instance. This file owns its Neo4j, since it kills it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { connect } from '../../src/neo4j/database.ts';
import { freePort } from '../../src/neo4j/owned-server.ts';
import { startService, type Service } from '../../src/service.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-supervised-'));
let service: Service | undefined;
const logged: { level: number; msg: string }[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  }),
);

afterAll(async () => {
  await service?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(query: string): Promise<number> {
  const res = await fetch(`${service!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  await res.arrayBuffer();
  return res.status;
}

function jvmPid(): number {
  return Number(readFileSync(path.join(dataDir, 'run', 'owned-jvm.pid'), 'utf8'));
}

async function until(what: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await what()) return Date.now() - started;
    await sleep(250);
  }
  throw new Error(`not within ${ms} ms`);
}

let boltPort = 0;

describe('the owned Neo4j', () => {
  it('starts with authentication on and a generated password kept in the data folder, mode 0600', async () => {
    boltPort = await freePort();
    service = await startService(
      loadConfig({
        MAILLAGE_DATA_DIR: dataDir,
        NEO4J_BOLT_PORT: String(boltPort),
        NEO4J_HEAP: '512m',
        NEO4J_PAGECACHE: '128m',
        PORT: '0',
        SEED_ON_START: 'false',
        NEO4J_RESTART_ATTEMPTS: '2',
        NEO4J_RESTART_BACKOFF_MS: '300',
      }),
      logger,
    );
    expect(await post('{ actors(first: 1) { totalCount } }')).toBe(200);
    const file = path.join(dataDir, 'neo4j-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^\S{24,}$/);
    for (const auth of [undefined, neo4j.auth.basic('neo4j', 'neo4j'), neo4j.auth.basic('neo4j', 'wrong-password')]) {
      const driver = neo4j.driver(`bolt://127.0.0.1:${boltPort}`, auth, { logging: { level: 'error', logger: () => undefined } });
      await expect(driver.executeQuery('RETURN 1')).rejects.toThrow(/auth|credentials|unauthorized/i);
      await driver.close();
    }
  }, 240_000);

  it('the test run’s own Neo4j refuses a connection without the password too', async () => {
    const anonymous = connect({ uri: inject('neo4jUri'), database: 'neo4j' });
    expect(await anonymous.ping()).toBe(false);
    await anonymous.close();
  });

  it('is restarted after kill -9 of its JVM, logged at once, and the service serves again by itself', async () => {
    const before = jvmPid();
    const killedAt = Date.now();
    process.kill(before, 'SIGKILL');
    await until(async () => logged.some((l) => l.level >= 50 && /Neo4j.*(died|exited)/i.test(l.msg)), 5_000);
    // Known dead: the gate is closed by the supervisor, so a request is refused at once with 503.
    expect(await post('{ actors(first: 1) { totalCount } }')).toBe(503);
    // Back: the supervisor reopens the gate at once, the next request is served (no probe to wait for).
    await until(async () => logged.some((l) => /back after a restart/.test(l.msg)), 90_000);
    expect(await post('{ actors(first: 1) { totalCount } }')).toBe(200);
    const recovered = await until(async () => (await post('{ actors(first: 1) { totalCount } }')) === 200, 90_000);
    expect(jvmPid()).not.toBe(before);
    expect((await fetch(`${service!.url}/ready`)).status).toBe(200);
    expect((await fetch(`${service!.url}/health`)).status).toBe(200);
    expect(logged.some((l) => /restart/i.test(l.msg))).toBe(true);
    console.log(`recovered ${recovered} ms after the answer began to fail (${Date.now() - killedAt} ms after the kill)`);
  }, 120_000);

  it('fails /health when Neo4j cannot come back (a file where its folder must be), so an orchestrator restarts the instance', async () => {
    // Every restart fails, deterministically: the running JVM never reads its import folder again,
    // but a new start must make it. (The first restart starts at once, so taking the Bolt port
    // after the kill would race it.)
    const pid = jvmPid();
    const imports = path.join(dataDir, 'import');
    rmSync(imports, { recursive: true, force: true });
    writeFileSync(imports, 'not a folder');
    process.kill(pid, 'SIGKILL');
    await until(async () => (await fetch(`${service!.url}/health`)).status === 503, 30_000);
    expect(logged.some((l) => l.level >= 60 && /gave up/i.test(l.msg))).toBe(true);
    expect(logged.some((l) => l.level >= 50 && /a file stands where a folder is needed/.test(l.msg))).toBe(true);
  }, 60_000);
});
