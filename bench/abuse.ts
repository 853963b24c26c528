/**
 * Abuse: honest clients read while hostile ones send the probes of issue #14 (1 MB operation names
 * and unique names against /metrics' labels, unauthenticated; nested lists under actorGraph and 15
 * aliases of actorGraph(within: null) with a reader key; GET /metrics without credentials). Prints
 * the honest clients' p50/p99 without and with the abuse, what the abusers got, the service's RSS
 * and the size of /metrics after each phase.
 *
 *   node bench/abuse.ts [--honest 16] [--abusers 4] [--duration 20] [--relationships 15000]
 *
 * Loopback only; every loop is bounded by its phase's deadline, every request by a 30 s timeout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newApiKey } from '../src/access/api-keys.ts';
import { projectRoot } from '../src/config.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { generateSyntheticNetwork } from './synthetic-network.ts';

const { values } = parseArgs({
  options: {
    honest: { type: 'string', default: '16' },
    abusers: { type: 'string', default: '4' },
    duration: { type: 'string', default: '20' },
    relationships: { type: 'string', default: '15000' },
    probes: { type: 'string' },
    'rate-limit': { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench:abuse -- [options]

Starts its own Neo4j with a synthetic network, runs the service (node src/main.ts) with production
settings (NODE_ENV=production, MAILLAGE_READS=key, METRICS_TOKEN), then two phases of --duration
seconds each: honest readers alone, then honest readers with abusers sending the #14 probes.

  --honest N          honest clients (reader key; actor and actors reads; default 16)
  --abusers N         abusive clients, cycling through the probes (default 4)
  --duration S        seconds per phase (default 20)
  --relationships N   size of the synthetic network (default 15000: 3,000 actors)
  --rate-limit N      the service's RATE_LIMIT_PER_MINUTE (default 0: off). Off, the honest
                      clients (each far above a person's pace) are never refused, so their p99
                      is not eased by refusals, and the probes are throttled by nothing but the
                      limits they probe: the harder case. 1200 is production's default.
  --probes a,b        only these probes, by number (0: 1 MB name, 1: unique names, 2: unique URLs,
                      3: nested lists, 4: 15 aliases, 5: whole-network actorGraph, 6: /metrics);
                      default all: to see which one costs the honest clients what
  -h, --help          this help`);
  process.exit(0);
}
const honestClients = Number(values.honest);
const abusers = Number(values.abusers);
const phaseMs = Number(values.duration) * 1000;
const relationships = Number(values.relationships);

const log = (line: string) => console.error(`[abuse] ${line}`);
// Each honest client is a user of its own (its own key, so its own rate limit), as in production.
const readers = Array.from({ length: honestClients }, (_, lane) => newApiKey(`honest-reader-${lane}`, 'reader'));
const hostile = newApiKey('hostile-reader', 'reader');
const metricsToken = 'bench-metrics-token-of-at-least-32-characters';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-abuse-'));
const neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '256m', log: (l) => log(l) });
let service: ChildProcess | undefined;

function rssMb(): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service!.pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

try {
  const db = connect({ ...neo4j.connection, database: 'neo4j' });
  await migrate(db);
  await generateSyntheticNetwork(db, relationships);
  const [counts] = await db.read<{ actors: number; rels: number }>('MATCH (a:Actor) WITH count(a) AS actors MATCH ()-[r]->() RETURN actors, count(r) AS rels');
  await db.close();
  log(`network: ${counts?.actors} actors, ${counts?.rels} relationships`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  service = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: neo4j.connection.password,
      PORT: String(port),
      NODE_ENV: 'production',
      MAILLAGE_READS: 'key',
      MAILLAGE_API_KEYS: [...readers.map((r) => r.entry), hostile.entry].join(','),
      METRICS_TOKEN: metricsToken,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: values['rate-limit'],
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i += 1) {
    if (await fetch(`${url}/ready`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }

  const send = async (init: RequestInit & { path?: string }): Promise<{ status: number; ms: number }> => {
    const started = performance.now();
    try {
      const res = await fetch(`${url}${init.path ?? '/graphql'}`, { ...init, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - started };
    } catch {
      return { status: 0, ms: performance.now() - started };
    }
  };
  const gql = (query: string, headers: Record<string, string> = {}) =>
    send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  const honest = async (deadline: number, lane: number, latencies: number[], failures: { n: number }) => {
    for (let i = 0; Date.now() < deadline; i += 1) {
      const query =
        i % 2 === 0
          ? `{ actor(id: "syn:actor:${(lane * 97 + i * 13) % (counts?.actors ?? 1000)}") { id name links(first: 10) { type other { id } } } }`
          : '{ actors(first: 20) { totalCount edges { node { id name kind } } } }';
      const res = await gql(query, { 'x-api-key': readers[lane]!.key });
      if (res.status === 200) latencies.push(res.ms);
      else {
        failures.n += 1;
        // A refused honest client waits a moment, as a browser would, rather than spin.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const bigName = 'B'.repeat(1024 * 1024);
  const probes: ((i: number) => Promise<{ status: number }>)[] = [
    () => gql(`query ${bigName} { __typename }`),
    (i) => gql(`query Unique${i}x${Math.random().toString(36).slice(2)} { __typename }`),
    (i) => send({ path: `/graphql?query=%7B__typename%7D&junk=${i}${Math.random()}` }),
    () =>
      gql('{ actorGraph(within: null) { nodes { id links(first: 100) { other { ... on Actor { links(first: 100) { other { id } } } } } } } }', {
        'x-api-key': hostile.key,
      }),
    () => gql(`{ ${Array.from({ length: 15 }, (_, k) => `g${k}: actorGraph(within: null) { nodes { id } links { source target } }`).join(' ')} }`, { 'x-api-key': hostile.key }),
    () => gql('{ actorGraph(within: null) { nodes { id name kind } links { source target weight } } }', { 'x-api-key': hostile.key }),
    () => send({ path: '/metrics' }),
  ];
  const names = ['1 MB operation name (anonymous)', 'unique names (anonymous)', 'GET with unique URLs (anonymous)', 'nested lists under actorGraph', '15 aliases of actorGraph', 'actorGraph(within: null), whole network', 'GET /metrics without credentials'];
  const outcomes = names.map(() => new Map<number, number>());
  const chosen = values.probes ? values.probes.split(',').map(Number) : probes.map((_, k) => k);
  if (chosen.some((k) => !Number.isInteger(k) || !probes[k])) throw new Error(`--probes: numbers from 0 to ${probes.length - 1}`);
  const abuse = async (deadline: number, lane: number) => {
    for (let i = 0; Date.now() < deadline; i += 1) {
      const k = chosen[(lane + i) % chosen.length]!;
      const res = await probes[k]!(i);
      outcomes[k]!.set(res.status, (outcomes[k]!.get(res.status) ?? 0) + 1);
    }
  };

  const metricsSize = async () => (await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text()).length;
  const rows: string[] = [];
  const rssLines: string[] = [];
  let baselineP99 = NaN;
  for (const phase of ['honest alone', 'honest + abuse'] as const) {
    const latencies: number[] = [];
    const failures = { n: 0 };
    const rssBefore = rssMb();
    const deadline = Date.now() + phaseMs;
    let maxRss = rssBefore;
    // RSS at each tenth of the phase: a step that then stays level is heap grown once, a slope a leak.
    const tenths: number[] = [];
    const phaseStart = Date.now();
    const sampler = setInterval(() => {
      const now = rssMb();
      maxRss = Math.max(maxRss, now);
      if (Date.now() - phaseStart >= ((tenths.length + 1) * phaseMs) / 10) tenths.push(now);
    }, 250);
    await Promise.all([
      ...Array.from({ length: honestClients }, (_, lane) => honest(deadline, lane, latencies, failures)),
      ...(phase === 'honest + abuse' ? Array.from({ length: abusers }, (_, lane) => abuse(deadline, lane)) : []),
    ]);
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    if (phase === 'honest alone') baselineP99 = p99;
    rows.push(
      `| ${phase} | ${latencies.length} | ${failures.n} | ${percentile(latencies, 50).toFixed(0)} | ${p99.toFixed(0)} | ${(p99 / baselineP99).toFixed(2)} | ${rssBefore} → ${rssMb()} (max ${maxRss}) | ${(await metricsSize()) / 1000} kB |`,
    );
    rssLines.push(`| ${phase} | ${tenths.join(' → ')} |`);
    log(`${phase}: done`);
  }

  console.log(`\nabuse: ${counts?.actors} actors, ${counts?.rels} relationships; ${honestClients} honest clients, ${abusers} abusers, ${phaseMs / 1000} s per phase, RATE_LIMIT_PER_MINUTE=${values['rate-limit']}\n`);
  console.log('| phase | honest answers | honest failures | p50 ms | p99 ms | p99 / alone | service RSS MB | /metrics size |');
  console.log('|---|---:|---:|---:|---:|---:|---|---:|');
  for (const row of rows) console.log(row);
  console.log('\n| phase | service RSS MB at each tenth of the phase |');
  console.log('|---|---|');
  for (const line of rssLines) console.log(line);
  console.log('\n| probe | answers (HTTP status: count) |');
  console.log('|---|---|');
  names.forEach((name, k) => chosen.includes(k) && console.log(`| ${name} | ${[...outcomes[k]!].map(([s, n]) => `${s}: ${n}`).join(', ')} |`));
} finally {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await new Promise((r) => service!.once('exit', r));
  }
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
