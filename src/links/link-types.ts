/**
 * The relationship types a client may write, with the labels each end must carry
 * (docs/data-model.md, "Relationships").
 *
 *   LINK_TYPES.SUPPORTS   // { from: ['Actor'], to: ['Actor', 'Program', 'Event'] }
 */
export interface LinkEnds {
  from: readonly string[];
  to: readonly string[];
}

export const LINK_TYPES: Readonly<Record<string, LinkEnds>> = {
  LOCATED_IN: { from: ['Actor'], to: ['Commune'] },
  PART_OF: { from: ['Territory', 'Event', 'Program'], to: ['Territory', 'Event', 'Program'] },
  MEMBER_OF: { from: ['Actor'], to: ['Actor'] },
  PARTNER_OF: { from: ['Actor'], to: ['Actor'] },
  SUPPORTS: { from: ['Actor'], to: ['Actor', 'Program', 'Event'] },
  CONTINUES: { from: ['Actor'], to: ['Program'] },
  ORGANIZED: { from: ['Actor'], to: ['Event'] },
  PARTICIPATED_IN: { from: ['Actor'], to: ['Event'] },
  HELD_IN: { from: ['Event'], to: ['Commune'] },
  WORKS_AT: { from: ['Person'], to: ['Actor'] },
  LED: { from: ['Person', 'Actor'], to: ['Event'] },
  NEEDS: { from: ['Actor'], to: ['Competency'] },
  TEACHES: { from: ['Actor'], to: ['Competency'] },
  COLLABORATES_WITH: { from: ['Actor'], to: ['Actor'] },
};

export function isLinkType(type: string): boolean {
  return Object.hasOwn(LINK_TYPES, type);
}
