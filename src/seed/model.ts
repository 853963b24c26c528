/**
 * What a seed may contain: the labels and relationship types of docs/data-model.md, and which
 * kinds of node each relationship type may join.
 *
 *   endpointProblem('LOCATED_IN', ['Actor', 'Company'], ['Territory', 'Department'])
 *   // "to must be a Commune (has Territory, Department)"
 */
import { ACTOR_KINDS, KIND_LABEL } from '../domain/records.ts';

export const ACTOR_LABELS: readonly string[] = ACTOR_KINDS.map((kind) => KIND_LABEL[kind]);
export const TERRITORY_LABELS: readonly string[] = ['Region', 'Department', 'Epci', 'Commune', 'IndustrialTerritory'];

/** Labels a seed may put on a node (`Entity` is always added by the loader). */
export const ALLOWED_LABELS: ReadonlySet<string> = new Set([
  'Entity',
  'Actor',
  ...ACTOR_LABELS,
  'Territory',
  ...TERRITORY_LABELS,
  'Event',
  'Program',
  'Person',
  'Competency',
  'SurveyAnswer',
]);

/** The main labels: every node has at least one of them, so that it is something of the model. */
export const MAIN_LABELS: readonly string[] = ['Actor', 'Territory', 'Event', 'Program', 'Person', 'Competency', 'SurveyAnswer'];

export { RELATIONSHIP_RULES, RELATIONSHIP_TYPES, endpointProblem } from '../domain/relationships.ts';

export { isActorKind } from '../domain/records.ts';
