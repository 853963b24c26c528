/**
 * Against the peers: our service, @neo4j/graphql 7 (graphql-yoga) and the raw Cypher floor
 * (neo4j-driver + hand-written Cypher over plain HTTP), on the same Neo4j and the same data, in one run.
 *
 *   npm run bench                                   # 1,000,000 relationships, 5 s per level
 *   npm run bench -- --relationships 20000 --duration 3
 *   npm run bench -- --write                        # also replaces the table in docs/benchmarks.md
 *   npm run bench -- --before /tmp/before           # also our service from another tree, same run
 *
 * Starts its own Neo4j in a temp folder, seeds geography, the framework and a synthetic network
 * (src/seed/synthetic.ts, seed 7, no survey answers), starts the three servers as child processes,
 * CHECKS that they return the same JSON (modulo order where unordered) for every shape and sample,
 * then times each shape with autocannon at each concurrency, the three servers back to back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config.ts';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { seed } from '../src/seed/load.ts';
import { SHAPES, type Samples, type Shape, type Vars } from './peers/shapes.ts';
import { commit, hasGraphQLErrors, invocation, provenance } from './support.ts';

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    'ours-log-level': { type: 'string', default: 'info' },
    'peer-tx-mode': { type: 'string', default: 'autocommit' },
    relationships: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '1,16,64' },
    shapes: { type: 'string', default: SHAPES.map((s) => s.name).join(',') },
    checks: { type: 'string', default: '25' },
    write: { type: 'boolean', default: false },
    before: { type: 'string' },
  },
});
if (values.help) {
  console.log(`npm run bench -- [options]: our service against @neo4j/graphql and the raw Cypher floor (docs/benchmarks.md)

  --relationships <n>      synthetic network size (default 1000000)
  --duration <s>           seconds per concurrency level (default 5)
  --warmup <s>             warm-up seconds per shape and server, at 16 connections (default 3)
  --connections <list>     concurrency levels, comma-separated (default 1,16,64)
  --shapes <list>          shapes to run (default all: ${SHAPES.map((s) => s.name).join(',')})
  --checks <n>             samples whose answers must agree before timing (default 25)
  --ours-log-level <lvl>   our LOG_LEVEL (default info, as in production; warn to compare)
  --peer-tx-mode <mode>    autocommit (default, as ours reads) or managed (@neo4j/graphql's default)
  --write                  replace the table in docs/benchmarks.md
  --before <dir>           also run our service from another tree (e.g. before a redesign), in the
                           same run on the same data, and print this tree's ratios to it:
                             git archive <commit> | tar -x -C /tmp/before
                             ln -s $PWD/node_modules /tmp/before/node_modules
  -h, --help               this help`);
  process.exit(0);
}
if (!['autocommit', 'managed'].includes(values['peer-tx-mode'])) throw new Error(`--peer-tx-mode: autocommit or managed, got ${values['peer-tx-mode']}`);
const relationships = Number(values.relationships);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const levels = values.connections.split(',').map(Number);
const shapes = SHAPES.filter((s) => values.shapes.split(',').includes(s.name));
const checks = Number(values.checks);
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

type ServerName = 'ours' | 'peer' | 'raw' | 'before';
interface Server {
  name: ServerName;
  url: string;
  child: ChildProcess;
  /** Cypher queries sent so far, as the server itself counts them. */
  queries(): Promise<number>;
}

/** CPU ticks (user + system) of a process, and its resident memory in MB. */
function procStat(pid: number | undefined): { ticks: number; rssMb: number } {
  if (!pid) return { ticks: NaN, rssMb: NaN };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { ticks, rssMb: kb ? Math.round(Number(kb) / 1024) : NaN };
  } catch {
    return { ticks: NaN, rssMb: NaN };
  }
}
const TICKS_PER_SECOND = 100;

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url}: not ready after 120 s`);
}

async function startServer(name: ServerName, script: string, env: Record<string, string>): Promise<Server> {
  const ourKind = name === 'ours' || name === 'before';
  const port = await freePort();
  // BENCH_OURS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles our service (written when it
  // stops); BENCH_RAW_NODE_ARGS and BENCH_PEER_NODE_ARGS do the same for the other servers.
  const nodeArgs = (process.env[`BENCH_${name.toUpperCase()}_NODE_ARGS`] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    // Our log lines (one per operation at LOG_LEVEL info) go to a file, as in production, not to the terminal.
    stdio: ['ignore', 'inherit', ourKind ? openSync(path.join(dataDir, `${name}.log`), 'a') : 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child);
  const queries =
    ourKind
      ? async () => {
          // Our service observes every Cypher query into this histogram (src/graphql/server.ts).
          const text = await (await fetch(`${url}/metrics`)).text();
          return [...text.matchAll(/^maillage_cypher_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
        }
      : async () => ((await (await fetch(`${url}/queries`)).json()) as { queries: number }).queries;
  return { name, url, child, queries };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
}

/** What the shape sends to one server: method path and JSON body. */
function requestOf(server: ServerName, shape: Shape, v: Vars): { path: string; body: string } {
  if (server === 'raw') return { path: `/${shape.name}`, body: JSON.stringify(shape.raw(v)) };
  return { path: '/graphql', body: JSON.stringify(server === 'peer' ? shape.peer(v) : shape.ours(v)) };
}

async function answer(server: Server, shape: Shape, v: Vars): Promise<unknown> {
  const { path: p, body } = requestOf(server.name, shape, v);
  const response = await fetch(`${server.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await response.json()) as { data?: unknown; errors?: unknown; error?: unknown };
  if (!response.ok || json.errors || json.error) throw new Error(`${server.name} ${shape.name} ${JSON.stringify(v)}: ${response.status} ${JSON.stringify(json.errors ?? json.error)}`);
  if (server.name === 'raw') return shape.canonRaw(json.data as Record<string, unknown>[]);
  return server.name === 'peer' ? shape.canonPeer(json.data as Record<string, unknown>) : shape.canonOurs(json.data as Record<string, unknown>);
}

interface Measure {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  queriesPerRequest: number;
  cpu: number;
  neo4jCpu: number;
  rssMb: number;
}

function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

/**
 * Waits until Neo4j runs no transaction but this one: requests autocannon gave up on at the end of a
 * run (a slow server at 64 connections) would otherwise still load the database during the next one.
 */
async function drain(maxSeconds = 120): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < maxSeconds * 1000) {
    const [row] = await db.read<{ n: number }>('SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n');
    if ((row?.n ?? 0) <= 1) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return (performance.now() - t) / 1000;
}

async function measure(server: Server, shape: Shape, pool: Vars[], connections: number, seconds: number, jvmPid: number | undefined): Promise<Measure> {
  const random = seededRandom(connections * 7919 + shape.name.length);
  const bodies = pool.map((v) => requestOf(server.name, shape, v));
  const before = { q: await server.queries(), own: procStat(server.child.pid), jvm: procStat(jvmPid), t: performance.now() };
  let graphqlErrors = 0;
  /** Answers without any error: throughput counts these only, so a server failing fast gains nothing. */
  let answered = 0;
  // Latencies measured here rather than read from autocannon, whose percentiles skip p95: each
  // connection sends one request at a time, so setupRequest -> onResponse on its context is one request.
  const latencies: number[] = [];
  const loadStarted = performance.now();
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req, context: { sentAt?: number }) => {
          const r = bodies[Math.floor(random() * bodies.length)]!;
          context.sentAt = performance.now();
          return { ...req, path: r.path, body: r.body };
        },
        onResponse: (status, body, context: { sentAt?: number }) => {
          if (context.sentAt !== undefined) latencies.push(performance.now() - context.sentAt);
          if (status === 200 && hasGraphQLErrors(body)) graphqlErrors += 1;
          else if (status >= 200 && status < 300) answered += 1;
        },
      },
    ],
  });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const wall = (performance.now() - before.t) / 1000;
  const after = { q: await server.queries(), own: procStat(server.child.pid), jvm: procStat(jvmPid) };
  await drain();
  const requests = result.requests.total;
  return {
    rps: answered / loadSeconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: result.errors + result.non2xx + result.timeouts + graphqlErrors,
    queriesPerRequest: requests ? (after.q - before.q) / requests : NaN,
    cpu: ((after.own.ticks - before.own.ticks) / TICKS_PER_SECOND / wall) * 100,
    neo4jCpu: ((after.jvm.ticks - before.jvm.ticks) / TICKS_PER_SECOND / wall) * 100,
    rssMb: after.own.rssMb,
  };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-peers-'));
const started = performance.now();
const neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '1g', log: (l) => console.error(l) });
const jvmPid = (() => {
  try {
    return Number(readFileSync(path.join(dataDir, 'run', 'owned-jvm.pid'), 'utf8'));
  } catch {
    return undefined;
  }
})();
const db = connect({ ...neo4j.connection, database: 'neo4j' });
const servers: Server[] = [];
try {
  await migrate(db);
  log(`seeding geography, framework and a synthetic network of ~${relationships} relationships`);
  for (const set of ['geography', 'framework'] as const) await seed(db, resolveSource(set));
  await seed(db, resolveSource('synthetic', { seed: 7, relationships, answers: false }));
  const [counts] = await db.read<{ actors: number; nodes: number; rels: number; actorRels: number }>(
    `MATCH (a:Actor) WITH count(a) AS actors
     MATCH (n) WITH actors, count(n) AS nodes
     MATCH ()-[r]->() WITH actors, nodes, count(r) AS rels
     RETURN actors, nodes, rels, COUNT { MATCH (:Actor {synthetic: true})-[r]->() } AS actorRels`,
  );
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);

  // Samples: deterministic, drawn from the synthetic actors (see Samples in bench/peers/shapes.ts for why the limits).
  const shuffle = <T>(xs: T[], seedValue: number): T[] => {
    const random = seededRandom(seedValue);
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const ids = async (cypher: string) => (await db.read<{ id: string }>(cypher)).map((r) => r.id);
  const actorCount = counts?.actors ?? 0;
  const samples: Samples = {
    kinds: ['COMPANY', 'UNIVERSITY', 'CLUSTER', 'FUNDER', 'CHAMBER'],
    actors2: shuffle(
      await ids(`MATCH (a:Actor) WHERE a.synthetic
        WITH a, COUNT { (a)-[:PARTNER_OF|COLLABORATES_WITH|MEMBER_OF]-() } AS d WHERE 1 <= d <= 50 RETURN a.id AS id`),
      1,
    ).slice(0, 300),
    actors3: shuffle(
      await ids(`MATCH (a:Company) WHERE a.synthetic
        WITH a, COUNT { (a)-[:PARTNER_OF]-() } AS d WHERE 1 <= d <= 20
          AND ALL(n IN COLLECT { MATCH (a)-[:PARTNER_OF]-(o) RETURN COUNT { (o)-[:PARTNER_OF|MEMBER_OF]-() } } WHERE n <= 50)
        RETURN a.id AS id`),
      2,
    ).slice(0, 300),
    // Actor i is named "... i (Town)": a prefix of i between n/100 and n/10 matches i and i0..i9.
    searches: shuffle(
      Array.from({ length: Math.max(1, Math.floor(actorCount / 10) - Math.floor(actorCount / 100)) }, (_, k) => String(Math.floor(actorCount / 100) + k)),
      3,
    ).slice(0, 300),
    departments: await ids(
      `MATCH (d:Department) WHERE EXISTS { (d)<-[:PART_OF]-(:Commune)<-[:LOCATED_IN]-(:Actor) } RETURN d.id AS id ORDER BY d.id`,
    ),
  };
  log(`samples: ${Object.entries(samples).map(([k, v]) => `${k} ${v.length}`).join(', ')}`);

  const env = { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.connection.password };
  servers.push(
    // As in production but for the rate limit (a benchmark is one client sending as fast as it can)
    // and seeding (already done); LOG_LEVEL info is the production default (one line per operation).
    await startServer('ours', path.join(projectRoot, 'src', 'main.ts'), {
      ...env,
      RATE_LIMIT_PER_MINUTE: '0',
      SEED_ON_START: 'false',
      LOG_LEVEL: values['ours-log-level'],
    }),
    await startServer('peer', path.join(projectRoot, 'bench', 'peers', 'peer-server.ts'), { ...env, PEER_TX_MODE: values['peer-tx-mode'] }),
    await startServer('raw', path.join(projectRoot, 'bench', 'peers', 'raw-server.ts'), env),
  );
  // The other tree, configured as ours is; its own code runs its own migrations (idempotent).
  if (values.before) {
    servers.push(
      await startServer('before', path.join(path.resolve(values.before), 'src', 'main.ts'), {
        ...env,
        RATE_LIMIT_PER_MINUTE: '0',
        SEED_ON_START: 'false',
        LOG_LEVEL: values['ours-log-level'],
      }),
    );
  }
  /** Shapes whose answers differ between the two trees (a behaviour the other tree did not have yet). */
  const beforeDiffers = new Set<string>();
  const beforeFails = new Set<string>();

  // 1. Same answers, or no timing at all.
  const queriesPerRequest = new Map<string, number>();
  for (const shape of shapes) {
    const list = shape.samples(samples).slice(0, checks);
    if (list.length === 0) throw new Error(`${shape.name}: no samples`);
    let nonEmpty = 0;
    const sent = new Map<ServerName, number>();
    for (const v of list) {
      // One request at a time per server, so the servers' query counters give exact queries per request.
      const answers: unknown[] = [];
      for (const server of servers) {
        if (server.name === 'before' && beforeFails.has(shape.name)) continue;
        const before = await server.queries();
        try {
          answers.push(await answer(server, shape, v));
        } catch (error) {
          if (server.name !== 'before') throw error;
          // The other tree may not know this shape's query yet: it is left out of its timing.
          log(`${shape.name}: the before tree fails (${String(error).slice(0, 300)}); not timed for it`);
          beforeFails.add(shape.name);
          continue;
        }
        sent.set(server.name, (sent.get(server.name) ?? 0) + (await server.queries()) - before);
      }
      const [ours, peer, raw, before] = answers;
      if (values.before && !beforeFails.has(shape.name) && !isDeepStrictEqual(ours, before)) {
        if (!beforeDiffers.has(shape.name)) log(`${shape.name} ${JSON.stringify(v)}: ours and before differ (timed all the same, marked in the table)`);
        beforeDiffers.add(shape.name);
      }
      for (const [name, other] of [
        ['peer', peer],
        ['raw', raw],
      ] as const) {
        if (!isDeepStrictEqual(ours, other)) {
          throw new Error(`${shape.name} ${JSON.stringify(v)}: ours and ${name} differ\nours: ${JSON.stringify(ours)}\n${name}: ${JSON.stringify(other)}`);
        }
      }
      if (JSON.stringify(ours).length > 60) nonEmpty += 1;
    }
    log(`${shape.name}: the three servers agree on ${list.length} samples (${nonEmpty} with a non-trivial answer)`);
    for (const server of servers) queriesPerRequest.set(`${shape.name}|${server.name}`, (sent.get(server.name) ?? 0) / list.length);
  }

  // 2. Timing: per shape, per concurrency, the three servers back to back.
  const results = new Map<string, Measure>();
  for (const shape of shapes) {
    const pool = shape.samples(samples);
    const timed = servers.filter((server) => !(server.name === 'before' && beforeFails.has(shape.name)));
    for (const server of timed) await measure(server, shape, pool, 16, warmup, jvmPid); // warm-up: JIT, plan caches, page cache
    for (const connections of levels) {
      for (const server of timed) {
        const m = await measure(server, shape, pool, connections, duration, jvmPid);
        results.set(`${shape.name}|${connections}|${server.name}`, m);
        log(`${shape.name} c=${connections} ${server.name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.queriesPerRequest.toFixed(2)} q/req, cpu ${m.cpu.toFixed(0)}%, errors ${m.errors}`);
      }
    }
  }

  const load = os.loadavg().map((x) => x.toFixed(1)).join(', ');
  const versions = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', '@neo4j', 'graphql', 'package.json'), 'utf8')) as { version: string };
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const lines: string[] = [];
  lines.push(
    `Data: ${counts?.actors.toLocaleString('en')} actors, ${counts?.actorRels.toLocaleString('en')} relationships from synthetic actors ` +
      `(${counts?.nodes.toLocaleString('en')} nodes and ${counts?.rels.toLocaleString('en')} relationships with the geography), ` +
      `\`--relationships ${relationships}\`. Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
      `Node ${process.version}, Neo4j 5.26, @neo4j/graphql ${versions.version}; ${duration} s per level after a ${warmup} s warm-up at 16 connections; ` +
      `ours at LOG_LEVEL=${values['ours-log-level']} (its log lines written to a file), the peer's reads ${values['peer-tx-mode'] === 'autocommit' ? 'auto-committed as ours are' : 'in managed transactions (BEGIN/RUN/COMMIT) while ours auto-commit'}; ` +
      `commit ${commit()}; load average at the end ${load}. After each run the harness waits until Neo4j has no transaction left, ` +
      'so a slow server\'s abandoned requests do not load the next one. req/s counts answers without any error (a failed request, ' +
      'even a fast one, adds nothing); 0 req/s means no request was answered within the run. Latencies are of every response.',
    '',
    '| shape | conn. | req/s ours / peer / raw | ours÷peer | ours÷raw | p50 ms ours / peer / raw | p50 ours÷raw | p95 ms ours / peer / raw | p99 ms ours / peer / raw | errors ours / peer / raw |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const shape of shapes) {
    for (const c of levels) {
      const [o, p, r] = (['ours', 'peer', 'raw'] as const).map((n) => results.get(`${shape.name}|${c}|${n}`)!);
      if (!o || !p || !r) continue;
      lines.push(
        `| ${shape.title}${shape.nested ? ' *' : ''} | ${c} | ${o.rps.toFixed(0)} / ${p.rps.toFixed(0)} / ${r.rps.toFixed(0)} | **${ratio(o.rps, p.rps)}** | ${ratio(o.rps, r.rps)} | ` +
          `${o.p50} / ${p.p50} / ${r.p50} | **${ratio(o.p50, r.p50)}** | ${o.p95} / ${p.p95} / ${r.p95} | ${o.p99} / ${p.p99} / ${r.p99} | ${o.errors} / ${p.errors} / ${r.errors} |`,
      );
    }
  }
  lines.push(
    '',
    '\\* nested shape (goal: ours÷peer >= 1.5). Goal for every shape: p50 ours÷raw <= 1.2.',
    '',
    'Cypher queries per request, counted one request at a time during the check (ours: its own `maillage_cypher_duration_seconds_count` on /metrics; ' +
      'peer: a driver wrapper counting each session.run / executeRead / executeWrite; raw: one per request by construction): ' +
      shapes.map((s) => `${s.name} ${(['ours', 'peer', 'raw'] as const).map((n) => queriesPerRequest.get(`${s.name}|${n}`)?.toFixed(2)).join(' / ')}`).join('; ') +
      '.',
    '',
    '| shape | conn. | server CPU % ours / peer / raw | server CPU ms per request ours / peer / raw | Neo4j CPU % while ours / peer / raw | server RSS MB after ours / peer / raw |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const shape of shapes) {
    for (const c of levels) {
      const ms = (['ours', 'peer', 'raw'] as const).map((n) => results.get(`${shape.name}|${c}|${n}`)!);
      if (ms.some((m) => !m)) continue;
      const col = (f: (m: Measure) => string) => ms.map(f).join(' / ');
      lines.push(
        `| ${shape.title} | ${c} | ${col((m) => m.cpu.toFixed(0))} | ${col((m) => (m.rps > 0 ? ((m.cpu * 10) / m.rps).toFixed(2) : 'n/a'))} | ${col((m) => m.neo4jCpu.toFixed(0))} | ${col((m) => String(m.rssMb))} |`,
      );
    }
  }
  if (values.before) {
    lines.push(
      '',
      `This tree against the tree in \`--before ${values.before}\` (our service from both, same run, same data, same settings):`,
      '',
      '| shape | conn. | req/s now / before | now÷before req/s | p50 ms now / before | p99 ms now / before | server CPU ms per request now / before | answers |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const shape of shapes) {
      for (const c of levels) {
        const [o, b] = (['ours', 'before'] as const).map((n) => results.get(`${shape.name}|${c}|${n}`));
        if (!o || !b) continue;
        const cpuMs = (m: Measure) => (m.rps > 0 ? ((m.cpu * 10) / m.rps).toFixed(2) : 'n/a');
        lines.push(
          `| ${shape.title} | ${c} | ${o.rps.toFixed(0)} / ${b.rps.toFixed(0)} | **${ratio(o.rps, b.rps)}** | ${o.p50} / ${b.p50} | ${o.p99} / ${b.p99} | ${cpuMs(o)} / ${cpuMs(b)} | ${beforeDiffers.has(shape.name) ? 'differ' : 'same'} |`,
        );
      }
    }
  }
  lines.push('', provenance(invocation('npm run bench')));
  const table = lines.join('\n');
  console.log(`\n${table}\n`);
  log(`whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (values.write) {
    const file = path.join(projectRoot, 'docs', 'benchmarks.md');
    const doc = readFileSync(file, 'utf8');
    const start = '<!-- peers:table:start -->';
    const end = '<!-- peers:table:end -->';
    if (!doc.includes(start) || !doc.includes(end)) throw new Error(`docs/benchmarks.md has no ${start} ... ${end} markers`);
    writeFileSync(file, `${doc.slice(0, doc.indexOf(start) + start.length)}\n${table}\n${doc.slice(doc.indexOf(end))}`);
    log('table written to docs/benchmarks.md');
  }
} finally {
  for (const server of servers) await stopServer(server).catch(() => undefined);
  await db.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
