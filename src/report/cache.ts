/**
 * Rendered reports (content, HTML, PDF, XLSX) cached per (territory, language, format) under the data
 * version token (src/neo4j/versioned-cache.ts): any write makes every entry stale; at most
 * REPORT_LIMITS.cacheEntries are kept.
 *
 *   await cachedReport(db, 'department:80|FR|pdf', () => render())   // renders
 *   await cachedReport(db, 'department:80|FR|pdf', () => render())   // the same bytes, no rendering
 */
import { REPORT_LIMITS } from '../config.ts';
import { versionedCache } from '../neo4j/versioned-cache.ts';

export const cachedReport = versionedCache(REPORT_LIMITS.cacheEntries);
