/**
 * Actor reads. Root resolvers plan the whole selection (look-ahead) and run ONE query; relation
 * fields read what it fetched.
 */
import { findActor } from '../../actors/find.ts';
import { actorFilter, listActors } from '../../actors/list.ts';
import { KIND_LABEL } from '../../domain/records.ts';
import type { ActorRecord, LinkRecord, TerritoryRecord } from '../../domain/records.ts';
import type { Resolvers } from '../generated/types.ts';
import type { GraphQLContext } from '../context.ts';
import { actorsPlanOf, checkedConnection, nodePlanOf } from '../lookahead/plan-from-selection.ts';
import { prefetched } from '../lookahead/prefetched.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { toConnection } from './connection.ts';

const actorFields = {
  // Actors never changed through the API (seeded) have no stored version: they are at 0.
  version: (actor: ActorRecord) => (typeof actor.properties.version === 'number' ? actor.properties.version : 0),
  links: (actor: ActorRecord, _args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    prefetched<LinkRecord[]>(actor, ctx, info),
  commune: (actor: ActorRecord, _args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    prefetched<TerritoryRecord | null>(actor, ctx, info),
};

export const actorResolvers: Resolvers = {
  Query: {
    actor: (_, { id }, ctx, info) => findActor(ctx.db, id, nodePlanOf(info, 'Actor', ctx.plans)),
    actors: async (_, args, ctx, info) => {
      const { plan, total } = actorsPlanOf(info, ctx.plans);
      const filter = actorFilter({ ...args, total });
      checkedConnection(plan, filter.first);
      return toConnection(await listActors(ctx.db, filter, args.within ?? null, plan));
    },
  },
  Actor: {
    __resolveType: (actor) => KIND_LABEL[actor.kind] as never,
  },
  Institute: actorFields,
  University: actorFields,
  Company: actorFields,
  Cluster: actorFields,
  Funder: actorFields,
  Chamber: actorFields,
  LocalAuthority: actorFields,
  Region: actorFields,
};
