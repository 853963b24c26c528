/**
 * What every start does for nodes written without the service's derived fields (a database seeded
 * by an older version, or Cypher by hand): `migrate` gives them the French search fields (the service
 * runs that part once it listens, src/service.ts) and their
 * stored presence, so that search and `within` find them like any other.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startService } from '../../src/service.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { searchFields } from '../../src/search/french.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { createTerritories, removeAll } from './support.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('backfill');
const NAME = "Société d'Électronique de l'Oise";

beforeAll(async () => {
  await createTerritories(db, p);
  // By hand, as an older version or an operator would have: no search fields, no stored presence.
  await db.write(
    `CREATE (a:Entity:Actor:Company {id: $id, name: $name, kind: 'COMPANY', source: 'test'})
     WITH a MATCH (c:Entity:Commune {id: $commune}) CREATE (a)-[:LOCATED_IN]->(c)`,
    { id: `${p}-hand`, name: NAME, commune: `${p}:commune-a` },
  );
});

afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

describe('a start, for nodes written without derived fields', () => {
  it('gives them the search fields and their presence: found by a search without accents and within their territory', async () => {
    // (Its presence may be given meanwhile by another file's fixtures, which refresh every actor's.)
    const before = await db.read<{ searchText: string | null }>('MATCH (a:Entity {id: $id}) RETURN a.searchText AS searchText', { id: `${p}-hand` });
    expect(before).toEqual([{ searchText: null }]);

    await migrate(db);

    const [after] = await db.read<{ searchText: string; searchNames: string[]; presentIn: string[] }>(
      'MATCH (a:Entity {id: $id}) RETURN a.searchText AS searchText, a.searchNames AS searchNames, a.presentIn AS presentIn',
      { id: `${p}-hand` },
    );
    expect({ searchText: after!.searchText, searchNames: after!.searchNames }).toEqual(searchFields({ name: NAME }));
    expect(after!.presentIn).toContain(`${p}:commune-a`);

    const res = await gql<{ search: { edges: { node: { id: string } }[] }; within: { edges: { node: { id: string } }[] } }>(
      server,
      `query($within: ID!) {
        search: actors(search: "electronique oise", first: 5) { edges { node { id } } }
        within: actors(within: $within, first: 50) { edges { node { id } } }
      }`,
      { within: `${p}:commune-a` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.search.edges.map((e) => e.node.id)).toContain(`${p}-hand`);
    expect(res.data!.within.edges.map((e) => e.node.id)).toContain(`${p}-hand`);
  });

  it('makes again an index that went missing, and leaves it online', async () => {
    // An index only a campaign's progress page reads: dropping it for a moment changes no answer elsewhere.
    await db.write('DROP INDEX survey_invitation_campaign IF EXISTS');
    await migrate(db);
    const rows = await db.read<{ state: string }>("SHOW INDEXES YIELD name, state WHERE name = 'survey_invitation_campaign' RETURN state");
    expect(rows).toEqual([{ state: 'ONLINE' }]);
  });

  it('the service gives the search fields once it listens, without holding its start for them', async () => {
    const id = `${p}-hand-2`;
    await db.write(`CREATE (a:Entity:Actor:Company {id: $id, name: 'Forges de Picardie', kind: 'COMPANY', source: 'test'})`, { id });
    const config = loadConfig({
      NEO4J_URI: inject('neo4jUri'),
      NEO4J_PASSWORD: inject('neo4jPassword'),
      PORT: '0',
      SEED_ON_START: 'false',
      REPORT_PREPARE_AT_START: 'false',
    });
    const service = await startService(config, createLogger('silent'));
    try {
      const searchText = async () =>
        (await db.read<{ searchText: string | null }>('MATCH (a:Entity {id: $id}) RETURN a.searchText AS searchText', { id }))[0]?.searchText;
      await expect.poll(searchText, { timeout: 10_000 }).toBe(searchFields({ name: 'Forges de Picardie' }).searchText);
    } finally {
      await service.stop();
    }
  });
});
