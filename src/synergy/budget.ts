/**
 * The budgets of synergy queries: a Neo4j transaction timeout or memory limit becomes QUERY_TOO_COMPLEX.
 *
 *   await db.read(cypher, params, { timeoutMs: db.budgets.pathsMs }).catch((e) => { throw asTooComplex(e, 'Too many hops.'); });
 */
import { QueryTooComplexError } from '../domain/errors.ts';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { isTooBig } from '../neo4j/errors.ts';

/** The same error, or QUERY_TOO_COMPLEX with `message` when it was the time budget or the memory limit. */
export function asTooComplex(error: unknown, message: string): unknown {
  return isTooBig(error) ? new QueryTooComplexError(message) : error;
}

// Keyed by driver: a GraphQL request works through its own scoped handle of the same connection.
const planned = new WeakMap<object, Set<string>>();

/**
 * Plans `cypher` once per connection, database and parameter types, without a time budget
 * (`EXPLAIN` runs nothing). Neo4j
 * counts planning in the transaction timeout, and planning the synergy queries took seconds on a
 * loaded machine: without this, the first request after a start could answer QUERY_TOO_COMPLEX.
 */
export async function planOnce(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
  options: QueryOptions,
): Promise<void> {
  let done = planned.get(db.driver);
  if (!done) planned.set(db.driver, (done = new Set()));
  // Neo4j caches one plan per query text and parameter types (null and a list plan apart).
  const key = `${db.database}\u0000${cypher}\u0000${Object.entries(params).map(([name, value]) => `${name}:${typeOf(value)}`).join(',')}`;
  if (done.has(key)) return;
  await db.read(`EXPLAIN ${cypher}`, params, { observer: options.observer, timeoutMs: db.budgets.planMs });
  done.add(key);
}

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `list<${value.length ? typeOf(value[0]) : ''}>`;
  return typeof value;
}
