/**
 * Survey campaigns (admin): a name, the days answers are taken, a territory, a framework version,
 * and its links: one public link and/or one invitation per company. Secrets are returned once and
 * kept only hashed (./tokens.ts).
 *
 *   await createCampaign(db, { slug: 'somme-2026', name: 'Besoins 2026', opensOn: '2026-03-01', closesOn: '2026-06-30',
 *     territoryId: 'department:80', frameworkVersion: 'maillage-1', invitations: ['altytud'] }, 'admin')
 *   // { campaign: { id: 'campaign:somme-2026', ... }, publicToken: 'q3Jx...', invitations: [{ companyId: 'altytud', token: '...' }] }
 */
import { z } from 'zod';
import type { Database } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { text } from '../actors/upsert.ts';
import { newSurveyToken, surveyTokenHash } from './tokens.ts';

export const MAX_INVITATIONS = 5000;
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real date');

const CAMPAIGN_INPUT = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1-63 lower-case letters, digits or -'),
    name: text(200),
    opensOn: ISO_DATE,
    closesOn: ISO_DATE,
    territoryId: z.string().min(1).nullish(),
    frameworkVersion: text(50),
    publicLink: z.boolean().nullish(),
    invitations: z.array(z.string().min(1)).max(MAX_INVITATIONS, `at most ${MAX_INVITATIONS} invitations`).nullish(),
  })
  .refine((c) => c.closesOn >= c.opensOn, { message: 'must not be before opensOn', path: ['closesOn'] });

export type CampaignInput = z.input<typeof CAMPAIGN_INPUT>;

export interface CampaignRecord {
  id: string;
  name: string;
  opensOn: string;
  closesOn: string;
  territoryId: string | null;
  territoryName: string | null;
  frameworkVersion: string;
  respondents: number;
}

/** A campaign as the API shows it (`c` bound to a :SurveyCampaign); also read by ./progress.ts. */
export const CAMPAIGN_PROJECTION = `c {.id, .name, opensOn: toString(c.opensOn), closesOn: toString(c.closesOn), .territoryId, .frameworkVersion,
  territoryName: COLLECT { MATCH (t:Entity:Territory {id: c.territoryId}) RETURN t.name LIMIT 1 }[0],
  respondents: COUNT { MATCH (r:SurveyResponse {campaign: c.id}) }}`;

const CREATE = `
OPTIONAL MATCH (existing:SurveyCampaign {id: $campaign.id})
OPTIONAL MATCH (t:Entity:Territory {id: $campaign.territoryId})
WITH existing, t, [i IN $invitations WHERE NOT EXISTS { MATCH (:Entity:Company {id: i.company}) } | i.company] AS missing
WITH existing, t, missing, CASE
  WHEN existing IS NOT NULL THEN 'exists'
  WHEN $campaign.territoryId IS NOT NULL AND t IS NULL THEN 'no-territory'
  WHEN size(missing) > 0 THEN 'no-company'
END AS problem
CALL (problem) {
  WITH problem WHERE problem IS NULL
  CREATE (c:SurveyCampaign {id: $campaign.id, name: $campaign.name, opensOn: date($campaign.opensOn), closesOn: date($campaign.closesOn),
    territoryId: $campaign.territoryId, frameworkVersion: $campaign.frameworkVersion, publicTokenHash: $publicTokenHash,
    createdAt: datetime(), createdBy: $by})
  WITH c
  UNWIND $invitations AS i
  CREATE (:SurveyInvitation {tokenHash: i.hash, campaign: c.id, company: i.company})
}
OPTIONAL MATCH (c:SurveyCampaign {id: $campaign.id}) WHERE problem IS NULL
RETURN problem, missing[0] AS missing, CASE WHEN c IS NULL THEN null ELSE ${CAMPAIGN_PROJECTION} END AS campaign`;

export async function createCampaign(db: Database, input: CampaignInput, by: string) {
  const parsed = CAMPAIGN_INPUT.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = ['input', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    throw new BadInputError(`${path.join('.')}: ${issue.message}.`, path);
  }
  const value = parsed.data;
  const companies = [...new Set(value.invitations ?? [])];
  const invitations = companies.map((company) => ({ company, token: newSurveyToken() }));
  const publicToken = value.publicLink === false ? null : newSurveyToken();
  const [row] = await db.write<{ problem: string | null; missing: string | null; campaign: CampaignRecord | null }>(CREATE, {
    campaign: {
      id: `campaign:${value.slug}`,
      name: value.name,
      opensOn: value.opensOn,
      closesOn: value.closesOn,
      territoryId: value.territoryId ?? null,
      frameworkVersion: value.frameworkVersion,
    },
    publicTokenHash: publicToken === null ? null : surveyTokenHash(publicToken),
    invitations: invitations.map((i) => ({ company: i.company, hash: surveyTokenHash(i.token) })),
    by,
  });
  if (row?.problem === 'exists') throw new BadInputError(`input.slug: campaign "campaign:${value.slug}" already exists.`, ['input', 'slug']);
  if (row?.problem === 'no-territory') throw new NotFoundError('territory', value.territoryId ?? '');
  if (row?.problem === 'no-company') throw new BadInputError(`input.invitations: "${row.missing}" is not a company of the network.`, ['input', 'invitations']);
  return {
    campaign: row!.campaign!,
    publicToken,
    invitations: invitations.map((i) => ({ companyId: i.company, token: i.token })),
  };
}

export async function listCampaigns(db: Database): Promise<CampaignRecord[]> {
  const rows = await db.read<{ campaign: CampaignRecord }>(`MATCH (c:SurveyCampaign) RETURN ${CAMPAIGN_PROJECTION} AS campaign ORDER BY c.createdAt DESC`);
  return rows.map((r) => r.campaign);
}
