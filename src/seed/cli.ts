/**
 * `npm run seed -- <source> [options]`: load a data set into the service's Neo4j.
 *
 *   npm run seed -- article                    # the article's network
 *   npm run seed -- geography --dry-run        # what France's geography would change
 *   npm run seed -- my-data/ --batch-size 2000 # a folder of JSON/CSV seed files
 *   npm run seed -- synthetic --seed 7 --size 5000 --relationships 100000
 *
 * Exit codes: 0 done, 1 invalid input (nothing written), 2 bad options or configuration,
 * 3 the database failed or the seed was interrupted.
 */
import { createInterface } from 'node:readline/promises';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfigOrExit } from '../config.ts';
import { migrate } from '../neo4j/migrations.ts';
import { openDatabase } from '../neo4j/from-config.ts';
import { BUILT_IN_SETS, resolveSource } from './builtin.ts';
import { DEFAULT_BATCH_SIZE, type SeedProgress, seed } from './load.ts';
import { formatReport } from './report.ts';
import { resetDatabase } from './reset.ts';
import { SeedValidationError } from './validate.ts';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} expects a whole number >= 1.`);
  return n;
};

interface CliOptions {
  dryRun?: boolean;
  reset?: boolean;
  yes?: boolean;
  batchSize: number;
  seed: number;
  size?: number;
  relationships?: number;
}

const program = new Command()
  .name('npm run seed --')
  .description(
    `Load a data set into Neo4j: validates everything first (nothing is written if anything is wrong), then MERGEs in batches (seeding twice changes nothing).\n` +
      `Uses NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) like the service; without it, starts the local Neo4j in MAILLAGE_DATA_DIR.`,
  )
  .argument('<source>', `a built-in set (${BUILT_IN_SETS.join(', ')}), or a JSON/CSV seed file, or a folder of them`)
  .option('--dry-run', 'validate and report what would change; write nothing')
  .option('--reset', 'empty the database first (asks for confirmation on a terminal unless --yes)')
  .option('-y, --yes', 'do not ask before --reset')
  .option('--batch-size <rows>', 'rows per transaction', positiveInt('--batch-size'), DEFAULT_BATCH_SIZE)
  .option('--seed <n>', 'synthetic: random seed (same seed, same network)', positiveInt('--seed'), 1)
  .option('--size <actors>', 'synthetic: number of actors', positiveInt('--size'))
  .option('--relationships <n>', 'synthetic: target number of relationships', positiveInt('--relationships'))
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function progressReporter(): { onProgress: (p: SeedProgress) => void; stop: () => void } {
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: ' {phase} |{bar}| {percentage}% {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let phase = '';
    let phaseStart = Date.now();
    return {
      onProgress: (p) => {
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          phaseStart = Date.now();
          bar.start(p.total ?? 0, p.done, { phase: p.phase.padEnd(13), rate: 0 });
        }
        const rate = Math.round(p.done / Math.max(0.001, (Date.now() - phaseStart) / 1000));
        bar.update(p.done, { rate });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  let phase = '';
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === phase && now - lastLine < 2_000 && p.done !== p.total) return;
      phase = p.phase;
      lastLine = now;
      const secs = (now - started) / 1000;
      process.stderr.write(`[seed] ${p.phase}: ${p.done}${p.total !== undefined ? `/${p.total}` : ''} rows, ${secs.toFixed(1)} s\n`);
    },
    stop: () => undefined,
  };
}

async function main(): Promise<number> {
  program.parse(process.argv);
  const [sourceArg] = program.args as [string];
  const options = program.opts<CliOptions>();

  const config = loadConfigOrExit();
  if (options.reset && options.dryRun) {
    process.stderr.write('--reset and --dry-run together make no sense: a dry run writes nothing.\n');
    return 2;
  }
  // Refused before any connection: a script must say --yes to empty a database.
  if (options.reset && !options.yes && !process.stdin.isTTY) {
    process.stderr.write('--reset empties the whole database: add --yes to confirm when not run from a terminal. Nothing was deleted.\n');
    return 2;
  }

  const source = resolveSource(sourceArg, {
    seed: options.seed,
    ...(options.size !== undefined ? { actors: options.size } : {}),
    ...(options.relationships !== undefined ? { relationships: options.relationships } : {}),
  });

  const { db, close: stopAll } = await openDatabase(config, (line) => process.stderr.write(`[neo4j] ${line}\n`));
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nStopping after the current batch (each batch is one transaction; run the same command again to finish).\n');
    controller.abort();
  });

  const progress = progressReporter();
  try {
    await migrate(db);
    if (options.reset) {
      const ok = options.yes || (await confirm(`Delete EVERY node and relationship of ${db.uri} (database ${db.database})? Type "yes": `));
      if (!ok) {
        process.stderr.write('Nothing was deleted.\n');
        return 2;
      }
      const deleted = await resetDatabase(db);
      process.stderr.write(`Reset: ${deleted} node${deleted === 1 ? '' : 's'} deleted.\n`);
    }
    const report = await seed(db, source, {
      batchSize: options.batchSize,
      dryRun: options.dryRun ?? false,
      onProgress: progress.onProgress,
      signal: controller.signal,
    });
    progress.stop();
    process.stdout.write(`${formatReport(report)}\n`);
    return 0;
  } catch (err) {
    progress.stop();
    if (err instanceof SeedValidationError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`Seeding failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Seeding failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(3);
  },
);
