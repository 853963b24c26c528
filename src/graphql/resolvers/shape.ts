import { actorGraph } from '../../shape/actor-graph.ts';
import { networkShape } from '../../shape/network-shape.ts';
import { needsOfFields } from '../../shape/shape-needs.ts';
import { competencyGaps } from '../../synergy/gaps.ts';
import type { Resolvers } from '../generated/types.ts';
import { selectedFields } from '../lookahead/plan-from-selection.ts';

const firstOf = <T>(list: readonly T[], first: number | null | undefined): T[] => list.slice(0, Math.max(0, first ?? list.length));

export const shapeResolvers: Resolvers = {
  Query: {
    actorGraph: (_, args, ctx) => actorGraph(ctx.db, args, { observer: ctx.observer }),
    // Only the metrics the client selected are computed (betweenness alone dominates at 1M).
    networkShape: (_, args, ctx, info) =>
      networkShape(ctx.db, args, { observer: ctx.observer, needs: needsOfFields(selectedFields(info, 'NetworkShape')) }),
  },
  NetworkShape: {
    hubs: (shape, { first, by }) => firstOf(by === 'PAGERANK' ? shape.hubsByPageRank : shape.hubsByDegree, first),
    brokers: (shape, { first }) => firstOf(shape.brokers, first),
    competencyGaps: (shape, _, ctx) => competencyGaps(ctx.db, shape.within, { observer: ctx.observer }, shape.presence),
  },
  Community: {
    members: (community, { first }) => firstOf(community.members, first),
  },
  Coverage: {
    uncovered: (covered, { first }) => firstOf(covered.uncovered, first),
  },
};
