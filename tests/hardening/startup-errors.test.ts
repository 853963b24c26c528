/**
 * Start-up failures say their cause in words, name the setting or file at fault, and print no
 * stack: a data folder that cannot be created, an unknown LOG_LEVEL, a bad PERSISTED_OPERATIONS_FILE
 * (noticed before Neo4j starts), a full disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { explainExit } from '../../src/neo4j/owned-server.ts';

function start(env: Record<string, string>): { status: number | null; stderr: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SEED_ON_START: 'false', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr, ms: Date.now() - started };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at [\w.<]+ \(|node:internal/);

describe('start-up errors', () => {
  it('names MAILLAGE_DATA_DIR when the data folder cannot be created', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'maillage-notdir-')), 'a-file');
    writeFileSync(file, 'not a folder');
    const run = start({ MAILLAGE_DATA_DIR: path.join(file, 'data') });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/MAILLAGE_DATA_DIR/);
    expect(run.stderr).toContain(file);
    noStack(run.stderr);
  });

  it('refuses an unknown LOG_LEVEL as a configuration error, without a stack', () => {
    const run = start({ LOG_LEVEL: 'verbose' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/LOG_LEVEL="verbose"/);
    noStack(run.stderr);
  });

  it('checks PERSISTED_OPERATIONS_FILE before starting Neo4j, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-badops-'));
    const bad = path.join(dir, 'operations.json');
    writeFileSync(bad, '{ not json');
    for (const file of [bad, path.join(dir, 'missing.json')]) {
      const run = start({ PERSISTED_OPERATIONS_FILE: file, MAILLAGE_DATA_DIR: path.join(dir, 'data') });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(/PERSISTED_OPERATIONS_FILE/);
      expect(run.stderr).not.toMatch(/Starting Neo4j/);
      noStack(run.stderr);
    }
  });

  it('says the disk is full when the JVM dies of it', () => {
    const output = 'ERROR Failed to start Neo4j\njava.io.IOException: No space left on device\n\tat org.neo4j.io.fs...';
    expect(explainExit(output, 1)).toMatch(/disk .*full|no space left/i);
  });
});
