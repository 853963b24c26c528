/**
 * A seed killed with SIGKILL in the middle of a write transaction (no cleanup, no cooperative stop:
 * the process is gone), then run again, ends like a seed that was never interrupted: same counts, no
 * duplicate, no half-made relationship. Each batch is one transaction, so Neo4j rolls the one in
 * flight back when the connection dies, and the second run MERGEs over what was committed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const db = testDatabase();
const p = uniquePrefix('seed-kill');
const folder = mkdtempSync(path.join(os.tmpdir(), 'maillage-seed-kill-'));
const COMPANIES = 1_500;
const UNIVERSITIES = 40;
const PER_COMPANY = 20;
const BATCH = 500;
const RELATIONSHIPS = COMPANIES * PER_COMPANY; // 60 batches of 500

// 1,540 actors; each company collaborates with 20 universities.
writeFileSync(
  path.join(folder, 'network.json'),
  JSON.stringify({
    description: 'killed-seed test',
    nodes: [
      ...Array.from({ length: UNIVERSITIES }, (_, u) => ({ id: `${p}:u${u}`, labels: ['Actor', 'University'], properties: { kind: 'UNIVERSITY', name: `U ${u}` } })),
      ...Array.from({ length: COMPANIES }, (_, c) => ({ id: `${p}:c${c}`, labels: ['Actor', 'Company'], properties: { kind: 'COMPANY', name: `C ${c}` } })),
    ],
    relationships: Array.from({ length: COMPANIES }, (_, c) =>
      Array.from({ length: PER_COMPANY }, (_, j) => ({ type: 'COLLABORATES_WITH', from: `${p}:c${c}`, to: `${p}:u${(c + j) % UNIVERSITIES}`, properties: { kind: 'research', year: 2019 } })),
    ).flat(),
  }),
);

const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), LOG_LEVEL: 'silent' };
const args = [path.join(root, 'src/seed/cli.ts'), folder, '--batch-size', String(BATCH)];

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS', { p }).catch(() => undefined);
  await db.close();
  rmSync(folder, { recursive: true, force: true });
});

/** This seed's write transactions running in Neo4j now (their batch's ids carry our prefix). */
async function ourTransactions(): Promise<{ query: string; company: number }[]> {
  return db.read<{ query: string; company: number }>(
    `SHOW TRANSACTIONS YIELD currentQuery, parameters, status
     WHERE status = 'Running' AND (parameters.from[0] STARTS WITH $p OR parameters.ids[0] STARTS WITH $p)
     RETURN currentQuery AS query, coalesce(toInteger(substring(parameters.from[0], size($p) + 2)), -1) AS company`,
    { p },
  );
}

interface Stored {
  nodes: number;
  relationships: number;
  pairs: number;
  complete: number;
}

async function stored(): Promise<Stored> {
  const [row] = await db.read<Stored>(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $p
     WITH count(n) AS nodes
     OPTIONAL MATCH (c:Entity)-[r:COLLABORATES_WITH]->(u:Entity) WHERE c.id STARTS WITH $p
     RETURN nodes, count(r) AS relationships, count(DISTINCT [c.id, u.id]) AS pairs,
       sum(CASE WHEN r.kind = 'research' AND r.year = 2019 AND r.source IS NOT NULL THEN 1 ELSE 0 END) AS complete`,
    { p },
  );
  return row!;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe('a seed killed in the middle of a write transaction', () => {
  it('run again, ends with the same counts, no duplicate and no half-made relationship', async () => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'ignore' });
    const gone = exited(child);
    let caught: string | undefined;
    // Wait until a relationship batch of ours is running inside Neo4j, then kill at once.
    for (const started = Date.now(); !caught && Date.now() - started < 90_000; ) {
      const running = await ourTransactions();
      // From the 7th batch on (companies c150 and up): with 2 batches in flight, some are committed.
      const linking = running.find((t) => t.query.includes('COLLABORATES_WITH') && t.company >= 150);
      if (linking) {
        child.kill('SIGKILL');
        caught = linking.query;
      } else if (child.exitCode !== null) break;
    }
    expect(caught, 'a relationship batch was running when the process was killed').toContain('COLLABORATES_WITH');
    expect(await gone).toEqual({ code: null, signal: 'SIGKILL' });

    // Neo4j notices the dead connection and rolls its transaction back.
    for (const started = Date.now(); (await ourTransactions()).length > 0 && Date.now() - started < 30_000; ) await new Promise((r) => setTimeout(r, 100));
    expect(await ourTransactions()).toEqual([]);
    const cut = await stored();
    expect(cut.nodes).toBe(COMPANIES + UNIVERSITIES);
    expect(cut.relationships).toBeGreaterThan(0);
    expect(cut.relationships).toBeLessThan(RELATIONSHIPS);
    expect(cut.relationships % BATCH).toBe(0); // whole batches only: the killed one left nothing
    expect(cut.complete).toBe(cut.relationships);

    const again = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, args, { cwd: root, env, timeout: 180_000 }, (err, _stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr }),
      ),
    );
    expect(again.stderr).not.toMatch(/failed|error/i);
    expect(again.code).toBe(0);
    expect(await stored()).toEqual({ nodes: COMPANIES + UNIVERSITIES, relationships: RELATIONSHIPS, pairs: RELATIONSHIPS, complete: RELATIONSHIPS });
  }, 240_000);
});
