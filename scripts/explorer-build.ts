/**
 * Builds the explorer page (explorer/ -> explorer/dist/) with Vite.
 *
 *   node scripts/explorer-build.ts               # always build (npm run build:explorer)
 *   node scripts/explorer-build.ts --if-missing  # build only when explorer/dist is missing (npm start, tests)
 *
 * Without Vite (a production install without devDependencies) `--if-missing` says so and goes on:
 * the server still answers /explore with a message asking for the build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const explorerDir = path.join(root, 'explorer');
export const explorerIndex = path.join(explorerDir, 'dist', 'index.html');

export async function buildExplorer(options: { ifMissing?: boolean } = {}): Promise<'built' | 'present' | 'no-vite'> {
  if (options.ifMissing && existsSync(explorerIndex)) return 'present';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    if (!options.ifMissing) throw new Error('vite is not installed: run npm ci (with devDependencies) first');
    return 'no-vite';
  }
  await vite.build({ configFile: path.join(explorerDir, 'vite.config.ts'), logLevel: 'warn' });
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifMissing = process.argv.includes('--if-missing');
  const started = Date.now();
  const result = await buildExplorer({ ifMissing });
  if (result === 'built') console.log(`explorer built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), path.dirname(explorerIndex))}/`);
  if (result === 'no-vite') console.warn('explorer not built (vite is not installed): /explore will say so; run npm ci && npm run build:explorer');
}
