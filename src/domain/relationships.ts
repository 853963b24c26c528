/**
 * The relationship types of the data model (docs/data-model.md, "Relationships") and which kinds
 * of node each may join: one table for the seeders and the `link` mutation alike.
 *
 *   RELATIONSHIP_RULES.COLLABORATES_WITH   // { from: ['Company'], to: ['University'] }
 *   endpointProblem('LOCATED_IN', ['Actor', 'Company'], ['Territory', 'Department'])
 *   // "to must be a Commune (has Territory, Department)"
 */
export interface RelationshipEnds {
  /** The node at each end must carry one of these labels. */
  from: readonly string[];
  to: readonly string[];
}

export const RELATIONSHIP_RULES: Readonly<Record<string, RelationshipEnds>> = {
  LOCATED_IN: { from: ['Actor'], to: ['Commune'] },
  PART_OF: { from: ['Territory', 'Event', 'Program', 'Competency'], to: ['Territory', 'Event', 'Program', 'Competency'] },
  MEMBER_OF: { from: ['Actor'], to: ['Actor'] },
  PARTNER_OF: { from: ['Actor'], to: ['Actor'] },
  SUPPORTS: { from: ['Actor'], to: ['Actor', 'Program', 'Event'] },
  CONTINUES: { from: ['Actor'], to: ['Program'] },
  ORGANIZED: { from: ['Actor'], to: ['Event'] },
  PARTICIPATED_IN: { from: ['Actor'], to: ['Event'] },
  HELD_IN: { from: ['Event'], to: ['Territory'] },
  // The area an actor serves or covers (a chamber's département, a cluster's or an agency's area).
  SERVES: { from: ['Actor'], to: ['Territory'] },
  WORKS_AT: { from: ['Person'], to: ['Actor'] },
  LED: { from: ['Person', 'Actor'], to: ['Event'] },
  NEEDS: { from: ['Company'], to: ['Competency'] },
  TEACHES: { from: ['University'], to: ['Competency'] },
  COLLABORATES_WITH: { from: ['Company'], to: ['University'] },
};

export const RELATIONSHIP_TYPES: readonly string[] = Object.keys(RELATIONSHIP_RULES);

export function isRelationshipType(type: string): boolean {
  return Object.hasOwn(RELATIONSHIP_RULES, type);
}

/** Why a relationship of `type` cannot join nodes with these labels, or undefined if it can. */
export function endpointProblem(type: string, fromLabels: readonly string[], toLabels: readonly string[]): string | undefined {
  const rule = RELATIONSHIP_RULES[type];
  if (!rule) return undefined;
  const problems: string[] = [];
  if (!rule.from.some((l) => fromLabels.includes(l)))
    problems.push(`from must be a ${rule.from.join(' or ')} (has ${fromLabels.filter((l) => l !== 'Entity').join(', ')})`);
  if (!rule.to.some((l) => toLabels.includes(l)))
    problems.push(`to must be a ${rule.to.join(' or ')} (has ${toLabels.filter((l) => l !== 'Entity').join(', ')})`);
  return problems.length ? problems.join('; ') : undefined;
}
