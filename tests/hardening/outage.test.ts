/**
 * Neo4j down when the service starts: it serves anyway (/ready false, SERVICE_UNAVAILABLE with
 * HTTP 503, at once while it is known to be down), then recovers by itself when Neo4j comes up, applying its migrations then.
 * This file owns its Neo4j, since it starts it late.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { freePort, ownedPassword, startOwnedNeo4j, type OwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { startService, type Service } from '../../src/service.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-outage-'));
let neo4j: OwnedNeo4j | undefined;
let service: Service | undefined;

afterAll(async () => {
  await service?.stop();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(query: string): Promise<{ status: number; code: unknown }> {
  const res = await fetch(`${service!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: res.status, code: body.errors?.[0]?.extensions?.code };
}

describe('a Neo4j that is down at start', () => {
  it('gives 503 SERVICE_UNAVAILABLE, then recovers by itself with its migrations applied', async () => {
    const boltPort = await freePort();
    service = await startService(
      // The password the Neo4j started below will have (generated now, kept in its data folder).
      loadConfig({ NEO4J_URI: `bolt://127.0.0.1:${boltPort}`, NEO4J_PASSWORD: ownedPassword(dataDir), PORT: '0', SEED_ON_START: 'false' }),
      createLogger('silent'),
    );
    expect((await fetch(`${service.url}/ready`)).status).toBe(503);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect(await post('{ actor(id: "utc") { id } }')).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    // Known to be down: requests are answered at once, not after the driver's 10 s of retries.
    const asked = performance.now();
    expect(await post('{ actors(first: 1) { totalCount } }')).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(performance.now() - asked).toBeLessThan(3_000);

    neo4j = await startOwnedNeo4j({ dataDir, boltPort, heap: '512m', pagecache: '128m', log: () => undefined });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await fetch(`${service.url}/ready`)).status !== 200) {
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);
    const constraints = await service.db.read<{ name: string }>("SHOW CONSTRAINTS YIELD name WHERE name = 'entity_id' RETURN name");
    expect(constraints).toEqual([{ name: 'entity_id' }]);
    expect(await post('{ actor(id: "utc") { id } }')).toEqual({ status: 200, code: undefined });
  }, 180_000);
});
