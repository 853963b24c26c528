/**
 * Rendered reports (content, HTML, PDF, XLSX) cached per (territory, language, format) under the data
 * version token (src/neo4j/data-version.ts): any write makes every entry stale. Concurrent identical
 * requests share one rendering; at most REPORT_LIMITS.cacheEntries are kept, least recently used
 * evicted first.
 *
 *   await cachedReport(db, 'department:80|FR|pdf', () => render())   // renders
 *   await cachedReport(db, 'department:80|FR|pdf', () => render())   // the same bytes, no rendering
 */
import { REPORT_LIMITS } from '../config.ts';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { readDataVersion } from '../neo4j/data-version.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
}

// Per connection (scoped request handles share their driver), so two databases never mix.
const caches = new WeakMap<object, Map<string, Entry>>();

export async function cachedReport<T>(db: Database, key: string, compute: () => Promise<T>, options: QueryOptions = {}): Promise<T> {
  const version = await readDataVersion(db, options);
  if (version === null) return compute();
  let cache = caches.get(db.driver);
  if (!cache) {
    cache = new Map();
    caches.set(db.driver, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry: Entry = { version, value };
  cache.delete(key);
  cache.set(key, entry);
  while (cache.size > REPORT_LIMITS.cacheEntries) cache.delete(cache.keys().next().value as string);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
