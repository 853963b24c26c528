/**
 * The in-database engine, for large graphs: the actor graph projected into GDS by the very Cypher
 * of actor-graph.ts, the algorithms run inside Neo4j, the projection dropped afterwards.
 *
 *   await computeWithGds(db, { within: 'region:32' })
 *   // { engine: 'gds', actors: [...], degree: [...], pagerank: [...], betweennessSampled: true, ... }
 *
 * Scores are brought to the conventions of node-metrics.ts (those of networkx), so that both
 * engines give the same numbers on the same graph (tests/shape/engines.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorRecord } from '../domain/records.ts';
import { type ActorGraphArgs, LINKS_OF_A, MEMBER_SET, actorGraphParams } from './actor-graph.ts';
import { type NodeMetrics, PAGERANK } from './node-metrics.ts';

export interface GdsOptions {
  /** Above this many actors betweenness is estimated from a seeded sample of source actors... */
  betweennessExactMax?: number;
  /** ...of this many actors. */
  betweennessSampleSize?: number;
}

export const BETWEENNESS_EXACT_MAX = 5_000;
/** Brandes from 500 sources costs 500 breadth-first searches whatever the graph's size. */
export const BETWEENNESS_SAMPLE_SIZE = 500;
export const BETWEENNESS_SEED = 42;

// Every member with no target (so that isolated actors are projected), then every link once.
const PROJECT = `
${MEMBER_SET}
UNWIND members AS a
CALL (a, memberSet) {
  RETURN null AS b, 0 AS weight
  UNION ALL
  ${LINKS_OF_A}
  RETURN b, weight
}
WITH gds.graph.project($graphName, a, b,
  {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: toFloat(weight)} END},
  {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.nodeCount AS nodeCount, g.relationshipCount AS relationshipCount`;

const DROP = `CALL gds.graph.drop($graphName, false) YIELD graphName RETURN graphName`;

// Each stream names the actor by id; values are merged by id in JS.
const STREAMS = {
  component: `CALL gds.wcc.stream($graphName) YIELD nodeId, componentId
    WITH gds.util.asNode(nodeId) AS n, componentId
    RETURN ${project('n')} AS actor, componentId AS value`,
  degree: `CALL gds.degree.stream($graphName) YIELD nodeId, score
    RETURN gds.util.asNode(nodeId).id AS id, score AS value`,
  pagerank: `CALL gds.pageRank.stream($graphName, {dampingFactor: $damping, maxIterations: toInteger($maxIterations), tolerance: $tolerance})
    YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score AS value`,
  betweenness: `CALL gds.betweenness.stream($graphName, CASE WHEN $sampled
      THEN {samplingSize: toInteger($samplingSize), samplingSeed: toInteger($samplingSeed), concurrency: 1} ELSE {} END)
    YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score AS value`,
  clustering: `CALL gds.localClusteringCoefficient.stream($graphName)
    YIELD nodeId, localClusteringCoefficient RETURN gds.util.asNode(nodeId).id AS id, localClusteringCoefficient AS value`,
  articulation: `CALL gds.articulationPoints.stream($graphName)
    YIELD nodeId RETURN gds.util.asNode(nodeId).id AS id, 1 AS value`,
  community: `CALL gds.graph.nodeProperty.stream($graphName, 'community')
    YIELD nodeId, propertyValue RETURN gds.util.asNode(nodeId).id AS id, propertyValue AS value`,
};

// Louvain writes its communities into the projection and reports the partition's modularity.
// One thread makes it repeatable on the same graph (GDS Louvain takes no random seed).
const LOUVAIN = `CALL gds.louvain.mutate($graphName, {mutateProperty: 'community', relationshipWeightProperty: 'weight', concurrency: 1})
  YIELD modularity RETURN modularity`;

export async function computeWithGds(
  db: Database,
  args: ActorGraphArgs,
  options: QueryOptions & GdsOptions = {},
): Promise<NodeMetrics> {
  const graphName = `shape-${randomUUID()}`;
  const q = { ...options, timeoutMs: options.timeoutMs ?? 300_000 };
  const [projected] = await db.read<{ nodeCount: number }>(PROJECT, { ...actorGraphParams(args), graphName }, q);
  if (!projected) throw new NotFoundError('territory', String(args.within));
  try {
    const components = await db.read<{ actor: ProjectedNode; value: number }>(STREAMS.component, { graphName }, q);
    const actors: ActorRecord[] = components.map((row) => toActorRecord(row.actor)).sort((x, y) => (x.id < y.id ? -1 : 1));
    const index = new Map(actors.map((actor, i) => [actor.id, i]));
    const values = (rows: { id: string; value: number }[]) => {
      const out = new Array<number>(actors.length).fill(0);
      for (const row of rows) out[index.get(row.id) as number] = row.value;
      return out;
    };
    const component = values(components.map((row) => ({ id: row.actor.id, value: row.value })));
    const n = actors.length;
    const exactMax = options.betweennessExactMax ?? BETWEENNESS_EXACT_MAX;
    const sampled = n > exactMax;
    const sampleSize = Math.min(n, options.betweennessSampleSize ?? BETWEENNESS_SAMPLE_SIZE);

    const degree = values(await db.read(STREAMS.degree, { graphName }, q));
    const rawRank = values(
      await db.read(STREAMS.pagerank, {
        graphName,
        damping: PAGERANK.damping,
        maxIterations: PAGERANK.maxIterations,
        tolerance: PAGERANK.tolerance,
      }, q),
    );
    const rawBetweenness = values(await db.read(STREAMS.betweenness, { graphName, sampled, samplingSize: sampleSize, samplingSeed: BETWEENNESS_SEED }, q));
    const clustering = values(await db.read(STREAMS.clustering, { graphName }, q));
    const cuts = values(await db.read(STREAMS.articulation, { graphName }, q));
    const [louvain] = await db.read<{ modularity: number }>(LOUVAIN, { graphName }, q);
    const community = values(await db.read(STREAMS.community, { graphName }, q));

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
      linkCount: degree.reduce((sum, d) => sum + d, 0) / 2,
      degree,
      component,
      pagerank,
      betweenness,
      betweennessSampled: sampled,
      community,
      modularity: louvain?.modularity ?? 0,
      clustering,
      articulationPoints: cuts.flatMap((cut, i) => (cut ? [i] : [])),
    };
  } finally {
    await db.read(DROP, { graphName }, q).catch(() => undefined);
  }
}
