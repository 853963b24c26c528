import { territoryReport } from '../../report/content.ts';
import type { Resolvers } from '../generated/types.ts';

export const reportResolvers: Resolvers = {
  Query: {
    territoryReport: (_, args, ctx) => territoryReport(ctx.db, { within: args.within, lang: args.lang }, { observer: ctx.observer }),
  },
};
