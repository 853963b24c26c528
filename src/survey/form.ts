/**
 * What the questionnaire page shows behind a link: the campaign, the competencies of its
 * framework, and for an invitation what is known of the company (to confirm or correct).
 *
 *   await surveyForm(db, token)
 *   // { campaignName: 'Besoins 2026', closesOn: '2026-06-30', invitation: false, company: null, competencies: [...] }
 */
import type { Database } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { surveyTokenHash } from './tokens.ts';

/** The campaign behind a token hash, `camp` (null when none); `inv` is the invitation, if it is one. */
export const CAMPAIGN_OF_TOKEN = `
OPTIONAL MATCH (inv:SurveyInvitation {tokenHash: $hash})
OPTIONAL MATCH (pub:SurveyCampaign {publicTokenHash: $hash})
WITH inv, coalesce(pub.id, inv.campaign) AS campaignId
OPTIONAL MATCH (camp:SurveyCampaign {id: campaignId})
WITH inv, camp, date({timezone: 'Europe/Paris'}) AS today`;

/** The competencies a campaign offers: fine-grained ones of its framework version (unversioned ones belong to every version). */
export const FRAMEWORK_OF = (camp: string, k: string) =>
  `${k}.level = 'competency' AND coalesce(${k}.frameworkVersion, ${camp}.frameworkVersion) = ${camp}.frameworkVersion`;

const FORM = `${CAMPAIGN_OF_TOKEN}
OPTIONAL MATCH (t:Entity:Territory {id: camp.territoryId})
OPTIONAL MATCH (co:Entity:Company {id: inv.company})
RETURN camp IS NOT NULL AS found, camp IS NOT NULL AND camp.opensOn <= today <= camp.closesOn AS open,
  camp.name AS campaignName, toString(camp.closesOn) AS closesOn, toString(camp.opensOn) AS opensOn, t.name AS territoryName, inv IS NOT NULL AS invitation,
  CASE WHEN co IS NULL THEN null ELSE co {.name, .size, .sector, .innovates, .exports,
    communeId: COLLECT { MATCH (co)-[:LOCATED_IN]->(m:Commune) RETURN m.id LIMIT 1 }[0],
    communeName: COLLECT { MATCH (co)-[:LOCATED_IN]->(m:Commune) RETURN m.name LIMIT 1 }[0]} END AS company,
  COLLECT { MATCH (k:Competency) WHERE ${FRAMEWORK_OF('camp', 'k')} RETURN k {.id, .name, .theme} ORDER BY k.theme, k.name } AS competencies`;

export interface SurveyFormRecord {
  campaignName: string;
  closesOn: string;
  territoryName: string | null;
  invitation: boolean;
  company: {
    name: string;
    communeId: string | null;
    communeName: string | null;
    size: string | null;
    sector: string | null;
    innovates: boolean | null;
    exports: boolean | null;
  } | null;
  competencies: { id: string; name: string; theme: string | null }[];
}

export async function surveyForm(db: Database, token: string): Promise<SurveyFormRecord> {
  const [row] = await db.read<SurveyFormRecord & { found: boolean; open: boolean; opensOn: string | null }>(FORM, { hash: surveyTokenHash(token) });
  if (!row?.found) throw new NotFoundError('survey link', '(the token given)');
  if (!row.open) throw new BadInputError(`token: this questionnaire takes answers from ${row.opensOn} to ${row.closesOn}.`, ['token']);
  return row;
}
