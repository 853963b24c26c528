/**
 * Presence in a territory: THE definition of "this actor is in that territory", written once as
 * Cypher fragments, used by `actors(within)`, `Territory.actors`, `actorGraph`, `networkShape`,
 * `competencyGaps`, the proximity of `synergies` and coverage (docs/data-model.md, "Presence").
 *
 *   membersOf('t', 'a', 'ACTIVE')   // a CALL (t) { ... } whose rows (a) are the actors present in t
 *   presentIn('a', 't', 'SEAT')     // a predicate: is actor a present in territory t
 *   placesOf('a', 'ACTIVE')         // a list expression: the territories a is present in, every level
 *
 * An actor is present in territory T:
 * - SEAT: its seat (`LOCATED_IN` commune) is inside T; or it IS a territory inside T (an EPCI in its
 *   département, a région in itself);
 * - ACTIVE (what a user expects, the default): SEAT, or it acts there: it organised, led or took part
 *   in an event held inside T (an event is held where it or one of its parts is held: the tour is
 *   held at each of its stops), or it serves an area (`SERVES`: a chamber's, a cluster's or an
 *   agency's territory) inside T or containing T.
 * Territory containment always goes up `PART_OF` (a territory is inside itself).
 *
 * Reads go through the presence each actor stores (./stored-presence.ts keeps it, in the same
 * transaction as every write): `membersOf` and `presentIn` look it up; `definedMembersOf` walks the
 * definition itself, and the tests check that both always agree.
 *
 * A territory is an actor only when it acts (`ACTS`): a région or EPCI with a relationship other
 * than geography (PART_OF, HELD_IN, LOCATED_IN). Idle geography is never a member.
 *
 * Variables are trusted names from the caller's code, never user text. Fragments use no parameter.
 * Whatever a territory only shows (membersOf) is read from actors that act (`acts`).
 */
import { MODEL } from '../domain/model.ts';

export type Presence = 'SEAT' | 'ACTIVE';

/** The actor property holding the ids of the territories it is present in, per presence. */
const PROPERTY: Record<Presence, string> = { ACTIVE: MODEL.presence.active, SEAT: MODEL.presence.seat };

export const PRESENCES: readonly Presence[] = ['SEAT', 'ACTIVE'];
export const DEFAULT_PRESENCE: Presence = 'ACTIVE';

/** Relationships by which an actor acts at an event. */
export const ACTING_AT = 'ORGANIZED|PARTICIPATED_IN|LED';
/** How deep an event's parts go (tour > stop > workshop). */
export const EVENT_DEPTH = 2;
/** How far PART_OF goes from a commune to its région (commune > EPCI > département > région). */
const TERRITORY_DEPTH = 3;

/** Relationships that only place a node in the geography: a territory with no other one is idle. */
export const GEOGRAPHY_TYPES: readonly string[] = ['PART_OF', 'HELD_IN', 'LOCATED_IN'];

/** Predicate: `a` is an actor of the network (not an idle territory). */
export function acts(a: string): string {
  return `(NOT ${a}:Territory OR ${hasWork(a)})`;
}

const GEOGRAPHY_TYPE_LIST = `[${GEOGRAPHY_TYPES.map((t) => `'${t}'`).join(', ')}]`;

/** Predicate: `a` has a relationship other than geography. */
function hasWork(a: string): string {
  return `EXISTS { (${a})-[presenceRel]-() WHERE NOT type(presenceRel) IN ${GEOGRAPHY_TYPE_LIST} }`;
}

/**
 * `COUNT { ... }`: the idle territories among the actors whose kind is in the list `kinds` (a
 * parameter; null: every actor), which a count of actor labels includes and `acts` leaves out. Read
 * from the small `Territory(kind)` index (only territories that are actors have a kind), hinted so
 * that a new database's statistics cannot turn it into a scan of every actor of the kinds.
 */
export function idleActorsCount(t: string, kinds: string | null): string {
  const kind = kinds === null ? `${t}.kind IS NOT NULL` : `${t}.kind IN ${kinds}`;
  return `COUNT {\n  MATCH (${t}:Territory)\n  USING INDEX ${t}:Territory(kind)\n  WHERE ${kind} AND ${t}:Actor AND NOT ${hasWork(t)}\n}`;
}

/**
 * `CALL (t) { ... }` with rows (a): every actor present in t, once each, read from the stored
 * presence (an index look-up, see "Stored presence" below) plus the areas served above t. Only
 * actors that act (`acts`). Add `WHERE` on `a` after a `WITH a`. t must not be null.
 */
export function membersOf(t: string, a: string, presence: Presence): string {
  return storedMembers(t, a, `'${PROPERTY[presence]}'`, presence === 'ACTIVE' ? '' : null);
}

/**
 * The same rows, the presence chosen at run time by a parameter (`$presence`, 'SEAT' or 'ACTIVE'):
 * for queries written once as constants.
 */
export function membersOfParam(t: string, a: string, param: string): string {
  const property = `CASE ${param} WHEN 'SEAT' THEN '${PROPERTY.SEAT}' ELSE '${PROPERTY.ACTIVE}' END`;
  return storedMembers(t, a, property, `WITH ${t} WHERE ${param} = 'ACTIVE'\n  `);
}

/**
 * The stored lists hold every territory at and above the places an actor is at; an area served
 * ABOVE t (a chamber of the whole région, read from one of its communes) is the one way of being
 * present that goes down the tree, so it is read here, walking up from t (a few nodes).
 * guard: null for SEAT; '' or a WITH ... WHERE for the ACTIVE branch.
 */
function storedMembers(t: string, a: string, property: string, guard: string | null): string {
  const branches = [
    `WITH ${t} WHERE ${t} IS NOT NULL CALL db.index.fulltext.queryNodes('${MODEL.presence.index}', ${property} + ':"' + ${t}.id + '"') YIELD node AS ${a} RETURN ${a}`,
  ];
  if (guard !== null) {
    branches.push(`${guard}MATCH (${t})-[:PART_OF*1..${TERRITORY_DEPTH}]->(:Territory)<-[:SERVES]-(${a}:Actor) RETURN ${a}`);
  }
  return actingUnion(t, a, branches);
}

/** `CALL (t) { ... }`: the union of the branches (each `RETURN a`), keeping the actors that act. */
function actingUnion(t: string, a: string, branches: readonly string[]): string {
  return `CALL (${t}) {\n  CALL (${t}) {\n    ${branches.join('\n    UNION\n    ')}\n  }\n  WITH ${a} WHERE ${acts(a)}\n  RETURN ${a}\n}`;
}

/**
 * The definition itself, walked at read time: every actor present in t by the rules above. What
 * the stored presence must always equal (tests/truth/stored-presence.test.ts checks it).
 */
export function definedMembersOf(t: string, a: string, presence: Presence): string {
  const branches = [
    `MATCH (${t})<-[:PART_OF*0..${TERRITORY_DEPTH}]-(:Commune)<-[:LOCATED_IN]-(${a}:Actor) RETURN ${a}`,
    `MATCH (${t})<-[:PART_OF*0..${TERRITORY_DEPTH}]-(${a}:Actor:Territory) RETURN ${a}`,
  ];
  if (presence === 'ACTIVE') {
    branches.push(
      `MATCH (${t})<-[:PART_OF*0..${TERRITORY_DEPTH}]-(:Territory)<-[:HELD_IN]-(:Event)-[:PART_OF*0..${EVENT_DEPTH}]->(:Event)<-[:${ACTING_AT}]-(${a}:Actor) RETURN ${a}`,
      `MATCH (${t})<-[:PART_OF*0..${TERRITORY_DEPTH}]-(:Territory)<-[:SERVES]-(${a}:Actor) RETURN ${a}`,
      `MATCH (${t})-[:PART_OF*1..${TERRITORY_DEPTH}]->(:Territory)<-[:SERVES]-(${a}:Actor) RETURN ${a}`,
    );
  }
  return actingUnion(t, a, branches);
}

/** Predicate: actor `a` is present in territory `t` (stored presence, plus an area served above t). */
export function presentIn(a: string, t: string, presence: Presence): string {
  const stored = `${t}.id IN ${a}.${PROPERTY[presence]}`;
  if (presence === 'SEAT') return `(${stored})`;
  return `(${stored}\n  OR EXISTS { (${t})-[:PART_OF*1..${TERRITORY_DEPTH}]->(:Territory)<-[:SERVES]-(${a}) })`;
}

/**
 * List expression: every territory `a` is present in, at every level (its seat's commune and
 * everything above it, itself and above when it is a territory; with ACTIVE, the places of the
 * events it acted at and above, the areas it serves and above). Duplicates possible: wrap in
 * apoc.coll.toSet when it matters.
 */
export function placesOf(a: string, presence: Presence): string {
  const parts = [
    `[(${a})-[:LOCATED_IN]->(:Commune)-[:PART_OF*0..${TERRITORY_DEPTH}]->(presencePlace:Territory) | presencePlace]`,
    `[(${a})-[:PART_OF*0..${TERRITORY_DEPTH}]->(presencePlace:Territory) WHERE ${a}:Territory | presencePlace]`,
  ];
  if (presence === 'ACTIVE') {
    parts.push(
      `[(${a})-[:${ACTING_AT}]->(:Event)<-[:PART_OF*0..${EVENT_DEPTH}]-(:Event)-[:HELD_IN]->(:Territory)-[:PART_OF*0..${TERRITORY_DEPTH}]->(presencePlace:Territory) | presencePlace]`,
      `[(${a})-[:SERVES]->(:Territory)-[:PART_OF*0..${TERRITORY_DEPTH}]->(presencePlace:Territory) | presencePlace]`,
    );
  }
  return parts.join(' + ');
}

