/**
 * A fetch plan: what to read beneath a node, in the domain's words. The GraphQL layer derives it
 * from the selection set (src/graphql/lookahead/), the Cypher builder turns it into nested COLLECT
 * subqueries of ONE query (./cypher.ts), and ./records.ts turns the rows back into records; what
 * each relation does at each step is its descriptor in ./relations.ts.
 *
 *   { fetches: [{ key: 'links', relation: 'links', types: null, first: 50,
 *                 other: { fetches: [] } }] }
 *   // "fetch this node's first 50 links with their other ends, answer under the key `links`"
 *   // `properties: false` on a link fetch: the relationship's properties are not selected, not read.
 *
 * `key` is the GraphQL response key (alias or field name): field resolvers find their data by it.
 */
import type { ActorKind, TerritoryLevel } from '../domain/records.ts';
import type { Presence } from '../territories/presence.ts';
import { relationOf } from './relations.ts';

export interface NodePlan {
  fetches: Fetch[];
  /**
   * The stored properties to read (besides `id`, `name`, `kind`, always read): the scalar fields the
   * selection asks. Absent: every property (`.*`), for plans not built from a selection.
   */
  fields?: string[];
}

/** Arguments of an actors connection once validated (cursor decoded). */
export interface ActorFilter {
  search: string | null;
  kinds: ActorKind[] | null;
  /** How an actor is in the scope territory (src/territories/presence.ts); absent: ACTIVE. */
  presence?: Presence;
  first: number;
  after: ActorCursor | null;
  /** Whether `totalCount` is asked: counting every match is the costly part, done only then. */
  total: boolean;
}

/** The keyset sort key of one actor in a connection: [match tier, name length] then id. */
export interface ActorCursor {
  rank: [number, number];
  id: string;
}

export type Fetch =
  | { key: string; relation: 'links'; types: string[] | null; first: number; other: NodePlan; properties?: boolean }
  | { key: string; relation: 'commune'; node: NodePlan }
  | { key: string; relation: 'parents'; node: NodePlan }
  | { key: string; relation: 'children'; level: TerritoryLevel | null; first: number; node: NodePlan }
  | { key: string; relation: 'actors'; filter: ActorFilter; node: NodePlan };

export const EMPTY_PLAN: NodePlan = { fetches: [] };

/** Rows the plan may read in the worst case (each level multiplies): a guard against huge trees. */
export function planCost(plan: NodePlan): number {
  let cost = 0;
  for (const fetch of plan.fetches) {
    const { fanOut, child } = fanOutOf(fetch);
    cost += fanOut * (1 + planCost(child));
  }
  return cost;
}

export function planDepth(plan: NodePlan): number {
  return Math.max(0, ...plan.fetches.map((fetch) => 1 + planDepth(fanOutOf(fetch).child)));
}

function fanOutOf(fetch: Fetch): { fanOut: number; child: NodePlan } {
  return relationOf(fetch).fanOut(fetch);
}
