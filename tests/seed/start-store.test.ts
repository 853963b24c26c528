/**
 * `npm start` on a new data folder copies the start store that `npm install` wrote (when this code
 * has one) instead of seeding through Cypher, answers as a seeded database does, and the copied
 * database takes writes that survive a restart (its transaction log was trimmed).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/neo4j/database.ts';
import { OWNED_USER, freePort, ownedPassword } from '../../src/neo4j/owned-server.ts';
import { buildStartStore } from '../../src/seed/start-store-build.ts';
import { startStoreDir } from '../../src/seed/start-store.ts';
import { type MainProcess, startMain } from '../support/main-process.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-start-store-'));
let main: MainProcess | undefined;

afterAll(async () => {
  await main?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** src/main.ts on `dataDir`, once it serves; its output. */
async function start(port: number, boltPort: number): Promise<string> {
  main = await startMain({
    PORT: String(port),
    NEO4J_BOLT_PORT: String(boltPort),
    MAILLAGE_DATA_DIR: dataDir,
    SEED_ON_START: 'true',
    START_STORE: 'true',
    REPORT_PREPARE_AT_START: 'false',
  });
  return main.output();
}

describe('npm start on a new data folder, with a start store', () => {
  it('copies the store instead of seeding, answers as a seeded database, and keeps what is written after', async () => {
    // npm install writes it; a tree whose code changed since has none yet.
    if (!existsSync(startStoreDir())) await buildStartStore(() => undefined);
    const port = await freePort();
    const boltPort = await freePort();
    const output = await start(port, boltPort);
    expect(output).toContain('copied the start store');
    expect(output).not.toContain('seeding the empty database');

    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ utc: actor(id: "utc") { name links(types: ["LOCATED_IN"]) { other { id } } }
                  albert: territory(id: "commune:80016") { name level population }
                  regions: actors(kinds: [REGION], first: 1) { totalCount }
                  searched: actors(search: "universite technologie compiegne", first: 1) { edges { node { id } } } }`,
      }),
    });
    expect(await res.json()).toEqual({
      data: {
        utc: { name: 'Université de technologie de Compiègne', links: [{ other: { id: 'commune:60159' } }] },
        albert: { name: 'Albert', level: 'COMMUNE', population: 9521 },
        regions: { totalCount: expect.any(Number) },
        searched: { edges: [{ node: { id: 'utc' } }] },
      },
    });

    // Writes go after the copied (trimmed) transaction log and are there after a restart.
    const connection = { uri: `bolt://127.0.0.1:${boltPort}`, user: OWNED_USER, password: ownedPassword(dataDir), database: 'neo4j' };
    let db = connect(connection);
    await db.write('UNWIND range(1, 20000) AS i CREATE (:StartStoreProbe {i: i, text: "une ligne écrite après la copie"})');
    await db.close();
    await main?.stop();
    const again = await start(port, boltPort);
    expect(again).toContain('database already has data');
    expect(again).not.toContain('copied the start store');
    db = connect(connection);
    try {
      expect(await db.read<{ n: number }>('MATCH (p:StartStoreProbe) RETURN count(p) AS n')).toEqual([{ n: 20000 }]);
    } finally {
      await db.close();
    }
  }, 600_000);
});
