/**
 * Partner suggestions: actors not yet linked to an actor that would make good partners, scored.
 *
 *   await synergies(db, { actorId: 'syn:company:12', kinds: ['UNIVERSITY'], first: 3 })
 *   // [{ actor: UTC, score: 0.41, reasons: [
 *   //    { factor: 'COMPETENCIES', share: 0.73, value: 0.86, weight: 0.35,
 *   //      sentence: 'teaches 2 of the 3 competencies you need: innovation, international', related: [...] },
 *   //    { factor: 'TERRITORY', share: 0.27, value: 0.3, weight: 0.2, sentence: 'is in the same région as you: Hauts-de-France', ... }] }, ...]
 *
 * One Cypher query gathers candidates (from competencies, shared neighbours and the same commune or
 * EPCI, each source capped), ranks them on an estimate of the score computed from cheap evidence,
 * and gathers the full evidence for a shortlist only; the exact score is computed here, with the
 * weights of `FACTOR_WEIGHTS` (the one place they live; docs/synergy.md explains them).
 */
import { placesOf } from '../territories/presence.ts';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorKind, ActorRecord, NodeRecord } from '../domain/records.ts';
import { VIEWS } from '../domain/model.ts';
import { checkFirst, round } from '../domain/shared.ts';
import { asTooComplex, planOnce } from './budget.ts';
import { toSynergyNode } from './records.ts';
import { FACTOR_WEIGHTS } from './weights.ts';
import { type Lang, REASON_WORDS } from './sentences.ts';

/** The words of one language's reasons. */
type Words = (typeof REASON_WORDS)[Lang];

export type SynergyFactor = 'COMPETENCIES' | 'SHARED_PARTNERS' | 'TERRITORY' | 'SHARED_EVENTS' | 'BRIDGE' | 'CAPACITY' | 'RECENCY';

/** Fitted on training data only; weights.ts says how. */
export { FACTOR_WEIGHTS };

/** Working ties at which CAPACITY counts fully (ln(1 + n) / ln(1 + 32)). */
export const CAPACITY_FULL = 32;
/** Ties formed within this many months before the request count as recent... */
export const RECENT_MONTHS = 24;
/** ...and this many of them make RECENCY count fully (ln(1 + n) / ln(1 + 8)). */
export const RECENCY_FULL = 8;

/** Territorial proximity by the finest territory both share (the model registry's `proximity`). */
export const PROXIMITY: Readonly<Record<string, number>> = VIEWS.proximityByLabel;

export const MAX_SUGGESTIONS = 100;

export interface SuggestionLimits {
  /** Candidates each source (competencies, neighbours, territory) may bring. */
  poolSize: number;
  /**
   * Relationships read from each competency (its teachers or the SMEs needing it) and each commune
   * (its actors) to find candidates: what keeps a request's work from growing with the graph.
   */
  scanPerHub: number;
  /** Neighbours with more relationships are not walked to find candidates (a région, a ministry). */
  maxNeighbourDegree: number;
  /** Candidates, best estimates first, whose full evidence is gathered and scored (at least 2 x `first`). */
  shortlist: number;
  /** Transaction timeout of the one query; default the SUGGESTIONS_TIMEOUT_MS budget. */
  timeoutMs?: number;
  /** The factor weights; default the fitted ones of weights.ts (a test pins its own to study the shortlist). */
  weights?: Readonly<Record<SynergyFactor, number>>;
}

export const DEFAULT_SUGGESTION_LIMITS: SuggestionLimits = { poolSize: 150, scanPerHub: 200, maxNeighbourDegree: 500, shortlist: 20 };

export interface SynergyReasonRecord {
  factor: SynergyFactor;
  share: number;
  value: number;
  weight: number;
  sentence: string;
  related: NodeRecord[];
}

export interface SynergyRecord {
  actor: ActorRecord;
  score: number;
  reasons: SynergyReasonRecord[];
}

/** The territory labels as a Cypher list (fixed names from the model registry, no user value). */
const TERRITORY_LABELS = `[${VIEWS.territoryLabelsByRank.map((l) => `'${l}'`).join(', ')}]`;

/** Relationship types that are not working ties (they do not count as a network to bridge). */
const NOT_WORKING = VIEWS.notWorkingTypes;

/**
 * One round trip in two stages (exported for the benchmark, which profiles it).
 *
 * Stage 1, for every candidate the capped sources bring: one walk of the candidate's own
 * relationships gives its teachings, needs, communes, working ties and whether it is already linked;
 * its communes' territories are looked up once per distinct commune; with the Adamic-Adar sums the
 * neighbour source computed on its way, that gives an estimate of the score: the formula of `score`
 * below, with the same weights (passed as parameters). Stage 2, for the `$shortlist` best estimates
 * only: the nodes the sentences name and the shared neighbours counted through hubs too, from which
 * `score` computes the exact score. The estimate differs from the score only for a candidate sharing
 * a neighbour of more than `maxNeighbourDegree` relationships, or sharing neighbours but left out by
 * the neighbour source's cap: those shared neighbours are missed, and a bridge part (at most 0.1)
 * may be counted instead; the shortlist's margin over `first` absorbs that.
 *
 * Work per request is bounded whatever the graph's size: the competency and commune sources read at
 * most `scanPerHub` relationships per competency and per neighbouring commune (the actor's own
 * commune is read whole), every source brings at most `poolSize` candidates, and only the shortlist
 * is projected and sent back.
 */
export const SUGGEST = `
OPTIONAL MATCH (x:Entity:Actor {id: $id})
WITH x,
  [(x)-[r:NEEDS]->(k:Competency) | {k: k, weight: coalesce(r.weight, 1.0)}] AS myNeeds,
  [(x)-[:TEACHES]->(k:Competency) | k] AS myTeaches,
  [p IN [t IN ${placeNodes('x')} | {t: t, level: ${level('t')}}] | {t: p.t, level: p.level, proximity: coalesce($proximity[p.level], 0.0)}] AS myPlaces,
  COUNT { (x)-[r]-() WHERE NOT type(r) IN $notWorking } AS workingDegree
CALL (x, myNeeds, myTeaches, myPlaces, workingDegree) {
  CALL (myPlaces) {
    UNWIND myPlaces AS p
    WITH p.t AS place, p.proximity AS proximity WHERE proximity >= 0.6
    MATCH (place)<-[:PART_OF*0..3]-(commune:Commune)
    WITH commune, max(proximity) AS proximity
    RETURN apoc.map.fromLists(collect(elementId(commune)), collect(proximity)) AS nearby
  }
  CALL (x, nearby, myNeeds) {
    MATCH (x)--(m)
    WHERE (m:Actor OR m:Person OR m:Event OR m:Program) AND NOT m:Territory
    WITH DISTINCT x, m, COUNT { (m)--() } AS degree WHERE degree <= $maxNeighbourDegree
    MATCH (m)--(c:Actor)
    WHERE c <> x AND ($kinds IS NULL OR c.kind IN $kinds)
    WITH DISTINCT c, m, 1.0 / log(CASE WHEN degree < 2 THEN 2 ELSE degree END) AS aa
    WITH c, sum(CASE WHEN m:Event OR m:Program THEN 0.0 ELSE aa END) AS aaPartners,
      sum(CASE WHEN m:Event OR m:Program THEN aa ELSE 0.0 END) AS aaEvents
    ORDER BY aaPartners + aaEvents DESC, c.id LIMIT toInteger($poolSize)
    RETURN c, aaPartners, aaEvents
    UNION ALL
    MATCH (x)-[need:NEEDS]->(k:Competency)
    WITH nearby, k, coalesce(need.weight, 1.0) AS weight, reduce(s = 0.0, e IN myNeeds | s + e.weight) AS total
    WITH nearby, k, CASE WHEN total > 0 THEN weight / total ELSE 0.0 END AS weight
    CALL (k) { MATCH (k)<-[:TEACHES]-(c) RETURN c LIMIT toInteger($scanPerHub) }
    WITH nearby, c, weight WHERE c:Actor AND ($kinds IS NULL OR c.kind IN $kinds)
    WITH nearby, c, sum(weight) AS covered
    WITH c, covered, reduce(best = 0.0, commune IN [(c)-[:LOCATED_IN]->(commune:Commune) | commune] |
      CASE WHEN coalesce(nearby[elementId(commune)], 0.0) > best THEN nearby[elementId(commune)] ELSE best END) AS near
    ORDER BY $weights.COMPETENCIES * covered + $weights.TERRITORY * near DESC, c.id LIMIT toInteger($poolSize)
    RETURN c, 0.0 AS aaPartners, 0.0 AS aaEvents
    UNION ALL
    MATCH (x)-[:TEACHES]->(k:Competency)
    CALL (k) { MATCH (k)<-[:NEEDS]-(c) RETURN c LIMIT toInteger($scanPerHub) }
    WITH c WHERE c:Actor AND ($kinds IS NULL OR c.kind IN $kinds)
    WITH c, count(*) AS shared ORDER BY shared DESC, c.id LIMIT toInteger($poolSize)
    RETURN c, 0.0 AS aaPartners, 0.0 AS aaEvents
    UNION ALL
    MATCH (x)-[:LOCATED_IN]->(:Commune)<-[:LOCATED_IN]-(c:Actor)
    WHERE c <> x AND ($kinds IS NULL OR c.kind IN $kinds)
    WITH DISTINCT c ORDER BY c.id LIMIT toInteger($poolSize)
    RETURN c, 0.0 AS aaPartners, 0.0 AS aaEvents
    UNION ALL
    MATCH (x)-[:LOCATED_IN]->(home:Commune)-[:PART_OF]->(:Epci)<-[:PART_OF]-(commune:Commune)
    WHERE commune <> home
    WITH DISTINCT x, commune
    CALL (commune) { MATCH (commune)<-[:LOCATED_IN]-(c) RETURN c LIMIT toInteger($scanPerHub) }
    WITH x, c WHERE c <> x AND c:Actor AND ($kinds IS NULL OR c.kind IN $kinds)
    WITH DISTINCT c ORDER BY c.id LIMIT toInteger($poolSize)
    RETURN c, 0.0 AS aaPartners, 0.0 AS aaEvents
  }
  WITH x, myNeeds, myTeaches, myPlaces, workingDegree, c, max(aaPartners) AS aaPartners, max(aaEvents) AS aaEvents
  WITH *, [(c)-[r]-(n) | {type: type(r), n: n, r: r}] AS ties
  WHERE none(tie IN ties WHERE tie.n = x)
  WITH x, myNeeds, myTeaches, myPlaces, workingDegree, collect({
    c: c, aaPartners: aaPartners, aaEvents: aaEvents, ties: ties,
    communes: [commune IN [tie IN ties WHERE tie.type = 'LOCATED_IN' | tie.n] WHERE commune:Commune]
  }) AS pool
  CALL (pool, myPlaces) {
    UNWIND pool AS candidate
    UNWIND candidate.communes AS commune
    WITH DISTINCT commune
    WITH commune, [(commune)-[:PART_OF*0..3]->(t:Territory) | t] AS above
    RETURN apoc.map.fromLists(
      collect(elementId(commune)),
      collect(reduce(best = 0.0, p IN myPlaces | CASE WHEN p.t IN above AND p.proximity > best THEN p.proximity ELSE best END))
    ) AS nearness
  }
  UNWIND pool AS candidate
  WITH x, myNeeds, myTeaches, myPlaces, workingDegree, nearness, candidate.c AS c, candidate.ties AS ties,
    candidate.communes AS communes, candidate.aaPartners AS aaPartners, candidate.aaEvents AS aaEvents
  WITH *,
    [k IN [tie IN ties WHERE tie.type = 'TEACHES' | tie.n] WHERE k:Competency] AS theyTeach,
    [tie IN ties WHERE tie.type = 'NEEDS' AND head([k IN [tie.n] WHERE k:Competency | true]) | {n: tie.n, weight: coalesce(tie.r.weight, 1.0)}] AS theyNeed,
    size([tie IN ties WHERE NOT tie.type IN $notWorking]) AS theirWorking,
    size([tie IN ties WHERE NOT tie.type IN $notWorking AND coalesce(tie.r.date, toString(toInteger(tie.r.since)) + '-07', '') >= $recentSince
      AND coalesce(tie.r.date, toString(toInteger(tie.r.since)) + '-07', '') <= $asOf]) AS recentTies,
    apoc.coll.toSet(${placesOf('c', 'ACTIVE')}) AS above
  WITH *,
    reduce(best = reduce(b = 0.0, commune IN communes | CASE WHEN nearness[elementId(commune)] > b THEN nearness[elementId(commune)] ELSE b END),
      p IN myPlaces | CASE WHEN p.t IN above AND p.proximity > best THEN p.proximity ELSE best END) AS proximity
  WITH *,
    reduce(s = 0.0, e IN myNeeds | s + e.weight) AS myTotal,
    reduce(s = 0.0, e IN theyNeed | s + e.weight) AS theirTotal,
    CASE WHEN workingDegree < theirWorking THEN workingDegree ELSE theirWorking END AS reach
  WITH *,
    CASE WHEN myTotal > 0 THEN reduce(s = 0.0, e IN myNeeds | s + CASE WHEN e.k IN theyTeach THEN e.weight ELSE 0.0 END) / myTotal ELSE 0.0 END AS forward,
    CASE WHEN theirTotal > 0 THEN reduce(s = 0.0, e IN theyNeed | s + CASE WHEN e.n IN myTeaches THEN e.weight ELSE 0.0 END) / theirTotal ELSE 0.0 END AS reverse
  WITH *,
    $weights.COMPETENCIES * CASE WHEN forward > reverse THEN forward ELSE reverse END
      + $weights.SHARED_PARTNERS * aaPartners / (1 + aaPartners)
      + $weights.TERRITORY * proximity
      + $weights.SHARED_EVENTS * aaEvents / (1 + aaEvents)
      + CASE WHEN aaPartners + aaEvents = 0 AND reach >= 2
          THEN $weights.BRIDGE * CASE WHEN reach >= 16 THEN 1.0 ELSE log(1 + reach) / log(17) END ELSE 0.0 END
      + $weights.CAPACITY * CASE WHEN theirWorking >= $capacityFull THEN 1.0 ELSE log(1 + theirWorking) / log(1 + $capacityFull) END
      + $weights.RECENCY * CASE WHEN recentTies >= $recencyFull THEN 1.0 ELSE log(1 + recentTies) / log(1 + $recencyFull) END AS estimate
  ORDER BY estimate DESC, c.id LIMIT toInteger($shortlist)
  RETURN collect({
    actor: ${project('c')},
    needs: [e IN theyNeed | {node: ${projected('e.n')}, weight: e.weight}],
    teaches: [k IN theyTeach | k.id],
    places: [t IN apoc.coll.toSet(apoc.coll.flatten([commune IN communes | [(commune)-[:PART_OF*0..3]->(t:Territory) | t]]) + above) |
      {node: ${project('t')}, level: ${level('t')}}],
    common: COLLECT {
      MATCH (x)--(m)--(c)
      WHERE (m:Actor OR m:Person OR m:Event OR m:Program) AND NOT m:Territory
      RETURN DISTINCT {node: ${project('m')}, degree: COUNT { (m)--() }}
    },
    workingDegree: theirWorking,
    recentTies: recentTies,
    estimate: estimate
  }) AS candidates
}
RETURN x IS NOT NULL AS found,
  [e IN myNeeds | {node: ${projected('e.k')}, weight: e.weight}] AS needs,
  [k IN myTeaches | ${project('k')}] AS teaches,
  [p IN myPlaces | {node: ${projected('p.t')}, level: p.level}] AS places,
  workingDegree,
  candidates`;

/** The territories an actor is present in (src/territories/presence.ts, ACTIVE), itself too when it is one. */
function placeNodes(v: string): string {
  return `apoc.coll.toSet(${placesOf(v, 'ACTIVE')})`;
}

/** A node as \`project\` gives it, from an expression (a map projection needs a variable). */
function projected(expression: string): string {
  return `apoc.map.setKey(properties(${expression}), 'labels', labels(${expression}))`;
}

/** The level of a territory, a key of PROXIMITY. */
function level(v: string): string {
  return `head([l IN labels(${v}) WHERE l IN ${TERRITORY_LABELS}])`;
}

interface Need {
  node: ProjectedNode;
  weight: number;
}
interface Place {
  node: ProjectedNode;
  level: string | null;
}
interface Neighbour {
  node: ProjectedNode;
  degree: number;
}
interface Candidate {
  actor: ProjectedNode;
  needs: Need[];
  teaches: string[];
  places: Place[];
  common: Neighbour[];
  workingDegree: number;
  recentTies: number;
  estimate: number;
}
interface Row {
  found: boolean;
  needs: Need[];
  teaches: ProjectedNode[];
  places: Place[];
  workingDegree: number;
  candidates: Candidate[];
}

export interface SynergiesArgs {
  actorId: string;
  kinds?: readonly ActorKind[] | null | undefined;
  first?: number | null | undefined;
  /** The month (`YYYY-MM`) RECENCY counts back from: this month unless a benchmark replays the past. */
  asOf?: string | undefined;
  /** The reasons' language; English when absent. */
  lang?: Lang | null | undefined;
}

function monthsBefore(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The parameters of `SUGGEST` for a request (exported for the benchmark, which profiles the query). */
export function suggestionParams(args: SynergiesArgs, limits: SuggestionLimits = DEFAULT_SUGGESTION_LIMITS): Record<string, unknown> {
  const first = checkFirst(args.first, { fallback: 10, max: MAX_SUGGESTIONS, path: ['first'] });
  const asOf = args.asOf ?? new Date().toISOString().slice(0, 7);
  return {
    id: args.actorId,
    kinds: args.kinds?.length ? args.kinds : null,
    poolSize: limits.poolSize,
    scanPerHub: limits.scanPerHub,
    maxNeighbourDegree: limits.maxNeighbourDegree,
    // A margin over `first`: the estimate misses shared hubs, so the exact order may differ a little.
    shortlist: Math.max(limits.shortlist, 2 * first),
    notWorking: NOT_WORKING,
    weights: limits.weights ?? FACTOR_WEIGHTS,
    proximity: PROXIMITY,
    capacityFull: CAPACITY_FULL,
    recencyFull: RECENCY_FULL,
    // Dates compare as text: '2023-05-12' and '2023-05' both sort inside May 2023.
    asOf: `${asOf}-31`,
    recentSince: monthsBefore(asOf, RECENT_MONTHS),
  };
}

export async function synergies(
  db: Database,
  args: SynergiesArgs,
  options: QueryOptions = {},
  limits: SuggestionLimits = DEFAULT_SUGGESTION_LIMITS,
): Promise<SynergyRecord[]> {
  const first = args.first ?? 10;
  return (await estimatesAndScores(db, args, options, limits))
    .map((c) => c.synergy)
    .filter((synergy) => synergy.score > 0)
    .sort((a, b) => b.score - a.score || (a.actor.id < b.actor.id ? -1 : 1))
    .slice(0, first);
}

/**
 * Every shortlisted candidate with the query's estimate beside the exact score (exported for the
 * test that checks they agree, and for the benchmark).
 */
export async function estimatesAndScores(
  db: Database,
  args: SynergiesArgs,
  options: QueryOptions = {},
  limits: SuggestionLimits = DEFAULT_SUGGESTION_LIMITS,
): Promise<{ estimate: number; values: Record<SynergyFactor, number>; synergy: SynergyRecord }[]> {
  const params = suggestionParams(args, limits);
  await planOnce(db, SUGGEST, params, options);
  const [row] = await db
    .read<Row>(SUGGEST, params, { ...options, timeoutMs: limits.timeoutMs ?? db.budgets.suggestionsMs })
    .catch((error: unknown) => {
      throw asTooComplex(error, 'Finding partners for this actor took too long.');
    });
  if (!row?.found) throw new NotFoundError('actor', args.actorId);
  const weights = limits.weights ?? FACTOR_WEIGHTS;
  const words = REASON_WORDS[args.lang ?? 'EN'];
  return row.candidates.map((candidate) => ({
    estimate: candidate.estimate,
    values: factorValues(row, candidate, words),
    synergy: score(row, candidate, weights, words),
  }));
}

/** Adamic-Adar: a neighbour shared with few others says more than one shared with everyone. */
function adamicAdar(neighbours: readonly Neighbour[]): number {
  return neighbours.reduce((sum, n) => sum + 1 / Math.log(Math.max(2, n.degree)), 0);
}

/** Maps an unbounded sum to 0..1: one shared partner of degree 2 gives 0.59, of degree 10, 0.30. */
const saturate = (value: number): number => value / (1 + value);

function list(w: Words, nodes: readonly NodeRecord[], max = 5): string {
  const names = nodes.slice(0, max).map(w.name);
  return nodes.length > max ? `${names.join(', ')}, ...` : names.join(', ');
}


interface Factor {
  factor: SynergyFactor;
  value: number;
  sentence: string;
  related: NodeRecord[];
}

function byWeightThenName(a: Need, b: Need): number {
  return b.weight - a.weight || String(a.node.name).localeCompare(String(b.node.name)) || (a.node.id < b.node.id ? -1 : 1);
}

function competencies(me: Row, other: Candidate, w: Words): Factor | undefined {
  const theyTeach = new Set(other.teaches);
  const myTotal = me.needs.reduce((sum, n) => sum + n.weight, 0);
  const served = me.needs.filter((n) => theyTeach.has(n.node.id)).sort(byWeightThenName);
  const forward = myTotal > 0 ? served.reduce((sum, n) => sum + n.weight, 0) / myTotal : 0;

  const iTeach = new Set(me.teaches.map((t) => t.id));
  const theirTotal = other.needs.reduce((sum, n) => sum + n.weight, 0);
  const serving = other.needs.filter((n) => iTeach.has(n.node.id)).sort(byWeightThenName);
  const reverse = theirTotal > 0 ? serving.reduce((sum, n) => sum + n.weight, 0) / theirTotal : 0;

  if (forward === 0 && reverse === 0) return undefined;
  const servedNodes = served.map((n) => toSynergyNode(n.node));
  const servingNodes = serving.map((n) => toSynergyNode(n.node));
  const parts: string[] = [];
  if (forward > 0) {
    parts.push(w.teaches(served.length, me.needs.length, list(w, servedNodes)));
  }
  if (reverse > 0) {
    parts.push(w.needs(serving.length, other.needs.length, list(w, servingNodes)));
  }
  return {
    factor: 'COMPETENCIES',
    value: Math.max(forward, reverse),
    sentence: parts.join(w.and),
    related: [...servedNodes, ...servingNodes.filter((n) => !servedNodes.some((s) => s.id === n.id))],
  };
}

function isEventLike(n: Neighbour): boolean {
  return n.node.labels.includes('Event') || n.node.labels.includes('Program');
}

function sharedPartners(other: Candidate, w: Words): Factor | undefined {
  const shared = other.common.filter((n) => !isEventLike(n)).sort(byDegreeThenId);
  if (shared.length === 0) return undefined;
  const related = shared.map((n) => toSynergyNode(n.node));
  return {
    factor: 'SHARED_PARTNERS',
    value: saturate(adamicAdar(shared)),
    sentence: w.partners(shared.length, list(w, related)),
    related,
  };
}

function sharedEvents(other: Candidate, w: Words): Factor | undefined {
  const shared = other.common.filter(isEventLike).sort(byDegreeThenId);
  if (shared.length === 0) return undefined;
  const related = shared.map((n) => toSynergyNode(n.node));
  return {
    factor: 'SHARED_EVENTS',
    value: saturate(adamicAdar(shared)),
    sentence: w.events(shared.length, list(w, related)),
    related,
  };
}

function byDegreeThenId(a: Neighbour, b: Neighbour): number {
  return a.degree - b.degree || (a.node.id < b.node.id ? -1 : 1);
}

function territory(me: Row, other: Candidate, w: Words): Factor | undefined {
  const mine = new Set(me.places.map((p) => p.node.id));
  let best: Place | undefined;
  for (const place of other.places) {
    if (!mine.has(place.node.id) || !place.level) continue;
    if (!best || (PROXIMITY[place.level] ?? 0) > (PROXIMITY[best.level ?? ''] ?? 0)) best = place;
  }
  if (!best?.level) return undefined;
  const node = toSynergyNode(best.node);
  return {
    factor: 'TERRITORY',
    value: PROXIMITY[best.level] ?? 0,
    sentence: w.territory(w.levels[best.level], w.name(node)),
    related: [node],
  };
}

/**
 * Bridging two communities, approximated without a community detection per request: the two
 * share no partner and no event (so they sit in different groups) and both are connected to a
 * group (working ties), the more the better; 16 ties each count fully.
 */
function bridge(me: Row, other: Candidate, w: Words): Factor | undefined {
  if (other.common.length > 0 || me.workingDegree < 2 || other.workingDegree < 2) return undefined;
  const reach = Math.min(me.workingDegree, other.workingDegree);
  return {
    factor: 'BRIDGE',
    value: Math.min(1, Math.log(1 + reach) / Math.log(17)),
    sentence: w.bridge(me.workingDegree, other.workingDegree),
    related: [],
  };
}

/** A candidate that already works with many partners: used to partnering, and known to have room for it. */
function capacity(other: Candidate, w: Words): Factor | undefined {
  const ties = other.workingDegree;
  if (ties === 0) return undefined;
  return {
    factor: 'CAPACITY',
    value: Math.min(1, Math.log(1 + ties) / Math.log(1 + CAPACITY_FULL)),
    sentence: w.capacity(ties),
    related: [],
  };
}

/** A candidate that formed ties lately is active now. */
function recency(other: Candidate, w: Words): Factor | undefined {
  const recent = other.recentTies;
  if (recent === 0) return undefined;
  return {
    factor: 'RECENCY',
    value: Math.min(1, Math.log(1 + recent) / Math.log(1 + RECENCY_FULL)),
    sentence: w.recency(recent, RECENT_MONTHS),
    related: [],
  };
}

function allFactors(me: Row, other: Candidate, w: Words): (Factor | undefined)[] {
  return [
    competencies(me, other, w),
    sharedPartners(other, w),
    territory(me, other, w),
    sharedEvents(other, w),
    bridge(me, other, w),
    capacity(other, w),
    recency(other, w),
  ];
}

/** Every factor's value, weighted or not (what the weights are fitted on). */
function factorValues(me: Row, other: Candidate, w: Words): Record<SynergyFactor, number> {
  const values = Object.fromEntries(Object.keys(FACTOR_WEIGHTS).map((f) => [f, 0])) as Record<SynergyFactor, number>;
  for (const f of allFactors(me, other, w)) if (f) values[f.factor] = f.value;
  return values;
}

function score(me: Row, other: Candidate, weights: Readonly<Record<SynergyFactor, number>>, w: Words): SynergyRecord {
  const factors = allFactors(me, other, w)
    .filter((f): f is Factor => f !== undefined && f.value > 0 && weights[f.factor] > 0);
  const total = factors.reduce((sum, f) => sum + weights[f.factor] * f.value, 0);
  const reasons = factors
    .map((f) => ({
      factor: f.factor,
      value: round(f.value, 4),
      weight: weights[f.factor],
      share: round((weights[f.factor] * f.value) / total, 4),
      sentence: f.sentence,
      related: f.related,
    }))
    .sort((a, b) => b.share - a.share);
  return { actor: toActorRecord(other.actor), score: round(total, 4), reasons };
}
