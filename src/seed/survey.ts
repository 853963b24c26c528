/**
 * Survey answers add up to NEEDS: for each company and competency it named, `responses` = how many
 * answers name it, `weight` = their mean priority / 5 (priority 1 low .. 5 essential), so 0.2..1.
 * Raw answers stay as `SurveyAnswer` nodes keyed by answer id, and NEEDS are recomputed from them
 * (not incremented), so re-importing or correcting answers never double-counts.
 *
 *   await aggregateNeeds(db, ['syn:company:12'])   // { rows: 3, created: 3, updated: 0 }
 */
import type { Database } from '../neo4j/database.ts';

export const MAX_PRIORITY = 5;

const AGGREGATE = `
UNWIND $companies AS companyId
MATCH (c:Company:Entity {id: companyId})
CALL (c) {
  MATCH (a:SurveyAnswer {company: c.id})
  WITH a.competency AS competencyId, count(*) AS responses, avg(a.priority) AS priority, collect(DISTINCT a.source) AS sources
  MATCH (k:Competency:Entity {id: competencyId})
  OPTIONAL CALL (c, k) { MATCH (c)-[o:NEEDS]->(k) RETURN properties(o) AS before LIMIT 1 }
  MERGE (c)-[n:NEEDS]->(k)
  SET n.responses = responses, n.weight = priority / toFloat($maxPriority),
      n.source = CASE WHEN 'synthetic' IN sources THEN 'synthetic' ELSE 'survey' END
  RETURN count(*) AS rows, sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
         sum(CASE WHEN before IS NOT NULL AND before <> properties(n) THEN 1 ELSE 0 END) AS updated
}
// A corrected answer may no longer name a competency: its survey-made NEEDS goes.
CALL (c) {
  MATCH (c)-[n:NEEDS]->(k:Competency)
  WHERE n.source IN ['survey', 'synthetic'] AND NOT EXISTS { MATCH (:SurveyAnswer {company: c.id, competency: k.id}) }
  DELETE n
}
RETURN sum(rows) AS rows, sum(created) AS created, sum(updated) AS updated`;

export async function aggregateNeeds(
  db: Database,
  companies: string[],
  options: { batchSize: number; onBatch?: (done: number) => void },
): Promise<{ rows: number; created: number; updated: number }> {
  const total = { rows: 0, created: 0, updated: 0 };
  // Each company has a few answers: a tenth of the row batch size keeps transactions alike.
  const step = Math.max(1, Math.floor(options.batchSize / 10));
  for (let i = 0; i < companies.length; i += step) {
    const [row] = await db.write<{ rows: number; created: number; updated: number }>(
      AGGREGATE,
      { companies: companies.slice(i, i + step), maxPriority: MAX_PRIORITY },
      { timeoutMs: db.budgets.seedMs },
    );
    total.rows += row?.rows ?? 0;
    total.created += row?.created ?? 0;
    total.updated += row?.updated ?? 0;
    options.onBatch?.(Math.min(i + step, companies.length));
  }
  return total;
}
