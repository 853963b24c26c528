/**
 * One respondent's data, for the rights French law (RGPD) gives them: everything kept, as JSON
 * (access), and its deletion (erasure): the answers, the comment, the company's NEEDS recomputed
 * without them, and, when a public link created the company and nothing else refers to it, the
 * company and its change records.
 *
 *   await exportRespondent(db, 'respondent:…')   // { response: {...}, company: {...}, answers: [...] }
 *   await deleteRespondent(db, 'respondent:…')   // true (false: no such respondent)
 */
import type { Database } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { MAX_PRIORITY, RECOMPUTE_NEEDS } from '../seed/survey.ts';

const EXPORT = `
MATCH (r:SurveyResponse {id: $id})
OPTIONAL MATCH (c:Entity:Company {id: r.company})
RETURN r {.id, .campaign, .comment, .submissions, submittedAt: toString(r.submittedAt), updatedAt: toString(r.updatedAt), companyCreatedByTheQuestionnaire: r.createdCompany} AS response,
  CASE WHEN c IS NULL THEN null ELSE c {.id, .name, .size, .sector, .innovates, .exports,
    communeId: COLLECT { MATCH (c)-[:LOCATED_IN]->(m:Commune) RETURN m.id LIMIT 1 }[0]} END AS company,
  COLLECT { MATCH (a:SurveyAnswer {respondent: r.id}) RETURN a {.competency, .priority} ORDER BY a.competency } AS answers`;

export async function exportRespondent(db: Database, id: string): Promise<Record<string, unknown>> {
  const [row] = await db.read(EXPORT, { id });
  if (!row) throw new NotFoundError('respondent', id);
  return row;
}

const DELETE = `
OPTIONAL MATCH (r:SurveyResponse {id: $id})
OPTIONAL MATCH (c:Entity:Company:Entity {id: r.company})
CALL (r) { MATCH (a:SurveyAnswer {respondent: r.id}) DETACH DELETE a }
CALL (c) {
  WITH c WHERE c IS NOT NULL
  ${RECOMPUTE_NEEDS}
  RETURN sum(rows) AS recomputed
}
CALL (r, c) {
  WITH r, c WHERE r.createdCompany AND c IS NOT NULL AND NOT EXISTS { MATCH (c)-[x]-() WHERE NOT type(x) IN ['LOCATED_IN', 'NEEDS'] }
  CALL (c) { MATCH (ch:Change {actorId: c.id}) DELETE ch }
  DETACH DELETE c
}
WITH r, r IS NOT NULL AS found
DELETE r
RETURN found`;

export async function deleteRespondent(db: Database, id: string): Promise<boolean> {
  const [row] = await db.write<{ found: boolean }>(DELETE, { id, maxPriority: MAX_PRIORITY });
  return row?.found ?? false;
}
