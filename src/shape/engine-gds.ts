/**
 * The in-database engine, for large graphs: the actor graph projected into GDS by the Cypher of
 * actor-graph.ts, the algorithms run inside Neo4j, the projection dropped afterwards.
 *
 *   await computeWithGds(db, { within: 'region:32' }, { needs: ALL_NEEDS })
 *   // { engine: 'gds', actors: [...], degree: [...], pagerank: [...], betweennessSampleSize: 47, ... }
 *
 * Scores are brought to the conventions of node-metrics.ts (those of networkx), so that both
 * engines give the same numbers on the same graph (tests/shape/networkx.test.ts).
 *
 * Speed (docs/network-shape.md, "Performance"): only the metrics in `needs` run; the actor list is
 * read while the graph is projected; each algorithm returns its values as two lists in one record
 * (not one record per actor, nor a node lookup per actor); the actors come back as light records
 * (id, kind, name) and the caller completes only those its answer shows (`partialActors`). The
 * algorithms run two at a time, each on one thread, so that every
 * answer is repeatable: Louvain and sampled betweenness are not with several threads.
 */
import { randomUUID } from 'node:crypto';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ActorKind, type ActorRecord, isActorKind } from '../domain/records.ts';
import { type ActorGraphArgs, LINK_WEIGHTS_OF_A, MEMBERS, MEMBER_SET, TERRITORY, actorGraphParams } from './actor-graph.ts';
import { type NodeMetrics, PAGERANK } from './node-metrics.ts';
import { ALL_NEEDS, type ShapeNeeds } from './shape-needs.ts';

export interface GdsOptions {
  /** Above this many actors betweenness is estimated from a seeded sample of source actors... */
  betweennessExactMax?: number;
  /** ...of this many actors (by default from BETWEENNESS_BUDGET, see betweennessSampleSize()). */
  betweennessSampleSize?: number;
  /** What to compute (by default everything). */
  needs?: Readonly<ShapeNeeds>;
}

export const BETWEENNESS_EXACT_MAX = 5_000;
/**
 * Sampled betweenness costs one breadth-first search per source, each visiting every projected
 * (directed) relationship: the number of sources is this budget of visits over the relationship
 * count, so the time stays about constant as the graph grows (about 100 ms per source at 1M).
 */
export const BETWEENNESS_BUDGET = 100_000_000;
export const BETWEENNESS_MIN_SOURCES = 20;
export const BETWEENNESS_MAX_SOURCES = 500;
export const BETWEENNESS_SEED = 42;
/**
 * GDS PageRank stops when no score moves by more than this (raw scores average 1 per actor): well
 * below the 1e-4 the tests allow against networkx, and 40 iterations instead of 200 at 1M.
 */
export const GDS_PAGERANK_TOLERANCE = 1e-7;

/** Sources for a sampled betweenness on a projection of `directedRelationships` (2 per link). */
export function betweennessSampleSize(directedRelationships: number): number {
  const budgeted = Math.floor(BETWEENNESS_BUDGET / Math.max(1, directedRelationships));
  return Math.max(BETWEENNESS_MIN_SOURCES, Math.min(BETWEENNESS_MAX_SOURCES, budgeted));
}

// Every member with no target (so that isolated actors are projected), then every link once.
const PROJECT = `
${MEMBER_SET}
UNWIND members AS a
CALL (a, memberSet) {
  RETURN null AS b, 0 AS weight
  UNION ALL
  ${LINK_WEIGHTS_OF_A}
  RETURN b, weight
}
WITH gds.graph.project($graphName, a, b,
  {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: toFloat(weight)} END},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`;

/** The members as lists: GDS streams name nodes by their internal id. */
const ACTORS = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  RETURN collect(id(a)) AS nodeIds, collect(a.id) AS ids, collect(a.kind) AS kinds, collect(a.name) AS names
}
RETURN nodeIds, ids, kinds, names`;

const DROP = `CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName`;

type Values = { nodeIds: number[]; values: number[] };
const collected = (score: string) => `RETURN collect(nodeId) AS nodeIds, collect(${score}) AS values`;

const STREAMS = {
  component: `CALL gds.wcc.stream($graphName, {concurrency: 1}) YIELD nodeId, componentId ${collected('componentId')}`,
  degree: `CALL gds.degree.stream($graphName, {concurrency: 1}) YIELD nodeId, score ${collected('score')}`,
  pagerank: `CALL gds.pageRank.stream($graphName, {dampingFactor: $damping, maxIterations: toInteger($maxIterations),
      tolerance: $tolerance, concurrency: 1})
    YIELD nodeId, score ${collected('score')}`,
  betweenness: `CALL gds.betweenness.stream($graphName, CASE WHEN $sampled
      THEN {samplingSize: toInteger($samplingSize), samplingSeed: toInteger($samplingSeed), concurrency: 1}
      ELSE {concurrency: 1} END)
    YIELD nodeId, score ${collected('score')}`,
  clustering: `CALL gds.localClusteringCoefficient.stream($graphName, {concurrency: 1})
    YIELD nodeId, localClusteringCoefficient ${collected('localClusteringCoefficient')}`,
  articulation: `CALL gds.articulationPoints.stream($graphName) YIELD nodeId ${collected('1')}`,
  community: `CALL gds.graph.nodeProperty.stream($graphName, 'community') YIELD nodeId, propertyValue ${collected('propertyValue')}`,
};

// Louvain writes its communities into the projection and reports the partition's modularity.
// One thread makes it repeatable on the same graph (GDS Louvain takes no random seed).
const LOUVAIN = `CALL gds.louvain.mutate($graphName, {mutateProperty: 'community', relationshipWeightProperty: 'weight', concurrency: 1})
  YIELD modularity RETURN modularity`;

/** Runs the tasks `width` at a time, in the order given (longest first keeps both cores busy). */
async function inLanes(width: number, tasks: (() => Promise<void>)[]): Promise<void> {
  const queue = [...tasks];
  const lane = async () => {
    for (let task = queue.shift(); task; task = queue.shift()) await task();
  };
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, lane));
}

/** Light records: the caller completes the ones it shows (network-shape.ts). */
function lightActors(row: { ids: string[]; kinds: unknown[]; names: unknown[] }): ActorRecord[] {
  return row.ids.map((id, i) => {
    const kind = row.kinds[i];
    if (!isActorKind(kind)) throw new Error(`Node ${id} is not an actor (kind ${String(kind)})`);
    const name = String(row.names[i] ?? id);
    return { id, labels: ['Entity', 'Actor'], properties: { id, kind, name }, kind: kind as ActorKind, name };
  });
}

export async function computeWithGds(
  db: Database,
  args: ActorGraphArgs,
  options: QueryOptions & GdsOptions = {},
): Promise<NodeMetrics> {
  const needs = options.needs ?? ALL_NEEDS;
  const graphName = `shape-${randomUUID()}`;
  const q: QueryOptions = { observer: options.observer, bookmarkManager: options.bookmarkManager, timeoutMs: options.timeoutMs ?? db.budgets.gdsMs };
  const params = actorGraphParams(args);
  const [projection, members] = await Promise.all([
    db.read<{ nodeCount: number; relationshipCount: number }>(PROJECT, { ...params, graphName }, q),
    db.read<{ nodeIds: number[]; ids: string[]; kinds: unknown[]; names: unknown[] }>(ACTORS, params, q),
  ]);
  const [projected] = projection;
  const [listed] = members;
  if (!projected || !listed) {
    if (projected) await db.read(DROP, { graphName }, q).catch(() => undefined);
    throw new NotFoundError('territory', String(args.within));
  }
  try {
    // Actors in id order, as the graphology engine has them.
    const order = listed.ids.map((_, i) => i).sort((x, y) => {
      const a = listed.ids[x] as string;
      const b = listed.ids[y] as string;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const all = lightActors(listed);
    const actors = order.map((i) => all[i] as ActorRecord);
    const index = new Map<number, number>();
    order.forEach((i, position) => index.set(listed.nodeIds[i] as number, position));
    const n = actors.length;
    const values = (rows: Values[]) => {
      const out = new Array<number>(n).fill(0);
      const [row] = rows;
      if (row) row.nodeIds.forEach((nodeId, i) => (out[index.get(nodeId) as number] = row.values[i] as number));
      return out;
    };
    const zeros = () => new Array<number>(n).fill(0);

    const exactMax = options.betweennessExactMax ?? BETWEENNESS_EXACT_MAX;
    const sampled = n > exactMax;
    const sampleSize = Math.min(n, options.betweennessSampleSize ?? betweennessSampleSize(projected.relationshipCount));

    let component = zeros();
    let degree = zeros();
    let rawRank = zeros();
    let rawBetweenness = zeros();
    let clustering = zeros();
    let cuts = zeros();
    let community = zeros();
    let modularity = 0;
    const needDegree = needs.degree || needs.pagerank || needs.communities;
    const tasks: [boolean, () => Promise<void>][] = [
      [needs.betweenness, async () => {
        rawBetweenness = values(await db.read<Values>(STREAMS.betweenness, { graphName, sampled, samplingSize: sampleSize, samplingSeed: BETWEENNESS_SEED }, q));
      }],
      [needs.communities, async () => {
        const [louvain] = await db.read<{ modularity: number }>(LOUVAIN, { graphName }, q);
        modularity = louvain?.modularity ?? 0;
        community = values(await db.read<Values>(STREAMS.community, { graphName }, q));
      }],
      [needs.pagerank, async () => {
        rawRank = values(await db.read<Values>(STREAMS.pagerank, {
          graphName, damping: PAGERANK.damping, maxIterations: PAGERANK.maxIterations, tolerance: GDS_PAGERANK_TOLERANCE,
        }, q));
      }],
      [needs.clustering, async () => {
        clustering = values(await db.read<Values>(STREAMS.clustering, { graphName }, q));
      }],
      [needs.components, async () => {
        component = values(await db.read<Values>(STREAMS.component, { graphName }, q));
      }],
      [needDegree, async () => {
        degree = values(await db.read<Values>(STREAMS.degree, { graphName }, q));
      }],
      [needs.articulationPoints, async () => {
        cuts = values(await db.read<Values>(STREAMS.articulation, { graphName }, q));
      }],
    ];
    await inLanes(2, tasks.filter(([needed]) => needed).map(([, task]) => task));

    const isolated = degree.filter((d) => d === 0).length;
    // GDS PageRank is unnormalised and does not spread the share of dangling actors; divided by
    // (n - d * isolated) it is exactly networkx's (see node-metrics.ts).
    const pagerank = rawRank.map((score) => score / (n - PAGERANK.damping * isolated));
    // GDS counts each unordered pair once on an undirected graph, as networkx does before normalising
    // by 2 / ((n-1)(n-2)). A sample of k sources is scaled up by n / k.
    const scale = n > 2 ? (2 / ((n - 1) * (n - 2))) * (sampled ? n / sampleSize : 1) : 0;
    const betweenness = rawBetweenness.map((score) => score * scale);

    return {
      engine: 'gds',
      actors,
      partialActors: true,
      linkCount: projected.relationshipCount / 2,
      degree,
      component,
      pagerank,
      betweenness,
      betweennessSampled: sampled,
      betweennessSampleSize: sampled ? sampleSize : null,
      community,
      modularity,
      clustering,
      articulationPoints: cuts.flatMap((cut, i) => (cut ? [i] : [])),
    };
  } finally {
    await db.read(DROP, { graphName }, q).catch(() => undefined);
  }
}
