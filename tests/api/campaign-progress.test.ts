// A campaign's page: an admin sees its answers by territory and its most needed competencies as
// they arrive, in one Cypher query, with counts only; nobody else sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';

const counting = countingDatabase();
const db = counting.db;
const admin = newApiKey('progress-admin', 'admin');
const editor = newApiKey('progress-editor', 'editor');
const reader = newApiKey('progress-reader', 'reader');
const config = loadConfig({ MAILLAGE_API_KEYS: `${admin.entry},${editor.entry},${reader.entry}`, SURVEY_RATE_PER_CLIENT: '0' });
const server = createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), security: config.security, limits: config.limits });
const asAdmin = { 'x-api-key': admin.key };
const p = uniquePrefix('cp');
const campaign = `campaign:${p}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const PROGRESS = `query($id: ID!, $levels: [TerritoryLevel!]!, $needs: Int) {
  surveyCampaignProgress(id: $id, levels: $levels, needs: $needs) {
    campaign { id name opensOn closesOn territoryId frameworkVersion respondents }
    publicLink invitations respondents lastAnswerAt
    byTerritory { level territoryId name code respondents }
    neededCompetencies { competency { id name theme } respondents meanPriority }
  }
}`;
const SUBMIT = `mutation($token: String!, $answer: SurveyAnswerInput!) { submitSurveyAnswer(token: $token, answer: $answer) { respondentId } }`;

interface Progress {
  campaign: Record<string, unknown>;
  publicLink: boolean;
  invitations: number;
  respondents: number;
  lastAnswerAt: string | null;
  byTerritory: { level: string; territoryId: string | null; name: string | null; code: string | null; respondents: number }[];
  neededCompetencies: { competency: { id: string; name: string; theme: string | null }; respondents: number; meanPriority: number }[];
}

let publicToken = '';
let invitationToken = '';

async function progress(levels = ['DEPARTMENT', 'EPCI', 'COMMUNE'], needs?: number) {
  return gql<{ surveyCampaignProgress: Progress }>(server, PROGRESS, { id: campaign, levels, needs }, asAdmin);
}

function answer(name: string, commune: string, needs: [string, number][]) {
  return {
    company: { name, communeId: `${p}:${commune}`, size: 'MICRO', sector: 'mécanique', innovates: false, exports: true },
    needs: needs.map(([k, priority]) => ({ competencyId: `${p}:${k}`, priority })),
    comment: 'Appelez Mme Martin',
  };
}

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [{ id: `${p}-invited`, name: 'Invitée Progress', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` }]);
  await db.write(`UNWIND $rows AS row CREATE (:Entity:Competency {id: row.id, name: row.name, theme: 'industrie', level: 'competency', frameworkVersion: $version})`, {
    version: `${p}-v1`,
    rows: [
      { id: `${p}:k1`, name: 'Usinage' },
      { id: `${p}:k2`, name: 'Export' },
      { id: `${p}:k3`, name: 'Financement' },
    ],
  });
  const created = await gql<{ createSurveyCampaign: { publicToken: string; invitations: { token: string }[] } }>(
    server,
    `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { publicToken invitations { token } } }`,
    { input: { slug: p, name: 'Besoins de la vallée', opensOn: day(-1), closesOn: day(20), territoryId: `${p}:dep`, frameworkVersion: `${p}-v1`, invitations: [`${p}-invited`] } },
    asAdmin,
  );
  expect(created.errors).toBeUndefined();
  publicToken = created.data!.createSurveyCampaign.publicToken;
  invitationToken = created.data!.createSurveyCampaign.invitations[0]!.token;
});

afterAll(async () => {
  await db.write(
    `MATCH (n) WHERE (n:SurveyCampaign AND n.id = $campaign) OR ((n:SurveyInvitation OR n:SurveyResponse OR n:SurveyAnswer) AND n.campaign = $campaign) DETACH DELETE n`,
    { campaign },
  );
  await db.write(`MATCH (c:Change) WHERE c.by = $by OR c.actorId STARTS WITH $p DELETE c`, { by: `questionnaire:${campaign}`, p });
  await db.write(`MATCH (c:Company) WHERE c.source = 'questionnaire' AND c.name STARTS WITH $p DETACH DELETE c`, { p });
  await removeAll(db, p);
  await db.close();
});

describe('surveyCampaignProgress', () => {
  it('before any answer: the campaign, its links, zero respondents, no territory, no need', async () => {
    const res = await progress();
    expect(res.errors).toBeUndefined();
    expect(res.data!.surveyCampaignProgress).toEqual({
      campaign: { id: campaign, name: 'Besoins de la vallée', opensOn: day(-1), closesOn: day(20), territoryId: `${p}:dep`, frameworkVersion: `${p}-v1`, respondents: 0 },
      publicLink: true,
      invitations: 1,
      respondents: 0,
      lastAnswerAt: null,
      byTerritory: [],
      neededCompetencies: [],
    });
  });

  it('counts respondents by territory at each level asked and ranks the needed competencies, in one query', async () => {
    for (const [token, body] of [
      [publicToken, answer(`${p} Alpha`, 'commune-b', [['k1', 5], ['k2', 3]])],
      [publicToken, answer(`${p} Beta`, 'commune-b', [['k1', 3]])],
      [invitationToken, answer('Invitée Progress', 'commune-a', [['k3', 5]])],
      // The invitation answered again: it replaces, it does not count twice.
      [invitationToken, answer('Invitée Progress', 'commune-a', [['k1', 4], ['k3', 5]])],
    ] as const) {
      const sent = await gql(server, SUBMIT, { token, answer: body });
      expect(sent.errors).toBeUndefined();
    }
    counting.reset();
    const res = await progress();
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    const got = res.data!.surveyCampaignProgress;
    expect(got).toMatchObject({ respondents: 3, campaign: { respondents: 3 }, invitations: 1, publicLink: true });
    expect(Date.now() - Date.parse(got.lastAnswerAt!)).toBeLessThan(60_000);
    expect(got.byTerritory).toEqual([
      { level: 'DEPARTMENT', territoryId: `${p}:dep`, name: `Département ${p}`, code: `${p}-D`, respondents: 3 },
      // Commune B lies in no EPCI: its two respondents are counted apart.
      { level: 'EPCI', territoryId: null, name: null, code: null, respondents: 2 },
      { level: 'EPCI', territoryId: `${p}:epci`, name: `CC ${p}`, code: `${p}-E`, respondents: 1 },
      { level: 'COMMUNE', territoryId: `${p}:commune-b`, name: `Albert ${p}`, code: `${p}-B`, respondents: 2 },
      { level: 'COMMUNE', territoryId: `${p}:commune-a`, name: `Méaulte ${p}`, code: `${p}-A`, respondents: 1 },
    ]);
    expect(got.neededCompetencies).toEqual([
      { competency: { id: `${p}:k1`, name: 'Usinage', theme: 'industrie' }, respondents: 3, meanPriority: 4 },
      { competency: { id: `${p}:k3`, name: 'Financement', theme: 'industrie' }, respondents: 1, meanPriority: 5 },
      { competency: { id: `${p}:k2`, name: 'Export', theme: 'industrie' }, respondents: 1, meanPriority: 3 },
    ]);
    // Counts only: no company name, no comment.
    const text = JSON.stringify(got);
    for (const personal of ['Alpha', 'Beta', 'Invitée', 'Martin']) expect(text).not.toContain(personal);
  });

  it('levels in the order asked, and as many needs as asked', async () => {
    const res = await progress(['COMMUNE', 'REGION'], 1);
    expect(res.errors).toBeUndefined();
    const got = res.data!.surveyCampaignProgress;
    expect(got.byTerritory.map((t) => [t.level, t.territoryId, t.respondents])).toEqual([
      ['COMMUNE', `${p}:commune-b`, 2],
      ['COMMUNE', `${p}:commune-a`, 1],
      ['REGION', `${p}:region`, 3],
    ]);
    expect(got.neededCompetencies.map((n) => n.competency.id)).toEqual([`${p}:k1`]);
  });

  it('admins only; an unknown campaign is NOT_FOUND; too many needs is BAD_USER_INPUT', async () => {
    for (const key of [editor.key, reader.key]) {
      const res = await gql(server, PROGRESS, { id: campaign, levels: ['COMMUNE'] }, { 'x-api-key': key });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    const anonymous = await gql(server, PROGRESS, { id: campaign, levels: ['COMMUNE'] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await gql(server, PROGRESS, { id: `${campaign}-nope`, levels: ['COMMUNE'] }, asAdmin);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooMany = await progress(['COMMUNE'], 51);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['needs'] });
  });
});
