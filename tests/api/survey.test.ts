// Survey campaigns: an admin makes the links, respondents answer without an account, answers
// become NEEDS exactly as a CSV import makes them, and a respondent's data can be exported and erased.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { seed } from '../../src/seed/load.ts';
import { readSeedPath } from '../../src/seed/read-files.ts';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';
import { createActors, createTerritories, removeAll } from './support.ts';

const db = testDatabase();
const admin = newApiKey('survey-admin', 'admin');
const editor = newApiKey('survey-editor', 'editor');
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
const config = loadConfig({ MAILLAGE_API_KEYS: `${admin.entry},${editor.entry}`, MAILLAGE_READS: 'key', SURVEY_RATE_PER_CLIENT: '0' });
const server = createGraphQLServer({ db, logger, security: config.security, limits: config.limits });
const asAdmin = { 'x-api-key': admin.key };
const p = uniquePrefix('srv');
const version = `${p}-v1`;
const today = new Date();
const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

const CREATE = `mutation($input: SurveyCampaignInput!) {
  createSurveyCampaign(input: $input) { campaign { id name opensOn closesOn territoryId frameworkVersion respondents } publicToken invitations { companyId token } }
}`;
const FORM = `query($token: String!) { surveyForm(token: $token) { campaignName closesOn territoryName invitation company { name communeId size } competencies { id name } } }`;
const SUBMIT = `mutation($token: String!, $answer: SurveyAnswerInput!) { submitSurveyAnswer(token: $token, answer: $answer) { respondentId updated needs } }`;
const GAPS = `query($within: ID) { competencyGaps(within: $within) { competency { id } demand companyCount responses } }`;

let publicToken = '';
let invitationToken = '';

function answer(name: string, needs: [string, number][], commune = `${p}:commune-b`, comment: string | null = null) {
  return {
    company: { name, communeId: commune, size: 'SMALL', sector: 'aéronautique', innovates: true, exports: false },
    needs: needs.map(([competencyId, priority]) => ({ competencyId: `${p}:${competencyId}`, priority })),
    comment,
  };
}

async function needsOf(companyId: string) {
  return db.read<{ competency: string; weight: number; responses: number; source: string }>(
    'MATCH (:Company {id: $id})-[n:NEEDS]->(k:Competency) RETURN k.id AS competency, n.weight AS weight, n.responses AS responses, n.source AS source ORDER BY competency',
    { id: companyId },
  );
}

async function companyOf(respondentId: string): Promise<string> {
  const [row] = await db.read<{ company: string }>('MATCH (r:SurveyResponse {id: $id}) RETURN r.company AS company', { id: respondentId });
  return row!.company;
}

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [
    { id: `${p}-invited`, name: 'Invitée SA', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` },
    { id: `${p}-csv`, name: 'Par CSV', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-b` },
  ]);
  await db.write(
    `UNWIND $rows AS row CREATE (:Entity:Competency {id: row.id, name: row.name, theme: 'innovation', level: 'competency', frameworkVersion: row.version})`,
    {
      rows: [
        { id: `${p}:k1`, name: 'Veille', version },
        { id: `${p}:k2`, name: 'Prototypage', version },
        { id: `${p}:k3`, name: 'Export', version },
        { id: `${p}:other`, name: 'Autre référentiel', version: `${p}-v0` },
      ],
    },
  );
  await db.write(`CREATE (:Entity:Territory:Commune {id: $id, name: 'Ailleurs', code: $id})`, { id: `${p}:elsewhere` });
  const res = await gql<{ createSurveyCampaign: { publicToken: string; invitations: { companyId: string; token: string }[]; campaign: Record<string, unknown> } }>(
    server,
    CREATE,
    { input: { slug: p, name: 'Besoins des PME', opensOn: day(-1), closesOn: day(30), territoryId: `${p}:dep`, frameworkVersion: version, invitations: [`${p}-invited`] } },
    asAdmin,
  );
  expect(res.errors).toBeUndefined();
  publicToken = res.data!.createSurveyCampaign.publicToken;
  invitationToken = res.data!.createSurveyCampaign.invitations[0]!.token;
});

afterAll(async () => {
  await db.write(
    `MATCH (n) WHERE (n:SurveyCampaign AND n.id = $campaign) OR ((n:SurveyInvitation OR n:SurveyResponse OR n:SurveyAnswer) AND n.campaign = $campaign) DETACH DELETE n`,
    { campaign: `campaign:${p}` },
  );
  await db.write(`MATCH (a:SurveyAnswer) WHERE a.company = $c DETACH DELETE a`, { c: `${p}-csv` });
  await db.write(`MATCH (c:Change) WHERE c.by = $by OR c.actorId STARTS WITH $p DELETE c`, { by: `questionnaire:campaign:${p}`, p });
  await db.write(`MATCH (c:Company) WHERE c.source = 'questionnaire' AND NOT EXISTS { (c)--() } DELETE c`);
  await removeAll(db, p);
  await db.close();
});

describe('campaigns', () => {
  it('an admin creates one: its links are shown once and only their hashes are kept; an editor may not', async () => {
    expect(publicToken).toMatch(/^[\w-]{24}$/);
    const [stored] = await db.read<{ props: Record<string, unknown> }>('MATCH (c:SurveyCampaign {id: $id}) RETURN properties(c) AS props', { id: `campaign:${p}` });
    expect(JSON.stringify(stored!.props)).not.toContain(publicToken);
    const forbidden = await gql(server, CREATE, { input: { slug: `${p}-x`, name: 'X', opensOn: day(0), closesOn: day(1), frameworkVersion: version } }, { 'x-api-key': editor.key });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await gql(server, CREATE, { input: { slug: `${p}-y`, name: 'Y', opensOn: day(2), closesOn: day(1), frameworkVersion: version } }, asAdmin);
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'closesOn'] });
    const notCompany = await gql(server, CREATE, { input: { slug: `${p}-z`, name: 'Z', opensOn: day(0), closesOn: day(1), frameworkVersion: version, invitations: [`${p}:dep`] } }, asAdmin);
    expect(notCompany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the form behind a link is public (even when reads need a key) and offers only the campaign framework', async () => {
    const res = await gql<{ surveyForm: { competencies: { id: string }[]; invitation: boolean; territoryName: string } }>(server, FORM, { token: publicToken });
    expect(res.errors).toBeUndefined();
    expect(res.data!.surveyForm).toMatchObject({ campaignName: 'Besoins des PME', invitation: false, territoryName: `Département ${p}`, company: null });
    // This file's framework (the shared database may also hold the unversioned framework of the seed,
    // which every campaign offers): its own version, never the other version's competency.
    const ids = res.data!.surveyForm.competencies.map((k) => k.id);
    expect(ids.filter((id) => id.startsWith(`${p}:`)).sort()).toEqual([`${p}:k1`, `${p}:k2`, `${p}:k3`]);
    expect(ids).not.toContain(`${p}:other`);
    const invited = await gql<{ surveyForm: { invitation: boolean; company: Record<string, unknown> } }>(server, FORM, { token: invitationToken });
    expect(invited.data!.surveyForm).toMatchObject({ invitation: true, company: { name: 'Invitée SA', communeId: `${p}:commune-a` } });
    const unknown = await gql(server, FORM, { token: 'not-a-token' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A public operation does not open anything else.
    const mixed = await gql(server, `query($token: String!) { surveyForm(token: $token) { campaignName } actors(first: 1) { totalCount } }`, { token: publicToken });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('answering', () => {
  it('a public answer creates the company, its answers and NEEDS, and the territory gaps change', async () => {
    const before = await gql<{ competencyGaps: { competency: { id: string }; companyCount: number; responses: number }[] }>(server, GAPS, { within: `${p}:dep` }, asAdmin);
    expect(before.data!.competencyGaps.filter((g) => g.competency.id === `${p}:k1`)).toEqual([]);
    const res = await gql<{ submitSurveyAnswer: { respondentId: string; updated: boolean; needs: number } }>(
      server,
      SUBMIT,
      { token: publicToken, answer: answer('Nouvelle PME', [['k1', 5], ['k2', 2]], `${p}:commune-b`, 'Nous cherchons un stagiaire.') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitSurveyAnswer).toMatchObject({ updated: false, needs: 2 });
    const company = await companyOf(res.data!.submitSurveyAnswer.respondentId);
    expect(await needsOf(company)).toEqual([
      { competency: `${p}:k1`, weight: 1, responses: 1, source: 'survey' },
      { competency: `${p}:k2`, weight: 0.4, responses: 1, source: 'survey' },
    ]);
    const after = await gql<{ competencyGaps: { competency: { id: string }; companyCount: number; responses: number; demand: number }[] }>(server, GAPS, { within: `${p}:dep` }, asAdmin);
    expect(after.data!.competencyGaps.find((g) => g.competency.id === `${p}:k1`)).toMatchObject({ companyCount: 1, responses: 1, demand: 1 });
    const [stored] = await db.read<{ labels: string[]; props: Record<string, unknown>; commune: string }>(
      'MATCH (c:Entity {id: $id})-[:LOCATED_IN]->(m) RETURN labels(c) AS labels, properties(c) AS props, m.id AS commune',
      { id: company },
    );
    expect(stored!.labels.sort()).toEqual(['Actor', 'Company', 'Entity']);
    expect(stored!.props).toMatchObject({ name: 'Nouvelle PME', kind: 'COMPANY', size: 'SMALL', innovates: true, exports: false, source: 'questionnaire' });
    expect(stored!.commune).toBe(`${p}:commune-b`);
  });

  it('the questionnaire and a CSV import of the same answers give the same NEEDS', async () => {
    const res = await gql<{ submitSurveyAnswer: { respondentId: string } }>(server, SUBMIT, { token: publicToken, answer: answer('Jumelle', [['k1', 3], ['k3', 4]]) });
    const viaQuestionnaire = await needsOf(await companyOf(res.data!.submitSurveyAnswer.respondentId));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-survey-'));
    try {
      writeFileSync(path.join(dir, 'reponses.csv'), `reponse;entreprise;competence;priorite\n${p}-a1;${p}-csv;${p}:k1;3\n${p}-a2;${p}-csv;${p}:k3;4\n`);
      await seed(db, readSeedPath(dir, p));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await needsOf(`${p}-csv`)).toEqual(viaQuestionnaire);
  });

  it('answering twice with the same invitation updates instead of doubling', async () => {
    const first = await gql<{ submitSurveyAnswer: { respondentId: string; updated: boolean } }>(server, SUBMIT, { token: invitationToken, answer: answer('Invitée SA', [['k1', 4], ['k2', 4]], `${p}:commune-a`) });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitSurveyAnswer.updated).toBe(false);
    const second = await gql<{ submitSurveyAnswer: { respondentId: string; updated: boolean } }>(server, SUBMIT, { token: invitationToken, answer: answer('Invitée SAS', [['k2', 2], ['k3', 5]], `${p}:commune-a`) });
    expect(second.data!.submitSurveyAnswer).toEqual({ respondentId: first.data!.submitSurveyAnswer.respondentId, updated: true, needs: 2 });
    expect(await companyOf(second.data!.submitSurveyAnswer.respondentId)).toBe(`${p}-invited`);
    expect(await needsOf(`${p}-invited`)).toEqual([
      { competency: `${p}:k2`, weight: 0.4, responses: 1, source: 'survey' },
      { competency: `${p}:k3`, weight: 1, responses: 1, source: 'survey' },
    ]);
    const [count] = await db.read<{ answers: number; responses: number; name: string }>(
      `MATCH (c:Company {id: $id}) RETURN c.name AS name, COUNT { MATCH (a:SurveyAnswer {company: $id}) } AS answers, COUNT { MATCH (r:SurveyResponse {company: $id}) } AS responses`,
      { id: `${p}-invited` },
    );
    expect(count).toEqual({ name: 'Invitée SAS', answers: 2, responses: 1 });
  });

  it('refuses competencies outside the framework, communes outside the territory, unknown links: nothing written', async () => {
    const count = async () => (await db.read<{ n: number }>('MATCH (r:SurveyResponse {campaign: $c}) RETURN count(r) AS n', { c: `campaign:${p}` }))[0]!.n;
    const before = await count();
    const outside = await gql(server, SUBMIT, { token: publicToken, answer: answer('Hors cadre', [['k1', 3], ['other', 5]]) });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['answer', 'needs', 1, 'competencyId'] });
    const far = await gql(server, SUBMIT, { token: publicToken, answer: answer('Loin', [['k1', 3]], `${p}:elsewhere`) });
    expect(far.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['answer', 'company', 'communeId'] });
    const priority = await gql(server, SUBMIT, { token: publicToken, answer: answer('Trop', [['k1', 9]]) });
    expect(priority.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['answer', 'needs', 0, 'priority'] });
    const twice = await gql(server, SUBMIT, { token: publicToken, answer: answer('Deux fois', [['k1', 3], ['k1', 4]]) });
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const noLink = await gql(server, SUBMIT, { token: 'forged', answer: answer('Faux', [['k1', 3]]) });
    expect(noLink.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
    const [named] = await db.read<{ n: number }>(`MATCH (c:Company) WHERE c.name IN ['Hors cadre', 'Loin', 'Trop', 'Deux fois', 'Faux'] RETURN count(c) AS n`);
    expect(named!.n).toBe(0);
  });

  it('is rate-limited per client and per link (named settings), before any Cypher', async () => {
    const limited = loadConfig({ SURVEY_RATE_PER_CLIENT: '2', SURVEY_RATE_PER_CAMPAIGN: '100' });
    const small = createGraphQLServer({ db, logger, security: limited.security, limits: limited.limits });
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await gql(small, SUBMIT, { token: 'forged', answer: answer('Limite', [['k1', 3]]) });
      codes.push(res.errors?.[0]?.extensions?.code);
    }
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    const perLink = loadConfig({ SURVEY_RATE_PER_CLIENT: '100', SURVEY_RATE_PER_CAMPAIGN: '1' });
    const one = createGraphQLServer({ db, logger, security: perLink.security, limits: perLink.limits });
    await gql(one, SUBMIT, { token: 'forged-2', answer: answer('Limite', [['k1', 3]]) });
    const again = await gql(one, SUBMIT, { token: 'forged-2', answer: answer('Limite', [['k1', 3]]) });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(again.errors?.[0]?.message).toMatch(/SURVEY_RATE_PER_CAMPAIGN/);
  });
});

describe("a respondent's data", () => {
  it('an admin exports it, then erases it: answers, comment, the company it created and its NEEDS go; nothing personal was logged', async () => {
    const secretName = `Dupont Conseil ${p}`;
    const comment = 'Rappelez Jean Dupont au 06 12 34 56 78';
    const res = await gql<{ submitSurveyAnswer: { respondentId: string } }>(server, SUBMIT, { token: publicToken, answer: answer(secretName, [['k2', 5]], `${p}:commune-b`, comment) });
    const id = res.data!.submitSurveyAnswer.respondentId;
    const company = await companyOf(id);
    const exported = await gql<{ surveyRespondent: Record<string, unknown> }>(server, `query($id: ID!) { surveyRespondent(id: $id) }`, { id }, asAdmin);
    expect(exported.data!.surveyRespondent).toMatchObject({
      response: { id, campaign: `campaign:${p}`, comment, submissions: 1, companyCreatedByTheQuestionnaire: true },
      company: { name: secretName, communeId: `${p}:commune-b`, size: 'SMALL' },
      answers: [{ competency: `${p}:k2`, priority: 5 }],
    });
    const byEditor = await gql(server, `query($id: ID!) { surveyRespondent(id: $id) }`, { id }, { 'x-api-key': editor.key });
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const erased = await gql(server, `mutation($id: ID!) { deleteSurveyRespondent(id: $id) }`, { id }, asAdmin);
    expect(erased.data).toEqual({ deleteSurveyRespondent: true });
    const [left] = await db.read<{ responses: number; answers: number; companies: number; changes: number }>(
      `RETURN COUNT { MATCH (r:SurveyResponse {id: $id}) } AS responses, COUNT { MATCH (a:SurveyAnswer {respondent: $id}) } AS answers,
              COUNT { MATCH (c:Entity {id: $company}) } AS companies, COUNT { MATCH (c:Change {actorId: $company}) } AS changes`,
      { id, company },
    );
    expect(left).toEqual({ responses: 0, answers: 0, companies: 0, changes: 0 });
    const again = await gql(server, `mutation($id: ID!) { deleteSurveyRespondent(id: $id) }`, { id }, asAdmin);
    expect(again.data).toEqual({ deleteSurveyRespondent: false });

    const metrics = await (await server.fetch('http://maillage.test/metrics')).text();
    for (const secret of [secretName, 'Dupont', '06 12 34', publicToken, invitationToken]) {
      expect(logLines.join('\n')).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
  });

  it('erasing an invited respondent keeps the invited company but drops the NEEDS its answers made', async () => {
    const res = await gql<{ submitSurveyAnswer: { respondentId: string } }>(server, SUBMIT, { token: invitationToken, answer: answer('Invitée SAS', [['k1', 5]], `${p}:commune-a`) });
    await gql(server, `mutation($id: ID!) { deleteSurveyRespondent(id: $id) }`, { id: res.data!.submitSurveyAnswer.respondentId }, asAdmin);
    expect(await needsOf(`${p}-invited`)).toEqual([]);
    const [kept] = await db.read('MATCH (c:Company {id: $id}) RETURN c.id AS id', { id: `${p}-invited` });
    expect(kept).toBeDefined();
  });
});
