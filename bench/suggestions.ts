/**
 * How good are partner suggestions, measured the way the link-prediction field measures them.
 *
 *   npm run bench:suggestions -- --sizes 10000,100000 [--sources 300] [--seed 20]
 *
 * For each size, in a fresh process: the dated generator (src/seed/dated.ts) builds a network, the
 * time split keeps the links formed before its cutoff (2023-01) for training, those formed after
 * are to be predicted; its own Neo4j holds the training part only. For source companies (up to
 * --sources of them), every method scores every candidate: `synergies` through the real query, and
 * the classic baselines (common neighbours, Adamic-Adar, resource allocation, preferential
 * attachment) on the same training graph held in memory, on the same pairs.
 *   - warm track: companies with a link before the cutoff and a new university collaboration after;
 *     candidates: every university not yet linked to them;
 *   - cold start: companies with survey answers and no link at all before the cutoff (the tour's
 *     SMEs) that collaborate with a university or join a cluster after; candidates: every
 *     university and cluster.
 * Metrics per source (each new link ranked among the candidates that did not link, ties half):
 * Hits@10, Hits@20, MRR; AUC against 50 random negatives and against 50 hard ones (candidates at
 * distance 2 in the training graph). Means with 95% bootstrap intervals over source companies.
 * Also the p50/p95 time of the `synergies` calls.
 */
import { spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGETS } from '../src/config.ts';
import { connect, type Database } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { datedNetwork, type GeneratedLink, type GeneratedNode } from '../src/seed/dated.ts';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { aucOf, BASELINES, bootstrap, type Interval, LinkGraph, pairKey, rankAmong, timeSplit, twoHopScores } from '../src/synergy/evaluation.ts';
import { DEFAULT_SUGGESTION_LIMITS, estimatesAndScores, synergies, type SynergyFactor } from '../src/synergy/suggestions.ts';

/**
 * Quality must not depend on how loaded the machine is: the benchmark's calls get a minute, not the
 * service's 10 s budget; calls slower than the budget are counted and reported with the latency.
 */
const PATIENT = { ...DEFAULT_SUGGESTION_LIMITS, timeoutMs: 120_000 };
const SERVICE_BUDGET_MS = DEFAULT_BUDGETS.suggestionsMs;
import { writeFileSync } from 'node:fs';
import type { ActorKind } from '../src/domain/records.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    sources: { type: 'string', default: '300' },
    seed: { type: 'string', default: '20' },
    negatives: { type: 'string', default: '50' },
    child: { type: 'boolean', default: false },
    fit: { type: 'boolean', default: false },
    'fit-seed': { type: 'string', default: '101' },
    'fit-cutoff': { type: 'string', default: '2021-01' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const HELP = `Usage: npm run bench:suggestions -- [options]

Measures partner suggestions (synergies) against the classic link-prediction baselines on a dated
synthetic network: time split at 2023-01, Hits@10, Hits@20, MRR, AUC against random and hard
(distance-2) negatives, 95% bootstrap intervals over source companies; warm and cold-start tracks.
Each size runs in its own process with its own Neo4j (a temporary folder, removed after).

  --sizes A,B,...   target relationships per network (default 10000,100000; 1000000 needs ~20 min)
  --sources N       source companies per track (default 300)
  --negatives N     random and hard negatives per new link for AUC (default 50)
  --seed N          generator seed (default 20)
  --fit             instead: fit the factor weights (logistic, non-negative) on a network of another
                    seed (--fit-seed, default 101), at the first size, with the links formed before
                    --fit-cutoff (default 2021-01) as the graph and those formed from then until the
                    network's cutoff (2023-01) as labels: training data only; rewrites src/synergy/weights.ts
  -h, --help        this text

Timed runs share the machine: wrap them in flock /tmp/maillage-bench.lock.`;

const METHODS = ['synergies', ...BASELINES] as const;
type Method = (typeof METHODS)[number];
const METRICS = ['hits10', 'hits20', 'mrr', 'aucRandom', 'aucHard'] as const;
type Metric = (typeof METRICS)[number];

interface TrackResult {
  sources: number;
  links: number;
  candidates: number;
  metrics: Record<Method, Record<Metric, Interval>>;
}
interface SizeResult {
  target: number;
  relationships: number;
  trainRelationships: number;
  testLinks: number;
  companies: number;
  universities: number;
  clusters: number;
  loadSeconds: number;
  latency: { p50: number; p95: number; calls: number; refused: number };
  failed: string[];
  warm: TrackResult;
  cold: TrackResult;
}

async function load(db: Database, nodes: readonly GeneratedNode[], links: readonly GeneratedLink[]): Promise<void> {
  for (let i = 0; i < nodes.length; i += 5000) {
    await db.write(`UNWIND $rows AS row CALL apoc.create.node(['Entity'] + row.labels, row.props) YIELD node RETURN count(node) AS n`, {
      rows: nodes.slice(i, i + 5000).map((n) => ({ labels: n.labels, props: { ...n.props, id: n.id } })),
    });
  }
  const byType = new Map<string, GeneratedLink[]>();
  for (const l of links) (byType.get(l.type) ?? byType.set(l.type, []).get(l.type)!).push(l);
  for (const [type, list] of byType) {
    for (let i = 0; i < list.length; i += 5000) {
      await db.write(
        `UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
         CALL apoc.create.relationship(a, $type, row.props, b) YIELD rel RETURN count(rel) AS n`,
        { type, rows: list.slice(i, i + 5000).map((l) => ({ from: l.from, to: l.to, props: l.props })) },
      );
    }
  }
}

function monthBefore(month: string): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 2;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Source {
  id: string;
  positives: Set<string>;
  candidates: string[];
}

async function track(
  db: Database,
  graph: LinkGraph,
  sources: readonly Source[],
  kinds: ActorKind[],
  negatives: number,
  times: number[],
  refused: { count: number },
  asOf: string,
  failed: string[],
): Promise<TrackResult> {
  const random = seededRandom(7);
  const perSource: Record<Method, Record<Metric, number[]>> = Object.fromEntries(
    METHODS.map((m) => [m, Object.fromEntries(METRICS.map((k) => [k, [] as number[]]))]),
  ) as Record<Method, Record<Metric, number[]>>;
  let links = 0;
  let candidates = 0;
  for (const source of sources) {
    const started = performance.now();
    // A failed call (the transaction memory limit, say) counts as no suggestion, and is reported.
    const found = await synergies(db, { actorId: source.id, kinds, first: 100, asOf }, {}, PATIENT).catch((error: unknown) => {
      failed.push(`${source.id}: ${error instanceof Error ? error.message.slice(0, 160) : String(error)}`);
      return [];
    });
    const took = performance.now() - started;
    times.push(took);
    if (took > SERVICE_BUDGET_MS) refused.count += 1;
    const ours = new Map(found.map((s) => [s.actor.id, s.score]));
    const walked = twoHopScores(graph, source.id);
    const degree = graph.degree(source.id);
    const scoreOf = (method: Method, c: string): number => {
      if (method === 'synergies') return ours.get(c) ?? 0;
      if (method === 'preferentialAttachment') return degree * graph.degree(c);
      return walked.get(c)?.[method] ?? 0;
    };
    const negativesAll = source.candidates.filter((c) => !source.positives.has(c));
    const hard = negativesAll.filter((c) => walked.has(c));
    const sample = (list: readonly string[]) => (list.length <= negatives ? [...list] : Array.from({ length: negatives }, () => list[Math.floor(random() * list.length)]!));
    // The same negatives for every method.
    const pairs = [...source.positives].map((p) => ({ p, random: sample(negativesAll), hard: sample(hard) }));
    links += pairs.length;
    candidates += source.candidates.length;
    for (const method of METHODS) {
      const negScores = negativesAll.map((c) => scoreOf(method, c));
      let h10 = 0;
      let h20 = 0;
      let rr = 0;
      let aucR = 0;
      let aucH = 0;
      for (const pair of pairs) {
        const s = scoreOf(method, pair.p);
        const rank = rankAmong(s, negScores);
        h10 += rank <= 10 ? 1 : 0;
        h20 += rank <= 20 ? 1 : 0;
        rr += 1 / rank;
        aucR += aucOf(s, pair.random.map((c) => scoreOf(method, c)));
        aucH += aucOf(s, pair.hard.map((c) => scoreOf(method, c)));
      }
      const n = pairs.length;
      const r = perSource[method];
      r.hits10.push(h10 / n);
      r.hits20.push(h20 / n);
      r.mrr.push(rr / n);
      r.aucRandom.push(aucR / n);
      r.aucHard.push(aucH / n);
    }
  }
  const metrics = Object.fromEntries(
    METHODS.map((m) => [m, Object.fromEntries(METRICS.map((k, i) => [k, bootstrap(perSource[m][k], 1000, 11 + i)]))]),
  ) as Record<Method, Record<Metric, Interval>>;
  return { sources: sources.length, links, candidates: Math.round(candidates / Math.max(1, sources.length)), metrics };
}

async function child(target: number, sourceCount: number, seed: number, negatives: number): Promise<SizeResult> {
  const net = datedNetwork({ relationships: target, seed });
  const { train, test } = timeSplit(net.links, net.cutoff);
  const graph = new LinkGraph(train.map((l) => [l.from, l.to] as const));
  const universities = new Set(net.universities);
  const clusters = new Set(net.clusters);
  const random = seededRandom(seed + 1);
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  };

  // New links to predict, per company.
  const newUniversities = new Map<string, Set<string>>();
  const newUniversitiesOrClusters = new Map<string, Set<string>>();
  for (const l of test) {
    if (l.type === 'COLLABORATES_WITH' && universities.has(l.to)) (newUniversities.get(l.from) ?? newUniversities.set(l.from, new Set()).get(l.from)!).add(l.to);
    if ((l.type === 'COLLABORATES_WITH' && universities.has(l.to)) || (l.type === 'MEMBER_OF' && clusters.has(l.to)))
      (newUniversitiesOrClusters.get(l.from) ?? newUniversitiesOrClusters.set(l.from, new Set()).get(l.from)!).add(l.to);
  }
  const datedBefore = new Set<string>();
  for (const l of train) if (l.date !== undefined) (datedBefore.add(l.from), datedBefore.add(l.to));
  const warmSources: Source[] = shuffle(net.companies.filter((c) => datedBefore.has(c) && newUniversities.has(c)))
    .slice(0, sourceCount)
    .map((id) => ({ id, positives: newUniversities.get(id)!, candidates: net.universities.filter((u) => !graph.has(id, u)) }));
  const coldSources: Source[] = shuffle(net.companies.filter((c) => net.answered.has(c) && !datedBefore.has(c) && newUniversitiesOrClusters.has(c)))
    .slice(0, sourceCount)
    .map((id) => ({ id, positives: newUniversitiesOrClusters.get(id)!, candidates: [...net.universities, ...net.clusters] }));
  for (const s of [...warmSources, ...coldSources]) for (const p of s.positives) if (graph.has(s.id, p)) throw new Error(`test link ${pairKey(s.id, p)} in training`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-suggestions-'));
  const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '512m' });
  const db = connect({ ...server.connection, database: 'neo4j' });
  try {
    await migrate(db);
    const started = performance.now();
    await load(db, net.nodes, train);
    const loadSeconds = (performance.now() - started) / 1000;
    // Warm plans and caches on a few sources outside the measured ones.
    for (const id of net.companies.slice(0, 5)) await synergies(db, { actorId: id, kinds: ['UNIVERSITY'], first: 100 }, {}, PATIENT);
    const times: number[] = [];
    const refused = { count: 0 };
    const failed: string[] = [];
    // RECENCY counts back from the last month of the training part.
    const asOf = monthBefore(net.cutoff);
    const warm = await track(db, graph, warmSources, ['UNIVERSITY'], negatives, times, refused, asOf, failed);
    const cold = await track(db, graph, coldSources, ['UNIVERSITY', 'CLUSTER'], negatives, times, refused, asOf, failed);
    return {
      target,
      relationships: net.links.length,
      trainRelationships: train.length,
      testLinks: test.length,
      companies: net.companies.length,
      universities: net.universities.length,
      clusters: net.clusters.length,
      loadSeconds,
      latency: { p50: percentile(times, 50), p95: percentile(times, 95), calls: times.length, refused: refused.count },
      failed,
      warm,
      cold,
    };
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Fits the weights: the graph is the fit network as of --fit-cutoff, the labels the university
 * collaborations (and cluster memberships, for companies with no link yet) formed from then until
 * the network's own cutoff. Features: every factor's value for every shortlisted candidate.
 */
async function fit(target: number, seed: number, fitCutoff: string, sourceCount: number): Promise<void> {
  const net = datedNetwork({ relationships: target, seed });
  const before = net.links.filter((l) => l.date === undefined || l.date < net.cutoff);
  const { train, test } = timeSplit(before, fitCutoff);
  const universities = new Set(net.universities);
  const clusters = new Set(net.clusters);
  const datedBefore = new Set<string>();
  for (const l of train) if (l.date !== undefined) (datedBefore.add(l.from), datedBefore.add(l.to));
  const labels = new Map<string, Set<string>>();
  for (const l of test) {
    const cold = !datedBefore.has(l.from) && net.answered.has(l.from);
    if ((l.type === 'COLLABORATES_WITH' && universities.has(l.to)) || (cold && l.type === 'MEMBER_OF' && clusters.has(l.to)))
      (labels.get(l.from) ?? labels.set(l.from, new Set()).get(l.from)!).add(l.to);
  }
  const sources = [...labels.keys()].filter((c) => datedBefore.has(c) || net.answered.has(c)).slice(0, sourceCount);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-suggestions-fit-'));
  const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '512m' });
  const db = connect({ ...server.connection, database: 'neo4j' });
  const rows: { x: number[]; y: number }[] = [];
  let factors: SynergyFactor[] = [];
  try {
    await migrate(db);
    await load(db, net.nodes, train);
    const asOf = monthBefore(fitCutoff);
    for (const id of sources) {
      const kinds: ActorKind[] = datedBefore.has(id) ? ['UNIVERSITY'] : ['UNIVERSITY', 'CLUSTER'];
      const found = await estimatesAndScores(db, { actorId: id, kinds, first: 100, asOf }, {}, PATIENT);
      for (const c of found) {
        factors = Object.keys(c.values) as SynergyFactor[];
        rows.push({ x: factors.map((f) => c.values[f]), y: labels.get(id)!.has(c.synergy.actor.id) ? 1 : 0 });
      }
    }
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Logistic regression, weights kept >= 0 (projected gradient descent), small L2.
  const d = factors.length;
  const w = new Float64Array(d).fill(0.1);
  let b = -2;
  const positives = rows.filter((r) => r.y === 1).length;
  for (let step = 0; step < 4000; step++) {
    const g = new Float64Array(d);
    let gb = 0;
    for (const r of rows) {
      let z = b;
      for (let j = 0; j < d; j++) z += (w[j] ?? 0) * (r.x[j] ?? 0);
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      for (let j = 0; j < d; j++) g[j] = (g[j] ?? 0) + err * (r.x[j] ?? 0);
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] = Math.max(0, (w[j] ?? 0) - (0.5 * ((g[j] ?? 0) / rows.length + 1e-4 * (w[j] ?? 0))));
    b -= (0.5 * gb) / rows.length;
  }
  const total = w.reduce((a, v) => a + v, 0);
  const rounded = factors.map((f, j) => [f, Math.round((1000 * (w[j] ?? 0)) / total) / 1000] as const);
  // Rounding leftovers go to the largest weight, so they sum to 1 exactly.
  const leftover = Math.round((1 - rounded.reduce((a, [, v]) => a + v, 0)) * 1000) / 1000;
  const largest = rounded.reduce((m, r, i) => (r[1] > (rounded[m]?.[1] ?? 0) ? i : m), 0);
  const weights = rounded.map(([f, v], i) => [f, Math.round((v + (i === largest ? leftover : 0)) * 1000) / 1000] as const);
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'synergy', 'weights.ts');
  const raw = factors.map((f, j) => `${f} ${(w[j] ?? 0).toFixed(3)}`).join(', ');
  writeFileSync(
    file,
    `/**
 * The weights of the partner-suggestion factors: the one place they live (suggestions.ts reads
 * them for both the Cypher estimate and the exact score). They sum to 1, so a score stays in 0..1.
 *
 * Chosen on training data only: \`npm run bench:suggestions -- --fit\` fits a logistic model with
 * non-negative weights (so every reason adds to the score and its share is meaningful) to the new
 * links of a dated network the benchmark never evaluates (another seed), using only links formed
 * before that network's cutoff; it rewrites this file. docs/synergy.md gives the fit and its figures.
 *
 * Last fit: \`npm run bench:suggestions -- --fit --sizes ${target} --fit-seed ${seed} --fit-cutoff ${fitCutoff}\`:
 * ${sources.length} source companies, ${rows.length} shortlisted candidates, ${positives} of them linked later.
 * Raw logistic weights (intercept ${b.toFixed(3)}): ${raw}.
 */
import type { SynergyFactor } from './suggestions.ts';

export const FACTOR_WEIGHTS: Readonly<Record<SynergyFactor, number>> = {
${weights.map(([f, v]) => `  ${f}: ${v},`).join('\n')}
};
`,
  );
  console.log(`fitted on ${rows.length} candidates (${positives} positive) of ${sources.length} sources: ${raw}; intercept ${b.toFixed(3)}`);
  console.log(`weights: ${weights.map(([f, v]) => `${f} ${v}`).join(', ')} -> ${file}`);
}

const LABELS: Record<Method, string> = {
  synergies: '`synergies`',
  commonNeighbours: 'common neighbours',
  adamicAdar: 'Adamic-Adar',
  resourceAllocation: 'resource allocation',
  preferentialAttachment: 'preferential attachment',
};

const fmt = (i: Interval) => (Number.isFinite(i.mean) ? `${i.mean.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]` : 'n/a');

function report(results: readonly SizeResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(
      `\n### ${r.relationships.toLocaleString('en')} relationships (target ${r.target.toLocaleString('en')}): ${r.companies} companies, ${r.universities} universities, ${r.clusters} clusters; ` +
        `${r.trainRelationships} in training (loaded in ${r.loadSeconds.toFixed(0)} s), ${r.testLinks} new links after the cutoff`,
    );
    out.push(`\n\`synergies\` calls: p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms (${r.latency.calls} calls, first=100; ${r.latency.refused} over the service's ${SERVICE_BUDGET_MS / 1000} s budget, which the service would refuse)`);
    if (r.failed.length > 0) out.push(`\n${r.failed.length} calls failed (counted as no suggestion): ${r.failed.slice(0, 3).join('; ')}`);
    for (const [name, t] of [
      ['warm', r.warm],
      ['cold start', r.cold],
    ] as const) {
      out.push(`\n**${name}**: ${t.sources} source companies, ${t.links} new links, ${t.candidates} candidates each (mean, 95% bootstrap interval over sources)\n`);
      out.push('| method | Hits@10 | Hits@20 | MRR | AUC random | AUC hard |');
      out.push('| --- | --- | --- | --- | --- | --- |');
      for (const m of METHODS) {
        const x = t.metrics[m];
        out.push(`| ${LABELS[m]} | ${fmt(x.hits10)} | ${fmt(x.hits20)} | ${fmt(x.mrr)} | ${fmt(x.aucRandom)} | ${fmt(x.aucHard)} |`);
      }
      const best = BASELINES.reduce((a, b) => (t.metrics[b].hits20.mean > t.metrics[a].hits20.mean ? b : a));
      const gain = t.metrics.synergies.hits20.mean / t.metrics[best].hits20.mean - 1;
      out.push(`\nHits@20 of \`synergies\` against the best baseline (${LABELS[best]}): ${(100 * gain).toFixed(1)}% (goal on the warm track: +10%)`);
    }
  }
  if (results.length > 1) {
    const first = results[0]!;
    const last = results[results.length - 1]!;
    out.push(`\n\`synergies\` p95 at ${last.target} / p95 at ${first.target}: ${(last.latency.p95 / first.latency.p95).toFixed(2)} (goal at 1M / 10k: at most 2)`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(HELP);
    return;
  }
  const sources = Number(values.sources);
  const seed = Number(values.seed);
  const negatives = Number(values.negatives);
  if (values.fit) {
    await fit(Number(values.sizes.split(',')[0]), Number(values['fit-seed']), values['fit-cutoff'], sources);
    return;
  }
  if (values.child) {
    const result = await child(Number(values.sizes), sources, seed, negatives);
    console.log(`RESULT ${JSON.stringify(result)}`);
    return;
  }
  const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
  const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  const dirty = execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' (with uncommitted changes)' : '';
  console.log(`npm run bench:suggestions -- --sizes ${sizes.join(',')} --sources ${sources} --seed ${seed}; commit ${commit}${dirty}`);
  console.log(`load before: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    // A fresh process per size: no cache, plan or heap carried from one size to the next.
    const output = await new Promise<string>((resolve, reject) => {
      const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', '--sizes', String(size), '--sources', String(sources), '--seed', String(seed), '--negatives', String(negatives)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let text = '';
      proc.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      proc.on('error', reject);
      proc.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`size ${size}: exit ${code}\n${text}`))));
    });
    const line = output.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`size ${size}: no result\n${output}`);
    results.push(JSON.parse(line.slice('RESULT '.length)) as SizeResult);
    console.log(`size ${size} done; load: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    // Each size's table as soon as it is done: a later size failing loses nothing.
    console.log(report(results.slice(-1)));
  }
  console.log(report(results));
  console.log(`\nload after: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} (${os.cpus().length} cores)`);
}

if (import.meta.main) await main();
