import { findTerritory } from '../../territories/find.ts';
import type { Resolvers } from '../generated/types.ts';

export const territoryResolvers: Resolvers = {
  Query: {
    territory: (_, { id }, ctx) => findTerritory(ctx.db, id, { observer: ctx.observer }),
  },
};
