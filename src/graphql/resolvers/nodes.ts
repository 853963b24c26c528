import type { GraphQLResolveInfo } from 'graphql';
import type { LinkRecord, NodeRecord } from '../../domain/records.ts';
import type { GraphQLContext } from '../context.ts';
import { prefetched } from '../lookahead/prefetched.ts';
import { KIND_LABEL, VIEWS, isActorKind, territoryLevel } from '../../domain/model.ts';
import { findNode } from '../../actors/find.ts';
import type { Resolvers } from '../generated/types.ts';
import { nodeConnectionPlanOf, nodePlanOf } from '../lookahead/plan-from-selection.ts';
import { type ListedLabel, listNodes, nodeListFilter } from '../../fetch/node-list.ts';
import { relayConnection } from './connection.ts';

async function connection(
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  label: ListedLabel,
  args: { first?: number | null; after?: string | null; within?: string | null },
  where: Record<string, string | null | undefined> = {},
) {
  const filter = nodeListFilter(label, args, where);
  const plan = nodeConnectionPlanOf(info, label, filter.first, ctx.plans);
  return relayConnection(await listNodes(ctx.db, filter, plan), (row) => row.node);
}

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
    node: (_, { id }, ctx, info) => findNode(ctx.db, id, nodePlanOf(info, 'Node', ctx.plans)),
    events: (_, args, ctx, info) => connection(ctx, info, 'Event', args, { kind: args.kind }),
    programs: (_, args, ctx, info) => connection(ctx, info, 'Program', args),
    competencies: (_, args, ctx, info) => connection(ctx, info, 'Competency', args, { theme: args.theme, level: args.level }),
  },
  Node: {
    __resolveType: (node) => nodeTypeName(node) as never,
  },
  // Every other node type of the model has `links` (tests/unit/model.test.ts checks the SDL agrees).
  ...Object.fromEntries(VIEWS.otherNodeLabels.map((label) => [label, linkFields])),
};
