/**
 * A survey campaign a test owns: opened through the API as an admin, removed with everything its
 * respondents left (answers, responses, invitations) when the test ends.
 *
 *   const { publicToken, campaign } = await openCampaign(server, asAdmin, { slug, name: 'Besoins', territoryId: 'department:80' });
 *   ...
 *   await closeCampaign(db, server, asAdmin, campaign);
 */
import { expect } from 'vitest';
import type { GraphQLServer } from '../../src/graphql/server.ts';
import type { Database } from '../../src/neo4j/database.ts';
import { gql } from './harness.ts';

export interface CampaignAsked {
  slug: string;
  name: string;
  territoryId: string;
  /** The competency framework's version: the built-in one unless said. */
  frameworkVersion?: string;
  /** Days from today: it opened yesterday and closes in 30 days unless said. */
  opensIn?: number;
  closesIn?: number;
  invitations?: string[];
}

export interface OpenedCampaign {
  campaign: string;
  publicToken: string;
  invitationTokens: string[];
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function openCampaign(server: GraphQLServer, asAdmin: Record<string, string>, asked: CampaignAsked): Promise<OpenedCampaign> {
  const { slug, name, territoryId, frameworkVersion = 'maillage-1', opensIn = -1, closesIn = 30, invitations } = asked;
  const created = await gql<{ createSurveyCampaign: { publicToken: string; invitations: { token: string }[] } }>(
    server,
    `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { publicToken invitations { token } } }`,
    { input: { slug, name, opensOn: day(opensIn), closesOn: day(closesIn), territoryId, frameworkVersion, ...(invitations ? { invitations } : {}) } },
    asAdmin,
  );
  expect(created.errors).toBeUndefined();
  const { publicToken, invitations: made } = created.data!.createSurveyCampaign;
  return { campaign: `campaign:${slug}`, publicToken, invitationTokens: made.map((i) => i.token) };
}

/** Erases each respondent through the API (their NEEDS go with them), then the campaign and its invitations. */
export async function closeCampaign(db: Database, server: GraphQLServer, asAdmin: Record<string, string>, campaign: string): Promise<void> {
  const respondents = await db.read<{ id: string }>('MATCH (r:SurveyResponse {campaign: $campaign}) RETURN r.id AS id', { campaign });
  for (const { id } of respondents) await gql(server, `mutation($id: ID!) { deleteSurveyRespondent(id: $id) }`, { id }, asAdmin);
  await db.write('MATCH (n) WHERE (n:SurveyCampaign AND n.id = $campaign) OR (n:SurveyInvitation AND n.campaign = $campaign) DETACH DELETE n', { campaign });
}
