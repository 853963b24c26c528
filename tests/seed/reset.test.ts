/**
 * `npm run seed -- <source> --reset` empties the database first. It runs here against a Neo4j of
 * its own (started in a temp folder), never the run's shared one that other files use in parallel.
 * A terminal is given to the command through util-linux `script`, which runs it on a pseudo-terminal.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/neo4j/database.ts';
import { type PrivateNeo4j, privateNeo4j } from '../support/private-neo4j.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'src/seed/cli.ts');

let own: PrivateNeo4j | undefined;
let server: PrivateNeo4j['server'];
let db: Database;
let seedFile: string;

beforeAll(async () => {
  own = await privateNeo4j('maillage-reset-test-');
  ({ server, db } = own);
  seedFile = path.join(own.dataDir, 'one-university.json');
  writeFileSync(
    seedFile,
    JSON.stringify({ nodes: [{ id: 'reset:university', labels: ['Actor', 'University'], properties: { name: 'Université de test', kind: 'UNIVERSITY' } }] }),
  );
}, 180_000);

afterAll(async () => {
  await own?.close();
});

/** What was in the database before the command: a node the seed file does not have. */
beforeEach(async () => {
  await db.write('MATCH (n) DETACH DELETE n');
  await db.write("CREATE (:Entity:Person {id: 'reset:earlier', name: 'Earlier data'})");
});

const ids = async () => (await db.read<{ id: string }>('MATCH (n:Entity) RETURN n.id AS id ORDER BY id')).map((r) => r.id);

interface Run {
  code: number | null;
  /** stdout and stderr together (on a terminal they are one screen). */
  output: string;
}

/**
 * Runs `npm run seed -- args`; on a terminal (through `script`) when `answer` is given, typing it
 * once the question shows. Without one, stdin is a pipe, as in a script or CI.
 */
function runSeed(args: string[], answer?: string): Promise<Run> {
  const env = { ...process.env, NEO4J_URI: server.uri, NEO4J_PASSWORD: server.connection.password, LOG_LEVEL: 'silent' };
  const command = [process.execPath, cli, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child =
    answer === undefined
      ? spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (answer !== undefined && !answered && output.includes('Type "yes"')) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, output });
    }),
  );
}

describe('npm run seed -- <source> --reset', () => {
  it('without a terminal and without --yes, refuses with a clear message and deletes nothing', async () => {
    const { code, output } = await runSeed([seedFile, '--reset']);
    expect(code).toBe(2);
    expect(output).toContain('--reset empties the whole database: add --yes to confirm when not run from a terminal. Nothing was deleted.');
    expect(await ids()).toEqual(['reset:earlier']);
  });

  it('with --yes, empties the database, says how many nodes went, then seeds', async () => {
    const { code, output } = await runSeed([seedFile, '--reset', '--yes']);
    expect(output).toContain('Reset: 1 node deleted.');
    expect(code).toBe(0);
    expect(output).toMatch(/nodes 1 created, 0 updated, 0 unchanged/);
    expect(await ids()).toEqual(['reset:university']);
  });

  it('on a terminal, asks first, naming the database; answering "no" deletes nothing', async () => {
    const { code, output } = await runSeed([seedFile, '--reset'], 'no');
    expect(output).toContain(`Delete EVERY node and relationship of ${server.uri} (database neo4j)? Type "yes": `);
    expect(output).toContain('Nothing was deleted.');
    expect(code).toBe(2);
    expect(await ids()).toEqual(['reset:earlier']);
  });

  it('on a terminal, answering "yes" empties the database, then seeds', async () => {
    const { code, output } = await runSeed([seedFile, '--reset'], 'yes');
    expect(output).toContain('Type "yes": ');
    expect(output).toContain('Reset: 1 node deleted.');
    expect(code).toBe(0);
    expect(await ids()).toEqual(['reset:university']);
  });

  it('refuses --reset with --dry-run (a dry run writes nothing)', async () => {
    const { code, output } = await runSeed([seedFile, '--reset', '--yes', '--dry-run']);
    expect(code).toBe(2);
    expect(output).toContain('--reset and --dry-run together make no sense');
    expect(await ids()).toEqual(['reset:earlier']);
  });
});
