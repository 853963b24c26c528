export const PROFILE_PARAMS = { poolSize: 300, maxNeighbourDegree: 500, notWorking: ['LOCATED_IN', 'PART_OF', 'HELD_IN', 'NEEDS', 'TEACHES'] };
