/**
 * `npm run export -- <format> [--within <territory>] [--source <name>] [--out <file or folder>]`:
 * an actor graph as a file network tools read. Streamed: the file is written as it is read.
 *
 *   npm run export -- gexf --within department:80 --out somme.gexf     # Gephi
 *   npm run export -- graphml --out reseau.graphml                    # the whole network
 *   npm run export -- csv --within region:32 --out hdf/               # hdf/actors.csv + hdf/links.csv
 *   npm run export -- xlsx --source article --out article.xlsx
 *   npm run export -- json --within epci:248000747 > coquelicot.json  # our seed format, on stdout
 *
 * Exit codes: 0 done, 2 bad options or configuration, 3 the database failed, 4 no such territory.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { NotFoundError } from '../domain/errors.ts';
import { openDatabase } from '../neo4j/from-config.ts';
import { Neo4jStartError } from '../neo4j/owned-server.ts';
import { type ExportFormat, exportStream } from './formats.ts';

const FORMATS = ['gexf', 'graphml', 'csv', 'json', 'xlsx'] as const;
type CliFormat = (typeof FORMATS)[number];

const program = new Command()
  .name('npm run export --')
  .description('Export an actor graph (a territory\'s, or the whole network) as GEXF, GraphML, CSV, XLSX or our JSON seed format. Uses NEO4J_URI like the service, or the Neo4j of a running npm start.')
  .argument('<format>', FORMATS.join(', '), (value: string) => {
    if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}.`);
    return value as CliFormat;
  })
  .option('--within <territory>', 'a territory id (region:32, department:80, epci:248000747, commune:80021); default: the whole network')
  .option('--source <name>', 'only actors of this source (article, a file name...)')
  .option('--out <path>', 'file to write (a folder for csv); default: standard output (not for csv)')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

async function main(): Promise<number> {
  program.parse(process.argv);
  const [format] = program.processedArgs as [CliFormat];
  const options = program.opts<{ within?: string; source?: string; out?: string }>();
  if (format === 'csv' && !options.out) {
    process.stderr.write('csv writes two files (actors.csv and links.csv): give a folder with --out.\n');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  let opened;
  try {
    opened = await openDatabase(config, (line) => process.stderr.write(`[neo4j] ${line}\n`), { joinRunning: true });
  } catch (err) {
    if (err instanceof Neo4jStartError) {
      process.stderr.write(`Cannot export: ${err.message.split('\n')[0]} (set NEO4J_URI to the server to read)\n`);
      return 3;
    }
    throw err;
  }
  const scope = { within: options.within ?? null, source: options.source ?? null };
  const started = performance.now();
  try {
    const jobs: [ExportFormat, NodeJS.WritableStream][] = [];
    if (format === 'csv') {
      const folder = options.out ?? '.';
      mkdirSync(folder, { recursive: true });
      jobs.push(['csv-actors', createWriteStream(path.join(folder, 'actors.csv'))], ['csv-links', createWriteStream(path.join(folder, 'links.csv'))]);
    } else jobs.push([format, options.out ? createWriteStream(options.out) : process.stdout]);
    for (const [f, out] of jobs) await pipeline(exportStream(opened.db, f, scope), out);
    process.stderr.write(`Exported ${format} in ${((performance.now() - started) / 1000).toFixed(1)} s${options.out ? ` to ${options.out}` : ''}.\n`);
    return 0;
  } catch (err) {
    if (err instanceof NotFoundError) {
      process.stderr.write(`${err.message}\n`);
      return 4;
    }
    process.stderr.write(`Export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 3;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Export failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
