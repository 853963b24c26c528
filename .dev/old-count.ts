import { SUGGEST } from '/work/wt/synergy2/src/synergy/suggestions.ts';
export const Q = SUGGEST.replace(/candidates`?$/, 'size(candidates) AS candidates');
export const PROFILE_PARAMS = { poolSize: 300, maxNeighbourDegree: 500, notWorking: ['LOCATED_IN', 'PART_OF', 'HELD_IN', 'NEEDS', 'TEACHES'] };
