/**
 * Every resolver map, listed in one place (makeExecutableSchema merges them). Resolvers stay thin:
 * arguments in, one domain call, result out.
 */
import { GraphQLJSON } from 'graphql-scalars';
import type { Resolvers } from '../generated/types.ts';
import { actorResolvers } from './actors.ts';
import { changeResolvers } from './changes.ts';
import { surveyResolvers } from './survey.ts';
import { mutationResolvers } from './mutations.ts';
import { nodeResolvers } from './nodes.ts';
import { reportResolvers } from './report.ts';
import { shapeResolvers } from './shape.ts';
import { synergyResolvers } from './synergy.ts';
import { territoryResolvers } from './territories.ts';

export const resolvers: Resolvers[] = [
  { JSON: GraphQLJSON },
  nodeResolvers,
  actorResolvers,
  territoryResolvers,
  mutationResolvers,
  changeResolvers,
  surveyResolvers,
  synergyResolvers,
  shapeResolvers,
  reportResolvers,
];
