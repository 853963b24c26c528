/**
 * Turns a fetch plan into Cypher: a node projection whose nested relations are COLLECT subqueries,
 * so a whole GraphQL selection tree is read by ONE query.
 *
 *   const b = new CypherBuilder();
 *   projectNode('n', { fetches: [{ key: 'links', relation: 'links', types: null, first: 50, other: EMPTY_PLAN }] }, b)
 *   // n { .*, labels: labels(n), _fetched: { `links`: COLLECT { MATCH (n)-[r0]-(o0) ... } } }
 *   // with `fields: ['name']` in the plan (a selection's plan): n { .id, .name, .kind, labels: ..., }
 *   b.params   // { p0: 50 }
 *
 * Only names from the plan (GraphQL response keys, already valid identifiers) and labels from
 * fixed tables reach the text; every user value is a parameter.
 */
import { rankTier, toSearchQuery } from '../search/french.ts';
import { KIND_LABEL, VIEWS } from '../domain/model.ts';
import { DEFAULT_PRESENCE, acts, idleActorsCount, membersOf, presentIn } from '../territories/presence.ts';
import type { ActorFilter, Fetch, NodePlan } from './plan.ts';
import { relationOf } from './relations.ts';

/** Collects parameters and hands out unique variable names for one query. */
export class CypherBuilder {
  readonly params: Record<string, unknown> = {};
  private readonly counters = new Map<string, number>();

  param(value: unknown): string {
    const name = `p${Object.keys(this.params).length}`;
    this.params[name] = value;
    return `$${name}`;
  }

  /** A parameter named by the caller (a root query's own values: see actorConnection's `root`). */
  named(name: string, value: unknown): string {
    this.params[name] = value;
    return `$${name}`;
  }

  variable(base: string): string {
    const n = this.counters.get(base) ?? 0;
    this.counters.set(base, n + 1);
    return `${base}${n}`;
  }
}

/** The key under which a projected node carries what was fetched beneath it. */
export const FETCHED_KEY = '_fetched';

const IDENTIFIER = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

/**
 * `v { .*, labels: labels(v), _fetched: {...} }`. In a polymorphic position (`Link.other`,
 * `node(id)`) each relation is guarded by the label of the nodes that have it.
 */
export function projectNode(v: string, plan: NodePlan, b: CypherBuilder, polymorphic = false): string {
  const properties = propertySelector(plan);
  if (plan.fetches.length === 0) return `${v} { ${properties}, labels: labels(${v}) }`;
  const entries = plan.fetches.map((fetch) => {
    if (!IDENTIFIER.test(fetch.key)) throw new Error(`Not a GraphQL response key: ${fetch.key}`);
    const expression = fetchExpression(v, fetch, b);
    const guarded = polymorphic ? guard(v, fetch, expression) : expression;
    return `\`${fetch.key}\`: ${guarded}`;
  });
  return `${v} { ${properties}, labels: labels(${v}), ${FETCHED_KEY}: {\n${indent(entries.join(',\n'), '    ')}\n  } }`;
}

/** Properties every node record needs: its id, and what its GraphQL type and name come from. */
const CORE_PROPERTIES = ['id', 'name', 'kind'];

/**
 * `.*`, or `.id, .name, .kind, .<field>...` when the plan names its fields: reading only what the
 * selection asks saves a property read per stored property per node (most of a nested query's dbHits).
 */
function propertySelector(plan: NodePlan): string {
  if (!plan.fields) return '.*';
  const names = [...new Set([...CORE_PROPERTIES, ...plan.fields])].filter((name) => IDENTIFIER.test(name) && !name.startsWith('_') && name !== 'labels');
  return names.map((name) => `.${name}`).join(', ');
}

function guard(v: string, fetch: Fetch, expression: string): string {
  // In a polymorphic position a node that is an actor shows as an actor (a région included).
  const owner = relationOf(fetch).owner;
  if (owner === 'Any') return expression; // every kind of node has it
  const test = owner === 'Actor' ? `${v}:Actor` : `${v}:Territory AND NOT ${v}:Actor`;
  return `CASE WHEN ${test} THEN ${expression} END`;
}

function fetchExpression(v: string, fetch: Fetch, b: CypherBuilder): string {
  return relationOf(fetch).cypher(v, fetch, b);
}

/** The values of a root actors connection, by parameter name (the names its text uses when `root`). */
export interface ActorRootParams {
  within?: string;
  lucene?: string;
  words?: string;
  joined?: string;
  kinds?: string[];
  limit: number;
  afterId?: string;
  afterTier?: number;
  afterLen?: number;
}

export function actorRootParams(filter: ActorFilter, within: string | null): ActorRootParams {
  const out: ActorRootParams = { limit: filter.first + 1 };
  if (within !== null) out.within = within;
  const query = filter.search === null ? null : toSearchQuery(filter.search);
  if (query) Object.assign(out, { lucene: query.lucene, words: query.words, joined: query.joined });
  if (filter.kinds) out.kinds = filter.kinds;
  if (filter.after) {
    out.afterId = filter.after.id;
    if (query) Object.assign(out, { afterTier: filter.after.rank[0], afterLen: filter.after.rank[1] });
  }
  return out;
}

/**
 * What, besides the plan, decides the text of a root actors connection: which of its values are
 * given (ActorRootParams) and, for the whole network's page, the kinds, whose labels it names
 * (`kindPage`). Equal keys, equal texts.
 */
export function actorTextKey(filter: ActorFilter, within: string | null, values: ActorRootParams): string {
  const kinds = filter.search === null && within === null ? [...(filter.kinds ?? [])].sort().join(',') : '';
  return `${Object.keys(values).sort().join(',')}|${filter.total}|${filter.presence ?? ''}|${kinds}`;
}

/**
 * The two expressions of an actors connection: `total` (every match; null when `totalCount` is
 * not selected, so nothing counts) and `page` (the next
 * `first + 1` after the cursor, as `{rank, node}` in order; the extra row tells whether a next page
 * exists). Subquery expressions, so they fit a root RETURN and a nested projection alike.
 *
 * Order: the rank tier of src/search/french.ts (whole name or short name, name starting with the
 * search's words, joined name starting with it, any other match); inside a tier shorter names
 * first, then id. Unlike a Lucene score, this key depends on the actor
 * alone, so keyset cursors stay valid while actors are added.
 * `scope` is the variable of the territory to search within (or null for the whole network).
 */
export interface ActorConnectionCypher {
  total: string | null;
  page: string;
  /**
   * When set, `total` and `page` read the list `variable`, bound once to `expression` (the members of
   * a territory, found once for both: see `connectionMap`).
   */
  members?: { variable: string; expression: string };
}

/** `{total, page}` as one expression (total omitted when not counted). */
export function connectionMap(c: ActorConnectionCypher): string {
  const total = c.total === null ? '' : `\n  total: ${indent(c.total).trimStart()},`;
  const map = `{${total}
  page: ${indent(c.page).trimStart()}
}`;
  // A one-element list comprehension binds the members once for both the count and the page.
  return c.members ? `[${c.members.variable} IN [${c.members.expression}] | ${map}][0]` : map;
}

export function actorConnection(
  b: CypherBuilder,
  filter: ActorFilter,
  scope: string | null,
  plan: NodePlan,
  root = false,
): ActorConnectionCypher {
  // At the root, the filter's values get the names of ACTOR_ROOT_PARAMS, so that one text serves
  // every value of a shape (src/actors/list.ts caches it); nested, they are numbered like the rest.
  const value = (name: keyof ActorRootParams, v: unknown) => (root ? b.named(name, v) : b.param(v));
  const a = b.variable('a');
  const presence = filter.presence ?? DEFAULT_PRESENCE;
  const conditions: string[] = [];
  // `match` finds the candidates; `rank` (searches only) computes their sort key.
  let match: string;
  if (filter.search !== null) {
    const query = toSearchQuery(filter.search);
    if (query === null) throw new Error('A search without words must be dropped before building the query.');
    match = `CALL db.index.fulltext.queryNodes('actor_names', ${value('lucene', query.lucene)}) YIELD node AS ${a}`;
    conditions.push(`${a}:Actor`);
    if (scope) conditions.push(presentIn(a, scope, presence));
  } else if (scope) {
    // The union of the ways to be present yields each actor once.
    match = `${membersOf(scope, a, presence)}\nWITH ${a}`;
  } else {
    return kindPage(b, filter, a, plan, value);
  }
  // A territory is an actor only when it acts (idle régions are geography, not actors); membersOf
  // keeps only those already.
  if (filter.search !== null) conditions.push(acts(a));
  if (filter.kinds) conditions.push(`${a}.kind IN ${value('kinds', filter.kinds)}`);
  const where = (all: string[]) => (all.length ? `\nWHERE ${all.join('\n  AND ')}` : '');
  const limit = value('limit', filter.first + 1);
  const total = filter.total
    ? `COUNT {
${indent(match + where(conditions))}
  RETURN ${a}
}`
    : null;
  if (filter.search === null && scope && filter.total) {
    // The members of a territory are found once (an index look-up), then counted and paged.
    const members = b.variable('members');
    const keyset = filter.after ? `\n  WHERE ${a}.id > ${value('afterId', filter.after.id)}` : '';
    return {
      members: { variable: members, expression: `COLLECT {\n${indent(match + where(conditions))}\n  RETURN ${a}\n}` },
      total: `size(${members})`,
      page: `COLLECT {
  UNWIND ${members} AS ${a}
  WITH ${a}${keyset}
  ORDER BY ${a}.id LIMIT toInteger(${limit})
  RETURN { rank: [0, 0], node: ${projectNode(a, plan, b)} }
}`,
    };
  }
  if (filter.search === null) {
    const keyset = filter.after ? [`${a}.id > ${value('afterId', filter.after.id)}`] : [];
    const page = `COLLECT {
${indent(match + where([...conditions, ...keyset]))}
  WITH ${a} ORDER BY ${a}.id LIMIT toInteger(${limit})
  RETURN { rank: [0, 0], node: ${projectNode(a, plan, b)} }
}`;
    return { total, page };
  }
  const tier = b.variable('tier');
  const len = b.variable('len');
  const names = b.variable('names');
  const query = toSearchQuery(filter.search)!;
  const rank = [
    `WITH ${a}, coalesce(${a}.searchNames, [apoc.text.clean(${a}.name), apoc.text.clean(coalesce(${a}.shortName, ''))]) AS ${names}`,
    `WITH ${a}, ${indent(rankTier(names, '[]', value('words', query.words), value('joined', query.joined))).trimStart()} AS ${tier},`,
    `  size(${a}.name) AS ${len}`,
  ].join('\n');
  let keyset = '';
  if (filter.after) {
    const id = value('afterId', filter.after.id);
    const t = value('afterTier', filter.after.rank[0]);
    const l = value('afterLen', filter.after.rank[1]);
    keyset = `\nWHERE ${tier} > ${t} OR (${tier} = ${t} AND (${len} > ${l} OR (${len} = ${l} AND ${a}.id > ${id})))`;
  }
  const ranked = (candidates: string) => `COLLECT {
${indent(candidates + '\n' + rank + keyset)}
  WITH ${a}, ${tier}, ${len} ORDER BY ${tier}, ${len}, ${a}.id LIMIT toInteger(${limit})
  RETURN { rank: [${tier}, ${len}], node: ${projectNode(a, plan, b)} }
}`;
  if (!filter.total) return { total: null, page: ranked(match + where(conditions)) };
  // Counted too: the index is searched once, its matches kept for both the count and the page.
  const members = b.variable('members');
  return {
    members: { variable: members, expression: `COLLECT {\n${indent(match + where(conditions))}\n  RETURN ${a}\n}` },
    total: `size(${members})`,
    page: ranked(`UNWIND ${members} AS ${a}`),
  };
}

/**
 * The whole network's actors (no search, no territory), by the labels of their kinds: each label has
 * an index on id (src/neo4j/migrations.ts), so the page is an ordered index scan that stops at the
 * `first + 1`-th actor that acts, and the count is the label counts Neo4j keeps, less the idle
 * territories among them: no actor is read to count. A filter on the `kind` property read every
 * actor of the kinds, and each one's labels (`acts`), for both.
 * Sound because an actor carries the label of its kind and no other kind's (src/seed/validate.ts,
 * upsertActors); tests/synergy/article-network.test.ts walks every kind against the property filter.
 */
function kindPage(
  b: CypherBuilder,
  filter: ActorFilter,
  a: string,
  plan: NodePlan,
  value: (name: keyof ActorRootParams, v: unknown) => string,
): ActorConnectionCypher {
  const labels = filter.kinds ? [...new Set(filter.kinds.map((kind) => KIND_LABEL[kind]))].sort() : ['Actor'];
  const from = filter.after ? `${a}.id > ${value('afterId', filter.after.id)}` : `${a}.id IS NOT NULL`;
  const limit = value('limit', filter.first + 1);
  const branch = (label: string) => `MATCH (${a}:${label})
USING INDEX ${a}:${label}(id)
WHERE ${from}${label === 'Actor' ? '' : ` AND ${a}:Actor`} AND ${acts(a)}
WITH ${a} ORDER BY ${a}.id LIMIT toInteger(${limit})`;
  const candidates = labels.length === 1 ? branch(labels[0]!) : `CALL () {\n${indent(labels.map((l) => `${branch(l)}\nRETURN ${a}`).join('\nUNION\n'))}\n}\nWITH ${a} ORDER BY ${a}.id LIMIT toInteger(${limit})`;
  const page = `COLLECT {
${indent(candidates)}
  RETURN { rank: [0, 0], node: ${projectNode(a, plan, b)} }
}`;
  if (!filter.total) return { total: null, page };
  // Neo4j keeps a count per label; Region is also the level of every région, actor or not.
  const counted = (label: string) => (VIEWS.territoryLabels.includes(label) ? `COUNT { (:Actor:${label}) }` : `COUNT { (:${label}) }`);
  const idle = idleActorsCount(b.variable('t'), filter.kinds ? value('kinds', filter.kinds) : null);
  return { total: `${labels.map(counted).join(' + ')} - ${idle}`, page };
}
