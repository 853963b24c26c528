/**
 * Results cached per key under the data version token read from the database
 * (src/neo4j/data-version.ts): any write makes every entry stale. Concurrent identical requests
 * share one computation; at most `maxEntries` are kept, least recently used evicted first.
 *
 *   const cached = versionedCache(8);
 *   await cached(db, 'all|degree', (shared) => compute(shared))   // computes
 *   await cached(db, 'all|degree', (shared) => compute(shared))   // the same answer, no computation
 *
 * A shared computation belongs to no one request: it runs on `shared`, a handle whose queries stop
 * only when every request waiting for it has been abandoned (its HTTP client hung up), so one
 * caller leaving never fails the others, and nobody's leaving keeps Neo4j working for no one.
 */
import type { Database, QueryOptions } from './database.ts';
import { readDataVersion } from './data-version.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
  /** Aborted when the last request waiting for the value has gone: the computation stops. */
  controller: AbortController;
  /** Requests waiting that may still leave; Infinity once one that cannot leave (no signal) waits. */
  waiting: number;
  /** The value came: an abort after that stopped nothing, and the entry is as good as any. */
  settled: boolean;
}

/** The caller waits for the entry's value, and counts among those who keep its computation going. */
function waitFor(entry: Entry, db: Database): Promise<unknown> {
  const signal = db.signal;
  if (!signal) {
    entry.waiting = Number.POSITIVE_INFINITY;
    return entry.value;
  }
  entry.waiting += 1;
  const left = () => {
    entry.waiting -= 1;
    if (entry.waiting === 0) entry.controller.abort();
  };
  signal.addEventListener('abort', left, { once: true });
  const stopListening = () => signal.removeEventListener('abort', left);
  entry.value.then(stopListening, stopListening);
  return entry.value;
}

export function versionedCache(maxEntries: number) {
  // Per connection (scoped request handles share their driver), so two databases never mix.
  const caches = new WeakMap<object, Map<string, Entry>>();
  return async function cached<T>(
    db: Database,
    key: string,
    compute: (shared: Database) => Promise<T>,
    options: QueryOptions = {},
  ): Promise<T> {
    const version = await readDataVersion(db, options);
    // No token yet: the data was never written through this service's door; do not risk it.
    if (version === null) return compute(db);
    let cache = caches.get(db.driver);
    if (!cache) {
      cache = new Map();
      caches.set(db.driver, cache);
    }
    const hit = cache.get(key);
    // An entry every caller has left before its value came is being stopped: compute again.
    if (hit && hit.version === version && (hit.settled || !hit.controller.signal.aborted)) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(key);
      cache.set(key, hit);
      return waitFor(hit, db) as Promise<T>;
    }
    const controller = new AbortController();
    const value = compute(db.scoped({ signal: controller.signal }));
    const entry: Entry = { version, value, controller, waiting: 0, settled: false };
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    value.then(
      () => (entry.settled = true),
      () => {
        if (cache.get(key) === entry) cache.delete(key);
      },
    );
    return waitFor(entry, db) as Promise<T>;
  };
}
