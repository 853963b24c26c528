/**
 * A campaign's answers as they stand, for its page (admin): respondents in total and by the
 * territory of their company's commune at each level asked, and the competencies asked for most.
 * One Cypher query; counts only, nothing that names a respondent.
 *
 *   await campaignProgress(db, 'campaign:somme-2026', { levels: ['DEPARTMENT', 'COMMUNE'], needs: 10 })
 *   // { campaign: {...}, publicLink: true, invitations: 0, respondents: 3, lastAnswerAt: '2026-…',
 *   //   byTerritory: [{ level: 'DEPARTMENT', territoryId: 'department:80', name: 'Somme', code: '80', respondents: 3 }, ...],
 *   //   neededCompetencies: [{ competency: { id, name, theme }, respondents: 2, meanPriority: 4.5 }, ...] }
 */
import { SURVEY_LIMITS } from '../config.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { LEVEL_LABEL, type TerritoryLevel } from '../domain/records.ts';
import { round } from '../domain/shared.ts';
import type { Database } from '../neo4j/database.ts';
import { type CampaignRecord, CAMPAIGN_PROJECTION } from './campaigns.ts';

export interface TerritoryCount {
  level: TerritoryLevel;
  territoryId: string | null;
  name: string | null;
  code: string | null;
  respondents: number;
}

export interface NeedCount {
  competency: { id: string; name: string; theme: string | null };
  respondents: number;
  meanPriority: number;
}

export interface CampaignProgress {
  campaign: CampaignRecord;
  publicLink: boolean;
  invitations: number;
  respondents: number;
  lastAnswerAt: string | null;
  byTerritory: TerritoryCount[];
  neededCompetencies: NeedCount[];
}

// A respondent is placed by its company's commune now (the answer set it; an editor may have moved
// it since); at a level above, by the nearest territory of that level the commune is PART_OF.
const PROGRESS = `
MATCH (c:SurveyCampaign {id: $id})
CALL (c) {
  OPTIONAL MATCH (r:SurveyResponse {campaign: c.id})
  RETURN count(r) AS respondents, max(r.updatedAt) AS lastAnswerAt
}
CALL (c) {
  MATCH (r:SurveyResponse {campaign: c.id})
  WITH COLLECT { MATCH (:Entity {id: r.company})-[:LOCATED_IN]->(m:Commune) RETURN m ORDER BY m.id LIMIT 1 }[0] AS commune
  WITH commune, count(*) AS n
  UNWIND $levels AS level
  CALL (commune, level) {
    OPTIONAL MATCH path = (commune)-[:PART_OF*0..4]->(t:Territory) WHERE level.label IN labels(t)
    RETURN t ORDER BY length(path), t.id LIMIT 1
  }
  WITH level, t, sum(n) AS respondents
  ORDER BY level.rank, respondents DESC, t IS NULL, t.name, t.id
  WITH level, collect({level: level.level, territoryId: t.id, name: t.name, code: t.code, respondents: respondents})[..toInteger($perLevel)] AS rows
  ORDER BY level.rank
  RETURN reduce(flat = [], levelRows IN collect(rows) | flat + levelRows) AS byTerritory
}
CALL (c) {
  MATCH (a:SurveyAnswer {campaign: c.id})
  WITH a.competency AS id, count(*) AS respondents, avg(a.priority) AS meanPriority
  ORDER BY respondents DESC, meanPriority DESC, id
  LIMIT toInteger($needs)
  OPTIONAL MATCH (k:Entity:Competency {id: id})
  RETURN collect({competency: {id: id, name: coalesce(k.name, id), theme: k.theme}, respondents: respondents, meanPriority: meanPriority}) AS neededCompetencies
}
RETURN ${CAMPAIGN_PROJECTION} AS campaign, c.publicTokenHash IS NOT NULL AS publicLink,
  COUNT { MATCH (i:SurveyInvitation {campaign: c.id}) } AS invitations,
  respondents, toString(lastAnswerAt) AS lastAnswerAt, byTerritory, neededCompetencies`;

export async function campaignProgress(
  db: Database,
  id: string,
  options: { levels: readonly TerritoryLevel[]; needs?: number | null },
): Promise<CampaignProgress> {
  const needs = options.needs ?? 10;
  if (!Number.isInteger(needs) || needs < 0 || needs > SURVEY_LIMITS.maxNeeds) throw new BadInputError(`needs: must be between 0 and ${SURVEY_LIMITS.maxNeeds}.`, ['needs']);
  // In the order asked, each once ("rank" keeps that order through the query's grouping).
  const levels = [...new Set(options.levels)].map((level, rank) => ({ level, rank, label: LEVEL_LABEL[level] }));
  const [row] = await db.read<CampaignProgress>(PROGRESS, { id, levels, needs, perLevel: SURVEY_LIMITS.territoriesPerLevel });
  if (!row) throw new NotFoundError('survey campaign', id);
  return { ...row, neededCompetencies: row.neededCompetencies.map((n) => ({ ...n, meanPriority: round(n.meanPriority, 2) })) };
}
