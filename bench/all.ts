/**
 * `npm run bench:all`: reruns every committed benchmark, one after the other, and writes what each
 * printed to one results file, with the command, the commit and the machine's load before and after.
 * Not part of `npm test`: a full run takes hours on a 2-core machine and must have it to itself.
 *
 *   npm run bench:all                      # the sizes the README and docs/benchmarks.md report
 *   npm run bench:all -- --quick           # each benchmark at its smallest size: proves the scripts run, not a figure to quote
 *   npm run bench:all -- --only peers,seed # some of them
 *   npm run bench:all -- --resume bench/results/<file>.md   # go on with a run that was stopped
 *
 * Each benchmark runs under the shared lock (flock /tmp/maillage-bench.lock, set BENCH_LOCK to change
 * it, BENCH_LOCK=none to skip): two timed runs never overlap, and tests or other work that take the same
 * lock run between two benchmarks, never during one.
 *
 * Results go to bench/results/<UTC date>-<commit>[-quick].md; commit the file a quoted figure comes from.
 * A full run takes longer than a working session here: `--resume` goes on with a results file,
 * skipping the benchmarks it already records with exit 0, provided the code measured (src, bench,
 * schema, seeds, package-lock.json) is the same as at the file's commit, so the file stays one run of
 * one code.
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.ts';
import { commit, helpIfAsked, loadAverage, provenance } from './support.ts';

interface Benchmark {
  name: string;
  /** What it measures, for the results file. */
  what: string;
  /** Script and arguments at the sizes the docs report. */
  full: string[];
  /** The smallest size that still runs every part of the script. */
  quick: string[];
  env?: Record<string, string>;
  quickEnv?: Record<string, string>;
}

export const BENCHMARKS: Benchmark[] = [
  {
    name: 'peers',
    what: 'our service against @neo4j/graphql 7 and the raw Cypher floor (docs/benchmarks.md, README table)',
    full: ['bench/peers.ts', '--relationships', '1000000', '--connections', '1,16,64'],
    quick: ['bench/peers.ts', '--relationships', '20000', '--duration', '2', '--warmup', '1', '--connections', '1', '--checks', '5'],
  },
  {
    name: 'seed',
    what: 'our loader against LOAD CSV in its best form',
    full: ['bench/seed.ts', '--relationships', '1000000'],
    quick: ['bench/seed.ts', '--relationships', '20000', '--rounds', '1', '--warmup', '1000'],
  },
  {
    name: 'load',
    what: '64 clients for 60 s on a mixed read workload, errors in bodies counted, memory after each run',
    full: ['bench/load.ts', '--connections', '64', '--duration', '60', '--runs', '3'],
    quick: ['bench/load.ts', '--connections', '8', '--duration', '20', '--runs', '1', '--relationships', '20000'],
  },
  {
    name: 'synergy',
    what: 'synergyPaths and synergies against Cypher peers, each size in a fresh process; suggestion quality (with its caveat)',
    full: ['bench/synergy.ts', '10000', '100000', '1000000'],
    quick: ['bench/synergy.ts', '10000'],
    quickEnv: { BENCH_SAMPLES: '40', BENCH_WARMUP: '5', BENCH_QUALITY_SMES: '20' },
  },
  {
    name: 'shape',
    what: 'networkShape of the whole network, both engines, first and cached calls',
    full: ['bench/shape.ts', '--1m'],
    quick: ['bench/shape.ts'],
    quickEnv: { BENCH_SIZES: '10000' },
  },
  {
    name: 'nested-reads',
    what: 'one query per operation against one query per field (N+1)',
    full: ['bench/nested-reads.ts'],
    quick: ['bench/nested-reads.ts'],
  },
  {
    name: 'seed-profile',
    what: "PROFILE of the loader's batch queries",
    full: ['bench/seed-profile.ts', '--relationships', '200000'],
    quick: ['bench/seed-profile.ts', '--relationships', '20000'],
  },
  {
    name: 'seed-columns',
    what: 'rows sent as a list of maps against rows sent as columns (the loader sends columns)',
    full: ['bench/seed-columns.ts', '--rows', '200000'],
    quick: ['bench/seed-columns.ts', '--rows', '20000'],
  },
  {
    name: 'auto-commit',
    what: 'a read as one auto-commit query against executeQuery (a managed transaction)',
    full: ['bench/auto-commit.ts', '--calls', '2000'],
    quick: ['bench/auto-commit.ts', '--calls', '200'],
  },
  {
    name: 'chaos',
    what: '64 clients of reads and writes for 60 s while the owned Neo4j is SIGKILLed three times: recovery, errors, lost writes, RSS (issue #14)',
    full: ['bench/chaos.ts', '--clients', '64', '--duration', '60', '--kills', '3'],
    quick: ['bench/chaos.ts', '--clients', '8', '--duration', '20', '--kills', '1'],
  },
  {
    name: 'abuse',
    what: "16 honest readers alone, then beside the #14 probes (cost limits, /metrics): honest p99 ratio and RSS",
    full: ['bench/abuse.ts', '--honest', '16', '--duration', '20'],
    quick: ['bench/abuse.ts', '--honest', '4', '--duration', '5'],
  },
  {
    name: 'explorer',
    what: "the explorer's ready-to-use time in Chromium, network view and map view: 3,000 and 10,000 actors in the Somme, the whole synthetic network of 125,000 (issue #16)",
    full: ['bench/explorer.ts', '3000', '10000', 'whole'],
    quick: ['bench/explorer.ts', '300'],
    quickEnv: { BENCH_RUNS: '1' },
  },
  {
    name: 'report',
    what: 'territory report of a département and of the whole network, cold and cached (issue #19)',
    full: ['bench/report.ts', '--relationships', '1000000'],
    quick: ['bench/report.ts', '--relationships', '20000'],
  },
  {
    name: 'exchange',
    what: 'import and export of the whole network in each format: time and peak RSS (issue #17)',
    full: ['bench/exchange.ts', '--relationships', '1000000'],
    quick: ['bench/exchange.ts', '--relationships', '20000'],
  },
  {
    name: 'suggestions',
    what: 'partner suggestions against the link-prediction baselines, warm and cold-start tracks (issue #20)',
    full: ['bench/suggestions.ts', '--sizes', '10000,100000,1000000'],
    quick: ['bench/suggestions.ts', '--sizes', '10000', '--sources', '50'],
  },
  {
    name: 'startup',
    what: 'npm start on an empty data folder (start store copied, and seeded through Cypher) and on a seeded one: time to the first answer',
    full: ['bench/startup.ts', '--runs', '2'],
    quick: ['bench/startup.ts', '--runs', '1'],
  },
];

helpIfAsked(`npm run bench:all -- [--quick] [--only a,b]: rerun every committed benchmark, write bench/results/<date>-<commit>.md

  --quick        each at its smallest size (proves the scripts run; not figures to quote)
  --only <list>  some of, in the order given: ${BENCHMARKS.map((b) => b.name).join(', ')}
  --resume <file>  go on with that results file: skip what it records with exit 0 (same code only)
  -h, --help     this help
Run it on a quiet machine. Each benchmark takes flock /tmp/maillage-bench.lock (BENCH_LOCK=none: no lock).`);

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, resume: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
// --only runs the chosen benchmarks in the order given.
const chosen = values.only
  ? values.only.split(',').map((name) => {
      const found = BENCHMARKS.find((b) => b.name === name.trim());
      if (!found) throw new Error(`--only: ${name} is none of ${BENCHMARKS.map((b) => b.name).join(', ')}`);
      return found;
    })
  : BENCHMARKS;

/** A mistake in the command: one line, exit 2, no stack. */
function usage(message: string): never {
  process.stderr.write(`bench:all: ${message}\n`);
  process.exit(2);
}

/** The code a run measures: a resumed run must measure the same. */
const MEASURED = ['src', 'bench/*.ts', 'bench/peers', 'schema', 'seeds', 'package-lock.json'];

const dir = path.join(projectRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
let file: string;
const done = new Set<string>();
if (values.resume) {
  file = path.resolve(values.resume);
  if (!existsSync(file)) usage(`--resume: no file ${values.resume}`);
  const text = readFileSync(file, 'utf8');
  const measured = /commit ([0-9a-f]{7,40})/.exec(text)?.[1];
  if (!measured) usage(`--resume: ${values.resume} names no commit`);
  try {
    execFileSync('git', ['diff', '--quiet', measured, '--', ...MEASURED], { cwd: projectRoot, stdio: 'ignore' });
  } catch {
    usage(`--resume: the code measured (${MEASURED.join(', ')}) changed since ${measured}; start a new run`);
  }
  for (const m of text.matchAll(/^## ([\w-]+): .*\n\nCommand: `[^`]*`; exit 0;/gm)) done.add(m[1]!);
  appendFileSync(file, `\n_Resumed: ${provenance('npm run bench:all -- --resume')}_\n`);
  process.stderr.write(`[bench:all] resuming ${path.relative(projectRoot, file)}; already done: ${[...done].join(', ') || 'none'}\n`);
} else {
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  file = path.join(dir, `${stamp}-${commit().replaceAll(' ', '').replace('+uncommittedchanges', '-dirty')}${values.quick ? '-quick' : ''}.md`);
  writeFileSync(
    file,
    `# npm run bench:all${values.quick ? ' -- --quick' : ''}\n\n${provenance(`npm run bench:all${values.quick ? ' -- --quick' : ''}`)}\n` +
      (values.quick ? '\n**Quick mode: smallest sizes, to prove the scripts run. These are not figures to quote.**\n' : ''),
  );
}

const LOCKED = '[bench:all] lock taken';

/** Runs one benchmark under the lock; the clock and the load average start once the lock is held. */
function run(benchmark: Benchmark): Promise<{ code: number | null; seconds: number; output: string; before: string }> {
  const args = values.quick ? benchmark.quick : benchmark.full;
  const env = { ...process.env, ...benchmark.env, ...(values.quick ? benchmark.quickEnv : {}) };
  const lock = process.env.BENCH_LOCK ?? '/tmp/maillage-bench.lock';
  const [command, commandArgs]: [string, string[]] =
    lock === 'none'
      ? [process.execPath, args]
      : ['flock', [lock, 'sh', '-c', `echo '${LOCKED}' >&2; exec "$0" "$@"`, process.execPath, ...args]];
  let started = performance.now();
  let before = loadAverage();
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    // Progress goes to stderr: shown, not kept.
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(LOCKED)) {
        started = performance.now();
        before = loadAverage();
      }
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => resolve({ code, seconds: (performance.now() - started) / 1000, output, before }));
  });
}

let failed = 0;
for (const benchmark of chosen) {
  if (done.has(benchmark.name)) continue;
  const args = values.quick ? benchmark.quick : benchmark.full;
  const envShown = Object.entries(values.quick ? (benchmark.quickEnv ?? {}) : (benchmark.env ?? {})).map(([k, v]) => `${k}=${v} `).join('');
  const command = `${envShown}node ${args.join(' ')}`;
  process.stderr.write(`\n[bench:all] ${benchmark.name}: ${command}\n`);
  const { code, seconds, output, before } = await run(benchmark);
  if (code !== 0) failed += 1;
  appendFileSync(
    file,
    `\n## ${benchmark.name}: ${benchmark.what}\n\nCommand: \`${command}\`; exit ${code}; ${seconds.toFixed(0)} s; ` +
      `load average before ${before}, after ${loadAverage()} (1, 5, 15 min).\n\n${output.trim()}\n`,
  );
}
process.stderr.write(`\n[bench:all] results in ${path.relative(projectRoot, file)}${failed ? `; ${failed} benchmark(s) failed` : ''}\n`);
process.exit(failed ? 1 : 0);
