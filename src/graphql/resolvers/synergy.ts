import { synergyPaths } from '../../synergy/paths.ts';
import { synergies } from '../../synergy/suggestions.ts';
import { competencyGaps } from '../../synergy/gaps.ts';
import type { Resolvers } from '../generated/types.ts';

export const synergyResolvers: Resolvers = {
  Query: {
    synergyPaths: (_, args, ctx) => synergyPaths(ctx.db, args, { observer: ctx.observer }),
    synergies: (_, args, ctx) => synergies(ctx.db, args, { observer: ctx.observer }),
    competencyGaps: (_, args, ctx) => competencyGaps(ctx.db, args.within ?? null, { observer: ctx.observer }, args.presence ?? undefined),
  },
  CompetencyGap: {
    exposedCompanies: (gap, args) => gap.exposedCompanies.slice(0, Math.max(0, args.first ?? 5)),
  },
};
