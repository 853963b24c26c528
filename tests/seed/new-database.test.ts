/**
 * Writing into a NEW database, whose statistics still say "empty": the loader's statements must
 * look nodes up by a unique seek, not scan an index for every row. The first geography batches of
 * `npm start` once took 12 and 15 s each (the stored presence refresh looked territories up on the
 * Territory(id) range index, planned as a scan of it per row: 115 million rows for 5,000 links).
 * Counted in database hits from PROFILE, not timed. On a Neo4j of its own, started empty.
 */
import neo4j, { type Driver, type ProfiledPlan } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/neo4j/database.ts';
import { arraySource } from '../../src/seed/format.ts';
import { geographyPart, geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { createRelationships, relWrites } from '../../src/seed/queries.ts';
import { presenceChange, presenceRefreshSteps } from '../../src/territories/stored-presence.ts';
import { type PrivateNeo4j, privateNeo4j } from '../support/private-neo4j.ts';

let own: PrivateNeo4j | undefined;
let db: Database;
let driver: Driver;

beforeAll(async () => {
  own = await privateNeo4j('maillage-new-db-test-');
  db = own.db;
  const { uri, user, password } = own.server.connection;
  driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
}, 180_000);

afterAll(async () => {
  await driver?.close();
  await own?.close();
});

interface Totals {
  dbHits: number;
  maxRows: number;
  /** The operator that produced maxRows, with its details: what to read when the bound fails. */
  widest: string;
}

/** Every operator's database hits and rows, and the largest row count any operator produced. */
function totals(plan: ProfiledPlan): Totals {
  const own: Totals = { dbHits: plan.dbHits, maxRows: plan.rows, widest: `${plan.operatorType} ${String(plan.arguments?.Details ?? '')}` };
  return plan.children.map(totals).reduce((a, b) => ({ dbHits: a.dbHits + b.dbHits, ...(b.maxRows > a.maxRows ? { maxRows: b.maxRows, widest: b.widest } : { maxRows: a.maxRows, widest: a.widest }) }), own);
}

// The refresh once looked each id up after an UNWIND, and a new database's statistics could put a
// scan of the index before the UNWIND (ids × nodes rows: 15,050,520 in two of three fresh-clone CI
// runs, even with an index hint); it now seeks the whole list at once (src/territories/stored-presence.ts).
describe('the loader in a new database', () => {
  it('links the Hauts-de-France (PART_OF, presence refreshed) with database hits in proportion to the rows, not to rows × territories', async () => {
    const region = geographySource(geographyPart(loadGeographyData(), { region: '32' }));
    const nodes = [...region.nodes()];
    const links = [...region.relationships()].filter((r) => r.type === 'PART_OF');
    expect(nodes.length).toBeGreaterThan(3000);
    await seed(db, arraySource('geography', { nodes, relationships: [] }));

    // The statements the loader sends for a batch of new PART_OF links (src/seed/load.ts), in one transaction.
    const change = presenceChange('PART_OF')!;
    const from = [...new Set(links.map((r) => r.from))];
    const touched = [...new Set([...from, ...links.map((r) => r.to)])];
    const { before, after } = presenceRefreshSteps(touched, change.moved ? from : []);
    const steps = [...before, createRelationships('PART_OF', relWrites(links, 'geography')), ...after];
    const session = driver.session({ database: 'neo4j' });
    const tx = session.beginTransaction();
    try {
      let dbHits = 0;
      let maxRows = 0;
      let widest = '';
      for (const step of steps) {
        const result = await tx.run(`PROFILE ${step.cypher}`, step.params);
        const own = totals(result.summary.profile as ProfiledPlan);
        dbHits += own.dbHits;
        if (own.maxRows > maxRows) ({ maxRows, widest } = { maxRows: own.maxRows, widest: `${own.widest}\nin: ${step.cypher}` });
      }
      // A seek per row is a few hits per link; a scan per row is about links × territories (about 15 million here).
      expect(maxRows, widest).toBeLessThan(10 * links.length);
      expect(dbHits).toBeLessThan(50 * links.length);
    } finally {
      await tx.rollback();
      await session.close();
    }
  });
});
