/**
 * Field resolvers of relations read what the root resolver's one query already fetched (by the
 * field's response key); only a selection the look-ahead could not plan costs a query of its own.
 *
 *   links: (actor, _args, ctx, info) => prefetched(actor, ctx, info)
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { NodeRecord } from '../../domain/records.ts';
import { fetchBeneath } from '../../fetch/beneath.ts';
import type { GraphQLContext } from '../context.ts';
import { currentFieldFetch } from './plan-from-selection.ts';

export async function prefetched<T>(source: NodeRecord, ctx: GraphQLContext, info: GraphQLResolveInfo): Promise<T> {
  const key = String(info.path.key);
  if (source.fetched && Object.hasOwn(source.fetched, key)) return source.fetched[key] as T;
  const fetch = currentFieldFetch(info);
  if (!fetch) throw new Error(`No fetch for ${info.parentType.name}.${info.fieldName}`);
  return (await fetchBeneath(ctx.db, source.id, fetch)) as T;
}
