/**
 * Chaos: the service with its own (owned) Neo4j, driven by N clients of mixed reads and writes,
 * while the Neo4j JVM is killed with SIGKILL several times. Prints per phase the error rate, the
 * time to recover after each kill (first good answer after it), the service's RSS, and in the end
 * the acknowledged writes that Neo4j lost (counted in Neo4j once the load has stopped).
 *
 *   node bench/chaos.ts [--clients 64] [--duration 60] [--kills 3]
 *
 * Loopback only; every loop is bounded by the deadline, every request by a 10 s timeout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newApiKey } from '../src/access/api-keys.ts';
import { projectRoot } from '../src/config.ts';
import { connect } from '../src/neo4j/database.ts';
import { freePort, passwordFileOf } from '../src/neo4j/owned-server.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    kills: { type: 'string', default: '3' },
    'write-share': { type: 'string', default: '0.25' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench:chaos -- [options]

Starts the service (node src/main.ts) with its own Neo4j in a temp folder (empty: the clients read
what the writers wrote), drives it with concurrent clients (reads, and writes with an editor key), and kills the Neo4j JVM with SIGKILL during the run. The run lasts at
least --duration seconds and until the last kill has recovered (at most 15 minutes in all).

  --clients N       concurrent clients (default 64)
  --duration S      seconds of load at least (default 60)
  --kills N         SIGKILLs of the Neo4j JVM, spread over the run (default 3)
  --write-share F   share of requests that are writes (default 0.25)
  -h, --help        this help

Prints per phase (before the first kill, between kills, after the last): requests, error rate,
max service RSS; per kill: seconds to the first good answer after it; at the end: acknowledged
writes missing from Neo4j (the goal is 0).`);
  process.exit(0);
}
const clients = Number(values.clients);
const durationMs = Number(values.duration) * 1000;
const kills = Number(values.kills);
const writeShare = Number(values['write-share']);
const HARD_CAP_MS = 900_000;

// Seconds since the script started on every line: the time from a kill to each step of the restart reads off the log.
const t0 = Date.now();
const log = (line: string) => console.error(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-chaos-'));
const editor = newApiKey('chaos-editor', 'editor');
const port = await freePort();
const boltPort = await freePort();
const url = `http://127.0.0.1:${port}`;
let service: ChildProcess | undefined;
// Interrupted: take the service (and so its Neo4j) down with us, and the temp folder.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service?.kill('SIGTERM');
    setTimeout(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    }, 2_000);
  });
}

function rssMb(): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service!.pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return 0;
  }
}

function jvmPid(): number | undefined {
  const file = path.join(dataDir, 'run', 'owned-jvm.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8')) : undefined;
}

async function post(body: unknown): Promise<{ ok: boolean; status: number; code?: string }> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': editor.key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { ok: res.status === 200 && !json.errors, status: res.status, code: json.errors?.[0]?.extensions?.code };
  } catch (error) {
    return { ok: false, status: 0, code: error instanceof Error && error.name === 'TimeoutError' ? 'client timeout (10 s)' : 'no answer' };
  }
}

const READS = [
  '{ actor(id: "chaos-0-0") { id name links(first: 10) { type other { id } } } }',
  '{ actors(first: 20) { totalCount edges { node { id name kind } } } }',
  '{ actors(first: 5, search: "chaos 1") { edges { node { id name } } } }',
];

interface Phase {
  name: string;
  requests: number;
  errors: number;
  maxRssMb: number;
  /** Errors by HTTP status and GraphQL code: what a client saw. */
  causes: Map<string, number>;
}
const phase = (name: string): Phase => ({ name, requests: 0, errors: 0, maxRssMb: rssMb(), causes: new Map() });

try {
  service = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      MAILLAGE_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(boltPort),
      NEO4J_HEAP: '1g',
      NEO4J_PAGECACHE: '256m',
      // A loaded machine can take minutes to start Neo4j; the default 180 s would count as a failed restart.
      NEO4J_START_TIMEOUT: '600',
      MAILLAGE_API_KEYS: editor.entry,
      RATE_LIMIT_PER_MINUTE: '0',
      // Seeding France's geography takes minutes on a loaded machine; a kill during it would be a
      // failed start, not a crash under load. The writers make the data the readers read.
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  service.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      if (/Neo4j|"level":(50|60)/.test(line)) log(`service: ${line.slice(0, 300)}`);
    }
  });
  const readyBy = Date.now() + 300_000;
  for (;;) {
    const ok = await fetch(`${url}/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > readyBy || service.exitCode !== null) throw new Error('the service did not become ready within 300 s');
    await sleep(1000);
  }
  log(`service ready (rss ${rssMb()} MB); ${clients} clients for at least ${durationMs / 1000} s, ${kills} kills`);

  const phases: Phase[] = [phase('before kill 1')];
  const acknowledged: string[] = [];
  const recoveries: { kill: number; seconds: number | null }[] = [];
  const started = Date.now();
  let stop = false;
  let lastKillAt: number | undefined;
  let recoveredSinceKill = true;

  const client = async (lane: number) => {
    for (let i = 0; !stop; i += 1) {
      const phase = phases[phases.length - 1]!;
      const sentAt = Date.now();
      const write = Math.random() < writeShare;
      const id = `chaos-${lane}-${i}`;
      const res = write
        ? await post({
            query: 'mutation($in: [ActorInput!]!) { upsertActors(input: $in) { id } }',
            variables: { in: [{ id, name: `Chaos ${lane}/${i}`, kind: 'COMPANY', source: 'chaos' }] },
          })
        : await post({ query: READS[i % READS.length] });
      phase.requests += 1;
      if (res.ok) {
        if (write) acknowledged.push(id);
        // Recovered: a request sent after the kill was answered (not one that was already in flight).
        if (!recoveredSinceKill && lastKillAt !== undefined && sentAt > lastKillAt) {
          recoveredSinceKill = true;
          recoveries[recoveries.length - 1]!.seconds = (Date.now() - lastKillAt) / 1000;
          log(`recovered ${recoveries[recoveries.length - 1]!.seconds} s after kill ${recoveries.length}`);
        }
      } else {
        phase.errors += 1;
        const cause = `${write ? 'write' : 'read'}: ${`${res.status || 'no HTTP'} ${res.code ?? ''}`.trim()}`;
        phase.causes.set(cause, (phase.causes.get(cause) ?? 0) + 1);
        // While Neo4j is known down the service answers at once: back off as a real client would,
        // rather than spin and take the CPU the restarting Neo4j needs.
        if (res.status === 503 || res.status === 0) await sleep(1000);
      }
    }
  };
  const lanes = Array.from({ length: clients }, (_, lane) => client(lane));

  // Kills spread over the duration, each only once the previous one has recovered (plus 5 s).
  const killer = (async () => {
    for (let k = 1; k <= kills; k += 1) {
      const planned = started + (durationMs * k) / (kills + 1);
      while (!stop && (Date.now() < planned || !recoveredSinceKill)) {
        phases[phases.length - 1]!.maxRssMb = Math.max(phases[phases.length - 1]!.maxRssMb, rssMb());
        await sleep(250);
      }
      if (stop) return;
      await sleep(recoveries.length ? 5_000 : 0);
      const pid = jvmPid();
      if (!pid) throw new Error('no JVM pid file');
      phases.push(phase(k < kills ? `kill ${k} → kill ${k + 1}` : `after kill ${k}`));
      lastKillAt = Date.now();
      recoveredSinceKill = false;
      recoveries.push({ kill: k, seconds: null });
      process.kill(pid, 'SIGKILL');
      log(`kill ${k}: SIGKILL to the Neo4j JVM (pid ${pid}) at ${((lastKillAt - started) / 1000).toFixed(1)} s`);
    }
  })();

  while (Date.now() - started < HARD_CAP_MS) {
    const done = Date.now() - started >= durationMs && recoveries.length === kills && recoveredSinceKill;
    if (done) break;
    phases[phases.length - 1]!.maxRssMb = Math.max(phases[phases.length - 1]!.maxRssMb, rssMb());
    await sleep(500);
  }
  stop = true;
  await Promise.all([...lanes, killer]);
  const elapsed = (Date.now() - started) / 1000;

  // Acknowledged writes, counted in Neo4j directly (the password is in the data folder).
  const password = readFileSync(passwordFileOf(dataDir), 'utf8').trim();
  const db = connect({ uri: `bolt://127.0.0.1:${boltPort}`, user: 'neo4j', password, database: 'neo4j' });
  let found = 0;
  for (let i = 0; i < acknowledged.length; i += 5000) {
    const [row] = await db.read<{ n: number }>('MATCH (a:Actor) WHERE a.id IN $ids RETURN count(a) AS n', { ids: acknowledged.slice(i, i + 5000) });
    found += row?.n ?? 0;
  }
  await db.close();

  console.log(`\nchaos: ${clients} clients, ${elapsed.toFixed(0)} s, ${kills} SIGKILLs of the owned Neo4j, write share ${writeShare}\n`);
  console.log('| phase | requests | errors | error rate | errors by status and code | max service RSS (MB) |');
  console.log('|---|---:|---:|---:|---|---:|');
  for (const p of phases) {
    const causes = [...p.causes].sort((a, b) => b[1] - a[1]).map(([cause, n]) => `${cause}: ${n}`).join('; ');
    console.log(`| ${p.name} | ${p.requests} | ${p.errors} | ${p.requests ? ((100 * p.errors) / p.requests).toFixed(1) : '0.0'} % | ${causes} | ${p.maxRssMb} |`);
  }
  console.log('\n| kill | seconds to the first good answer after it |');
  console.log('|---:|---:|');
  for (const r of recoveries) console.log(`| ${r.kill} | ${r.seconds === null ? 'not recovered' : r.seconds.toFixed(1)} |`);
  console.log(`\nacknowledged writes: ${acknowledged.length}; found in Neo4j: ${found}; lost: ${acknowledged.length - found}`);
} finally {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await new Promise((r) => service!.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
