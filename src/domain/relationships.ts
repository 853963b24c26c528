/**
 * Which kinds of node each relationship type may join: the seeders and the `link` mutation alike
 * read it from the model registry (./model.ts).
 *
 *   RELATIONSHIP_RULES.COLLABORATES_WITH   // { from: ['Company'], to: ['University'], ... }
 *   endpointProblem('LOCATED_IN', ['Actor', 'Company'], ['Territory', 'Department'])
 *   // "to must be a Commune (has Territory, Department)"
 */
import { MODEL, type RelationshipSpec, VIEWS } from './model.ts';

export type RelationshipEnds = Pick<RelationshipSpec, 'from' | 'to'>;

export const RELATIONSHIP_RULES: Readonly<Record<string, RelationshipEnds>> = MODEL.relationships;

export const RELATIONSHIP_TYPES: readonly string[] = VIEWS.relationshipTypes;

export const isRelationshipType = VIEWS.isRelationshipType;

export const endpointProblem = VIEWS.endpointProblem;
