/**
 * Every acknowledged mutation is durable: the Neo4j JVM is killed (SIGKILL) in the middle of a
 * stream of mutations; after a restart, every mutation that got a success answer is there.
 * This file owns its Neo4j, since it kills it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Database } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j, type OwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { gql } from '../support/harness.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-durable-'));
let neo4j: OwnedNeo4j | undefined;
const dbs: Database[] = [];

afterAll(async () => {
  await Promise.all(dbs.map((db) => db.close()));
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged mutation across a kill -9 of Neo4j', async () => {
    const boltPort = await freePort();
    const start = () => startOwnedNeo4j({ dataDir, boltPort, heap: '512m', pagecache: '128m', log: () => undefined });
    neo4j = await start();
    // Short retries: once Neo4j is gone, failures should come back fast.
    const db = connect({ ...neo4j.connection, database: 'neo4j', maxRetryMs: 500 });
    dbs.push(db);
    await migrate(db);
    const editor = newApiKey('durable', 'editor');
    const config = loadConfig({ MAILLAGE_API_KEYS: editor.entry, RATE_LIMIT_PER_MINUTE: '0' });
    const server = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });

    const acknowledged: string[] = [];
    let failed = false;
    const writer = async (lane: number) => {
      for (let i = 0; !failed; i += 1) {
        const id = `durable-${lane}-${i}`;
        try {
          const res = await gql(
            server,
            'mutation($in: [ActorInput!]!) { upsertActors(input: $in) { id } }',
            { in: [{ id, name: `Durable ${lane}/${i}`, kind: 'COMPANY' }] },
            { 'x-api-key': editor.key },
          );
          if (res.errors === undefined && res.data) acknowledged.push(id);
          else failed = true;
        } catch {
          failed = true;
        }
      }
    };
    const writers = [0, 1, 2, 3].map((lane) => writer(lane));
    // Let a stream build up, then pull the plug.
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    await neo4j.kill();
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    neo4j = await start();
    const after = connect({ ...neo4j.connection, database: 'neo4j' });
    dbs.push(after);
    const rows = await after.read<{ id: string }>('MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id', { ids: acknowledged });
    expect(rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  }, 240_000);
});
