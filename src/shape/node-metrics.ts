/**
 * What an engine computes on the actor graph: one value per actor, in the same order as `actors`.
 * Both engines (engine-graphology.ts, engine-gds.ts) fill this, with the same conventions, so the
 * shape is assembled once (network-shape.ts):
 *
 *   { engine: 'graphology', actors: [utc, altytud], linkCount: 1, degree: [1, 1], component: [0, 0],
 *     pagerank: [0.5, 0.5], betweenness: [0, 0], community: [0, 0], clustering: [0, 0], ... }
 *
 * Conventions (those of networkx, the reference of the tests):
 * - degree: number of distinct neighbours (links are undirected and unique per pair);
 * - pagerank: unweighted, damping 0.85, scores sum to 1, a dangling (isolated) actor's share is
 *   spread over every actor;
 * - betweenness: unweighted shortest paths, normalised by 2 / ((n-1)(n-2));
 * - community: Louvain on link weights, resolution 1; modularity of that partition, weighted;
 * - clustering: local clustering coefficient, unweighted, 0 below two neighbours.
 */
import type { ActorRecord } from '../domain/records.ts';

export type EngineName = 'graphology' | 'gds';

export interface NodeMetrics {
  engine: EngineName;
  actors: ActorRecord[];
  /**
   * True when `actors` carry only id, kind and name (the GDS engine): the caller completes the
   * records its answer shows (network-shape.ts).
   */
  partialActors?: boolean;
  linkCount: number;
  degree: number[];
  component: number[];
  pagerank: number[];
  betweenness: number[];
  /** True when betweenness was estimated from a seeded sample of source actors (large graphs). */
  betweennessSampled: boolean;
  /** How many source actors the sample started from (null when exact). */
  betweennessSampleSize: number | null;
  community: number[];
  modularity: number;
  clustering: number[];
  /** Indexes (into `actors`) of the actors whose removal disconnects their component. */
  articulationPoints: number[];
}

export const PAGERANK = { damping: 0.85, maxIterations: 200, tolerance: 1e-10 } as const;
/** Louvain's random choices are seeded so that the same graph gives the same communities. */
export const LOUVAIN_SEED = 42;
