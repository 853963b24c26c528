import { synergyPaths } from '../../synergy/paths.ts';
import { synergies } from '../../synergy/suggestions.ts';
import { checkFirst } from '../../domain/shared.ts';
import { MAX_EXPOSED, competencyGaps } from '../../synergy/gaps.ts';
import { type Lang, langOfAcceptLanguage } from '../../synergy/sentences.ts';
import type { GraphQLContext } from '../context.ts';
import type { Resolvers } from '../generated/types.ts';

/** The field's `lang`, else the request's Accept-Language (yoga puts the request in the context), else English. */
function langOf(lang: Lang | null | undefined, ctx: GraphQLContext): Lang {
  const request = (ctx as GraphQLContext & { request?: Request }).request;
  return lang ?? langOfAcceptLanguage(request?.headers.get('accept-language')) ?? 'EN';
}

export const synergyResolvers: Resolvers = {
  Query: {
    synergyPaths: (_, args, ctx) => synergyPaths(ctx.db, { ...args, lang: langOf(args.lang, ctx) }),
    synergies: (_, args, ctx) => synergies(ctx.db, { ...args, lang: langOf(args.lang, ctx) }),
    competencyGaps: (_, args, ctx) => competencyGaps(ctx.db, args.within ?? null, {}, args.presence ?? undefined),
  },
  CompetencyGap: {
    exposedCompanies: (gap, args) =>
      gap.exposedCompanies.slice(0, checkFirst(args.first, { fallback: 5, max: MAX_EXPOSED, path: ['exposedCompanies', 'first'] })),
  },
};
