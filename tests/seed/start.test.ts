/**
 * `npm start` on an empty database seeds France's geography, the article's network and the
 * competency framework by itself (its own Neo4j in a temp folder: the shared one is not empty).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/neo4j/owned-server.ts';
import { type MainProcess, startMain } from '../support/main-process.ts';

let main: MainProcess | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  await main?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('npm start on an empty database', () => {
  it('seeds the geography and the article before serving, logging its progress', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-start-seed-'));
    const port = await freePort();
    main = await startMain(
      {
        PORT: String(port),
        NEO4J_BOLT_PORT: String(await freePort()),
        MAILLAGE_DATA_DIR: dataDir,
        SEED_ON_START: 'true',
        // Through Cypher: the start store's copy is tests/seed/start-store.test.ts.
        START_STORE: 'false',
      },
      540_000,
    );
    const output = main.output();
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
