/**
 * Runs tests/shape/support/networkx_reference.py in a private virtualenv (created on first use under
 * the gitignored .cache/, networkx, numpy and scipy (its PageRank needs them) installed from PyPI; reused afterwards), so that a clean clone
 * with python3 can check our metrics against networkx.
 *
 *   const reference = networkxReference({ nodes: ['a', 'b'], links: [{ source: 'a', target: 'b', weight: 1 }] });
 *   reference.density  // 1
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const venv = path.join(root, '.cache', 'networkx-venv');
const python = path.join(venv, 'bin', 'python');
const script = path.join(root, 'tests', 'shape', 'support', 'networkx_reference.py');

export interface NetworkxReference {
  actorCount: number;
  linkCount: number;
  density: number;
  averageDegree: number;
  componentCount: number;
  largestComponentSize: number;
  isolated: string[];
  degree: Record<string, number>;
  pagerank: Record<string, number>;
  betweenness: Record<string, number>;
  clustering: Record<string, number>;
  averageClustering: number;
  articulationPoints: string[];
  louvainModularity: number;
  partitionModularity: number | null;
}

export function ensureNetworkx(): string {
  const ready = () => {
    try {
      execFileSync(python, ['-c', 'import networkx, numpy, scipy'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(python) && ready()) return python;
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', 'networkx', 'numpy', 'scipy'], { stdio: 'inherit', timeout: 180_000 });
  return python;
}

export function networkxReference(graph: {
  nodes: string[];
  links: { source: string; target: string; weight: number }[];
  partition?: string[][];
}): NetworkxReference {
  const output = execFileSync(ensureNetworkx(), [script], {
    input: JSON.stringify(graph),
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return JSON.parse(output.toString('utf8')) as NetworkxReference;
}
