import { cachedActorGraph } from '../../shape/actor-graph.ts';
import { networkShape } from '../../shape/network-shape.ts';
import { needsOfFields } from '../../shape/shape-needs.ts';
import { checkFirst } from '../../domain/shared.ts';
import { MAX_UNCOVERED } from '../../shape/coverage.ts';
import { MAX_COMMUNITY_MEMBERS, MAX_RANKED } from '../../shape/metrics.ts';
import { competencyGaps } from '../../synergy/gaps.ts';
import type { Resolvers } from '../generated/types.ts';
import { selectedFields } from '../lookahead/plan-from-selection.ts';

/** The first `first` of a list computed whole, checked like every `first` (the list holds at most `max`). */
const firstOf = <T>(list: readonly T[], first: number | null | undefined, max: number, field: string): T[] =>
  list.slice(0, checkFirst(first, { fallback: list.length, max, path: [field, 'first'] }));

export const shapeResolvers: Resolvers = {
  Query: {
    actorGraph: (_, args, ctx) => cachedActorGraph(ctx.db, args),
    // Only the metrics the client selected are computed (betweenness alone dominates at 1M).
    networkShape: (_, args, ctx, info) =>
      networkShape(ctx.db, args, { needs: needsOfFields(selectedFields(info, 'NetworkShape')) }),
  },
  NetworkShape: {
    hubs: (shape, { first, by }) => firstOf(by === 'PAGERANK' ? shape.hubsByPageRank : shape.hubsByDegree, first, MAX_RANKED, 'hubs'),
    brokers: (shape, { first }) => firstOf(shape.brokers, first, MAX_RANKED, 'brokers'),
    competencyGaps: (shape, _, ctx) => competencyGaps(ctx.db, shape.within, {}, shape.presence),
  },
  Community: {
    members: (community, { first }) => firstOf(community.members, first, MAX_COMMUNITY_MEMBERS, 'members'),
  },
  Coverage: {
    uncovered: (covered, { first }) => firstOf(covered.uncovered, first, MAX_UNCOVERED, 'uncovered'),
  },
};
