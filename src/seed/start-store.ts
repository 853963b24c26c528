/**
 * The start store: the Neo4j store files of a database holding exactly the start sets (France's
 * geography, the article's network, the competency framework), written once by `npm install`
 * (scripts/start-store.ts) so that `npm start` on a new data folder copies them (under a second)
 * instead of writing 36,000 territories through Cypher on a cold Neo4j (15 to 25 s on 2 cores).
 *
 *   buildStartStore(log)             // npm install (./start-store-build.ts): own a Neo4j in a temp folder, migrate, seed, stop, keep its files
 *   copyStartStore(dataDir, log)     // npm start, new folder: true when the files were put in place
 *
 * A store is only ever used by the code that would have written the same graph: its key hashes the
 * Neo4j version, the start sets' files and package, and every source file the seeding and the
 * migrations import. Any other code, or START_STORE=false, seeds through Cypher as before. Only the
 * user database is kept: the new folder's own system database holds its own password.
 */
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { NEO4J_VERSION, distributionDir } from '../neo4j/distribution.ts';

// Read before Neo4j starts (src/main.ts): this module stays light, the builder is in ./start-store-build.ts.
const seedsDir = path.join(projectRoot, 'seeds');

/** The modules whose code decides what the start sets become in the database. */
const SEEDING_ENTRY_POINTS = [path.join(projectRoot, 'src', 'seed', 'on-start.ts'), path.join(projectRoot, 'src', 'neo4j', 'migrations.ts')];
/** The user database's two folders, relative to a data folder's `data/`: the copy puts the database's last (see copyStartStore). */
export const STORE_PARTS = [path.join('transactions', 'neo4j'), path.join('databases', 'neo4j')];

/** Every project source file `entries` import, directly or not (relative `.ts` imports). */
export function importClosure(entries: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  const importPattern = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+\.ts)'/g;
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) pending.push(path.resolve(path.dirname(file), match[1]!));
  }
  return [...seen].sort();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** What the key is made of: the files and the versions that decide the start store's content. */
export function startStoreInputs(): { files: string[]; versions: string[] } {
  const require = createRequire(import.meta.url);
  const geography = JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/package.json'), 'utf8')) as { version: string };
  return {
    files: [...importClosure(SEEDING_ENTRY_POINTS), ...filesUnder(path.join(seedsDir, 'article')), ...filesUnder(path.join(seedsDir, 'framework'))],
    versions: [`neo4j ${NEO4J_VERSION}`, `@etalab/decoupage-administratif ${geography.version}`],
  };
}

export function startStoreKey(): string {
  const { files, versions } = startStoreInputs();
  const hash = createHash('sha256');
  for (const v of versions) hash.update(`${v}\n`);
  for (const file of files) hash.update(`${path.relative(projectRoot, file)}\n`).update(readFileSync(file)).update('\n');
  return hash.digest('hex').slice(0, 16);
}

export function startStoreRoot(): string {
  return path.join(distributionDir(), 'start-store');
}

/** The folder of the store this code would use (it may not exist). */
export function startStoreDir(key = startStoreKey()): string {
  return path.join(startStoreRoot(), key);
}

/**
 * A new data folder gets the start store's files, when there is one for this code. The copy goes
 * to temporary names first: a start killed half-way leaves no half store that Neo4j would open.
 */
export function copyStartStore(dataDir: string, log: (line: string, level?: 'info' | 'warn') => void, store = startStoreDir()): boolean {
  if (!existsSync(store)) return false;
  const started = performance.now();
  const data = path.join(dataDir, 'data');
  const parts = STORE_PARTS.map((part) => ({ from: path.join(store, part), target: path.join(data, part), staging: path.join(data, `${part}.copying`) }));
  try {
    for (const { from, target, staging } of parts) {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(from, staging, { recursive: true });
      // transactions first, databases last: the database folder's presence is what says "not new".
      rmSync(target, { recursive: true, force: true });
      renameSync(staging, target);
    }
  } catch (err) {
    // Nothing half-copied stays: the start seeds through Cypher, and says why it did not copy.
    for (const { target, staging } of parts) {
      rmSync(staging, { recursive: true, force: true });
      rmSync(target, { recursive: true, force: true });
    }
    log(`could not copy the start store into ${data} (${err instanceof Error ? err.message : String(err)}): seeding through Cypher instead`, 'warn');
    return false;
  }
  log(`copied the start store (France's geography, the article, the framework) into the new data folder in ${Math.round(performance.now() - started)} ms`);
  return true;
}

/**
 * Neo4j allocates each transaction log file whole (256 MB of zeros after the last entry); a log
 * ends at its first zero entry, so the zeros can go: the store keeps only what was written.
 */
export function trimTrailingZeros(file: string): number {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let end = size;
  try {
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const read = readSync(fd, chunk, 0, end - start, start);
      let i = read - 1;
      while (i >= 0 && chunk[i] === 0) i -= 1;
      if (i >= 0) {
        end = start + i + 1;
        break;
      }
      end = start;
    }
  } finally {
    closeSync(fd);
  }
  // Whole pages, and one more: an entry ending in zero bytes keeps them (and zeros are where a log ends).
  const kept = Math.min(size, Math.ceil(end / 8192) * 8192 + 8192);
  truncateSync(file, kept);
  return kept;
}
