/**
 * What a seed may contain: the labels and relationship types of the model registry
 * (src/domain/model.ts), and which kinds of node each relationship type may join.
 *
 *   endpointProblem('LOCATED_IN', ['Actor', 'Company'], ['Territory', 'Department'])
 *   // "to must be a Commune (has Territory, Department)"
 */
import { VIEWS } from '../domain/model.ts';

export const ACTOR_LABELS: readonly string[] = VIEWS.actorLabels;
export const TERRITORY_LABELS: readonly string[] = VIEWS.territoryLabels;

/** Labels a seed may put on a node (`Entity` is always added by the loader). */
export const ALLOWED_LABELS: ReadonlySet<string> = VIEWS.allowedLabels;

/** The main labels: every node has at least one of them, so that it is something of the model. */
export const MAIN_LABELS: readonly string[] = VIEWS.mainLabels;

export { RELATIONSHIP_RULES, RELATIONSHIP_TYPES, endpointProblem } from '../domain/relationships.ts';

export { isActorKind } from '../domain/model.ts';
