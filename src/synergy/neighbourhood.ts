/**
 * The part of the graph where paths of at most h hops between two nodes can lie, in one Cypher
 * round trip: a breadth-first ball of radius ceil(h/2) around `from`, one of radius floor(h/2)
 * around `to`, and every relationship between the nodes of their union.
 *
 *   await fetchNeighbourhood(db, 'altytud', 'bpifrance', 4)
 *   // { fromFound: true, toFound: true, tooLarge: false, nodes: [{ node, degree }, ...], edges: [...] }
 *
 * Why this is enough: on a path of L <= h hops, the node at position i <= ceil(h/2) is within the
 * first ball and any later node within floor(h/2) of `to`, so the union holds the whole path.
 *
 * Bounded work: nodes of more than EXPAND_MAX_DEGREE relationships (hubs) are reached but not
 * expanded (the two ends always are), and relationships are fetched only from non-hub nodes (and
 * the ends). A path crossing one hub is still found when the hub is where the two balls meet, which
 * covers every single-hub path up to 4 hops; a path through two adjacent hubs, or crossing a hub
 * far from the middle of a 5- or 6-hop path, can be missed: they carry large hub penalties anyway.
 * The balls stop growing past `maxNodes` (then the answer is QUERY_TOO_COMPLEX), and the caller
 * sets a transaction timeout.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { type ProjectedNode, project } from '../domain/read-node.ts';
import { planOnce } from './budget.ts';

export interface NeighbourhoodEdge {
  start: string;
  end: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface Neighbourhood {
  fromFound: boolean;
  toFound: boolean;
  tooLarge: boolean;
  nodes: { node: ProjectedNode; degree: number }[];
  edges: NeighbourhoodEdge[];
}

/**
 * One BFS level as an expression over the state `s` = {seen: map elementId -> true, nodes, frontier}:
 * expand the frontier (hubs excepted, but the start), keep nodes not seen yet. Written as
 * expressions inside `reduce` rather than one CALL per level: the radius is then a parameter, and
 * the query plans in the time of a trivial one (the CALL-per-level version took 5 to 15 s to plan
 * on a loaded machine, eating the time budget of the first request).
 */
function level(start: 'a' | 'b'): string {
  return `CASE WHEN size(s.nodes) > $maxNodes THEN s ELSE head([next IN [apoc.coll.toSet(apoc.coll.flatten(
      [x IN s.frontier WHERE x = ${start} OR apoc.node.degree(x) <= $expandMaxDegree |
        [(x)--(n) WHERE s.seen[elementId(n)] IS NULL | n]]))] |
      {seen: apoc.map.merge(s.seen, apoc.map.fromLists([n IN next | elementId(n)], [n IN next | true])),
       nodes: s.nodes + next, frontier: next}]) END`;
}

export const NEIGHBOURHOOD = `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
WITH a, b,
  reduce(s = {seen: apoc.map.fromLists([elementId(a)], [true]), nodes: [a], frontier: [a]},
    depth IN range(1, toInteger($fromRadius)) | ${level('a')}) AS fa,
  reduce(s = {seen: apoc.map.fromLists([elementId(b)], [true]), nodes: [b], frontier: [b]},
    depth IN range(1, toInteger($toRadius)) | ${level('b')}) AS tb
WITH a, b, apoc.map.merge(fa.seen, tb.seen) AS insideSet,
  fa.nodes + [n IN tb.nodes WHERE fa.seen[elementId(n)] IS NULL] AS inside
WITH a, b, insideSet, inside, size(inside) > $maxNodes AS tooLarge
WITH a, b, inside, tooLarge, CASE WHEN tooLarge THEN [] ELSE apoc.coll.toSet(apoc.coll.flatten(
    [n IN inside WHERE n = a OR n = b OR apoc.node.degree(n) <= $expandMaxDegree |
      [(n)-[r]-(m) WHERE insideSet[elementId(m)] IS NOT NULL | r]])) END AS rels
RETURN true AS fromFound, true AS toFound, tooLarge,
  CASE WHEN tooLarge THEN [] ELSE [n IN inside | {node: ${project('n')}, degree: apoc.node.degree(n)}] END AS nodes,
  [r IN rels | {start: startNode(r).id, end: endNode(r).id, type: type(r), properties: properties(r)}] AS edges`;

const FOUND = `
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound`;

export async function fetchNeighbourhood(
  db: Database,
  from: string,
  to: string,
  maxHops: number,
  limits: { maxNodes: number; expandMaxDegree: number },
  options: QueryOptions,
): Promise<Neighbourhood> {
  const params = {
    from,
    to,
    fromRadius: Math.ceil(maxHops / 2),
    toRadius: Math.floor(maxHops / 2),
    maxNodes: limits.maxNodes,
    expandMaxDegree: limits.expandMaxDegree,
  };
  await planOnce(db, NEIGHBOURHOOD, params, options);
  const [row] = await db.read<Neighbourhood>(NEIGHBOURHOOD, params, options);
  if (row) return row;
  // No row: one of the ends does not exist; say which (rare path, a second tiny query).
  const [found] = await db.read<{ fromFound: boolean; toFound: boolean }>(FOUND, params, options);
  return { fromFound: found?.fromFound ?? false, toFound: found?.toFound ?? false, tooLarge: false, nodes: [], edges: [] };
}
