/**
 * networkShape results, cached per (territory, what was asked) under the data version token read
 * from the database (src/neo4j/data-version.ts): any write makes every entry stale. Concurrent
 * identical requests share one computation. Nothing here outlives a change of the data, so several
 * service instances can each keep their own.
 *
 *   await cachedShape(db, 'all|degree,pagerank', () => compute())   // computes
 *   await cachedShape(db, 'all|degree,pagerank', () => compute())   // the same answer, no computation
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { readDataVersion } from '../neo4j/data-version.ts';

/** Whole-network answers at 1M relationships weigh tens of MB: keep a few. */
export const SHAPE_CACHE_ENTRIES = 8;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

// Per connection (scoped request handles share their driver), so two databases never mix.
const caches = new WeakMap<object, Map<string, Entry>>();

export async function cachedShape<T>(db: Database, key: string, compute: () => Promise<T>, options: QueryOptions = {}): Promise<T> {
  const version = await readDataVersion(db, options);
  // No token yet: the data was never written through this service's door; do not risk it.
  if (version === null) return compute();
  let cache = caches.get(db.driver);
  if (!cache) {
    cache = new Map();
    caches.set(db.driver, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { version, value };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > SHAPE_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
