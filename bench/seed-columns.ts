/**
 * Why the loader sends rows as columns (src/seed/queries.ts): the same rows sent to Neo4j as a list of
 * maps (`UNWIND $rows AS row`) and as one list per property (`UNWIND range(0, size($from) - 1) AS i`),
 * to a statement that only counts them, so that only carrying and decoding the rows is timed.
 * Relationship-like rows (from, to, kind, year, source), both ways alternating, 5 rounds each.
 *
 *   node bench/seed-columns.ts [--rows 200000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/neo4j/database.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { helpIfAsked, invocation, provenance } from './support.ts';

helpIfAsked(`node bench/seed-columns.ts [--rows N]: rows as a list of maps against rows as columns, carried to UNWIND ... RETURN count(*)

  --rows N     rows per statement (default 200000)
  -h, --help   this help`);
const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, help: { type: 'boolean', short: 'h' } } });
const n = Number(values.rows);
const rows = Array.from({ length: n }, (_, i) => ({ from: `syn:company:${i}`, to: `syn:university:${i % 997}`, kind: i % 3 ? 'research' : 'internship', year: 2000 + (i % 25), source: 'synthetic' }));
const columns = { from: rows.map((r) => r.from), to: rows.map((r) => r.to), kind: rows.map((r) => r.kind), year: rows.map((r) => r.year), source: 'synthetic' };

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-columns-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '128m' });
const db = connect({ ...server.connection, database: 'neo4j' });
const ways: Record<string, () => Promise<unknown>> = {
  'list of maps': () => db.read('UNWIND $rows AS row RETURN count(row.from) AS n', { rows }, { timeoutMs: 300_000 }),
  columns: () =>
    db.read('UNWIND range(0, size($from) - 1) AS i RETURN count($from[i]) AS n', columns, { timeoutMs: 300_000 }),
};
const times = new Map<string, number[]>();
try {
  for (const way of Object.keys(ways)) await ways[way]!(); // warm-up
  for (let round = 0; round < 5; round++) {
    const order = round % 2 ? Object.keys(ways).reverse() : Object.keys(ways);
    for (const way of order) {
      const t = performance.now();
      await ways[way]!();
      (times.get(way) ?? times.set(way, []).get(way)!).push((performance.now() - t) / 1000);
    }
  }
  console.log(`\n${provenance(invocation('node bench/seed-columns.ts'))}\n`);
  console.log(`| ${n.toLocaleString('en')} rows sent as | fastest | slowest | median of 5 |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [way, list] of times) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(`| ${way} | ${sorted[0]!.toFixed(2)} s | ${sorted.at(-1)!.toFixed(2)} s | ${sorted[2]!.toFixed(2)} s |`);
  }
} finally {
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
