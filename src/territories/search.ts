/**
 * The `territories` connection: France's territories by name, INSEE code, SIREN or postal code,
 * with French search (src/search/french.ts), in ONE query.
 *
 *   await searchTerritories(db, territoryFilter({ search: 'saint quentin', levels: ['COMMUNE'] }), plan)
 *   // rows: Saint-Quentin (02) first (52,813 inhabitants), then Saint-Quentin-en-Yvelines..., cursors
 *   await searchTerritories(db, territoryFilter({ search: '80300' }), plan)   // the communes of that postal code
 *
 * Order: the rank tier (whole name, INSEE code or postal code; name starting with the words; joined
 * name starting with them; any other match), then the larger population, then id. The key depends
 * on the territory alone, so a keyset cursor stays valid while nodes are added.
 * Without `search`: every territory of the levels, the most populated first.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError } from '../domain/errors.ts';
import { checkFirst } from '../domain/shared.ts';
import { LEVEL_LABEL, type TerritoryLevel, type TerritoryRecord } from '../domain/records.ts';
import { CypherBuilder, projectNode } from '../fetch/cypher.ts';
import type { NodePlan } from '../fetch/plan.ts';
import { type RawNode, toFetchedNode } from '../fetch/records.ts';
import { rankTier, toSearchQuery } from '../search/french.ts';

export const MAX_TERRITORY_PAGE = 100;
export const DEFAULT_TERRITORY_PAGE = 20;

export interface TerritoryCursor {
  tier: number;
  population: number;
  id: string;
}

export interface TerritoryFilter {
  search: string | null;
  levels: TerritoryLevel[] | null;
  first: number;
  after: TerritoryCursor | null;
}

export interface TerritoryPage {
  total: number;
  rows: { territory: TerritoryRecord; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export function encodeTerritoryCursor(c: TerritoryCursor): string {
  return Buffer.from(JSON.stringify({ t: [c.tier, c.population], id: c.id })).toString('base64url');
}

export function decodeTerritoryCursor(value: string, path: (string | number)[] = ['after']): TerritoryCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 't' in parsed && 'id' in parsed) {
      const { t, id } = parsed;
      if (typeof id === 'string' && Array.isArray(t) && t.length === 2 && t.every((n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) {
        return { tier: t[0] as number, population: t[1] as number, id };
      }
    }
  } catch {
    /* not base64 JSON */
  }
  throw new BadInputError('`after` is not a cursor returned by this API.', path);
}

export function territoryFilter(args: {
  search?: string | null | undefined;
  levels?: readonly TerritoryLevel[] | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}): TerritoryFilter {
  const first = checkFirst(args.first, { fallback: DEFAULT_TERRITORY_PAGE, max: MAX_TERRITORY_PAGE, path: ['first'] });
  if (args.search && args.search.length > 200) throw new BadInputError('`search` must be at most 200 characters.', ['search']);
  return {
    search: args.search && toSearchQuery(args.search) !== null ? args.search : null,
    levels: args.levels?.length ? [...new Set(args.levels)] : null,
    first,
    after: args.after ? decodeTerritoryCursor(args.after) : null,
  };
}

export function territoriesQuery(filter: TerritoryFilter, plan: NodePlan): { cypher: string; params: Record<string, unknown> } {
  const b = new CypherBuilder();
  const query = filter.search === null ? null : toSearchQuery(filter.search);
  const conditions: string[] = [];
  let match: string;
  let tier: string;
  if (query) {
    match = `CALL db.index.fulltext.queryNodes('territory_names', ${b.param(query.lucene)}) YIELD node AS t`;
    conditions.push('t:Territory');
    const names = `coalesce(t.searchNames, [apoc.text.clean(t.name)])`;
    const codes = `[t.code] + coalesce(t.postalCodes, [])`;
    tier = rankTier(names, codes, b.param(query.words), b.param(query.joined));
  } else {
    match = 'MATCH (t:Territory)';
    tier = '0';
  }
  if (filter.levels) conditions.push(`any(l IN labels(t) WHERE l IN ${b.param(filter.levels.map((l) => LEVEL_LABEL[l]))})`);
  const where = conditions.length ? `\nWHERE ${conditions.join(' AND ')}` : '';
  let keyset = '';
  if (filter.after) {
    const t = b.param(filter.after.tier);
    const p = b.param(filter.after.population);
    const id = b.param(filter.after.id);
    keyset = `\nWHERE tier > ${t} OR (tier = ${t} AND (population < ${p} OR (population = ${p} AND t.id > ${id})))`;
  }
  const limit = b.param(filter.first + 1);
  const cypher = `RETURN COUNT {
  ${match}${where}
  RETURN t
} AS total, COLLECT {
  ${match}${where}
  WITH t, ${tier} AS tier, toInteger(coalesce(t.population, 0)) AS population${keyset}
  WITH t, tier, population ORDER BY tier, population DESC, t.id LIMIT toInteger(${limit})
  RETURN { tier: tier, population: population, node: ${projectNode('t', plan, b)} }
} AS page`;
  return { cypher, params: b.params };
}

export async function searchTerritories(db: Database, filter: TerritoryFilter, plan: NodePlan, options?: QueryOptions): Promise<TerritoryPage> {
  const { cypher, params } = territoriesQuery(filter, plan);
  const [row] = await db.read<{ total: number; page: { tier: number; population: number; node: RawNode }[] }>(cypher, params, options);
  const page = row?.page ?? [];
  return {
    total: row?.total ?? 0,
    hasNextPage: page.length > filter.first,
    hasPreviousPage: filter.after !== null,
    rows: page.slice(0, filter.first).map((r) => ({
      territory: toFetchedNode(r.node, plan) as TerritoryRecord,
      cursor: encodeTerritoryCursor({ tier: r.tier, population: r.population, id: r.node.id }),
    })),
  };
}
