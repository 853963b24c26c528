/**
 * Compile-time only: what the API sends (the types generated from schema/ by `npm run codegen`)
 * fits what the explorer's hand-written result types expect. `npm run check` fails when the schema
 * and the explorer drift apart; nothing here is bundled.
 */
import type { ActorRef, CompetencyGapsData, NetworkShapeData, Ranked, TerritoryRef } from './api.ts';
import type { Progress } from './campaign.ts';
import type { Actor, ActorGraph, CompetencyGap, NetworkShape, RankedActor, SurveyCampaignProgress, SurveyNeedCount, SurveyTerritoryCount, Territory } from './generated/schema.ts';

type Fits<Sent, Expected> = Sent extends Expected ? true : never;

export type SchemaChecks = [
  Fits<Pick<Actor, 'id' | 'name' | 'kind'>, ActorRef>,
  Fits<Pick<Territory, 'id' | 'name' | 'level' | 'code'>, TerritoryRef>,
  Fits<Pick<RankedActor, 'rank' | 'score'>, Omit<Ranked, 'actor'>>,
  Fits<Pick<ActorGraph['links'][number], 'source' | 'target' | 'weight' | 'types'>, { source: string; target: string; weight: number; types: string[] }>,
  Fits<
    Pick<NetworkShape, 'actorCount' | 'linkCount' | 'density' | 'averageDegree' | 'componentCount' | 'largestComponentSize'>,
    Pick<NetworkShapeData['networkShape'], 'actorCount' | 'linkCount' | 'density' | 'averageDegree' | 'componentCount' | 'largestComponentSize'>
  >,
  Fits<Pick<CompetencyGap, 'demand' | 'supply' | 'gap' | 'companyCount'>, Omit<CompetencyGapsData['competencyGaps'][number], 'competency'>>,
  Fits<Pick<SurveyCampaignProgress, 'publicLink' | 'invitations' | 'respondents' | 'lastAnswerAt'>, Pick<Progress, 'publicLink' | 'invitations' | 'respondents' | 'lastAnswerAt'>>,
  Fits<Pick<SurveyTerritoryCount, 'level' | 'territoryId' | 'name' | 'code' | 'respondents'>, Progress['byTerritory'][number]>,
  Fits<Pick<SurveyNeedCount, 'respondents' | 'meanPriority'>, Omit<Progress['neededCompetencies'][number], 'competency'>>,
];

// Each entry must be `true`: a `never` here is a field whose type no longer fits.
export const schemaChecks: SchemaChecks = [true, true, true, true, true, true, true, true, true];
