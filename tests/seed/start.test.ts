/**
 * `npm start` on an empty database seeds France's geography, the article's network and the
 * competency framework by itself (its own Neo4j in a temp folder: the shared one is not empty).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { freePort } from '../../src/neo4j/owned-server.ts';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm start on an empty database', () => {
  it('seeds the geography and the article before serving, logging its progress', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-start-seed-'));
    const port = await freePort();
    child = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
      env: {
        ...process.env,
        PORT: String(port),
        NEO4J_BOLT_PORT: String(await freePort()),
        MAILLAGE_DATA_DIR: dataDir,
        NEO4J_HEAP: '1g',
        NEO4J_PAGECACHE: '256m',
        SEED_ON_START: 'true',
        // Through Cypher: the start store's copy is tests/seed/start-store.test.ts.
        START_STORE: 'false',
        NEO4J_URI: '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 540_000;
    while (!output.includes('Maillage is serving GraphQL')) {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not serve in time:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(output).toContain('seeding the empty database: geography');
    expect(output).toMatch(/seeded article in/);

    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ utc: actor(id: "utc") { name links(types: ["LOCATED_IN"]) { other { id } } }
                  albert: territory(id: "commune:80016") { name level population } }`,
      }),
    });
    expect(await res.json()).toEqual({
      data: {
        utc: { name: 'Université de technologie de Compiègne', links: [{ other: { id: 'commune:60159' } }] },
        albert: { name: 'Albert', level: 'COMMUNE', population: 9521 },
      },
    });
  }, 600_000);
});
