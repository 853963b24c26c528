/**
 * networkShape and actorGraph results, cached per (territory, what was asked) under the data version token
 * (src/neo4j/versioned-cache.ts). Nothing here outlives a change of the data, so several service
 * instances can each keep their own.
 *
 *   await cachedShape(db, 'all|degree,pagerank', (shared) => compute(shared))   // computes
 *   await cachedShape(db, 'all|degree,pagerank', (shared) => compute(shared))   // the same answer, no computation
 */
import { versionedCache } from '../neo4j/versioned-cache.ts';

/** Whole-network answers at 1M relationships weigh tens of MB: keep a few. */
export const SHAPE_CACHE_ENTRIES = 8;

export const cachedShape = versionedCache(SHAPE_CACHE_ENTRIES);

/** actorGraph answers: opening a territory again (the explorer, another user) costs no query but the token's. */
export const cachedGraph = versionedCache(SHAPE_CACHE_ENTRIES);
