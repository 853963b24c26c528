import { synergyPaths } from '../../synergy/paths.ts';
import { synergies } from '../../synergy/suggestions.ts';
import { checkFirst } from '../../domain/shared.ts';
import { MAX_EXPOSED, competencyGaps } from '../../synergy/gaps.ts';
import type { Resolvers } from '../generated/types.ts';

export const synergyResolvers: Resolvers = {
  Query: {
    synergyPaths: (_, args, ctx) => synergyPaths(ctx.db, args),
    synergies: (_, args, ctx) => synergies(ctx.db, args),
    competencyGaps: (_, args, ctx) => competencyGaps(ctx.db, args.within ?? null, {}, args.presence ?? undefined),
  },
  CompetencyGap: {
    exposedCompanies: (gap, args) =>
      gap.exposedCompanies.slice(0, checkFirst(args.first, { fallback: 5, max: MAX_EXPOSED, path: ['exposedCompanies', 'first'] })),
  },
};
