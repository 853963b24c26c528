/**
 * THE actor graph: the one definition every network metric is computed on.
 *
 *   await actorGraph(db, { within: 'epci:248000747', kinds: null })
 *   // { nodes: [{ id: 'innovent-e', kind: 'INSTITUTE', ... }, ...],
 *   //   links: [{ source: 'altytud', target: 'utc', weight: 2, types: ['CO_PARTICIPATED', 'PARTNER_OF'] }, ...] }
 *
 * Nodes: the actors present in the territory (every acting actor when `within` is null, including
 * actors without a commune), optionally of some kinds.
 * Links: one undirected link per pair of distinct member actors that are related directly (any
 * relationship between the two) or took part in the same event or programme (ORGANIZED,
 * PARTICIPATED_IN, LED, SUPPORTS, MEMBER_OF, CONTINUES to the same Event or Program node), or one
 * organised an event at a part of which the other acted (the tour's organiser and a stop's host).
 * Members: the actors present in the territory (src/territories/presence.ts, ACTIVE by default);
 * a territory (région, EPCI) is an actor only when it acts.
 * weight = direct relationships + shared events + shared programmes; types = the direct relationship
 * types, plus CO_PARTICIPATED (a shared event) and CO_PROGRAM (a shared programme).
 *
 * The Cypher is written once, as fragments: the GDS engine projects exactly these rows
 * (engine-gds.ts), the graphology engine builds its graph from the same query's answer.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorKind, ActorRecord } from '../domain/records.ts';
import { VIEWS } from '../domain/model.ts';
import { byId } from '../domain/shared.ts';
import { cachedGraph } from './shape-cache.ts';
import { DEFAULT_PRESENCE, type Presence, acts, membersOfParam } from '../territories/presence.ts';

export interface ActorLinkRecord {
  source: string;
  target: string;
  weight: number;
  types: string[];
}

export interface ActorGraphRecord {
  nodes: ActorRecord[];
  links: ActorLinkRecord[];
}

export interface ActorGraphArgs {
  within?: string | null | undefined;
  kinds?: readonly ActorKind[] | null | undefined;
  /** How an actor is in `within` (default ACTIVE). */
  presence?: Presence | null | undefined;
  /** Only the `first` best-connected actors and the links among them (null: all). */
  first?: number | null | undefined;
}

/** The relationships by which an actor takes part in an event or a programme (the model registry's `participation`). */
export const PARTICIPATION_TYPES: readonly string[] = VIEWS.participationTypes;

/**
 * Rows (t): the territory, or null for the whole network; no row at all when `$within` names no
 * territory (the caller reports NOT_FOUND).
 */
export const TERRITORY = `
OPTIONAL MATCH (t:Entity:Territory {id: $within})
WITH t WHERE $within IS NULL OR t IS NOT NULL`;

/**
 * Rows (t, a): one per member actor, the actors present in t by `$presence`
 * (src/territories/presence.ts), or every acting actor when t is null; use inside `CALL (t) { ... }`
 * to keep a territory without actors.
 */
export const MEMBERS = `
CALL (t) {
  WITH t WHERE t IS NULL
  MATCH (a:Actor) WHERE ($kinds IS NULL OR a.kind IN $kinds) AND ${acts('a')}
  RETURN a
  UNION
  WITH t WHERE t IS NOT NULL
  ${membersOfParam('t', 'a', '$presence')}
  WITH a WHERE ($kinds IS NULL OR a.kind IN $kinds)
  RETURN a
}`;

/**
 * Rows (members, memberSet): the member actors, and a map from their ids to true, so that the other
 * end of a link is checked with one map lookup (re-checking its territory cost millions of hits).
 * memberSet is null for the whole network of every kind: every actor is a member, nothing to check
 * (building a 200,000-entry map and looking it up per link cost seconds at 1M relationships).
 */
export const MEMBER_SET = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  RETURN collect(a) AS members
}
WITH members, CASE WHEN $within IS NULL AND $kinds IS NULL THEN null
  ELSE apoc.map.fromLists([m IN members | m.id], [m IN members | true]) END AS memberSet`;

const PARTICIPATION = PARTICIPATION_TYPES.join('|');

/**
 * Rows (a, b, e): b organised event e and a acted at one of its parts (or the other way round):
 * the CCI de l'Aisne hosting the closing of the tour worked with InnovENT-E, which organised it.
 * Counted as a shared event (CO_PARTICIPATED). Callers narrow the pairs after WHERE.
 */
const ORGANISER_OF_WHOLE = `CALL (a) {
    MATCH (a)-[:ORGANIZED|PARTICIPATED_IN|LED]->(:Event)-[:PART_OF*1..2]->(e:Event)<-[:ORGANIZED]-(b:Actor) RETURN b, e
    UNION
    MATCH (a)-[:ORGANIZED]->(e:Event)<-[:PART_OF*1..2]-(:Event)<-[:ORGANIZED|PARTICIPATED_IN|LED]-(b:Actor) RETURN b, e
  }
  WITH a, b, e WHERE a <> b`;

/** Rows (a, b, weight, types): one per link of member `a`, from its end with the smaller id. */
export const LINKS_OF_A = `
CALL (a, memberSet) {
  MATCH (a)-[r]-(b:Actor) WHERE a.id < b.id AND (memberSet IS NULL OR memberSet[b.id])
  RETURN b, count(r) AS direct, collect(DISTINCT type(r)) AS directTypes, 0 AS events, 0 AS programs
  UNION ALL
  MATCH (a)-[:${PARTICIPATION}]->(e:Event|Program)<-[:${PARTICIPATION}]-(b:Actor)
  WHERE a.id < b.id AND (memberSet IS NULL OR memberSet[b.id])
  WITH b, e
  RETURN b, 0 AS direct, [] AS directTypes,
    count(DISTINCT CASE WHEN e:Event THEN e END) AS events,
    count(DISTINCT CASE WHEN e:Program THEN e END) AS programs
  UNION ALL
  ${ORGANISER_OF_WHOLE.replace('WHERE', 'WHERE a.id < b.id AND (memberSet IS NULL OR memberSet[b.id]) AND')}
  RETURN b, 0 AS direct, [] AS directTypes, count(DISTINCT e) AS events, 0 AS programs
}
WITH a, b, sum(direct) AS direct, sum(events) AS events, sum(programs) AS programs,
  apoc.coll.toSet(apoc.coll.flatten(collect(directTypes))) AS directTypes
WITH a, b, direct + events + programs AS weight,
  apoc.coll.sort(directTypes
    + CASE WHEN events > 0 THEN ['CO_PARTICIPATED'] ELSE [] END
    + CASE WHEN programs > 0 THEN ['CO_PROGRAM'] ELSE [] END) AS types`;

/**
 * The same links as LINKS_OF_A with their weight only, for the GDS projection: no relationship
 * types to collect, and pairs ordered by internal node id rather than by the `id` property (no
 * property read per relationship). Rows (a, b, weight): one per link of member `a`, once per pair.
 * tests/shape/networkx.test.ts checks that GDS measures exactly the graph `actorGraph` returns.
 */
export const LINK_WEIGHTS_OF_A = `
CALL (a, memberSet) {
  MATCH (a)-[r]-(b:Actor) WHERE id(a) < id(b) AND (memberSet IS NULL OR memberSet[b.id])
  RETURN b, count(r) AS weight
  UNION ALL
  MATCH (a)-[:${PARTICIPATION}]->(e:Event|Program)<-[:${PARTICIPATION}]-(b:Actor)
  WHERE id(a) < id(b) AND (memberSet IS NULL OR memberSet[b.id])
  RETURN b, count(DISTINCT e) AS weight
  UNION ALL
  ${ORGANISER_OF_WHOLE.replace('WHERE', 'WHERE id(a) < id(b) AND (memberSet IS NULL OR memberSet[b.id]) AND')}
  RETURN b, count(DISTINCT e) AS weight
}
WITH a, b, sum(weight) AS weight`;

/**
 * Rows (members, memberSet): as MEMBER_SET, the `$first` best-connected members only (most
 * relationships of any kind, read from the degree store, then by id), so that links are looked
 * for among them alone: a large territory's clique expansion (tens of links per actor) is what cost.
 */
const FIRST_MEMBER_SET = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  WITH a ORDER BY COUNT { (a)--() } DESC, a.id LIMIT toInteger($first)
  RETURN collect(a) AS members
}
WITH members, apoc.map.fromLists([m IN members | m.id], [m IN members | true]) AS memberSet`;

const graphOf = (memberSet: string) => `
${memberSet}
CALL (members, memberSet) {
  UNWIND members AS a
  ${LINKS_OF_A}
  RETURN collect({source: a.id, target: b.id, weight: weight, types: types}) AS links
}
RETURN [m IN members | ${project('m')}] AS nodes, links`;

export const ACTOR_GRAPH = graphOf(MEMBER_SET);
/** The same graph on the `$first` best-connected members (`first` given). */
export const ACTOR_GRAPH_FIRST = graphOf(FIRST_MEMBER_SET);

/** How many actors the graph has: no row when the territory does not exist. */
export const ACTOR_COUNT = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  RETURN count(a) AS actorCount
}
RETURN actorCount`;

export function actorGraphParams(args: ActorGraphArgs): Record<string, unknown> {
  // Kinds sorted: the order asked means nothing, and the cache below keys on these parameters.
  return { within: args.within ?? null, kinds: args.kinds?.length ? [...args.kinds].sort() : null, presence: args.presence ?? DEFAULT_PRESENCE };
}

/** actorGraph, cached per arguments until the data changes (src/shape/shape-cache.ts). */
export function cachedActorGraph(db: Database, args: ActorGraphArgs, options: QueryOptions = {}): Promise<ActorGraphRecord> {
  const key = JSON.stringify({ ...actorGraphParams(args), first: args.first ?? null });
  return cachedGraph(db, key, (shared) => actorGraph(shared, args, options), { observer: options.observer });
}

export async function actorGraph(db: Database, args: ActorGraphArgs, options?: QueryOptions): Promise<ActorGraphRecord> {
  const first = args.first ?? null;
  if (first !== null && (!Number.isInteger(first) || first < 0)) throw new BadInputError('`first` must be a whole number, 0 or more.', ['actorGraph', 'first']);
  const [row] = await db.read<{ nodes: ProjectedNode[]; links: ActorLinkRecord[] }>(
    first === null ? ACTOR_GRAPH : ACTOR_GRAPH_FIRST,
    { ...actorGraphParams(args), first },
    { timeoutMs: db.budgets.shapeMs, ...options },
  );
  if (!row) throw new NotFoundError('territory', String(args.within));
  const nodes = row.nodes.map(toActorRecord).sort(byId);
  return { nodes, links: row.links };
}
