/**
 * Results cached per key under the data version token read from the database
 * (src/neo4j/data-version.ts): any write makes every entry stale. Concurrent identical requests
 * share one computation; at most `maxEntries` are kept, least recently used evicted first.
 *
 *   const cached = versionedCache(8);
 *   await cached(db, 'all|degree', () => compute())   // computes
 *   await cached(db, 'all|degree', () => compute())   // the same answer, no computation
 */
import type { Database, QueryOptions } from './database.ts';
import { readDataVersion } from './data-version.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
}

export function versionedCache(maxEntries: number) {
  // Per connection (scoped request handles share their driver), so two databases never mix.
  const caches = new WeakMap<object, Map<string, Entry>>();
  return async function cached<T>(db: Database, key: string, compute: () => Promise<T>, options: QueryOptions = {}): Promise<T> {
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
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    value.catch(() => {
      if (cache.get(key) === entry) cache.delete(key);
    });
    return value;
  };
}
