import { findActor } from '../../actors/find.ts';
import { listActors } from '../../actors/list.ts';
import { listLinks } from '../../actors/links.ts';
import { KIND_LABEL } from '../../domain/records.ts';
import type { ActorRecord } from '../../domain/records.ts';
import type { Resolvers } from '../generated/types.ts';
import type { GraphQLContext } from '../context.ts';

const actorFields = {
  links: (actor: ActorRecord, args: { types?: string[] | null; first?: number | null }, ctx: GraphQLContext) =>
    listLinks(ctx.db, actor.id, args, { observer: ctx.observer }),
};

export const actorResolvers: Resolvers = {
  Query: {
    actor: (_, { id }, ctx) => findActor(ctx.db, id, { observer: ctx.observer }),
    actors: async (_, args, ctx) => {
      const page = await listActors(ctx.db, args, { observer: ctx.observer });
      return {
        totalCount: page.total,
        edges: page.rows.map((row) => ({ cursor: row.cursor, node: row.actor })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: Boolean(args.after),
          startCursor: page.rows[0]?.cursor ?? null,
          endCursor: page.rows.at(-1)?.cursor ?? null,
        },
      };
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
