/**
 * Empties a database (for `npm run seed -- ... --reset`): every node and relationship, in
 * transactions of 10,000 nodes so that a big graph never needs one huge transaction. Constraints,
 * indexes and the data version node (src/neo4j/data-version.ts, with a new token) stay.
 *
 *   await resetDatabase(db)   // 36420 (nodes deleted)
 */
import type { Database } from '../neo4j/database.ts';
import { BUMP_DATA_VERSION } from '../neo4j/data-version.ts';

export async function resetDatabase(db: Database): Promise<number> {
  // CALL { } IN TRANSACTIONS needs an implicit (auto-commit) transaction: a plain session.run.
  const session = db.driver.session({ database: db.database });
  try {
    const result = await session.run(
      // The data version node stays (it is not data) and gets a new token just after.
      'MATCH (n) WHERE NOT n:DataVersion CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS RETURN count(n) AS deleted',
    );
    await session.run(BUMP_DATA_VERSION);
    const deleted = result.records[0]?.get('deleted') as number | { toNumber(): number } | undefined;
    return typeof deleted === 'number' ? deleted : (deleted?.toNumber() ?? 0);
  } finally {
    await session.close();
  }
}
