/**
 * One read sent two ways through the same driver to the same Neo4j: an auto-commit query in a
 * session (RUN+PULL, one round trip: what src/neo4j/database.ts does for reads) against
 * `driver.executeQuery` (a managed transaction: BEGIN, RUN+PULL, COMMIT). Client CPU per query
 * (process.cpuUsage) and p50/p95 latency, sequential calls of a 20-row query, both ways alternating
 * in blocks so that neither profits from going second.
 *
 *   node bench/auto-commit.ts [--calls 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { connect } from '../src/neo4j/database.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { helpIfAsked, invocation, provenance } from './support.ts';

helpIfAsked(`node bench/auto-commit.ts [--calls N]: a read as one auto-commit query against executeQuery (managed transaction)

  --calls N    calls each way (default 2000), in blocks of 100 alternating
  -h, --help   this help`);
const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' }, help: { type: 'boolean', short: 'h' } } });
const calls = Number(values.calls);
const QUERY = 'UNWIND range(1, 20) AS i RETURN i, toString(i) AS s';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-autocommit-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '512m', pagecache: '128m' });
const db = connect({ ...server.connection, database: 'neo4j' });
const driver = db.driver;
const ways = {
  'auto-commit (session.run)': async () => {
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      return (await session.run(QUERY)).records.length;
    } finally {
      await session.close();
    }
  },
  'executeQuery (managed transaction)': async () =>
    (await driver.executeQuery(QUERY, {}, { database: 'neo4j', routing: neo4j.routing.READ })).records.length,
};
type Way = keyof typeof ways;
const stats = new Map<Way, { cpuMicros: number; latencies: number[] }>();
const percentile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
try {
  for (const way of Object.keys(ways) as Way[]) for (let i = 0; i < 200; i++) await ways[way](); // warm-up
  for (let done = 0; done < calls; done += 100) {
    const order = (Object.keys(ways) as Way[])[done / 100 % 2 === 0 ? 'slice' : 'reverse']();
    for (const way of order) {
      const s = stats.get(way) ?? stats.set(way, { cpuMicros: 0, latencies: [] }).get(way)!;
      const cpu = process.cpuUsage();
      for (let i = 0; i < Math.min(100, calls - done); i++) {
        const t = performance.now();
        await ways[way]();
        s.latencies.push(performance.now() - t);
      }
      const used = process.cpuUsage(cpu);
      s.cpuMicros += used.user + used.system;
    }
  }
  console.log(`\n${provenance(invocation('node bench/auto-commit.ts'))}\n`);
  console.log(`| way | calls | client CPU ms per query | p50 ms | p95 ms |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [way, s] of stats) {
    console.log(`| ${way} | ${s.latencies.length} | ${(s.cpuMicros / 1000 / s.latencies.length).toFixed(3)} | ${percentile(s.latencies, 0.5).toFixed(2)} | ${percentile(s.latencies, 0.95).toFixed(2)} |`);
  }
} finally {
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
