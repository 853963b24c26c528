/**
 * Survey answers add up to NEEDS: for each company and competency it named, `responses` = how many
 * answers name it, `weight` = their mean priority / 5 (priority 1 low .. 5 essential), so 0.2..1.
 * Raw answers stay as `SurveyAnswer` nodes keyed by answer id, and NEEDS are recomputed from them
 * (not incremented), so re-importing or correcting answers never double-counts.
 *
 *   await aggregateNeeds(db, ['syn:company:12'])   // { rows: 3, created: 3, updated: 0 }
 */
import type { Database } from '../neo4j/database.ts';
import type { AnswerRow } from './format.ts';
import { ANSWER_ID_PREFIX } from './validate.ts';

export const MAX_PRIORITY = 5;

/**
 * Cypher that recomputes the NEEDS of company `c` from its SurveyAnswer nodes (`$maxPriority` is
 * MAX_PRIORITY), leaving `rows`, `created` and `updated` in scope. The CSV import (below) and the
 * online questionnaire (src/survey/submit.ts) both run exactly this, so both give the same NEEDS.
 */
export const RECOMPUTE_NEEDS = `
CALL (c) {
  MATCH (a:SurveyAnswer {company: c.id})
  WITH a.competency AS competencyId, count(*) AS responses, avg(a.priority) AS priority, collect(DISTINCT a.source) AS sources
  MATCH (k:Entity:Competency:Entity {id: competencyId})
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
}`;

const AGGREGATE = `
UNWIND $companies AS companyId
MATCH (c:Entity:Company:Entity {id: companyId})
${RECOMPUTE_NEEDS}
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

/**
 * What `aggregateNeeds` would write for these answers, without writing: the database's answers of
 * the same companies, replaced by the input's where the answer id is the same, added up as the
 * aggregate does, and compared with the NEEDS that exist. A dry run reports it, so that it forecasts
 * exactly what the real run writes. `companies` are those that will exist (input or database).
 */
export async function forecastNeeds(
  db: Database,
  answers: Iterable<AnswerRow>,
  companies: ReadonlySet<string>,
): Promise<{ rows: number; created: number; updated: number }> {
  const byId = new Map<string, { company: string; competency: string; priority: number; source: string }>();
  const companyIds = new Set<string>();
  const input: AnswerRow[] = [];
  for (const a of answers) {
    input.push(a);
    companyIds.add(a.company);
  }
  const ids = [...companyIds];
  const stored = await db.read<{ id: string; company: string; competency: string; priority: number; source: string }>(
    `UNWIND $ids AS cid MATCH (a:SurveyAnswer {company: cid}) RETURN a.id AS id, a.company AS company, a.competency AS competency, a.priority AS priority, a.source AS source`,
    { ids },
  );
  for (const a of stored) byId.set(a.id, a);
  for (const a of input) byId.set(`${ANSWER_ID_PREFIX}${a.answer}`, { company: a.company, competency: a.competency, priority: a.priority, source: a.source });
  const existing = await db.read<{ company: string; competency: string; props: Record<string, unknown> }>(
    `UNWIND $ids AS cid MATCH (:Entity:Company {id: cid})-[n:NEEDS]->(k:Competency) RETURN cid AS company, k.id AS competency, properties(n) AS props`,
    { ids },
  );
  const before = new Map(existing.map((e) => [`${e.company}\u0000${e.competency}`, e.props]));
  const groups = new Map<string, { count: number; sum: number; synthetic: boolean }>();
  for (const a of byId.values()) {
    if (!companies.has(a.company)) continue;
    const key = `${a.company}\u0000${a.competency}`;
    const g = groups.get(key) ?? { count: 0, sum: 0, synthetic: false };
    g.count += 1;
    g.sum += a.priority;
    g.synthetic ||= a.source === 'synthetic';
    groups.set(key, g);
  }
  const total = { rows: 0, created: 0, updated: 0 };
  for (const [key, g] of groups) {
    total.rows += 1;
    const old = before.get(key);
    if (!old) {
      total.created += 1;
      continue;
    }
    const next: Record<string, unknown> = { ...old, responses: g.count, weight: g.sum / g.count / MAX_PRIORITY, source: g.synthetic ? 'synthetic' : 'survey' };
    if (Object.keys(next).some((k) => next[k] !== old[k])) total.updated += 1;
  }
  return total;
}
