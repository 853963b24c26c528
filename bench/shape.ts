/**
 * networkShape of the whole network at 10k and 100k relationships (and 1M with `--1m`): time and
 * peak memory, each engine against the other where both are practical, in a throw-away Neo4j.
 * Every metric is asked for (the full selection). Four calls per engine: the first (uncached, and
 * paying the planning of the big Cypher queries), a second and a third uncached one (the steady
 * state of the computation; the third fills the cache), and a fourth answered by the cache (the
 * data has not changed).
 *
 *   MAILLAGE_NEO4J_DIST=... node bench/shape.ts [--1m]     (or BENCH_SIZES=10000 for one size)
 *
 * Data: synthetic actors in 50 communes of one fictional région (1 university in 10, 1 cluster in
 * 25, the rest companies), 90% of the relationships PARTNER_OF (4 in 5 inside blocks of 100 actors,
 * the rest anywhere), 10% PARTICIPATED_IN events of 5 actors. 5 relationships per actor.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Database } from '../src/neo4j/database.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { type NetworkShapeRecord, chooseEngine, networkShape } from '../src/shape/network-shape.ts';
import type { EngineName } from '../src/shape/node-metrics.ts';
import { helpIfAsked, invocation, provenance } from './support.ts';

helpIfAsked(`node bench/shape.ts [--1m]: networkShape of the whole network, each engine, time and peak memory

  (default) 10,000 and 100,000 relationships; --1m adds 1,000,000; BENCH_SIZES=10000 for chosen sizes
  -h, --help   this help`);
console.log(provenance(invocation('node bench/shape.ts')));

const sizes = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map(Number)
  : [10_000, 100_000, ...(process.argv.includes('--1m') ? [1_000_000] : [])];

function jvmPeakMb(dataDir: string): number | null {
  try {
    const pid = readFileSync(path.join(dataDir, 'run', 'owned-jvm.pid'), 'utf8').trim();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

async function measure(db: Database, engine: EngineName, cache: boolean): Promise<{ ms: number; peakRssMb: number; shape: NetworkShapeRecord }> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const queries: { cypher: string; ms: number }[] = [];
    const shape = await networkShape(db, { within: null }, {
      engine,
      cache,
      timeoutMs: 600_000,
      observer: (event) => queries.push({ cypher: event.cypher.replace(/\s+/g, ' ').trim().slice(0, 90), ms: event.ms }),
    });
    for (const q of queries.sort((x, y) => y.ms - x.ms).slice(0, 8)) process.stderr.write(`  ${engine} ${(q.ms / 1000).toFixed(1)} s  ${q.cypher}\n`);
    return { ms: performance.now() - started, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20), shape };
  } finally {
    clearInterval(timer);
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-shape-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '512m', log: () => undefined });
const db = connect({ ...server.connection, database: 'neo4j' });
const rows: string[] = [];
try {
  await migrate(db);
  for (const size of sizes) {
    const stored = await generateSyntheticNetwork(db, size);
    const engines: EngineName[] = size <= 10_000 ? ['graphology', 'gds'] : ['gds'];
    const results: Record<string, { ms: number; peakRssMb: number; shape: NetworkShapeRecord }> = {};
    // The first call pays Cypher planning of the big queries (seconds); the second shows steady state.
    const cold: typeof results = {};
    const cached: typeof results = {};
    for (const engine of engines) cold[engine] = await measure(db, engine, false);
    for (const engine of engines) results[engine] = await measure(db, engine, false);
    // The third call finds the cache empty, computes and fills it; the fourth is answered from it.
    const third: typeof results = {};
    for (const engine of engines) third[engine] = await measure(db, engine, true);
    for (const engine of engines) cached[engine] = await measure(db, engine, true);
    for (const engine of engines) {
      const r = results[engine] as { ms: number; peakRssMb: number; shape: NetworkShapeRecord };
      const first = cold[engine] as { ms: number; peakRssMb: number };
      const fromCache = cached[engine] as { ms: number };
      const filling = third[engine] as { ms: number; peakRssMb: number };
      const peer = engines.find((e) => e !== engine);
      const ratio = peer ? (r.ms / (results[peer] as { ms: number }).ms).toFixed(2) + `x ${peer}` : '';
      rows.push(
        `| ${size.toLocaleString('en')} (${stored.toLocaleString('en')} stored) | ${engine}${chooseEngine(r.shape.actorCount) === engine ? ' (chosen)' : ''} | ${r.shape.actorCount.toLocaleString('en')} | ${r.shape.linkCount.toLocaleString('en')} | ${(first.ms / 1000).toFixed(1)} s | ${(r.ms / 1000).toFixed(1)} s | ${(filling.ms / 1000).toFixed(1)} s | ${ratio} | ${fromCache.ms.toFixed(0)} ms | ${Math.max(first.peakRssMb, r.peakRssMb, filling.peakRssMb)} MB | ${jvmPeakMb(dataDir) ?? '?'} MB | ${r.shape.betweennessSampled ? `sampled (${r.shape.betweennessSampleSize} sources)` : 'exact'} | ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  }
} finally {
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log('| relationships | engine | actors | links | first call (uncached) | second call (uncached) | third call (uncached, fills the cache) | second vs peer | fourth call (cached) | service peak RSS | Neo4j JVM peak RSS (so far) | betweenness | load average after |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
