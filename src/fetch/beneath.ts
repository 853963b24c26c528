/**
 * The fallback when a field resolver finds nothing pre-fetched (a selection the look-ahead did not
 * plan, e.g. two fragments asking one response key with different arguments): one query for that
 * field alone, built by the same code.
 *
 *   await fetchBeneath(db, 'utc', { key: 'links', relation: 'links', types: null, first: 50, other: EMPTY_PLAN })
 *   // [LinkRecord, ...]
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { nodeQuery } from '../actors/find.ts';
import type { Fetch } from './plan.ts';
import { type RawNode, toFetchedNode } from './records.ts';

export async function fetchBeneath(db: Database, id: string, fetch: Fetch, options?: QueryOptions): Promise<unknown> {
  const plan = { fetches: [fetch] };
  const { cypher, params } = nodeQuery(id, 'Node', plan, false);
  const [row] = await db.read<{ n: RawNode }>(cypher, params, options);
  return row ? toFetchedNode(row.n, plan).fetched?.[fetch.key] : undefined;
}
