/**
 * The territory report of a département and of the whole network, cold and cached, against its peer
 * in the same run: networkShape of the same territory (uncached), the heaviest field the report reads.
 * In a throw-away Neo4j: France's geography, the competency framework, the article, then a synthetic
 * network of N relationships placed on the real communes (by population).
 *
 *   flock /tmp/maillage-bench.lock node bench/report.ts [--relationships 20000] [--department department:59] [--no-prepare] [--profile]
 *
 * For each territory, through the HTTP route a user calls (GET /report/<id>.pdf, in-process):
 * First, what the service does when it starts (unless --no-prepare): prepareReports plans the
 * report's queries and computes the figures every report shares, timed apart. Then:
 * - cold PDF: the first request (territoryReport content, HTML with its charts and map, Chromium);
 * - cached PDF: the same request again (data unchanged: the rendered document is reused);
 * - cold HTML of the other language (sentences and HTML again, no Chromium; the data is cached);
 * - peer: networkShape(within) with its cache off.
 * Goals (issue #19): 10 s cold for a département, 60 s for the whole network, 1 s cached, at 1M.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Budgets, DEFAULT_BUDGETS } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createGraphQLServer } from '../src/graphql/server.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { seed } from '../src/seed/load.ts';
import { networkShape } from '../src/shape/network-shape.ts';
import { closePdfBrowser } from '../src/report/pdf.ts';
import { prepareReports } from '../src/report/prepare.ts';
import { profileReport } from './report-profile.ts';
import { commit, helpIfAsked, invocation, loadAverage, provenance } from './support.ts';

helpIfAsked(`node bench/report.ts [--relationships 20000] [--department department:59] [--no-prepare] [--profile]
  The territory report (GET /report/<id>.pdf, in-process) of a département and of the whole network:
  cold PDF, cached PDF, cold HTML of the other language, and networkShape(within) uncached as the peer.
  Starts its own Neo4j in a temp folder; run it under the shared lock.

  --relationships N   synthetic relationships seeded after the article (default 20000)
  --department ID     the département measured (default department:59, the Nord)
  --no-prepare        measure the very first request: skip what the service does at start (plan the
                      report's queries, compute the figures every report shares)
  --profile           before the measurements (which are then no longer the first requests), where
                      the cold time goes: the whole content on the fresh Neo4j (planning included),
                      then each query and step of it, each chart, Chromium
  -h, --help          this help`);
console.log(provenance(invocation('node bench/report.ts')));

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const relationships = Number(arg('relationships', '20000'));
const department = arg('department', 'department:59');

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-report-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '512m', startTimeoutMs: 600_000, log: () => undefined });
// A loaded machine must not turn the measurement into a time-out: every budget set to 10 minutes.
const budgets = Object.fromEntries(Object.keys(DEFAULT_BUDGETS).map((k) => [k, 600_000])) as Budgets;
const db = connect({ ...server.connection, database: 'neo4j', timeoutMs: 600_000, budgets });
const yoga = createGraphQLServer({ db, logger: createLogger('silent') });
const rows: string[] = [];
let seededMs = 0;
let preparedLine = '';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The documents are kept in the temp folder, to look at what was timed. */
async function fetchOk(url: string): Promise<number> {
  const response = await yoga.fetch(`http://bench.local${url}`);
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${Buffer.from(body).toString().slice(0, 300)}`);
  writeFileSync(path.join(os.tmpdir(), `maillage-bench-${url.replace(/[^a-z0-9.]+/gi, '-')}`), Buffer.from(body));
  return body.byteLength;
}

try {
  await migrate(db);
  const seeding = await timed(async () => {
    for (const set of ['geography', 'framework', 'article'] as const) await seed(db, resolveSource(set));
    await seed(db, resolveSource('synthetic', { seed: 7, relationships }));
  });
  seededMs = seeding.ms;
  process.stderr.write(`seeded in ${(seeding.ms / 1000).toFixed(0)} s\n`);
  // First, on the fresh Neo4j: the first territoryReport also shows what planning its queries costs.
  if (process.argv.includes('--profile')) {
    for (const within of [department, null]) await profileReport(server.connection, budgets, within);
  }
  // What the service does when it starts (src/service.ts), unless --no-prepare: the report's
  // queries planned and its shared figures computed, in the background, before users come.
  preparedLine = 'Not prepared (--no-prepare): the first request also plans every query and computes the shared figures.';
  if (!process.argv.includes('--no-prepare')) {
    const prepared = await timed(() => prepareReports(db));
    preparedLine = `Prepared as at the service's start (src/report/prepare.ts): ${prepared.value?.within ?? 'nothing'} in ${(prepared.ms / 1000).toFixed(1)} s.`;
    process.stderr.write(`${preparedLine}\n`);
  }
  for (const within of [department, null]) {
    const id = within ?? 'network';
    const cold = await timed(() => fetchOk(`/report/${id}.pdf`));
    const cached = await timed(() => fetchOk(`/report/${id}.pdf`));
    const otherLanguage = await timed(() => fetchOk(`/report/${id}?lang=en`));
    const peer = await timed(() => networkShape(db, { within }, { cache: false }));
    rows.push(
      `| ${relationships.toLocaleString('en')} | ${within ?? 'whole network'} | ${peer.value.actorCount.toLocaleString('en')} | ${peer.value.linkCount.toLocaleString('en')} | ${(cold.ms / 1000).toFixed(1)} s | ${cached.ms.toFixed(0)} ms | ${(otherLanguage.ms / 1000).toFixed(1)} s | ${(peer.ms / 1000).toFixed(1)} s | ${(cold.ms / peer.ms).toFixed(1)}x | ${Math.round(cold.value / 1024)} kB | ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
} finally {
  await closePdfBrowser();
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`Seeded in ${(seededMs / 1000).toFixed(0)} s. ${preparedLine}`);
console.log(`At the end: commit ${commit()}; load average ${loadAverage()} (1, 5, 15 min).`);
console.log('| relationships | territory | actors | links | cold PDF | cached PDF | HTML, other language (data cached) | peer: networkShape uncached | cold PDF vs peer | PDF size | load average after |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
