/**
 * `npm install` runs this after assembling Neo4j (postinstall), and `npm run build:start-store` on
 * demand: write the start store (src/seed/start-store.ts), so that `npm start` on a new data folder
 * copies France's geography, the article and the framework instead of seeding them through Cypher.
 *
 *   node scripts/start-store.ts               # build it (about 30 s on 2 cores)
 *   node scripts/start-store.ts --if-needed   # only when this code has none; a failure is a warning
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildStartStore } from '../src/seed/start-store-build.ts';
import { startStoreDir, startStoreKey } from '../src/seed/start-store.ts';

const { values } = parseArgs({ options: { 'if-needed': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  process.stdout.write(`node scripts/start-store.ts [--if-needed]: write the start store that npm start copies into a new data folder

  --if-needed   do nothing when this code already has one; a failure (no Java, no Neo4j jars) is a warning, not an error
  -h, --help    this help

Skipped when MAILLAGE_SKIP_NEO4J_INSTALL=1 or MAILLAGE_SKIP_START_STORE=1. Without a start store, npm start seeds through Cypher.
`);
  process.exit(0);
}
const ifNeeded = values['if-needed'] ?? false;
if (process.env.MAILLAGE_SKIP_NEO4J_INSTALL === '1' || process.env.MAILLAGE_SKIP_START_STORE === '1') process.exit(0);
const key = startStoreKey();
if (ifNeeded && existsSync(startStoreDir(key))) process.exit(0);
const started = Date.now();
process.stdout.write('Writing the start store (France\'s geography, the article, the framework) for npm start ...\n');
try {
  const dir = await buildStartStore((line) => process.stdout.write(`${line}\n`), key);
  process.stdout.write(`Start store written in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}\n`);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${ifNeeded ? 'warning: ' : ''}the start store could not be written: ${message}\n`);
  if (ifNeeded) process.stderr.write('npm start will seed a new data folder through Cypher instead (slower).\n');
  process.exit(ifNeeded ? 0 : 1);
}
