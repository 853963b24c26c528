/**
 * Benchmark of the synergy queries on generated networks, in a Neo4j this script owns.
 *
 *   node bench/synergy.ts                 # 10k and 100k relationships
 *   node bench/synergy.ts 10000 1000000   # chosen sizes
 *   node bench/synergy.ts --help
 *
 * Each size runs in a fresh process with a fresh Neo4j (no JIT, plan or page cache carried over from
 * the size before), warms every query up on samples of its own (not the measured ones), then times
 * BENCH_SAMPLES samples (default 200: p95 is the 10th slowest, not the 2nd), and prints p95 of each
 * half of the samples beside it, so that one can see whether it is stable.
 *
 * For each size: p50/p95 of synergyPaths (k = 3, maxHops = 4) between random actors and of
 * synergies (kinds UNIVERSITY) for random SMEs, each beside a peer measured in the same run
 * (Cypher shortestPath of at most 4 hops; a common-neighbours query). Then the quality of
 * suggestions: 10% of SME-university collaborations hidden, precision@10, hit rate@10 and AUC of
 * synergies against common neighbours alone and against random.
 *
 * The generator (simple UNWIND Cypher, seeded) gives collaborations a structure the real data is
 * expected to have: an SME mostly works with a university of its département that teaches one of
 * the competencies it needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { connect, type Database } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { synergyPaths } from '../src/synergy/paths.ts';
import { SUGGEST, suggestionParams, synergies } from '../src/synergy/suggestions.ts';
import { seededRandom as rng } from '../src/domain/seeded-random.ts';
import { invocation, provenance } from './support.ts';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const QUALITY_SMES = Number(process.env.BENCH_QUALITY_SMES ?? 80);
/** Printed beside every quality figure: what the figures can and cannot say. */
const QUALITY_CAVEAT =
  'Caveat: the generator below is built to match the factors the scorer weighs (an SME mostly works with a university of its ' +
  'département teaching a competency it needs), so these figures show the scorer finds the structure it was built for, ' +
  'not that it predicts real partnerships.';


interface Rel {
  from: string;
  to: string;
  props?: Record<string, unknown>;
}

export async function generate(db: Database, targetRels: number): Promise<{ rels: number; companies: string[]; universities: string[] }> {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const departments = Array.from({ length: 5 }, (_, i) => `syn:department:${i}`);
  const epcis = Array.from({ length: 40 }, (_, i) => ({ id: `syn:epci:${i}`, dept: departments[i % 5]! }));
  const communes = Array.from({ length: 320 }, (_, i) => ({ id: `syn:commune:${i}`, epci: epcis[i % 40]! }));
  const competencies = Array.from({ length: 20 }, (_, i) => `syn:competency:${i}`);
  const companyCount = Math.round(targetRels / 7);
  const universityCount = Math.max(10, Math.round(companyCount / 20));
  const clusterCount = Math.max(5, Math.round(companyCount / 40));
  const eventCount = Math.max(5, Math.round(companyCount / 25));
  const funders = Array.from({ length: 5 }, (_, i) => `syn:funder:${i}`);
  const place = (): (typeof communes)[number] => pick(communes);

  const nodes: { id: string; labels: string[]; props: Record<string, unknown> }[] = [];
  const rels: Record<string, Rel[]> = {};
  const add = (type: string, rel: Rel) => (rels[type] ??= []).push(rel);
  nodes.push({ id: 'syn:region:0', labels: ['Territory', 'Region', 'Actor'], props: { name: 'Région synthétique', kind: 'REGION' } });
  for (const d of departments) {
    nodes.push({ id: d, labels: ['Territory', 'Department'], props: { name: d } });
    add('PART_OF', { from: d, to: 'syn:region:0' });
  }
  for (const e of epcis) {
    nodes.push({ id: e.id, labels: ['Territory', 'Epci'], props: { name: e.id } });
    add('PART_OF', { from: e.id, to: e.dept });
  }
  for (const c of communes) {
    nodes.push({ id: c.id, labels: ['Territory', 'Commune'], props: { name: c.id } });
    add('PART_OF', { from: c.id, to: c.epci.id });
    add('PART_OF', { from: c.id, to: c.epci.dept });
  }
  for (const k of competencies) nodes.push({ id: k, labels: ['Competency'], props: { name: k } });
  for (const f of funders) nodes.push({ id: f, labels: ['Actor', 'Funder'], props: { name: f, kind: 'FUNDER' } });

  const universities = Array.from({ length: universityCount }, (_, i) => ({
    id: `syn:university:${i}`,
    commune: place(),
    teaches: new Set(Array.from({ length: 6 }, () => pick(competencies))),
  }));
  for (const u of universities) {
    nodes.push({ id: u.id, labels: ['Actor', 'University'], props: { name: u.id, kind: 'UNIVERSITY' } });
    add('LOCATED_IN', { from: u.id, to: u.commune.id });
    for (const k of u.teaches) add('TEACHES', { from: u.id, to: k });
  }
  const clusters = Array.from({ length: clusterCount }, (_, i) => ({ id: `syn:cluster:${i}`, commune: place() }));
  for (const c of clusters) {
    nodes.push({ id: c.id, labels: ['Actor', 'Cluster'], props: { name: c.id, kind: 'CLUSTER' } });
    add('LOCATED_IN', { from: c.id, to: c.commune.id });
  }
  const events = Array.from({ length: eventCount }, (_, i) => ({ id: `syn:event:${i}`, dept: pick(departments) }));
  for (const e of events) {
    nodes.push({ id: e.id, labels: ['Event'], props: { name: e.id, kind: 'workshop' } });
    const local = universities.filter((u) => u.commune.epci.dept === e.dept);
    add('ORGANIZED', { from: (local.length ? pick(local) : pick(universities)).id, to: e.id });
    add('SUPPORTS', { from: pick(funders), to: e.id });
  }
  const companies: string[] = [];
  for (let i = 0; i < companyCount; i++) {
    const id = `syn:company:${i}`;
    companies.push(id);
    const commune = place();
    const dept = commune.epci.dept;
    nodes.push({ id, labels: ['Actor', 'Company'], props: { name: id, kind: 'COMPANY' } });
    add('LOCATED_IN', { from: id, to: commune.id });
    const needs = new Set(Array.from({ length: 3 }, () => pick(competencies)));
    for (const k of needs) add('NEEDS', { from: id, to: k, props: { weight: Math.round(random() * 100) / 100, responses: 1 } });
    if (random() < 0.7) add('MEMBER_OF', { from: id, to: pick(clusters).id });
    const localEvents = events.filter((e) => e.dept === dept);
    if (localEvents.length && random() < 0.8) add('PARTICIPATED_IN', { from: id, to: pick(localEvents).id });
    if (random() < 0.6) {
      const fitting = universities.filter((u) => u.commune.epci.dept === dept && [...needs].some((k) => u.teaches.has(k)));
      const university = fitting.length && random() < 0.75 ? pick(fitting) : pick(universities);
      add('COLLABORATES_WITH', { from: id, to: university.id, props: { kind: 'research' } });
    }
  }

  // The previous size's graph goes first, in batches (this Neo4j is the benchmark's own).
  for (;;) {
    const [deleted] = await db.write<{ n: number }>('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n');
    if (!deleted?.n) break;
  }
  for (let i = 0; i < nodes.length; i += 5000) {
    await db.write(
      `UNWIND $rows AS row CALL apoc.create.node(['Entity'] + row.labels, row.props) YIELD node RETURN count(node) AS n`,
      { rows: nodes.slice(i, i + 5000).map((n) => ({ labels: n.labels, props: { ...n.props, id: n.id, source: 'synthetic', synthetic: true } })) },
    );
  }
  let total = 0;
  for (const [type, list] of Object.entries(rels)) {
    for (let i = 0; i < list.length; i += 5000) {
      await db.write(
        `UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
         CALL apoc.create.relationship(a, $type, row.props, b) YIELD rel RETURN count(rel) AS n`,
        { type, rows: list.slice(i, i + 5000).map((r) => ({ ...r, props: { source: 'synthetic', ...r.props } })) },
      );
    }
    total += list.length;
  }
  return { rels: total, companies, universities: universities.map((u) => u.id) };
}

interface ProfiledOperator {
  dbHits: number;
  children: ProfiledOperator[];
}

/** Total database hits of the synergies query (Neo4j PROFILE), the median over a few SMEs. */
async function synergyDbHits(db: Database, smes: readonly string[]): Promise<number> {
  const hits: number[] = [];
  const sum = (op: ProfiledOperator): number => op.dbHits + op.children.reduce((s, c) => s + sum(c), 0);
  const session = db.driver.session({ database: db.database });
  try {
    for (const id of smes.slice(0, 9)) {
      const result = await session.run(`PROFILE ${SUGGEST}`, suggestionParams({ actorId: id, kinds: ['UNIVERSITY'], first: 10 }));
      hits.push(sum(result.summary.profile as unknown as ProfiledOperator));
    }
  } finally {
    await session.close();
  }
  return percentile(hits, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

interface Timing {
  label: string;
  p50: number;
  p95: number;
  /** p95 of the even-numbered and of the odd-numbered samples: far apart means too few samples. */
  halves: [number, number];
}

/** Warms the query up on `warmup` (samples not measured: JIT, plan cache, page cache), then times `samples` one at a time. */
async function measure(label: string, warmup: (() => Promise<unknown>)[], samples: (() => Promise<unknown>)[]): Promise<Timing> {
  for (const sample of warmup) await sample();
  const times: number[] = [];
  for (const sample of samples) times.push(await time(sample));
  return {
    label,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    halves: [percentile(times.filter((_, i) => i % 2 === 0), 95), percentile(times.filter((_, i) => i % 2 === 1), 95)],
  };
}

const SHORTEST = `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[*..4]-(b)) RETURN length(p) AS hops`;
const COMMON_NEIGHBOURS = `MATCH (s:Entity {id: $id})--(m)--(u:University)
WHERE NOT EXISTS { (s)--(u) }
RETURN u.id AS id, count(DISTINCT m) AS score ORDER BY score DESC, id LIMIT toInteger($first)`;

async function quality(db: Database, companies: string[], universities: string[]) {
  const random = rng(7);
  const links = await db.read<{ s: string; u: string }>(
    'MATCH (s:Company)-[:COLLABORATES_WITH]->(u:University) RETURN s.id AS s, u.id AS u ORDER BY s, u',
  );
  const hidden = links.filter(() => random() < 0.1);
  await db.write(
    `UNWIND $rows AS row MATCH (:Entity {id: row.s})-[r:COLLABORATES_WITH]->(:Entity {id: row.u}) DELETE r`,
    { rows: hidden },
  );
  const bySme = new Map<string, Set<string>>();
  for (const h of hidden) (bySme.get(h.s) ?? bySme.set(h.s, new Set()).get(h.s)!).add(h.u);
  const smes = [...bySme.keys()].slice(0, QUALITY_SMES);
  const result = { ours: { p10: 0, hit: 0, auc: 0 }, cn: { p10: 0, hit: 0, auc: 0 }, random: { p10: 0, hit: 0, auc: 0.5 } };
  let pairs = 0;
  for (const sme of smes) {
    const positives = bySme.get(sme)!;
    const linked = new Set(
      (await db.read<{ id: string }>('MATCH (:Entity {id: $id})--(u:University) RETURN u.id AS id', { id: sme })).map((r) => r.id),
    );
    const candidates = universities.filter((u) => !linked.has(u));
    const ours = await synergies(db, { actorId: sme, kinds: ['UNIVERSITY'], first: 100 });
    const ourScore = new Map(ours.map((s) => [s.actor.id, s.score]));
    const cn = await db.read<{ id: string; score: number }>(COMMON_NEIGHBOURS, { id: sme, first: 1000 });
    const cnScore = new Map(cn.map((r) => [r.id, r.score]));
    const top = (scores: Map<string, number>) =>
      [...candidates].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || (a < b ? -1 : 1)).slice(0, 10);
    for (const [name, scores] of [
      ['ours', ourScore],
      ['cn', cnScore],
    ] as const) {
      const hits = top(scores).filter((u) => positives.has(u)).length;
      result[name].p10 += hits / 10;
      result[name].hit += hits > 0 ? 1 : 0;
    }
    result.random.p10 += positives.size / candidates.length;
    result.random.hit += Math.min(1, (10 * positives.size) / candidates.length);
    for (const positive of positives) {
      const negatives = candidates.filter((u) => !positives.has(u));
      for (let i = 0; i < 10 && negatives.length; i++) {
        const negative = pick(negatives, random);
        pairs++;
        for (const [name, scores] of [
          ['ours', ourScore],
          ['cn', cnScore],
        ] as const) {
          const a = scores.get(positive) ?? 0;
          const b = scores.get(negative) ?? 0;
          result[name].auc += a > b ? 1 : a === b ? 0.5 : 0;
        }
      }
    }
  }
  for (const name of ['ours', 'cn', 'random'] as const) {
    result[name].p10 /= smes.length;
    result[name].hit /= smes.length;
  }
  result.ours.auc /= pairs;
  result.cn.auc /= pairs;
  void companies;
  return { smes: smes.length, hidden: hidden.length, result };
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!;
}

const HELP = `node bench/synergy.ts [sizes...]: synergyPaths and synergies against Cypher peers, and suggestion quality

  sizes              target relationships, each in a fresh process and Neo4j (default 10000 100000)
  BENCH_SAMPLES      timed samples per query (default 200)
  BENCH_WARMUP       warm-up calls per query, on other samples (default 30)
  BENCH_QUALITY_SMES SMEs asked in the quality check (default 80)
  -h, --help         this help`;

/** Each size in a child process of its own: nothing warm carries over from one size to the next. */
async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const targets = sizes.length ? sizes : [10_000, 100_000];
  console.log(provenance(invocation('node bench/synergy.ts')));
  console.log(`${SAMPLES} timed samples per query after ${WARMUP} warm-up calls on other samples; each size in a fresh process and Neo4j.`);
  for (const target of targets) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(target)], {
      env: { ...process.env, BENCH_SYNERGY_ONE_SIZE: '1' },
      stdio: 'inherit',
    });
    if (child.status !== 0) throw new Error(`size ${target}: the child process ended with ${child.status ?? child.signal}`);
  }
}

async function oneSize(target: number): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-synergy-'));
  const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '512m' });
  const db = connect({ ...server.connection, database: 'neo4j' });
  try {
    await migrate(db);
    {
      const started = performance.now();
      const { rels, companies, universities } = await generate(db, target);
      const built = (performance.now() - started) / 1000;
      const random = rng(target);
      const actors = [...companies, ...universities];
      const pairsOf = (n: number) => Array.from({ length: n }, () => [pick(actors, random), pick(actors, random)] as const);
      const smesOf = (n: number) => Array.from({ length: n }, () => pick(companies, random));
      const [warmPairs, pairs, warmSmes, smes] = [pairsOf(WARMUP), pairsOf(SAMPLES), smesOf(WARMUP), smesOf(SAMPLES)];
      let found = 0;
      for (const [from, to] of pairs.slice(0, 40)) found += (await synergyPaths(db, { from, to, k: 3, maxHops: 4 })).length > 0 ? 1 : 0;
      const paths = (list: typeof pairs) => list.map(([from, to]) => () => synergyPaths(db, { from, to, k: 3, maxHops: 4 }));
      const shortest = (list: typeof pairs) => list.map(([from, to]) => () => db.read(SHORTEST, { from, to }));
      const suggest = (list: string[]) => list.map((id) => () => synergies(db, { actorId: id, kinds: ['UNIVERSITY'], first: 10 }));
      const common = (list: string[]) => list.map((id) => () => db.read(COMMON_NEIGHBOURS, { id, first: 10 }));
      const rows = [
        await measure('synergyPaths k=3 maxHops=4', paths(warmPairs), paths(pairs)),
        await measure('  peer: Cypher shortestPath *..4', shortest(warmPairs), shortest(pairs)),
        await measure('synergies UNIVERSITY first=10', suggest(warmSmes), suggest(smes)),
        await measure('  peer: common-neighbours query', common(warmSmes), common(smes)),
      ];
      console.log(`\n${rels} relationships (target ${target}), ${companies.length} SMEs, ${universities.length} universities, built in ${built.toFixed(1)} s`);
      console.log(`synergyPaths found at least one path for ${found} of the first ${Math.min(40, pairs.length)} pairs`);
      console.log(`synergies: ${await synergyDbHits(db, smes)} database hits (PROFILE, median of 9 SMEs)`);
      console.log(`| query | p50 ms | p95 ms | p95 of each half of the ${SAMPLES} samples | p95 / peer p95 |`);
      console.log('| --- | ---: | ---: | ---: | ---: |');
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const ratio = i % 2 === 0 ? (row.p95 / rows[i + 1]!.p95).toFixed(1) : '';
        console.log(`| ${row.label} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.halves.map((h) => h.toFixed(1)).join(' / ')} | ${ratio} |`);
      }
      const q = await quality(db, companies, universities);
      console.log(`\nquality (see the caveat under the table): ${q.hidden} SME-university links hidden, ${q.smes} SMEs asked`);
      console.log('| ranking (on a generator built to match the scorer †) | precision@10 | hit rate@10 | AUC |');
      console.log('| --- | ---: | ---: | ---: |');
      for (const [name, label] of [
        ['ours', 'synergies'],
        ['cn', 'common neighbours'],
        ['random', 'random'],
      ] as const) {
        const r = q.result[name];
        console.log(`| ${label} † | ${r.p10.toFixed(3)} | ${r.hit.toFixed(2)} | ${r.auc.toFixed(3)} |`);
      }
      console.log(`\n† ${QUALITY_CAVEAT}`);
    }
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Importable (the generator) without running the benchmark.
if (import.meta.main) {
  if (process.env.BENCH_SYNERGY_ONE_SIZE) await oneSize(Number(process.argv[2]));
  else await main();
}
