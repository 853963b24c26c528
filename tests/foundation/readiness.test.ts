/**
 * /ready follows Neo4j: false while it is down, true again when it is back, with no restart of the
 * service. This file owns a second Neo4j, since it stops it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { freePort, startOwnedNeo4j, type OwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { startService, type Service } from '../../src/service.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-ready-'));
let neo4j: OwnedNeo4j | undefined;
let service: Service | undefined;

afterAll(async () => {
  await service?.stop();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ready(): Promise<number> {
  return (await fetch(`${service!.url}/ready`)).status;
}

async function waitFor(status: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = await ready();
    if (last === status) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

describe('/ready', () => {
  it('turns false when Neo4j stops and true again when it is back', async () => {
    const boltPort = await freePort();
    const start = () => startOwnedNeo4j({ dataDir, boltPort, heap: '512m', pagecache: '128m', log: () => undefined });
    neo4j = await start();
    service = await startService(
      loadConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.connection.password, PORT: '0', SEED_ON_START: 'false' }),
      createLogger('silent'),
    );
    expect(await ready()).toBe(200);

    await neo4j.stop();
    expect(await waitFor(503)).toBe(503);
    const down = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actor(id: "x") { id } }' }),
    });
    const body = (await down.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.status).toBe(503);

    neo4j = await start();
    expect(await waitFor(200)).toBe(200);
  }, 180_000);
});
