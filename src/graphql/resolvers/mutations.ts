/**
 * Mutations: authorise (editor role, src/access/roles.ts), plan what the selection reads back, one domain call.
 */
import { upsertActors } from '../../actors/upsert.ts';
import { removeLink, writeLink } from '../../links/write.ts';
import { authorize } from '../../access/roles.ts';
import { importUploadedFile } from '../../exchange/upload.ts';
import type { Resolvers } from '../generated/types.ts';
import { linkOtherPlanOf, nodePlanOf } from '../lookahead/plan-from-selection.ts';

export const mutationResolvers: Resolvers = {
  Mutation: {
    upsertActors: (_, { input }, ctx, info) => {
      const { subject } = authorize(ctx.principal, 'editor');
      return upsertActors(ctx.db, input, nodePlanOf(info, 'Actor', ctx.plans), subject);
    },
    link: (_, { input }, ctx, info) => {
      const { subject } = authorize(ctx.principal, 'editor');
      return writeLink(ctx.db, input, linkOtherPlanOf(info, ctx.plans), subject);
    },
    unlink: (_, { input }, ctx) => {
      const { subject } = authorize(ctx.principal, 'editor');
      return removeLink(ctx.db, input, subject);
    },
    importFile: (_, { file, dryRun }, ctx) => {
      authorize(ctx.principal, 'editor');
      // A confirmed import runs to its end even if its client hangs up: its batches are separate
      // transactions, and stopping between two would leave it half-written. (Every other mutation
      // is one transaction: stopped, it is rolled back whole.)
      return importUploadedFile(ctx.db.scoped({ signal: undefined }), file, dryRun);
    },
  },
};
