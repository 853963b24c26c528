import type { NodeRecord } from '../../domain/records.ts';
import { KIND_LABEL, isActorKind, territoryLevel } from '../../domain/records.ts';
import { findNode } from '../../actors/find.ts';
import type { Resolvers } from '../generated/types.ts';
import { nodePlanOf } from '../lookahead/plan-from-selection.ts';

const OTHER_TYPES = ['Event', 'Program', 'Person', 'Competency'] as const;

/** The GraphQL type of a stored node, from its kind or labels. */
export function nodeTypeName(node: NodeRecord): string | null {
  const kind = node.properties.kind;
  if (node.labels.includes('Actor') && isActorKind(kind)) return KIND_LABEL[kind];
  if (territoryLevel(node.labels)) return 'Territory';
  return OTHER_TYPES.find((label) => node.labels.includes(label)) ?? null;
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx, info) => findNode(ctx.db, id, nodePlanOf(info, 'Node'), { observer: ctx.observer }),
  },
  Node: {
    __resolveType: (node) => nodeTypeName(node) as never,
  },
};
