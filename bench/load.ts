/**
 * Load: N concurrent clients (default 64) for D seconds (default 60) on a mixed read workload over
 * a synthetic network, against the real service in its own process. Runs the load twice and prints
 * requests/s, p50/p99 latency, errors and the service's memory after each run (it must not grow).
 *
 *   node bench/load.ts [--connections 64] [--duration 60] [--relationships 100000]
 *
 * Starts its own Neo4j in a temp folder and seeds geography, the framework and a synthetic network.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { seed } from '../src/seed/load.ts';
import { hasGraphQLErrors, invocation, provenance, rssMbOf, waitUntilReady } from './support.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '60' },
    relationships: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'info' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run bench:load -- [options]

Starts its own Neo4j, seeds geography, the framework and a synthetic network, runs the service in
its own process and drives it with autocannon on a mixed read workload, several times in a row.

  --connections N     concurrent clients (default 64)
  --duration S        seconds per run (default 60)
  --relationships N   size of the synthetic network (default 100000)
  --runs N            runs in a row; memory is read after each (default 2)
  --log-level L       the service's LOG_LEVEL (default info, as in production)
  -h, --help          this help`);
  process.exit(0);
}
const connections = Number(values.connections);
const duration = Number(values.duration);
const relationships = Number(values.relationships);
const runs = Number(values.runs);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-load-'));
const neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '1g', log: (l) => console.error(l) });
const db = connect({ ...neo4j.connection, database: 'neo4j' });
try {
  await migrate(db);
  for (const set of ['geography', 'framework'] as const) await seed(db, resolveSource(set));
  await seed(db, resolveSource('synthetic', { seed: 7, relationships, answers: true }));
  const actorIds = (await db.read<{ id: string }>("MATCH (a:Actor) WHERE a.id STARTS WITH 'syn:' RETURN a.id AS id LIMIT 2000")).map((r) => r.id);
  const departments = (
    await db.read<{ id: string }>(
      'MATCH (d:Department)<-[:PART_OF*1..2]-(:Commune)<-[:LOCATED_IN]-(:Actor) RETURN DISTINCT d.id AS id LIMIT 50',
    )
  ).map((r) => r.id);
  const words = ['lab', 'tech', 'innov', 'ind', 'univ', 'cluster', 'meca', 'agro'];
  const [counts] = await db.read<{ actors: number; rels: number }>(
    'MATCH (a:Actor) WITH count(a) AS actors MATCH ()-[r]->() RETURN actors, count(r) AS rels',
  );

  const port = await freePort();
  const service = spawn(process.execPath, [path.join(projectRoot, 'src', 'main.ts')], {
    // As in production (LOG_LEVEL info, its lines to a file) but for the rate limit: one client sending as fast as it can.
    env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.connection.password, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0', SEED_ON_START: 'false', LOG_LEVEL: values['log-level'] },
    stdio: ['ignore', 'inherit', openSync(path.join(dataDir, 'service.log'), 'a')],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url);
  const rssMb = () => rssMbOf(service.pid);

  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  const shapes: (() => { query: string; variables: Record<string, unknown> })[] = [
    () => ({ query: 'query($k:[ActorKind!]){ actors(kinds:$k, first:20){ totalCount edges { node { id name } } } }', variables: { k: [pick(['COMPANY', 'UNIVERSITY', 'CLUSTER'])] } }),
    () => ({ query: 'query($id:ID!){ actor(id:$id){ name kind links(first:10){ type direction other { id ... on Actor { name kind } } } } }', variables: { id: pick(actorIds) } }),
    () => ({ query: 'query($q:String){ actors(search:$q, first:10){ edges { node { id name } } } }', variables: { q: pick(words) } }),
    () => ({ query: 'query($t:ID){ actors(within:$t, first:20){ totalCount edges { node { id name kind } } } }', variables: { t: pick(departments) } }),
    () => ({ query: 'query($t:ID!){ territory(id:$t){ name parents { name } children(first:10){ name } } }', variables: { t: pick(departments) } }),
  ];

  const rows: string[] = [];
  for (let run = 1; run <= runs; run += 1) {
    let graphqlErrors = 0;
    const result = await autocannon({
      url: `${url}/graphql`,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(pick(shapes)()) }),
          // GraphQL errors come back with HTTP 200: count them from the body.
          onResponse: (status, body) => {
            if (status === 200 && hasGraphQLErrors(body)) graphqlErrors += 1;
          },
        },
      ],
    });
    const errors = result.errors + result.non2xx + result.timeouts + graphqlErrors;
    rows.push(
      `| ${run} | ${connections} | ${duration} s | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${errors} | ${rssMb()} |`,
    );
    console.error(`run ${run}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${errors}`);
  }
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  console.log(`\nLoad on ${counts?.actors} actors, ${counts?.rels} relationships (geography included), ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log(provenance(invocation('npm run bench:load')) + ` LOG_LEVEL ${values['log-level']}.\n`);
  console.log('| run | connections | duration | requests/s | p50 ms | p99 ms | errors (transport, non-2xx, timeouts, GraphQL errors in 200 bodies) | service RSS after (MB) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  await db.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
