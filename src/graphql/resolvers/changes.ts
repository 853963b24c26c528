/**
 * The change record: reading it and undoing one change (editor role).
 */
import { authorize } from '../../access/roles.ts';
import { listChanges } from '../../changes/list.ts';
import { undoChange } from '../../changes/undo.ts';
import type { Resolvers } from '../generated/types.ts';

export const changeResolvers: Resolvers = {
  Query: {
    changes: async (_, args, ctx) => {
      authorize(ctx.principal, 'editor');
      const page = await listChanges(ctx.db, { actorId: args.actorId ?? null, since: args.since ?? null, first: args.first ?? null, after: args.after ?? null });
      return {
        edges: page.rows.map((row) => ({ cursor: row.cursor, node: row.change })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.rows[0]?.cursor ?? null,
          endCursor: page.rows.at(-1)?.cursor ?? null,
        },
      };
    },
  },
  Mutation: {
    undoChange: (_, { id }, ctx) => undoChange(ctx.db, id, authorize(ctx.principal, 'editor').subject),
  },
};
