/**
 * Our process's CPU per GraphQL request, with Neo4j taken out: the service (createGraphQLServer
 * behind node:http, as `npm start` serves it, LOG_LEVEL info to a file) runs in a child process
 * whose database answers every query at once with a canned record of the benchmark's shapes
 * (bench/peers/shapes.ts: a page of 20 actors, an actor with 10 links, 3 levels of 10 x 10 links).
 * What is left is HTTP, parsing, validation, execution, plugins, serialising and GC: the part of
 * a request issue #21 wants near zero. CPU is read from /proc (user + system) over a timed run.
 *
 * Two other servers answer the same shapes over the same canned records, in the same run:
 * - bare: graphql-yoga with its defaults over our schema and resolvers, none of our plugins (no
 *   access, limits, metrics, log, compiled execution): what the chosen stack costs by itself;
 * - raw: node:http, JSON.parse, the canned record, JSON.stringify: the floor of bench/peers' raw
 *   handler with its database answering at once.
 *
 *   node bench/cpu-per-request.ts                         # every shape and server, 1 connection, 5 s each
 *   node bench/cpu-per-request.ts --shapes links3 --prof /tmp/prof   # with a CPU profile of the service
 *
 * Needs no Neo4j; it is a benchmark, so run it under the shared lock like the others.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig, projectRoot } from '../src/config.ts';
import { createYoga } from 'graphql-yoga';
import type { GraphQLContext } from '../src/graphql/context.ts';
import { PlanCache } from '../src/graphql/lookahead/plan-cache.ts';
import { buildSchema } from '../src/graphql/schema.ts';
import { createGraphQLServer } from '../src/graphql/server.ts';
import { createLogger } from '../src/logger.ts';
import type { Database } from '../src/neo4j/database.ts';
import { freePort } from '../src/neo4j/owned-server.ts';
import { hasGraphQLErrors, helpIfAsked, invocation, provenance } from './support.ts';

const SHAPES = {
  page: 'query($k: [ActorKind!]) { actors(kinds: $k, first: 20) { totalCount edges { node { id name kind } } } }',
  links2:
    'query($id: ID!) { actor(id: $id) { id name kind links(types: ["PARTNER_OF", "COLLABORATES_WITH", "MEMBER_OF"]) { type direction other { id ... on Actor { name kind } } } } }',
  links3:
    'query($id: ID!) { actor(id: $id) { id name links(types: ["PARTNER_OF"]) { type direction other { id ... on Actor { name links(types: ["PARTNER_OF", "MEMBER_OF"]) { type direction other { id ... on Actor { name kind } } } } } } } }',
  search: 'query($q: String) { actors(search: $q, first: 20) { totalCount edges { node { id name } } } }',
} as const;
type ShapeName = keyof typeof SHAPES;
const SERVERS = ['ours', 'bare', 'raw'] as const;
type ServerName = (typeof SERVERS)[number];

helpIfAsked(`node bench/cpu-per-request.ts [options]: our service's CPU per request with canned database answers (no Neo4j)

  --shapes <list>       ${Object.keys(SHAPES).join(',')} (default all)
  --servers <list>      ${SERVERS.join(',')} (default all): the service; graphql-yoga alone over the same schema
                        and resolvers; node:http and JSON around the canned record
  --connections <n>     concurrent connections (default 1)
  --duration <s>        seconds per shape after a 2 s warm-up (default 5)
  --prof <dir>          write a CPU profile of the service there (--cpu-prof)
  -h, --help            this help`);

const { values } = parseArgs({
  options: {
    shapes: { type: 'string', default: Object.keys(SHAPES).join(',') },
    servers: { type: 'string', default: SERVERS.join(',') },
    connections: { type: 'string', default: '1' },
    duration: { type: 'string', default: '5' },
    prof: { type: 'string' },
    serve: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

function actor(i: number) {
  return { id: `syn:company:${i}`, labels: ['Entity', 'Actor', 'Company'], name: `PME Exemple ${i} (Amiens)`, kind: 'COMPANY' };
}
function links(depth: number, base: number): unknown[] {
  return Array.from({ length: 10 }, (_, k) => ({
    type: 'PARTNER_OF',
    direction: k % 2 ? 'IN' : 'OUT',
    other: depth > 1 ? { ...actor(base + k), _fetched: { links: links(depth - 1, (base + k) * 10) } } : actor(base + k),
  }));
}

/** What Neo4j would answer to the shape's one query. */
function answerOf(shape: ShapeName): Record<string, unknown> {
  switch (shape) {
    case 'page':
    case 'search':
      return { found: true, total: 1234, page: Array.from({ length: 21 }, (_, i) => ({ rank: [0, 0], node: actor(i) })) };
    case 'links2':
      return { n: { ...actor(1), _fetched: { links: links(1, 100) } } };
    case 'links3':
      return { n: { ...actor(1), _fetched: { links: links(2, 100) } } };
  }
}

/** The child: one of the servers, over a database that answers at once. */
async function serve(server: ServerName, shape: ShapeName, port: number): Promise<void> {
  const row = answerOf(shape);
  const db = {
    read: async () => [row],
    write: async () => [row],
    ping: async () => true,
    scoped() {
      return this;
    },
  } as unknown as Database;
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0' });
  let listener: Parameters<typeof createServer>[1];
  if (server === 'ours') {
    listener = createGraphQLServer({ db, logger: createLogger('info'), security: config.security, limits: config.limits });
  } else if (server === 'bare') {
    const plans = new PlanCache(config.limits.planCacheSize, () => undefined);
    listener = createYoga<Record<string, unknown>, GraphQLContext>({
      schema: buildSchema(),
      logging: false,
      context: () => ({ db, principal: null, requestId: '', cypherCount: 0, plans, observer: () => undefined }),
    });
  } else {
    listener = (req, res) => {
      if (req.url === '/health') return void res.writeHead(200).end('ok');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const data = await db.read('');
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
        })();
      });
    };
  }
  const http = createServer(listener);
  http.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => http.close(() => process.exit(0)));
}

function ticksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function run(server: ServerName, shape: ShapeName): Promise<{ rps: number; cpuMs: number; errors: number }> {
  const port = await freePort();
  const profiled = values.prof && server === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${values.prof}`] : [];
  const args = [...profiled, import.meta.filename, '--serve', `${server}:${shape}`, String(port)];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', openSync(path.join(os.tmpdir(), 'cpu-per-request.log'), 'a')] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/health`)).status < 500) break;
    } catch {
      if (i > 100) throw new Error('the service did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const body = JSON.stringify({ query: SHAPES[shape], variables: { id: 'syn:company:1', k: ['COMPANY'], q: '123' } });
  const once = async (seconds: number) => {
    let errors = 0;
    const before = ticksOf(child.pid!);
    const t = performance.now();
    const result = await autocannon({
      url: `${url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: Number(values.connections),
      duration: seconds,
      setupClient: (client) => client.on('body', (b: Buffer) => void (hasGraphQLErrors(b.toString()) && (errors += 1))),
    });
    const wall = (performance.now() - t) / 1000;
    const cpuSeconds = (ticksOf(child.pid!) - before) / 100;
    const requests = result.requests.total;
    return { rps: requests / wall, cpuMs: (cpuSeconds * 1000) / requests, errors: errors + result.non2xx + result.errors };
  };
  await once(2);
  const measured = await once(Number(values.duration));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return measured;
}

if (values.serve) {
  const [server, shape] = values.serve.split(':') as [ServerName, ShapeName];
  await serve(server, shape, Number(process.argv.at(-1)));
} else {
  const servers = values.servers.split(',') as ServerName[];
  for (const server of servers) if (!SERVERS.includes(server)) throw new Error(`--servers: unknown ${server}`);
  const shapes = values.shapes.split(',') as ShapeName[];
  for (const shape of shapes) if (!(shape in SHAPES)) throw new Error(`--shapes: unknown ${shape}`);
  const rows: string[] = [];
  for (const shape of shapes) {
    const cpu: Partial<Record<ServerName, number>> = {};
    const cells: string[] = [];
    for (const server of servers) {
      const m = await run(server, shape);
      cpu[server] = m.cpuMs;
      process.stderr.write(`${shape} ${server}: ${m.rps.toFixed(0)} req/s, ${m.cpuMs.toFixed(3)} ms CPU/request, errors ${m.errors}\n`);
      cells.push(`${m.rps.toFixed(0)} / ${m.cpuMs.toFixed(3)} / ${m.errors}`);
    }
    const ratio = (a: ServerName, b: ServerName) => (cpu[a] !== undefined && cpu[b] !== undefined ? (cpu[a] / cpu[b]).toFixed(2) : 'n/a');
    rows.push(`| ${shape} | ${values.connections} | ${cells.join(' | ')} | ${ratio('ours', 'raw')} | ${ratio('bare', 'raw')} | ${ratio('ours', 'bare')} |`);
  }
  console.log(`\n${provenance(invocation('node bench/cpu-per-request.ts'))}\n`);
  console.log(`| shape | conn. | ${servers.map((s) => `${s}: req/s / CPU ms per request / errors`).join(' | ')} | CPU ours÷raw | CPU bare÷raw | CPU ours÷bare |`);
  console.log(`| --- | ---: | ${servers.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
  for (const row of rows) console.log(row);
}
