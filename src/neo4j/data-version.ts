/**
 * A token that changes whenever the data changes, read from the database so that every service
 * instance sees the same one: results computed from the whole graph (networkShape) are cached
 * under it (src/shape/shape-cache.ts).
 *
 *   await readDataVersion(db)   // 'c8a1f0e2-...' (null before the first write)
 *
 * Every successful `db.write` sets a fresh random token right after its transaction commits
 * (database.ts), so no write path can forget it; a reader that saw the old token computed from data
 * at least as old as that token, and the write's new token makes its cache entry unreachable. A
 * random token, not a counter: emptying the database (src/seed/reset.ts) deletes the node, and a
 * counter starting again from 1 could meet an old cache entry.
 */
import type { Database, QueryOptions } from './database.ts';

/** Not an :Entity: no query of the model sees it. Unique by the constraint in migrations.ts. */
export const BUMP_DATA_VERSION = `MERGE (v:DataVersion {id: 'data'}) SET v.token = randomUUID()`;

export async function readDataVersion(db: Database, options: QueryOptions = {}): Promise<string | null> {
  const [row] = await db.read<{ token: string | null }>(
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN v.token AS token`,
    {},
    options,
  );
  return row?.token ?? null;
}
