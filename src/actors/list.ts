/**
 * A page of actors, filtered by name, kinds and territory: the `actors` connection, read with
 * whatever the selection asks beneath each actor, in ONE query.
 *
 *   const filter = actorFilter({ search: 'utc', first: 5 });
 *   await listActors(db, filter, null, EMPTY_PLAN)
 *   // { total: 1, rows: [{ actor: { id: 'utc', ... }, cursor: 'eyJy...' }], hasNextPage: false, ... }
 *   await listActors(db, actorFilter({}), 'department:80', EMPTY_PLAN)   // actors located in the Somme
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import type { ActorKind } from '../domain/records.ts';
import { checkFirst } from '../domain/shared.ts';
import { CypherBuilder, actorConnection, actorRootParams, actorTextKey, connectionMap } from '../fetch/cypher.ts';
import type { ActorFilter, NodePlan } from '../fetch/plan.ts';
import { type ActorPage, type RawPage, toActorPage } from '../fetch/records.ts';
import { decodeCursor } from './cursor.ts';
import { toSearchQuery } from '../search/french.ts';
import { DEFAULT_PRESENCE, type Presence } from '../territories/presence.ts';

export type { ActorPage } from '../fetch/records.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ActorsArgs {
  search?: string | null | undefined;
  kinds?: readonly ActorKind[] | null | undefined;
  presence?: Presence | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  /** Whether the total is needed (`totalCount` selected); default yes. */
  total?: boolean;
}

/** Validates connection arguments; `path` prefixes the argument names in errors. */
export function actorFilter(args: ActorsArgs, path: (string | number)[] = []): ActorFilter {
  const first = checkFirst(args.first, { fallback: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE, path: [...path, 'first'] });
  if (args.search && args.search.length > 200) {
    throw new BadInputError('`search` must be at most 200 characters.', [...path, 'search']);
  }
  // A search without any letter or digit filters nothing, like an empty search box.
  const search = args.search && toSearchQuery(args.search) !== null ? args.search : null;
  return {
    search,
    kinds: args.kinds?.length ? [...new Set(args.kinds)] : null,
    ...(args.presence && args.presence !== DEFAULT_PRESENCE ? { presence: args.presence } : {}),
    first,
    after: args.after ? decodeCursor(args.after, [...path, 'after']) : null,
    total: args.total ?? true,
  };
}

/** Each plan's texts, by what decides them besides the plan (actorTextKey: which values are given, not what they are). */
const texts = new WeakMap<NodePlan, Map<string, { cypher: string; params: Record<string, unknown> }>>();

/**
 * The query of a root `actors` connection. Its text depends on the plan and on which filters are
 * given, not on their values (named parameters, ActorRootParams): built once per plan object and
 * shape, so a repeated operation (its plan cached, src/graphql/lookahead/plan-cache.ts) builds none.
 */
export function actorsQuery(filter: ActorFilter, within: string | null, plan: NodePlan): { cypher: string; params: Record<string, unknown> } {
  const values = actorRootParams(filter, within);
  const shape = actorTextKey(filter, within, values);
  let byShape = texts.get(plan);
  if (!byShape) {
    byShape = new Map();
    texts.set(plan, byShape);
  }
  let text = byShape.get(shape);
  if (!text) {
    const b = new CypherBuilder();
    const scopeMatch = within === null ? '' : `OPTIONAL MATCH (scope:Entity:Territory {id: ${b.named('within', within)}})\n`;
    const c = actorConnection(b, filter, within === null ? null : 'scope', plan, true);
    const found = within === null ? 'true' : 'scope IS NOT NULL';
    // What the plan itself gives (nested limits, types) stays; the filter's values come per call.
    const params = Object.fromEntries(Object.entries(b.params).filter(([name]) => !(name in values)));
    const cypher = c.members
      ? `${scopeMatch}WITH ${found} AS found, ${connectionMap(c)} AS connection\nRETURN found, connection.total AS total, connection.page AS page`
      : `${scopeMatch}RETURN ${found} AS found,\n${c.total === null ? '' : `${c.total} AS total,\n`}${c.page} AS page`;
    text = { cypher, params };
    byShape.set(shape, text);
  }
  return { cypher: text.cypher, params: { ...values, ...text.params } };
}

export async function listActors(
  db: Database,
  filter: ActorFilter,
  within: string | null,
  plan: NodePlan,
  options?: QueryOptions,
): Promise<ActorPage> {
  const { cypher, params } = actorsQuery(filter, within, plan);
  const [row] = await db.read<RawPage & { found: boolean }>(cypher, params, options);
  if (!row?.found) throw new NotFoundError('territory', within ?? '');
  return toActorPage(row, filter.first, filter.after !== null, plan);
}
