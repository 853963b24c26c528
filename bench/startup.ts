/**
 * Start-up time of `npm start` (src/main.ts, with no NEO4J_URI: it starts its own Neo4j): from the
 * process starting to the first GraphQL answer, on an empty data folder (Neo4j's first start, the
 * migrations, the start sets: copied from the start store `npm install` writes, and, in a second
 * folder, seeded through Cypher with START_STORE=false), then on the first folder again.
 * The explorer build `npm start` also runs when the bundle is missing or stale is not included.
 * When this code has no start store yet, it is written first and its time printed (npm install's share).
 *
 *   node bench/startup.ts [--runs 2]
 *
 * Also printed: how long each clean stop took (SIGTERM to exit, the service's Neo4j included).
 *
 * No peer: the figure is the README's ("first answer N s after npm start").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.ts';
import { freePort } from '../src/neo4j/owned-server.ts';
import { buildStartStore } from '../src/seed/start-store-build.ts';
import { startStoreDir, startStoreKey } from '../src/seed/start-store.ts';
import { helpIfAsked, invocation, provenance } from './support.ts';

helpIfAsked(`node bench/startup.ts [--runs N]: time from npm start (src/main.ts) to the first GraphQL answer, on an empty data folder (start store copied, then seeded through Cypher) and on a seeded one

  --runs N     runs of three starts: empty folder with the start store, empty folder without it, the first folder again (default 2)
  -h, --help   this help`);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' }, help: { type: 'boolean', short: 'h' } } });
const runs = Number(values.runs);

async function firstAnswer(url: string, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ actor(id: "utc") { name } }' }),
      });
      const body = (await res.json()) as { data?: { actor?: { name?: string } } };
      if (body.data?.actor?.name) return (performance.now() - started) / 1000;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 600_000) throw new Error('no answer within 600 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Seconds from SIGTERM to the service's exit (its Neo4j stopped cleanly), per start. */
const stops: number[] = [];

async function start(dataDir: string, startStore = true): Promise<number> {
  const port = await freePort();
  const env: Record<string, string | undefined> = {
    ...process.env,
    MAILLAGE_DATA_DIR: dataDir,
    PORT: String(port),
    START_STORE: String(startStore),
    NEO4J_URI: undefined,
  };
  delete env.NEO4J_URI;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env,
    // Kept after the run (the data folder is not): its lines time each step (Neo4j, migrations, each seeded set).
    stdio: ['ignore', 'ignore', openSync(path.join(os.tmpdir(), `maillage-startup-service-${port}.log`), 'a')],
  });
  try {
    process.stderr.write(`service log: ${path.join(os.tmpdir(), `maillage-startup-service-${port}.log`)}\n`);
    return await firstAnswer(`http://127.0.0.1:${port}`, child, started);
  } finally {
    if (child.exitCode === null) {
      const stopping = performance.now();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      stops.push((performance.now() - stopping) / 1000);
    }
  }
}

const rows: string[] = [];
let storeNote = '';
const storeKey = startStoreKey();
if (!existsSync(startStoreDir(storeKey))) {
  const t = performance.now();
  await buildStartStore((line) => process.stderr.write(`${line}\n`), storeKey);
  storeNote = `This code had no start store: writing it (what \`npm install\` does) took ${((performance.now() - t) / 1000).toFixed(1)} s before the runs.`;
  process.stderr.write(`${storeNote}\n`);
}
for (let run = 1; run <= runs; run += 1) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'maillage-startup-'));
  try {
    const dataDir = path.join(root, 'data');
    const copied = await start(dataDir);
    process.stderr.write(`run ${run}: empty folder, start store ${copied.toFixed(1)} s\n`);
    const seeded = await start(path.join(root, 'cypher'), false);
    process.stderr.write(`run ${run}: empty folder, seeded through Cypher ${seeded.toFixed(1)} s\n`);
    const warm = await start(dataDir);
    process.stderr.write(`run ${run}: same folder again ${warm.toFixed(1)} s\n`);
    rows.push(`| ${run} | ${copied.toFixed(1)} s | ${seeded.toFixed(1)} s | ${warm.toFixed(1)} s |`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
console.log(`\n${provenance(invocation('node bench/startup.ts'))}${storeNote ? ` ${storeNote}` : ''}\n`);
console.log('| run | first answer, empty data folder (start store copied) | empty data folder, seeded through Cypher (START_STORE=false) | first answer, same folder again |');
console.log('| ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
if (stops.length) console.log(`\nA clean stop (SIGTERM to exit, the service's Neo4j included): ${Math.min(...stops).toFixed(1)} to ${Math.max(...stops).toFixed(1)} s over ${stops.length} stops.`);
