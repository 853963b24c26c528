import { actorGraph } from '../../shape/actor-graph.ts';
import { networkShape } from '../../shape/network-shape.ts';
import type { Resolvers } from '../generated/types.ts';

const firstOf = <T>(list: readonly T[], first: number | null | undefined): T[] => list.slice(0, Math.max(0, first ?? list.length));

export const shapeResolvers: Resolvers = {
  Query: {
    actorGraph: (_, args, ctx) => actorGraph(ctx.db, args, { observer: ctx.observer }),
    networkShape: (_, args, ctx) => networkShape(ctx.db, args, { observer: ctx.observer }),
  },
  NetworkShape: {
    hubs: (shape, { first, by }) => firstOf(by === 'PAGERANK' ? shape.hubsByPageRank : shape.hubsByDegree, first),
    brokers: (shape, { first }) => firstOf(shape.brokers, first),
    // LEAD: competencyGaps: (shape, _, ctx) => competencyGaps(ctx.db, { within: shape.within }, { observer: ctx.observer }),
  },
  Community: {
    members: (community, { first }) => firstOf(community.members, first),
  },
  Coverage: {
    uncovered: (covered, { first }) => firstOf(covered.uncovered, first),
  },
};
