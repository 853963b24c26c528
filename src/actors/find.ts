/**
 * One node, actor or territory by id, with whatever the selection asks beneath it, in ONE query.
 *
 *   await findNode(db, 'commune:80016', EMPTY_PLAN)   // { id: 'commune:80016', labels: ['Entity','Territory','Commune'], ... }
 *   await findActor(db, 'utc', plan)                   // { id: 'utc', kind: 'UNIVERSITY', fetched: { links: [...] } } or null
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import type { ActorRecord, NodeRecord, TerritoryRecord } from '../domain/records.ts';
import { CypherBuilder, projectNode } from '../fetch/cypher.ts';
import type { NodePlan } from '../fetch/plan.ts';
import { type RawNode, toFetchedNode } from '../fetch/records.ts';

/** The GraphQL position of the node: `node(id)` (any kind), `actor(id)` or `territory(id)`. */
export type NodeRole = 'Node' | 'Actor' | 'Territory';

const LABEL: Record<NodeRole, string> = { Node: 'Entity', Actor: 'Actor', Territory: 'Territory' };

/** The text of each plan's query, with the parameters the plan itself gives (limits, types). */
const texts = new WeakMap<NodePlan, Map<string, { cypher: string; params: Record<string, unknown> }>>();

/**
 * The query, built once per plan object: a plan from the look-ahead's cache (src/graphql/lookahead/
 * plan-cache.ts) is the same object on every repeat of an operation, so its text is not rebuilt.
 */
export function nodeQuery(
  id: string,
  role: NodeRole,
  plan: NodePlan,
  polymorphic = role === 'Node',
): { cypher: string; params: Record<string, unknown> } {
  let byRole = texts.get(plan);
  if (!byRole) {
    byRole = new Map();
    texts.set(plan, byRole);
  }
  const key = `${role}|${polymorphic}`;
  let text = byRole.get(key);
  if (!text) {
    const b = new CypherBuilder();
    const match = `MATCH (n:${LABEL[role]} {id: $id})`;
    text = { cypher: `${match}\nRETURN ${projectNode('n', plan, b, polymorphic)} AS n`, params: b.params };
    byRole.set(key, text);
  }
  return { cypher: text.cypher, params: { id, ...text.params } };
}

async function find(db: Database, id: string, role: NodeRole, plan: NodePlan, options?: QueryOptions): Promise<NodeRecord | null> {
  const { cypher, params } = nodeQuery(id, role, plan);
  const [row] = await db.read<{ n: RawNode }>(cypher, params, options);
  return row ? toFetchedNode(row.n, plan) : null;
}

export function findNode(db: Database, id: string, plan: NodePlan, options?: QueryOptions): Promise<NodeRecord | null> {
  return find(db, id, 'Node', plan, options);
}

export async function findActor(db: Database, id: string, plan: NodePlan, options?: QueryOptions): Promise<ActorRecord | null> {
  const node = await find(db, id, 'Actor', plan, options);
  // toFetchedNode sets `kind` only on well-formed actors.
  return node && 'kind' in node ? (node as ActorRecord) : null;
}

export async function findTerritory(db: Database, id: string, plan: NodePlan, options?: QueryOptions): Promise<TerritoryRecord | null> {
  const node = await find(db, id, 'Territory', plan, options);
  return node && 'level' in node ? (node as TerritoryRecord) : null;
}
