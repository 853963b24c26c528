/**
 * The raw floor: the best hand-written Cypher for each benchmark shape, one query each, no GraphQL.
 * It returns the same data as `actors`, `actor { links }`, ... of our API (same order where ours
 * promises one), so the harness compares it with the two GraphQL servers.
 *
 *   RAW_QUERIES.page.cypher   // MATCH (a:Actor) WHERE a.kind = $kind ...
 *   // run with { kind: 'CLUSTER', first: 20 } -> [{ total: 4012, page: [{ id, name, kind }, ...] }]
 *
 * "Best" means what a Neo4j expert writes knowing the model: label scans or index seeks from the
 * most selective end, COUNT/COLLECT subqueries, LIMIT before projecting.
 */
export interface RawQuery {
  cypher: string;
}

/** Actor-to-actor relationship types the nested shapes read (the peer has a field per type and direction). */
export const ACTOR_LINK_TYPES = ['PARTNER_OF', 'COLLABORATES_WITH', 'MEMBER_OF'] as const;

const link = (from: string, r: string, o: string, fields: string) =>
  `{ type: type(${r}), direction: CASE WHEN startNode(${r}) = ${from} THEN 'OUT' ELSE 'IN' END, other: ${o} { ${fields} } }`;

export const RAW_QUERIES = {
  /** A page of actors of one kind, by id, and how many there are. */
  page: {
    cypher: `MATCH (a:Actor) WHERE a.kind = $kind
WITH a ORDER BY a.id LIMIT toInteger($first)
WITH collect(a { .id, .name, .kind }) AS page
RETURN COUNT { MATCH (b:Actor) WHERE b.kind = $kind } AS total, page`,
  },
  /** One actor, its actor-to-actor links and the other ends (2 levels). */
  links2: {
    cypher: `MATCH (a:Actor {id: $id})
RETURN a { .id, .name, .kind, links: COLLECT {
  MATCH (a)-[r:PARTNER_OF|COLLABORATES_WITH|MEMBER_OF]-(o)
  RETURN ${link('a', 'r', 'o', '.id, .name, .kind')}
} } AS actor`,
  },
  /** One actor, its partners, and their partners and clusters (3 levels, filtered by type). */
  links3: {
    cypher: `MATCH (a:Actor {id: $id})
RETURN a { .id, .name, links: COLLECT {
  MATCH (a)-[r:PARTNER_OF]-(o)
  RETURN { type: type(r), direction: CASE WHEN startNode(r) = a THEN 'OUT' ELSE 'IN' END, other: o { .id, .name, links: COLLECT {
    MATCH (o)-[r2:PARTNER_OF|MEMBER_OF]-(o2)
    RETURN ${link('o', 'r2', 'o2', '.id, .name, .kind')}
  } } }
} } AS actor`,
  },
  /** Full-text search on names, ranked as ours ranks (exact, prefix, other; shorter first; id). */
  search: {
    cypher: `CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node AS a
WHERE a:Actor
WITH a, apoc.text.clean(a.name) AS name, apoc.text.clean($search) AS q
WITH a, CASE WHEN name = q THEN 0 WHEN name STARTS WITH q THEN 1 ELSE 2 END AS tier, size(name) AS len
ORDER BY tier, len, a.id
WITH collect(a) AS found
RETURN size(found) AS total, [a IN found[0..toInteger($first)] | a { .id, .name }] AS page`,
  },
  /** Actors located in a commune of the département: PART_OF it, or PART_OF an EPCI PART_OF it. */
  within: {
    cypher: `MATCH (d:Department {id: $department})<-[:PART_OF*1..2]-(:Commune)<-[:LOCATED_IN]-(a:Actor)
WITH DISTINCT a ORDER BY a.id
WITH collect(a) AS found
RETURN size(found) AS total, [a IN found[0..toInteger($first)] | a { .id, .name, .kind }] AS page`,
  },
} satisfies Record<string, RawQuery>;

export type RawShape = keyof typeof RAW_QUERIES;
