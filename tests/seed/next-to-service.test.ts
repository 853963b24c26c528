/**
 * `npm run seed -- my-folder` while `npm start` runs (issue #17): the service's own Neo4j holds the
 * data folder and the Bolt port, so the seed command must use it, or say in one line what to do.
 * The running service is stood for by the connection file it writes (run/connection.json) naming
 * this run's Neo4j and a live process.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-next-'));
const uri = inject('neo4jUri');
const boltPort = new URL(uri.replace(/^bolt:/, 'http:')).port;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runSeed(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), MAILLAGE_DATA_DIR: dataDir, NEO4J_BOLT_PORT: boltPort, LOG_LEVEL: 'silent' };
  delete env.NEO4J_URI;
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'src/seed/cli.ts'), ...args], { cwd: root, env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run seed next to a running npm start', () => {
  it('the Bolt port is taken and no service announced itself: one line saying to set NEO4J_URI, no stack trace', async () => {
    const { code, stderr } = await runSeed(['framework', '--dry-run']);
    expect(code).toBe(3);
    expect(stderr.trim().split('\n').filter((l) => !l.startsWith('[neo4j]'))).toEqual([
      expect.stringMatching(new RegExp(`^Cannot seed: port ${boltPort} is taken .*Set NEO4J_URI .*bolt://127\\.0\\.0\\.1:${boltPort}`)),
    ]);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("uses the running service's Neo4j, found through the connection file in its data folder", async () => {
    mkdirSync(path.join(dataDir, 'run'), { recursive: true });
    // This test process stands for the service: alive, and not the seed command.
    writeFileSync(path.join(dataDir, 'run', 'connection.json'), JSON.stringify({ uri, pid: process.pid }));
    // The service keeps its Neo4j's password in the same data folder (authentication is on).
    writeFileSync(path.join(dataDir, 'neo4j-password'), `${inject('neo4jPassword')}\n`, { mode: 0o600 });
    const { code, stdout, stderr } = await runSeed(['framework', '--dry-run']);
    expect(stderr).toContain(`Using the Neo4j of the running Maillage process ${process.pid} (${uri})`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Dry run of "framework"/);
  });

  it('a connection file left by a process that died is ignored', async () => {
    writeFileSync(path.join(dataDir, 'run', 'connection.json'), JSON.stringify({ uri, pid: 2 ** 22 + 12345 }));
    const { code, stderr } = await runSeed(['framework', '--dry-run']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/Cannot seed: port \d+ is taken/);
  });
});
