/**
 * The report made ready when the service starts, in the background: the content of one small
 * département is computed once, the smallest whose graph is measured by Graph Data Science (more
 * than GRAPHOLOGY_MAX_ACTORS actors, as most départements of a large network), else the smallest
 * that has actors. That plans every query a territory's report sends
 * (the first report after a start paid 12 s of planning and warming at 1M relationships, on top of
 * 11 s of work) and fills the figures every report shares until the data changes: the actors of each
 * département (map and rank) and France's comparison figures.
 *
 *   await prepareReports(db)   // { within: 'department:48', ms: 4200 }, or null when no département has actors
 *
 * REPORT_PREPARE_AT_START=false turns it off (docs/production.md).
 */
import type { Database } from '../neo4j/database.ts';
import { GRAPHOLOGY_MAX_ACTORS } from '../shape/network-shape.ts';
import { sharedDepartmentCounts, territoryReport } from './content.ts';

export async function prepareReports(db: Database): Promise<{ within: string; ms: number } | null> {
  const started = performance.now();
  const departments = await sharedDepartmentCounts(db);
  // Most actors first: the last of those over the line is the smallest of them.
  const smallest =
    departments.filter((d) => d.actorCount > GRAPHOLOGY_MAX_ACTORS).at(-1) ?? departments.filter((d) => d.actorCount > 0).at(-1);
  if (!smallest) return null;
  await territoryReport(db, { within: smallest.id });
  return { within: smallest.id, ms: Math.round(performance.now() - started) };
}
