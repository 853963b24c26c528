export { SUGGEST } from '/work/wt/synergy2/.dev/suggestions-old.ts';
export const PROFILE_PARAMS = { poolSize: 300, maxNeighbourDegree: 500, notWorking: ['LOCATED_IN', 'PART_OF', 'HELD_IN', 'NEEDS', 'TEACHES'] };
