import type { GraphQLResolveInfo } from 'graphql';
import type { LinkRecord, NodeRecord } from '../../domain/records.ts';
import type { GraphQLContext } from '../context.ts';
import { prefetched } from '../lookahead/prefetched.ts';
import { KIND_LABEL, VIEWS, isActorKind, territoryLevel } from '../../domain/model.ts';
import { findNode } from '../../actors/find.ts';
import type { Resolvers } from '../generated/types.ts';
import { nodePlanOf } from '../lookahead/plan-from-selection.ts';

const linkFields = {
  links: (node: NodeRecord, _args: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    prefetched<LinkRecord[]>(node, ctx, info),
};

/** The GraphQL type of a stored node, from its kind or labels. */
export function nodeTypeName(node: NodeRecord): string | null {
  const kind = node.properties.kind;
  if (node.labels.includes('Actor') && isActorKind(kind)) return KIND_LABEL[kind];
  if (territoryLevel(node.labels)) return 'Territory';
  return VIEWS.otherNodeLabels.find((label) => node.labels.includes(label)) ?? null;
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_, { id }, ctx, info) => findNode(ctx.db, id, nodePlanOf(info, 'Node')),
  },
  Node: {
    __resolveType: (node) => nodeTypeName(node) as never,
  },
  // Every other node type of the model has `links` (tests/unit/model.test.ts checks the SDL agrees).
  ...Object.fromEntries(VIEWS.otherNodeLabels.map((label) => [label, linkFields])),
};
