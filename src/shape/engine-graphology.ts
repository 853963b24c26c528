/**
 * The in-service engine, for small graphs: the actor graph in graphology, every metric in memory.
 *
 *   computeWithGraphology(await actorGraph(db, { within: 'epci:248000747' }))
 *   // { engine: 'graphology', actors: [...], degree: [...], pagerank: [...], ... }   (see node-metrics.ts)
 */
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { ActorGraphRecord } from './actor-graph.ts';
import { articulationPoints, clusteringCoefficients } from './local-structure.ts';
import { LOUVAIN_SEED, type NodeMetrics, PAGERANK } from './node-metrics.ts';
import { seededRandom } from '../domain/seeded-random.ts';

// These packages are CommonJS with `export default` typings: at run time the default import is the
// function itself, which TypeScript (nodenext) types as `.default`.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const betweennessCentrality = betweennessModule as unknown as typeof betweennessModule.default;
const pagerank = pagerankModule as unknown as typeof pagerankModule.default;

export function computeWithGraphology(graphRecord: ActorGraphRecord): NodeMetrics {
  const { nodes, links } = graphRecord;
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const index = new Map<string, number>();
  nodes.forEach((actor, i) => {
    graph.addNode(actor.id);
    index.set(actor.id, i);
  });
  const adjacency: number[][] = nodes.map(() => []);
  for (const link of links) {
    graph.addEdge(link.source, link.target, { weight: link.weight });
    const s = index.get(link.source) as number;
    const t = index.get(link.target) as number;
    (adjacency[s] as number[]).push(t);
    (adjacency[t] as number[]).push(s);
  }
  const ids = nodes.map((actor) => actor.id);

  const component = new Array<number>(nodes.length).fill(0);
  connectedComponents(graph).forEach((members, label) => {
    for (const id of members) component[index.get(id) as number] = label;
  });

  const ranks = nodes.length > 0 ? pagerank(graph, {
    getEdgeWeight: null,
    alpha: PAGERANK.damping,
    maxIterations: PAGERANK.maxIterations,
    tolerance: PAGERANK.tolerance,
  }) : {};
  const between = nodes.length > 0 ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true }) : {};
  // graphology leaves betweenness unscaled below three nodes, where it is 0 anyway.
  const betweenness = ids.map((id) => (nodes.length > 2 ? (between[id] ?? 0) : 0));

  const communities =
    graph.size > 0
      ? louvain.detailed(graph, { getEdgeWeight: 'weight', resolution: 1, rng: seededRandom(LOUVAIN_SEED) })
      : { communities: Object.fromEntries(ids.map((id, i) => [id, i])), modularity: 0 };

  return {
    engine: 'graphology',
    actors: nodes,
    linkCount: graph.size,
    degree: ids.map((id) => graph.degree(id)),
    component,
    pagerank: ids.map((id) => ranks[id] ?? 0),
    betweenness,
    betweennessSampled: false,
    betweennessSampleSize: null,
    community: ids.map((id) => communities.communities[id] ?? 0),
    modularity: communities.modularity,
    clustering: clusteringCoefficients(adjacency),
    articulationPoints: articulationPoints(adjacency),
  };
}
