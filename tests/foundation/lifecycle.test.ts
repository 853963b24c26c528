/**
 * `npm start` as a user runs it: the service starts its own Neo4j, answers, and leaves no Java
 * process behind, whether stopped with Ctrl-C or killed outright.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { freePort } from '../../src/neo4j/owned-server.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function javaProcessesUsing(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `^(\\S*/)?java .*--home-dir=${dir}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function startMain(): Promise<{ child: ChildProcess; url: string; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-start-'));
  dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      NEO4J_BOLT_PORT: String(await freePort()),
      MAILLAGE_DATA_DIR: dataDir,
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '128m',
      SEED_ON_START: 'false',
      NEO4J_URI: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const up = await until(async () => {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return res.ok;
    } catch {
      return false;
    }
  }, 150_000);
  if (!up) throw new Error(`the service did not answer:\n${output}`);
  return { child, url, dataDir };
}

describe('npm start', () => {
  it('answers { __typename } and leaves no Java process after Ctrl-C', async () => {
    const { child, url, dataDir } = await startMain();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(javaProcessesUsing(dataDir)).toHaveLength(1);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    expect(await until(() => javaProcessesUsing(dataDir).length === 0, 40_000)).toBe(true);
  }, 240_000);

  it('leaves no orphan JVM even when the service is killed with SIGKILL', async () => {
    const { child, dataDir } = await startMain();
    expect(javaProcessesUsing(dataDir)).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await until(() => javaProcessesUsing(dataDir).length === 0, 40_000)).toBe(true);
  }, 240_000);
});
