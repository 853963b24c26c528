import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'tests/seed/fixtures');

function runSeed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'src/seed/cli.ts'), ...args],
      { cwd: root, env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent' }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run seed', () => {
  it('exits 1 on invalid input, printing each problem and that nothing was written', async () => {
    const { code, stderr } = await runSeed([path.join(fixtures, 'unknown-node.json')]);
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was written');
    expect(stderr).toMatch(/unknown-node\.json: \$\.relationships\[0\]: to "fixture:no-such-university" is not a node/);
  });

  it('--dry-run validates and prints what would change, as a table', async () => {
    const { code, stdout, stderr } = await runSeed(['framework', '--dry-run']);
    expect(stderr).not.toContain('failed');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Dry run of "framework"/);
    expect(stdout).toMatch(/Competency\s+\d+\s+\d+\s+\d+/);
  });

  it('rejects a bad option with usage help and exit code 2', async () => {
    const { code, stderr } = await runSeed(['article', '--batch-size', 'lots']);
    expect(code).toBe(2);
    expect(stderr).toContain('--batch-size expects a whole number');
  });
});
