/**
 * Seeding benchmark: our loader against what a Neo4j user would do with the same data, `LOAD CSV`
 * + `CALL { ... } IN CONCURRENT TRANSACTIONS`, on one owned Neo4j in a temp folder, in the same run.
 *
 *   npm run bench:seed                              # 1,000,000 relationships
 *   npm run bench:seed -- --relationships 100000    # a quick run
 *   npm run bench:seed -- --batch-sweep 1000,2000,5000,10000 --relationships 100000
 *
 * Both load into an empty database with the same constraints and indexes, each in its best form:
 * ours CREATEs what cannot exist yet (and would MERGE what may), with two batches in flight; LOAD
 * CSV CREATEs every node and relationship (nothing can exist in an empty database, each row is given
 * once) in `CALL { ... } IN n CONCURRENT TRANSACTIONS` (n = ours in flight unless --csv-concurrency).
 * The CSV files are written before the clock starts for LOAD CSV. Our time includes validating the
 * whole input (a LOAD CSV user gets no validation at all).
 */
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { connect, type Database } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import type { Properties, SeedSource } from '../src/seed/format.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, seed } from '../src/seed/load.ts';
import { resetDatabase } from '../src/seed/reset.ts';
import { syntheticSource } from '../src/seed/synthetic.ts';
import { invocation, provenance } from './support.ts';

const options = new Command()
  .option('--relationships <n>', 'relationships in the synthetic network', (v) => Number(v), 1_000_000)
  .option('--seed <n>', 'synthetic seed', (v) => Number(v), 1)
  .option('--batch-size <n>', 'rows per transaction, both peers', (v) => Number(v), DEFAULT_BATCH_SIZE)
  .option('--concurrency <n>', 'our loader: batches in flight at once', (v) => Number(v), DEFAULT_CONCURRENCY)
  .option('--batch-sweep <sizes>', 'only time our loader at these batch sizes (comma-separated)')
  .option('--warmup <n>', 'relationships of a warm-up round for both peers (JIT, query plans), not timed', (v) => Number(v), 5_000)
  .option('--rounds <n>', 'rounds, alternating which peer goes first; the best time of each counts', (v) => Number(v), 2)
  .option('--csv-concurrency <n>', 'LOAD CSV: transactions in flight at once (default: as ours)', (v) => Number(v))
  .option('--heap <size>', 'Neo4j heap', '2g')
  .option('--pagecache <size>', 'Neo4j page cache', '1g')
  .parse()
  .opts<{ relationships: number; seed: number; batchSize: number; concurrency: number; csvConcurrency?: number; batchSweep?: string; warmup: number; rounds: number; heap: string; pagecache: string }>();
const csvConcurrency = options.csvConcurrency ?? options.concurrency;

interface CsvStatement {
  phase: 'nodes' | 'relationships';
  cypher: string;
}

const quoteCsv = (v: unknown) => {
  if (v === undefined || v === null) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const cypherName = (s: string) => `\`${s.replaceAll('`', '``')}\``;

/** How LOAD CSV reads a column back: everything in a CSV is a string. */
function convert(name: string, sample: unknown): string {
  const col = `row.${cypherName(name)}`;
  if (typeof sample === 'number') return Number.isInteger(sample) ? `toInteger(${col})` : `toFloat(${col})`;
  if (typeof sample === 'boolean') return `toBoolean(${col})`;
  return col;
}

interface CsvFile {
  file: string;
  stream: WriteStream;
  columns: string[];
  sample: Properties;
  rows: number;
}

/** Writes the source as one CSV per node label set and per relationship type; returns the LOAD CSV statements. */
async function writeCsv(source: SeedSource, importDir: string, batchSize: number): Promise<CsvStatement[]> {
  const files = new Map<string, CsvFile>();
  const open = (key: string, columns: string[], sample: Properties) => {
    let f = files.get(key);
    if (!f) {
      const file = `${key.replace(/[^A-Za-z0-9_]/g, '_')}.csv`;
      f = { file, stream: createWriteStream(path.join(importDir, file)), columns, sample, rows: 0 };
      f.stream.write(`${columns.map(quoteCsv).join(',')}\n`);
      files.set(key, f);
    }
    return f;
  };
  const write = (f: CsvFile, values: unknown[]) =>
    new Promise<void>((resolve) => (f.stream.write(`${values.map(quoteCsv).join(',')}\n`) ? resolve() : f.stream.once('drain', resolve)));

  const nodeKeys: string[] = [];
  for (const n of source.nodes()) {
    const labels = [...n.labels].sort().join(':');
    const mode = n.defaults ? 'defaults' : 'properties';
    const props = n.defaults ?? n.properties;
    const key = `nodes ${labels} ${mode}`;
    const isNew = !files.has(key);
    const f = open(key, ['id', ...Object.keys(props)], props);
    if (isNew) nodeKeys.push(key);
    f.rows += 1;
    await write(f, [n.id, ...f.columns.slice(1).map((c) => props[c])]);
  }
  const relKeys: string[] = [];
  for (const r of source.relationships()) {
    const key = `rels ${r.type}`;
    const isNew = !files.has(key);
    // Relationship properties differ a little between rows of a type (optional ones): take the union lazily.
    const f = open(key, ['from', 'to', ...Object.keys(r.properties)], r.properties);
    if (isNew) relKeys.push(key);
    f.rows += 1;
    await write(f, [r.from, r.to, ...f.columns.slice(2).map((c) => r.properties[c])]);
  }
  await Promise.all([...files.values()].map((f) => new Promise<void>((resolve) => f.stream.end(resolve))));

  const statements: CsvStatement[] = [];
  const inTransactions = `IN ${csvConcurrency} CONCURRENT TRANSACTIONS OF ${batchSize} ROWS`;
  for (const key of nodeKeys) {
    const f = files.get(key)!;
    const [, labels = ''] = key.split(' ');
    // Nothing exists in the empty database and every id is given once: CREATE, properties in the pattern.
    const props = f.columns.slice(1).map((c) => `${cypherName(c)}: ${convert(c, f.sample[c])}`);
    statements.push({
      phase: 'nodes',
      cypher: `LOAD CSV WITH HEADERS FROM 'file:///${f.file}' AS row
CALL (row) {
  CREATE (n:Entity:${labels.split(':').map(cypherName).join(':')} {id: row.id${props.length ? `, ${props.join(', ')}` : ''}})
} ${inTransactions}`,
    });
  }
  for (const key of relKeys) {
    const f = files.get(key)!;
    const type = key.slice('rels '.length);
    // Each relationship is given once and none exists yet: CREATE. An empty cell is no property
    // (null), as ours leaves out a property a row does not have.
    const props = f.columns.slice(2).map((c) => `${cypherName(c)}: ${convert(c, f.sample[c])}`);
    statements.push({
      phase: 'relationships',
      cypher: `LOAD CSV WITH HEADERS FROM 'file:///${f.file}' AS row
CALL (row) {
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  CREATE (a)-[r:${cypherName(type)}${props.length ? ` {${props.join(', ')}}` : ''}]->(b)
} ${inTransactions}`,
    });
  }
  return statements;
}

async function counts(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.read<{ nodes: number; relationships: number }>(
    'CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return row ?? { nodes: 0, relationships: 0 };
}

async function runLoadCsv(db: Database, statements: CsvStatement[]): Promise<{ nodes: number; relationships: number }> {
  // CALL { } IN TRANSACTIONS runs only in an implicit transaction: a plain session.run.
  const session = db.driver.session({ database: db.database });
  const times = { nodes: 0, relationships: 0 };
  try {
    for (const statement of statements) {
      const started = performance.now();
      await session.run(statement.cypher);
      times[statement.phase] += performance.now() - started;
    }
  } finally {
    await session.close();
  }
  return times;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-seed-'));
  const server = await startOwnedNeo4j({
    dataDir,
    boltPort: await freePort(),
    heap: options.heap,
    pagecache: options.pagecache,
    log: (line) => process.stderr.write(`[neo4j] ${line}\n`),
  });
  const db = connect({ ...server.connection, database: 'neo4j' });
  try {
    await migrate(db);
    const source = syntheticSource({ seed: options.seed, relationships: options.relationships, answers: false });
    const importDir = path.join(dataDir, 'import');

    if (options.warmup > 0) {
      // Same queries on a small network first, so neither peer pays JVM warm-up or query planning.
      process.stderr.write('Warm-up round ...\n');
      const small = syntheticSource({ seed: options.seed + 1, relationships: options.warmup, answers: false });
      await seed(db, small, { batchSize: options.batchSize, concurrency: options.concurrency });
      await resetDatabase(db);
      await runLoadCsv(db, await writeCsv(small, importDir, options.batchSize));
      await resetDatabase(db);
    }

    if (options.batchSweep) {
      const sizes = options.batchSweep.split(',').map(Number);
      console.log(`\nOur loader by batch size, synthetic network of ~${options.relationships} relationships (seed ${options.seed})\n`);
      console.log('| batch size | time | rows/s |');
      console.log('| ---: | ---: | ---: |');
      for (const batchSize of sizes) {
        await resetDatabase(db);
        const started = performance.now();
        const report = await seed(db, source, { batchSize, concurrency: options.concurrency });
        const ms = performance.now() - started;
        const rows = report.validated.nodes + report.validated.relationships;
        console.log(`| ${batchSize} | ${fmt(ms)} | ${Math.round(rows / (ms / 1000))} |`);
      }
      return;
    }

    process.stderr.write('Writing CSV files for LOAD CSV ...\n');
    const statements = await writeCsv(source, importDir, options.batchSize);

    // Rounds in A B B A order, best time of each peer: neither profits from going second.
    let ours = Infinity;
    let peer = Infinity;
    let phases = new Map<string, number>();
    let peerPhases = { nodes: 0, relationships: 0 };
    let last: Awaited<ReturnType<typeof seed>> | undefined;
    let oursCounts = { nodes: 0, relationships: 0 };
    let peerCounts = { nodes: 0, relationships: 0 };
    const runOurs = async () => {
      await resetDatabase(db);
      process.stderr.write('Our loader ...\n');
      const started = performance.now();
      const roundPhases = new Map<string, number>();
      let phase = '';
      let phaseStart = started;
      last = await seed(db, source, {
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        onProgress: (p) => {
          if (p.phase !== phase) {
            if (phase) roundPhases.set(phase, performance.now() - phaseStart);
            phase = p.phase;
            phaseStart = performance.now();
          }
          if (p.batches % 50 === 0) process.stderr.write(`  ${p.phase} ${p.done}/${p.total ?? '?'}\n`);
        },
      });
      const ms = performance.now() - started;
      roundPhases.set(phase, performance.now() - phaseStart);
      process.stderr.write(`  ours: ${fmt(ms)}\n`);
      if (ms < ours) {
        ours = ms;
        phases = roundPhases;
      }
      oursCounts = await counts(db);
    };
    const runPeer = async () => {
      await resetDatabase(db);
      process.stderr.write(`LOAD CSV + CALL { CREATE } IN ${csvConcurrency} CONCURRENT TRANSACTIONS ...\n`);
      const started = performance.now();
      const roundPhases = await runLoadCsv(db, statements);
      const ms = performance.now() - started;
      process.stderr.write(`  LOAD CSV: ${fmt(ms)}\n`);
      if (ms < peer) {
        peer = ms;
        peerPhases = roundPhases;
      }
      peerCounts = await counts(db);
    };
    for (let round = 0; round < options.rounds; round++) {
      if (round % 2 === 0) {
        await runOurs();
        await runPeer();
      } else {
        await runPeer();
        await runOurs();
      }
    }
    const report = last;
    if (!report) throw new Error('no round ran');

    const rows = report.validated.nodes + report.validated.relationships;
    console.log(
      `\nSeeding benchmark: synthetic network, seed ${options.seed}, ${report.validated.nodes} nodes + ${report.validated.relationships} relationships, batch ${options.batchSize}, ${options.concurrency} in flight, best of ${options.rounds} rounds (A B B A order)`,
    );
    console.log(`${provenance(invocation('npm run bench:seed'))} Neo4j heap ${options.heap}, page cache ${options.pagecache}.\n`);
    console.log('| peer | time | rows/s | nodes in db | relationships in db |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    console.log(`| maillage seed (validate + UNWIND CREATE/MERGE) | ${fmt(ours)} | ${Math.round(rows / (ours / 1000))} | ${oursCounts.nodes} | ${oursCounts.relationships} |`);
    console.log(`| LOAD CSV + CALL { CREATE } IN ${csvConcurrency} CONCURRENT TRANSACTIONS | ${fmt(peer)} | ${Math.round(rows / (peer / 1000))} | ${peerCounts.nodes} | ${peerCounts.relationships} |`);
    const ph = (ms: number | undefined) => fmt(ms ?? 0);
    console.log(
      `\nphases: ours validating ${ph(phases.get('validating'))}, nodes ${ph(phases.get('nodes'))}, relationships ${ph(phases.get('relationships'))}; ` +
        `LOAD CSV nodes ${ph(peerPhases.nodes)}, relationships ${ph(peerPhases.relationships)}`,
    );
    console.log(`\nratio (LOAD CSV time / our time): ${(peer / ours).toFixed(2)} (>= 1.0: we are at least as fast)`);
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
