export { SUGGEST } from '/work/wt/synergy2/src/synergy/suggestions.ts';
import { FACTOR_WEIGHTS, PROXIMITY } from '/work/wt/synergy2/src/synergy/suggestions.ts';
export const PROFILE_PARAMS = { poolSize: 300, maxNeighbourDegree: 500, shortlist: 50, weights: FACTOR_WEIGHTS, proximity: PROXIMITY, notWorking: ['LOCATED_IN', 'PART_OF', 'HELD_IN', 'NEEDS', 'TEACHES'] };
