/**
 * The time budget of synergy queries: a Neo4j transaction timeout becomes QUERY_TOO_COMPLEX.
 *
 *   await db.read(cypher, params, { timeoutMs: 5_000 }).catch((e) => { throw asTooComplex(e, 'Too many hops.'); });
 */
import { Neo4jError } from 'neo4j-driver';
import { QueryTooComplexError } from '../domain/errors.ts';
import type { Database, QueryOptions } from '../neo4j/database.ts';

/** Neo4j codes of a transaction stopped by its timeout (server-side or the client's config). */
function isTimeout(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (/TransactionTimedOut/.test(error.code) || /terminated|timed out|timeout/i.test(error.message)) &&
    !/connect|ECONNREFUSED|acquisition/i.test(error.message)
  );
}

/** The same error, or QUERY_TOO_COMPLEX with `message` when it was the time budget. */
export function asTooComplex(error: unknown, message: string): unknown {
  return isTimeout(error) ? new QueryTooComplexError(message) : error;
}

const planned = new WeakMap<Database, Set<string>>();

/**
 * Plans `cypher` once per database handle, without a time budget (`EXPLAIN` runs nothing). Neo4j
 * counts planning in the transaction timeout, and planning the synergy queries took seconds on a
 * loaded machine: without this, the first request after a start could answer QUERY_TOO_COMPLEX.
 */
export async function planOnce(db: Database, cypher: string, options: QueryOptions): Promise<void> {
  let done = planned.get(db);
  if (!done) planned.set(db, (done = new Set()));
  if (done.has(cypher)) return;
  await db.read(`EXPLAIN ${cypher}`, {}, { observer: options.observer, timeoutMs: 120_000 });
  done.add(cypher);
}
