/**
 * Gives the French search fields (./french.ts) to actors and territories written without them:
 * a database seeded before they existed, or nodes written by hand in Cypher. Run at every start
 * (src/neo4j/migrations.ts); a database where every node has them costs one index-less scan.
 *
 *   await backfillSearchFields(db)   // 0 when there was nothing to do
 */
import type { Database } from '../neo4j/database.ts';
import { searchFields } from './french.ts';

/** Nodes read and written per transaction. */
export const BACKFILL_BATCH = 5_000;

interface Row {
  id: string;
  name: string | null;
  shortName: string | null;
  code: string | null;
  postalCodes: string[] | null;
}

export async function backfillSearchFields(db: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.read<Row>(
      `MATCH (n:Entity) WHERE (n:Actor OR n:Territory) AND n.searchText IS NULL AND n.name IS NOT NULL
       RETURN n.id AS id, n.name AS name, n.shortName AS shortName, n.code AS code, n.postalCodes AS postalCodes
       LIMIT toInteger($limit)`,
      { limit: BACKFILL_BATCH },
      { timeoutMs: db.budgets.seedMs },
    );
    if (rows.length === 0) return total;
    const updates = rows.map((r) => ({
      id: r.id,
      ...searchFields({ name: String(r.name), shortName: r.shortName, code: r.code, postalCodes: r.postalCodes }),
    }));
    await db.write(
      `UNWIND $updates AS u MATCH (n:Entity {id: u.id}) SET n.searchNames = u.searchNames, n.searchText = u.searchText`,
      { updates },
      { timeoutMs: db.budgets.seedMs },
    );
    total += rows.length;
  }
}
