/**
 * A token that changes whenever the data changes, read from the database so that every service
 * instance sees the same one: results computed from the whole graph (networkShape) are cached
 * under it (src/shape/shape-cache.ts).
 *
 *   await readDataVersion(db)   // 'c8a1f0e2-...' (null before the first write)
 *
 * Every `db.write` (database.ts) sets a fresh random token in the same transaction as its own
 * change, as the transaction's last statement: no write path can forget it, a reader sees the new
 * token exactly when it sees the new data, and a failed write rolls both back. Taken last, the
 * token node's lock is held only from that statement to the commit, so concurrent writes (the
 * loader keeps two batches in flight) overlap everywhere else. Schema commands cannot share a
 * transaction with data writes: they change no data and are sent as they are. A random token, not
 * a counter: a database emptied by other means than src/seed/reset.ts (which keeps the node and
 * changes its token) loses the node, and a counter starting again from 1 could meet an old entry.
 */
import type { Database, QueryOptions } from './database.ts';

/** Not an :Entity: no query of the model sees it. Unique by the constraint in migrations.ts. */
export const BUMP_DATA_VERSION = `MERGE (v:DataVersion {id: 'data'}) SET v.token = randomUUID()`;

const SCHEMA_COMMAND = /^\s*(?:(?:CREATE|DROP)\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\b|SHOW\b|CALL\s+db\.)/i;

/** Schema commands (and SHOW, db.* procedures) change no data and cannot share a transaction with writes. */
export function isSchemaCommand(cypher: string): boolean {
  return SCHEMA_COMMAND.test(cypher);
}

export async function readDataVersion(db: Database, options: QueryOptions = {}): Promise<string | null> {
  const [row] = await db.read<{ token: string | null }>(
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN v.token AS token`,
    {},
    options,
  );
  return row?.token ?? null;
}
