/**
 * The shape of the actor graph, assembled from an engine's per-actor values (node-metrics.ts):
 * counts, density, components, hubs, brokers, communities, clustering, articulation points.
 *
 *   summarise(metrics)
 *   // { actorCount: 3, linkCount: 2, density: 0.667, averageDegree: 1.333, componentCount: 1,
 *   //   hubsByDegree: [{ actor: utc, score: 2, rank: 1 }, ...], communities: [...], ... }
 */
import type { ActorKind, ActorRecord } from '../domain/records.ts';
import { byId } from '../domain/shared.ts';
import type { EngineName, NodeMetrics } from './node-metrics.ts';
import { ALL_NEEDS, type ShapeNeeds } from './shape-needs.ts';

export interface KindCount {
  kind: ActorKind;
  count: number;
}

export interface RankedActorRecord {
  actor: ActorRecord;
  score: number;
  rank: number;
}

export interface CommunityRecord {
  id: string;
  /** Named after its most central actor (highest PageRank). */
  name: string;
  size: number;
  countsByKind: KindCount[];
  /** Most central first, at most MAX_COMMUNITY_MEMBERS. */
  members: ActorRecord[];
}

export interface ShapeSummary {
  engine: EngineName;
  actorCount: number;
  linkCount: number;
  countsByKind: KindCount[];
  density: number;
  averageDegree: number;
  componentCount: number;
  largestComponentSize: number;
  isolated: ActorRecord[];
  hubsByDegree: RankedActorRecord[];
  hubsByPageRank: RankedActorRecord[];
  brokers: RankedActorRecord[];
  betweennessSampled: boolean;
  betweennessSampleSize: number | null;
  communities: CommunityRecord[];
  modularity: number;
  averageClustering: number;
  articulationPoints: ActorRecord[];
}

/** The longest ranking kept; the API's `first` arguments slice it. */
export const MAX_RANKED = 100;
/**
 * The most central members kept per community (its size and composition count them all): the
 * API's `members(first)` slices them. Listing all 200,000 actors of a 1M-relationship network
 * cost more than computing its shape.
 */
export const MAX_COMMUNITY_MEMBERS = 100;


export function countByKind(actors: readonly ActorRecord[]): KindCount[] {
  const counts = new Map<ActorKind, number>();
  for (const actor of actors) counts.set(actor.kind, (counts.get(actor.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((x, y) => y.count - x.count || (x.kind < y.kind ? -1 : 1));
}

/** Best first; ties broken by id so that both engines rank alike. Zero scores are not ranked. */
function rank(actors: readonly ActorRecord[], scores: readonly number[]): RankedActorRecord[] {
  return actors
    .map((actor, i) => ({ actor, score: scores[i] ?? 0 }))
    .filter((entry) => entry.score > 0)
    .sort((x, y) => y.score - x.score || byId(x.actor, y.actor))
    .slice(0, MAX_RANKED)
    .map((entry, i) => ({ ...entry, rank: i + 1 }));
}

function communities(m: NodeMetrics): CommunityRecord[] {
  const groups = new Map<number, number[]>();
  m.community.forEach((label, i) => {
    const members = groups.get(label) ?? [];
    members.push(i);
    groups.set(label, members);
  });
  const central = (i: number, j: number) =>
    (m.pagerank[j] ?? 0) - (m.pagerank[i] ?? 0) || (m.degree[j] ?? 0) - (m.degree[i] ?? 0) ||
    byId(m.actors[i] as ActorRecord, m.actors[j] as ActorRecord);
  return [...groups.values()]
    .map((indexes) => indexes.sort(central).map((i) => m.actors[i] as ActorRecord))
    .sort((x, y) => y.length - x.length || byId(x[0] as ActorRecord, y[0] as ActorRecord))
    .map((members, i) => ({
      id: `community-${i + 1}`,
      name: (members[0] as ActorRecord).name,
      size: members.length,
      countsByKind: countByKind(members),
      members: members.slice(0, MAX_COMMUNITY_MEMBERS),
    }));
}

/** What was not needed (shape-needs.ts) is left empty: nobody reads it. */
export function summarise(m: NodeMetrics, needs: Readonly<ShapeNeeds> = ALL_NEEDS): ShapeSummary {
  const n = m.actors.length;
  const l = m.linkCount;
  const componentSizes = new Map<number, number>();
  if (needs.components) for (const label of m.component) componentSizes.set(label, (componentSizes.get(label) ?? 0) + 1);
  return {
    engine: m.engine,
    actorCount: n,
    linkCount: l,
    countsByKind: countByKind(m.actors),
    density: n < 2 ? 0 : (2 * l) / (n * (n - 1)),
    averageDegree: n === 0 ? 0 : (2 * l) / n,
    componentCount: componentSizes.size,
    largestComponentSize: [...componentSizes.values()].reduce((max, size) => Math.max(max, size), 0),
    isolated: needs.degree ? m.actors.filter((_, i) => m.degree[i] === 0).sort(byId) : [],
    hubsByDegree: needs.degree ? rank(m.actors, m.degree) : [],
    hubsByPageRank: needs.pagerank ? rank(m.actors, m.pagerank) : [],
    brokers: needs.betweenness ? rank(m.actors, m.betweenness) : [],
    betweennessSampled: m.betweennessSampled,
    betweennessSampleSize: m.betweennessSampleSize,
    communities: needs.communities ? communities(m) : [],
    modularity: m.modularity,
    averageClustering: n === 0 || !needs.clustering ? 0 : m.clustering.reduce((sum, c) => sum + c, 0) / n,
    articulationPoints: needs.articulationPoints ? m.articulationPoints.map((i) => m.actors[i] as ActorRecord).sort(byId) : [],
  };
}
