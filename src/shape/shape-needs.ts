/**
 * What a networkShape call must compute, read from the fields the client selected: an expensive
 * metric nobody asked for is not computed (sampled betweenness alone was most of the time at 1M).
 *
 *   needsOfFields([{ name: 'actorCount', args: {} }, { name: 'hubs', args: { by: 'PAGERANK' } }])
 *   // { components: false, degree: false, pagerank: true, betweenness: false, communities: false,
 *   //   clustering: false, articulationPoints: false, coverage: false, innovationExport: false }
 *
 * Counts (actorCount, linkCount, countsByKind, density, averageDegree) and the engine are always
 * there: they come with the graph itself.
 */

export interface ShapeNeeds {
  components: boolean;
  degree: boolean;
  pagerank: boolean;
  betweenness: boolean;
  communities: boolean;
  clustering: boolean;
  articulationPoints: boolean;
  coverage: boolean;
  innovationExport: boolean;
}

export const ALL_NEEDS: Readonly<ShapeNeeds> = {
  components: true,
  degree: true,
  pagerank: true,
  betweenness: true,
  communities: true,
  clustering: true,
  articulationPoints: true,
  coverage: true,
  innovationExport: true,
};

export const NO_NEEDS: Readonly<ShapeNeeds> = {
  components: false,
  degree: false,
  pagerank: false,
  betweenness: false,
  communities: false,
  clustering: false,
  articulationPoints: false,
  coverage: false,
  innovationExport: false,
};

/** NetworkShape field -> what it needs (fields not listed need only the graph). */
const FIELD_NEEDS: Record<string, (args: Record<string, unknown>) => (keyof ShapeNeeds)[]> = {
  componentCount: () => ['components'],
  largestComponentSize: () => ['components'],
  isolated: () => ['degree'],
  hubs: (args) => [args.by === 'PAGERANK' ? 'pagerank' : 'degree'],
  brokers: () => ['betweenness'],
  betweennessSampled: () => ['betweenness'],
  betweennessSampleSize: () => ['betweenness'],
  // Communities are named after, and list members by, PageRank (then degree).
  communities: () => ['communities', 'pagerank', 'degree'],
  modularity: () => ['communities'],
  averageClustering: () => ['clustering'],
  articulationPoints: () => ['articulationPoints'],
  coverage: () => ['coverage'],
  innovationExport: () => ['innovationExport'],
};

export function needsOfFields(fields: readonly { name: string; args: Record<string, unknown> }[]): ShapeNeeds {
  const needs: ShapeNeeds = { ...NO_NEEDS };
  for (const field of fields) for (const need of FIELD_NEEDS[field.name]?.(field.args) ?? []) needs[need] = true;
  return needs;
}

/** A stable text key (for the cache): the names of what is needed. */
export function needsKey(needs: Readonly<ShapeNeeds>): string {
  return (Object.keys(needs) as (keyof ShapeNeeds)[]).filter((k) => needs[k]).join(',');
}
