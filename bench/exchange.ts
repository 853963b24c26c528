/**
 * Import and export benchmark (issue #17): a synthetic network of N relationships, exported whole
 * in every format, then each export imported back; time and peak RSS of each step, each step in
 * its own Node process (so its peak RSS is its own), on one owned Neo4j in a temp folder.
 *
 *   npm run bench:exchange                              # 1,000,000 relationships
 *   npm run bench:exchange -- --relationships 100000    # a quick run
 *
 * Ratios printed against peers of the same run: CSV import / JSON import (goal <= 1.2), and the
 * whole-network export against the 60 s / 1 GB goal. Imports go onto the network that is already
 * there (every row MERGEd and found unchanged): the same work for every format, the reading and
 * validating of the file included. Only actor-to-actor relationships are exported (the actor graph),
 * so the exported count is printed next to N.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { type ExportFormat, exportStream } from '../src/exchange/formats.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { seed } from '../src/seed/load.ts';
import { readSeedPath } from '../src/seed/read-files.ts';
import { syntheticSource } from '../src/seed/synthetic.ts';

const FILES: Record<string, [ExportFormat, string][]> = {
  json: [['json', 'network.json']],
  csv: [['csv-actors', 'actors.csv'], ['csv-links', 'links.csv']],
  gexf: [['gexf', 'network.gexf']],
  graphml: [['graphml', 'network.graphml']],
  xlsx: [['xlsx', 'network.xlsx']],
};

/** One step, in this process: prints {ms, rssMb} on stdout. */
async function step(uri: string, action: string, format: string, folder: string): Promise<void> {
  // The run's Neo4j has authentication on: the parent hands its password down in the environment.
  const db = connect({ uri, user: 'neo4j', password: process.env.BENCH_NEO4J_PASSWORD, database: 'neo4j' });
  const started = performance.now();
  if (action === 'export') {
    mkdirSync(folder, { recursive: true });
    for (const [f, name] of FILES[format] ?? []) await pipeline(exportStream(db, f, { within: null }), createWriteStream(path.join(folder, name)));
  } else {
    await seed(db, readSeedPath(folder, undefined, { maxFileBytes: 4 * 1024 ** 3 }));
  }
  const ms = performance.now() - started;
  await db.close();
  process.stdout.write(`${JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

async function main(): Promise<void> {
  const options = new Command()
    .option('--relationships <n>', 'relationships in the synthetic network', (v) => Number(v), 1_000_000)
    .option('--formats <list>', 'formats to time', 'json,csv,gexf,graphml,xlsx')
    .option('--step <action:format:folder>', '(internal) run one step')
    .option('--uri <uri>', '(internal) the Neo4j of the run')
    .parse()
    .opts<{ relationships: number; formats: string; step?: string; uri?: string }>();
  if (options.step && options.uri) {
    const [action = '', format = '', ...folder] = options.step.split(':');
    return step(options.uri, action, format, folder.join(':'));
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-exchange-'));
  const server = await startOwnedNeo4j({ dataDir: path.join(dir, 'neo4j'), boltPort: await freePort(), heap: '2g', pagecache: '1g', log: () => undefined });
  try {
    const db = connect({ ...server.connection, database: 'neo4j' });
    await migrate(db);
    const t0 = performance.now();
    await seed(db, syntheticSource({ seed: 1, relationships: options.relationships }));
    const [row] = await db.read<{ actors: number; links: number }>('MATCH (a:Actor) WITH count(a) AS actors MATCH (:Actor)-[r]->(:Actor) RETURN actors, count(r) AS links');
    await db.close();
    process.stdout.write(`network: ${options.relationships} relationships (${row?.actors} actors, ${row?.links} actor-to-actor relationships exported), seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    process.stdout.write(`load: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}\n`);
    let commit = process.env.BENCH_COMMIT ?? 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: path.dirname(fileURLToPath(import.meta.url)), stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // A copy outside git (a snapshot taken for a long run): BENCH_COMMIT names it.
    }
    process.stdout.write(`commit: ${commit}\n`);
    const self = fileURLToPath(import.meta.url);
    const run = (action: string, format: string, folder: string) =>
      JSON.parse(execFileSync(process.execPath, [self, '--uri', server.uri, '--step', `${action}:${format}:${folder}`], { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, BENCH_NEO4J_PASSWORD: server.connection.password } }).trim().split('\n').pop() ?? '{}') as { ms: number; rssMb: number };
    const results: Record<string, { export: { ms: number; rssMb: number }; import: { ms: number; rssMb: number }; mb: number }> = {};
    process.stdout.write('format    export s  export RSS MB  file MB  import s  import RSS MB\n');
    const shown = (r: { ms: number; rssMb: number } | undefined, rssWidth: number) =>
      r ? `${(r.ms / 1000).toFixed(1).padStart(10)}${r.rssMb.toFixed(0).padStart(rssWidth)}` : `${'failed'.padStart(10)}${''.padStart(rssWidth)}`;
    for (const format of options.formats.split(',')) {
      const folder = path.join(dir, format);
      // A step that fails (out of memory...) is reported as such; the other formats still run.
      const attempt = (action: string) => {
        try {
          return run(action, format, folder);
        } catch (err) {
          process.stdout.write(`${format} ${action} failed: ${((err as { stderr?: string }).stderr ?? String(err)).split('\n').find((l) => /error/i.test(l)) ?? 'see stderr'}\n`);
          return undefined;
        }
      };
      const exported = attempt('export');
      const mb = exported ? (FILES[format] ?? []).reduce((n, [, name]) => n + statSync(path.join(folder, name)).size, 0) / 1024 ** 2 : 0;
      const imported = exported ? attempt('import') : undefined;
      if (exported && imported) results[format] = { export: exported, import: imported, mb };
      process.stdout.write(`${format.padEnd(8)}${shown(exported, 15)}${mb.toFixed(1).padStart(9)}${shown(imported, 14)}\n`);
    }
    const csv = results.csv?.import.ms;
    const json = results.json?.import.ms;
    if (csv && json) process.stdout.write(`CSV import / JSON import: ${(csv / json).toFixed(2)} (goal <= 1.2)\n`);
    const worst = Object.entries(results).sort(([, a], [, b]) => b.export.ms - a.export.ms)[0];
    if (worst) process.stdout.write(`slowest whole-network export: ${worst[0]} ${(worst[1].export.ms / 1000).toFixed(1)} s, peak RSS ${Math.max(...Object.values(results).map((r) => r.export.rssMb)).toFixed(0)} MB (goal < 60 s, < 1024 MB)\n`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
