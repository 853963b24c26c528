/**
 * Territory reads: the root plans the selection (parents, children, actors inside) into one query.
 */
import { findTerritory } from '../../territories/find.ts';
import { searchTerritories, territoryFilter } from '../../territories/search.ts';
import type { TerritoryRecord, LinkRecord } from '../../domain/records.ts';
import type { ActorPage } from '../../fetch/records.ts';
import type { Resolvers } from '../generated/types.ts';
import { nodePlanOf, territoryConnectionPlanOf } from '../lookahead/plan-from-selection.ts';
import { prefetched } from '../lookahead/prefetched.ts';
import { relayConnection, toConnection } from './connection.ts';

export const territoryResolvers: Resolvers = {
  Query: {
    territory: (_, { id }, ctx, info) => findTerritory(ctx.db, id, nodePlanOf(info, 'Territory', ctx.plans)),
    territories: async (_, args, ctx, info) => {
      const filter = territoryFilter(args);
      const page = await searchTerritories(ctx.db, filter, territoryConnectionPlanOf(info, filter.first, ctx.plans));
      return relayConnection(page, (row) => row.territory);
    },
  },
  Territory: {
    displayName: (territory) => {
      const stored = territory.properties.displayName;
      return typeof stored === 'string' ? stored : territory.name;
    },
    links: (territory, _args, ctx, info) => prefetched<LinkRecord[]>(territory, ctx, info),
    parents: (territory, _args, ctx, info) => prefetched<TerritoryRecord[]>(territory, ctx, info),
    children: (territory, _args, ctx, info) => prefetched<TerritoryRecord[]>(territory, ctx, info),
    actors: async (territory, _args, ctx, info) => toConnection(await prefetched<ActorPage>(territory, ctx, info)),
  },
};
