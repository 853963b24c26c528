// Every benchmark a user can run answers --help with its usage and starts nothing: the npm scripts
// (`npm run bench -- --help` once crashed with a stack trace) and every script built on helpIfAsked.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';

const run = promisify(execFile);

function benchScripts(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const fromNpm = Object.entries(scripts)
    .filter(([name]) => name === 'bench' || name.startsWith('bench:'))
    .map(([, command]) => /^node (bench\/\S+\.ts)$/.exec(command)?.[1])
    .filter((file): file is string => file !== undefined);
  const withHelp = readdirSync(path.join(projectRoot, 'bench'))
    .filter((name) => name.endsWith('.ts') && name !== 'support.ts')
    .map((name) => `bench/${name}`)
    .filter((file) => readFileSync(path.join(projectRoot, file), 'utf8').includes('helpIfAsked('));
  return [...new Set([...fromNpm, ...withHelp])].sort();
}

describe('the benchmarks', () => {
  const files = benchScripts();

  it('are found: every npm bench script, and the scripts with a usage of their own', () => {
    expect(files).toContain('bench/peers.ts');
    expect(files).toContain('bench/startup.ts');
    expect(files).toContain('bench/cpu-per-request.ts');
  });

  it('each print their usage for --help and exit 0', { timeout: 120_000 }, async () => {
    const outcomes = await Promise.all(
      files.map(async (file) => {
        try {
          const { stdout } = await run(process.execPath, [file, '--help'], { cwd: projectRoot, timeout: 60_000 });
          return { file, usage: /usage|node bench\/|npm run bench|\[options\]/i.test(stdout) };
        } catch (error) {
          return { file, usage: false, error: String(error).slice(0, 300) };
        }
      }),
    );
    expect(outcomes.filter((o) => !o.usage)).toEqual([]);
  });
});
