/**
 * Questionnaire load: N concurrent respondents (default 64) submitting answers through a campaign's
 * public link for D seconds (default 60), against the real service in its own process. Prints
 * answers/s, p50/p99 latency, errors, answers acknowledged against answers counted in Neo4j
 * afterwards (lost = acknowledged but not stored), and the service's RSS before and after each run;
 * then the time of the campaign page's query (surveyCampaignProgress) on all those respondents.
 *
 *   node bench/answers.ts [--connections 64] [--duration 60] [--runs 2]
 *
 * Starts its own Neo4j in a temp folder and seeds the Somme's geography and the competency
 * framework. The questionnaire's rate limits are turned off (SURVEY_RATE_PER_CLIENT=0,
 * SURVEY_RATE_PER_CAMPAIGN=0): every respondent comes from this one address.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { newApiKey } from '../src/access/api-keys.ts';
import { projectRoot } from '../src/config.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { geographyPart, geographySource, loadGeographyData } from '../src/seed/geography.ts';
import { seed } from '../src/seed/load.ts';
import { hasGraphQLErrors, invocation, provenance, rssMbOf, waitUntilReady } from './support.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    runs: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'info' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: node bench/answers.ts [options]

Starts its own Neo4j, seeds the Somme's geography and the competency framework, runs the service in
its own process, creates a survey campaign and has N respondents submit the questionnaire at once.

  --connections N     concurrent respondents (default 64)
  --duration S        seconds per run (default 60)
  --runs N            runs in a row; memory is read after each (default 2)
  --log-level L       the service's LOG_LEVEL (default info, as in production)
  -h, --help          this help`);
  process.exit(0);
}
const connections = Number(values.connections);
const duration = Number(values.duration);
const runs = Number(values.runs);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-answers-'));
const neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '512m', log: (l) => console.error(l) });
const db = connect({ ...neo4j.connection, database: 'neo4j' });
try {
  await migrate(db);
  await seed(db, geographySource(geographyPart(loadGeographyData(), { departement: '80' })));
  await seed(db, resolveSource('framework'));
  const communeIds = (await db.read<{ id: string }>("MATCH (c:Commune)-[:PART_OF*1..2]->(:Department {id: 'department:80'}) RETURN DISTINCT c.id AS id")).map((r) => r.id);
  const competencyIds = (await db.read<{ id: string }>("MATCH (k:Competency {level: 'competency'}) RETURN k.id AS id")).map((r) => r.id);

  const admin = newApiKey('bench-admin', 'admin');
  const port = await freePort();
  const service = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: neo4j.connection.password,
      PORT: String(port),
      RATE_LIMIT_PER_MINUTE: '0',
      SURVEY_RATE_PER_CLIENT: '0',
      SURVEY_RATE_PER_CAMPAIGN: '0',
      SEED_ON_START: 'false',
      LOG_LEVEL: values['log-level'],
      MAILLAGE_API_KEYS: admin.entry,
    },
    stdio: ['ignore', 'inherit', openSync(path.join(dataDir, 'service.log'), 'a')],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url);
  const rssMb = () => rssMbOf(service.pid);

  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const created = (await (
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': admin.key },
      body: JSON.stringify({
        query: 'mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { publicToken } }',
        variables: { input: { slug: 'bench', name: 'Bench', opensOn: day(-1), closesOn: day(1), territoryId: 'department:80', frameworkVersion: 'maillage-1' } },
      }),
    })
  ).json()) as { data?: { createSurveyCampaign: { publicToken: string } } };
  const token = created.data?.createSurveyCampaign.publicToken;
  if (!token) throw new Error(`could not create the campaign: ${JSON.stringify(created)}`);

  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  let n = 0;
  const body = () => {
    n += 1;
    const needs = [...new Set([pick(competencyIds), pick(competencyIds), pick(competencyIds)])].map((competencyId) => ({ competencyId, priority: 1 + Math.floor(Math.random() * 5) }));
    return JSON.stringify({
      query: 'mutation($token: String!, $answer: SurveyAnswerInput!) { submitSurveyAnswer(token: $token, answer: $answer) { respondentId needs } }',
      variables: {
        token,
        answer: {
          company: { name: `PME ${n}`, communeId: pick(communeIds), size: pick(['MICRO', 'SMALL', 'MEDIUM']), sector: 'industrie', innovates: Math.random() < 0.5, exports: Math.random() < 0.3 },
          needs,
          comment: n % 4 === 0 ? 'Un commentaire de test.' : null,
        },
      },
    });
  };

  const rows: string[] = [];
  let acknowledged = 0;
  let acknowledgedNeeds = 0;
  for (let run = 1; run <= runs; run += 1) {
    let graphqlErrors = 0;
    const rssBefore = rssMb();
    const result = await autocannon({
      url: `${url}/graphql`,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: body() }),
          onResponse: (status, text) => {
            if (status !== 200) return;
            if (hasGraphQLErrors(text)) {
              graphqlErrors += 1;
              return;
            }
            const needs = /"needs":(\d+)/.exec(text)?.[1];
            acknowledged += 1;
            acknowledgedNeeds += Number(needs ?? 0);
          },
        },
      ],
    });
    const [stored] = await db.read<{ responses: number; answers: number }>(
      "RETURN COUNT { MATCH (r:SurveyResponse {campaign: 'campaign:bench'}) } AS responses, COUNT { MATCH (a:SurveyAnswer {campaign: 'campaign:bench'}) } AS answers",
    );
    const errors = result.errors + result.non2xx + result.timeouts + graphqlErrors;
    const lost = acknowledged - (stored?.responses ?? 0);
    rows.push(
      `| ${run} | ${connections} | ${duration} s | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} | ${acknowledged} / ${stored?.responses} | ${acknowledgedNeeds} / ${stored?.answers} | ${lost} | ${rssBefore} → ${rssMb()} |`,
    );
    console.error(`run ${run}: ${result.requests.average} answers/s, p99 ${result.latency.p99} ms, errors ${errors}, acknowledged ${acknowledged}, stored ${stored?.responses}`);
  }
  // What the campaign page (explorer/campaign.html) costs once the answers are in: the query it asks every few seconds.
  const progressMs: number[] = [];
  let progressRespondents = 0;
  for (let i = 0; i < 21; i += 1) {
    const started = performance.now();
    const answer = (await (
      await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': admin.key },
        body: JSON.stringify({
          query: `{ surveyCampaignProgress(id: "campaign:bench", levels: [DEPARTMENT, COMMUNE], needs: 10) {
            respondents lastAnswerAt byTerritory { level territoryId name code respondents } neededCompetencies { competency { id name } respondents meanPriority } } }`,
        }),
      })
    ).json()) as { data?: { surveyCampaignProgress: { respondents: number } }; errors?: unknown };
    if (!answer.data) throw new Error(`surveyCampaignProgress failed: ${JSON.stringify(answer.errors)}`);
    progressRespondents = answer.data.surveyCampaignProgress.respondents;
    // The first ask plans the query: kept apart.
    if (i > 0) progressMs.push(performance.now() - started);
  }
  progressMs.sort((a, b) => a - b);
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  console.log(`\nQuestionnaire answers on the Somme's ${communeIds.length} communes and ${competencyIds.length} competencies, ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log(provenance(invocation('node bench/answers.ts')) + ` LOG_LEVEL ${values['log-level']}.\n`);
  console.log('| run | respondents at once | duration | answers/s | p50 ms | p99 ms | errors | answers acknowledged / stored (cumulative) | needs acknowledged / SurveyAnswer stored | lost | service RSS before → after (MB) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
  console.log(
    `\nThe campaign page's query (surveyCampaignProgress: départements, communes, 10 needs) on the ${progressRespondents} respondents, asked 20 times after a first: p50 ${progressMs[9]!.toFixed(0)} ms, max ${progressMs.at(-1)!.toFixed(0)} ms.`,
  );
} finally {
  await db.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
