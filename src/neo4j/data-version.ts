/**
 * A token that changes whenever the data changes, read from the database so that every service
 * instance sees the same one: results computed from the whole graph (networkShape) are cached
 * under it (src/shape/shape-cache.ts).
 *
 *   await readDataVersion(db)   // 'c8a1f0e2-...' (null before the first write)
 *
 * Every `db.write` (database.ts) sets a fresh random token in the same query, hence the same
 * transaction, as its own change (a unit subquery put first: it runs once, then the query goes on
 * from its single row), so no write path can forget it and a reader sees the new token exactly when
 * it sees the new data; a failed write rolls both back. Schema commands cannot share a query with
 * data writes: they change no data and are sent as they are. A random token, not a counter:
 * emptying the database (src/seed/reset.ts) deletes the node, and a counter starting again from 1
 * could meet an old cache entry. Every write transaction takes this node's lock first, so writes
 * are serialised (they are short, and a lock always taken first cannot deadlock).
 */
import type { Database, QueryOptions } from './database.ts';

/** Not an :Entity: no query of the model sees it. Unique by the constraint in migrations.ts. */
export const BUMP_DATA_VERSION = `MERGE (v:DataVersion {id: 'data'}) SET v.token = randomUUID()`;

const SCHEMA_COMMAND = /^\s*(?:(?:CREATE|DROP)\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\b|SHOW\b|CALL\s+db\.)/i;

/** The write query, preceded by the bump (schema commands unchanged). */
export function withDataVersionBump(cypher: string): string {
  return SCHEMA_COMMAND.test(cypher) ? cypher : `CALL () { ${BUMP_DATA_VERSION} }\n${cypher}`;
}

export async function readDataVersion(db: Database, options: QueryOptions = {}): Promise<string | null> {
  const [row] = await db.read<{ token: string | null }>(
    `OPTIONAL MATCH (v:DataVersion {id: 'data'}) RETURN v.token AS token`,
    {},
    options,
  );
  return row?.token ?? null;
}
