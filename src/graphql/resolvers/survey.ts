/**
 * Survey campaigns: admins create them and handle respondents' data; the questionnaire's two
 * operations are public (the link's token is the credential; src/graphql/plugins/access.ts).
 */
import { authorize } from '../../access/roles.ts';
import { searchTerritories, territoryFilter } from '../../territories/search.ts';
import { createCampaign, listCampaigns } from '../../survey/campaigns.ts';
import { surveyForm } from '../../survey/form.ts';
import { campaignProgress } from '../../survey/progress.ts';
import { deleteRespondent, exportRespondent } from '../../survey/respondents.ts';
import { submitSurveyAnswer } from '../../survey/submit.ts';
import { surveyTokenHash } from '../../survey/tokens.ts';
import type { Resolvers } from '../generated/types.ts';

export const surveyResolvers: Resolvers = {
  Query: {
    surveyForm: (_, { token }, ctx) => surveyForm(ctx.db, token),
    surveyCommunes: async (_, { search }, ctx) => {
      const page = await searchTerritories(ctx.db, territoryFilter({ search, levels: ['COMMUNE'], first: 10 }), { fetches: [], fields: ['code'] });
      return page.rows.map(({ territory }) => ({ id: territory.id, name: territory.name, code: typeof territory.properties.code === 'string' ? territory.properties.code : null }));
    },
    surveyRespondent: (_, { id }, ctx) => {
      authorize(ctx.principal, 'admin');
      return exportRespondent(ctx.db, id);
    },
    surveyCampaigns: (_, _args, ctx) => {
      authorize(ctx.principal, 'admin');
      return listCampaigns(ctx.db);
    },
    surveyCampaignProgress: (_, { id, levels, needs }, ctx) => {
      authorize(ctx.principal, 'admin');
      return campaignProgress(ctx.db, id, { levels, needs });
    },
  },
  Mutation: {
    createSurveyCampaign: (_, { input }, ctx) => createCampaign(ctx.db, input, authorize(ctx.principal, 'admin').subject),
    submitSurveyAnswer: async (_, { token, answer }, ctx) => {
      await ctx.client?.surveyLimits.consume(ctx.client.key(), surveyTokenHash(token));
      return submitSurveyAnswer(ctx.db, token, answer);
    },
    deleteSurveyRespondent: (_, { id }, ctx) => {
      authorize(ctx.principal, 'admin');
      return deleteRespondent(ctx.db, id);
    },
  },
};
