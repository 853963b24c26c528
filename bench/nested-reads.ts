/**
 * One query per GraphQL operation (look-ahead) against one query per field (the classic resolver
 * tree, N+1), for `actors(first: N) { edges { node { links { other { ... on Actor { links { other { id } } } } } } } }`.
 *
 *   node bench/nested-reads.ts            # starts its own Neo4j (or uses NEO4J_URI), prints a table
 *
 * Both sides run through the same domain code against the same synthetic network (2,000 actors,
 * ~5 links each, under a `bench-` id prefix removed at the end).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actorFilter, listActors } from '../src/actors/list.ts';
import { fetchBeneath } from '../src/fetch/beneath.ts';
import { EMPTY_PLAN, type Fetch, type NodePlan } from '../src/fetch/plan.ts';
import type { LinkRecord } from '../src/domain/records.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { helpIfAsked, invocation, provenance } from './support.ts';

helpIfAsked(`node bench/nested-reads.ts: one query per GraphQL operation against one query per field (N+1), same data

  Starts its own Neo4j (or uses NEO4J_URI), seeds 2,000 synthetic actors under a bench- prefix, prints a table.
  -h, --help   this help`);
console.log(provenance(invocation('node bench/nested-reads.ts')));

const ACTORS = 2000;
const LINKS_PER_ACTOR = 5;
const RUNS = 15;

const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
const server = dataDir ? await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '256m' }) : undefined;
const db = connect({ ...(server ? server.connection : { uri: process.env.NEO4J_URI!, password: process.env.NEO4J_PASSWORD }), database: 'neo4j' });

const links = (first: number, other: NodePlan): Fetch => ({ key: 'links', relation: 'links', types: null, first, other });

try {
  await migrate(db);
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH "bench-" DETACH DELETE n');
  await db.write(
    `UNWIND range(0, toInteger($n) - 1) AS i
     CREATE (:Entity:Actor:Company {id: 'bench-' + right('0000' + i, 5), name: 'Bench ' + i, kind: 'COMPANY', source: 'synthetic', synthetic: true})`,
    { n: ACTORS },
  );
  await db.write(
    `UNWIND range(0, toInteger($n) - 1) AS i
     UNWIND range(1, toInteger($k)) AS j
     MATCH (a:Actor {id: 'bench-' + right('0000' + i, 5)}), (b:Actor {id: 'bench-' + right('0000' + ((i * 7 + j * 131) % toInteger($n)), 5)})
     CREATE (a)-[:PARTNER_OF {source: 'synthetic'}]->(b)`,
    { n: ACTORS, k: LINKS_PER_ACTOR },
  );

  // Look-ahead: the whole tree in one query.
  const plan: NodePlan = { fetches: [links(50, { fetches: [links(50, EMPTY_PLAN)] })] };
  async function lookAhead(first: number): Promise<number> {
    let queries = 0;
    const page = await listActors(db, actorFilter({ first }), null, plan, { observer: () => void (queries += 1) });
    if (page.rows.length !== first) throw new Error('short page');
    return queries;
  }

  // Per field: the page, then each actor's links, then each other end's links.
  async function perField(first: number): Promise<number> {
    let queries = 0;
    const options = { observer: () => void (queries += 1) };
    const page = await listActors(db, actorFilter({ first }), null, EMPTY_PLAN, options);
    await Promise.all(
      page.rows.map(async (row) => {
        const own = (await fetchBeneath(db, row.actor.id, links(50, EMPTY_PLAN), options)) as LinkRecord[];
        await Promise.all(own.map((link) => fetchBeneath(db, link.other.id, links(50, EMPTY_PLAN), options)));
      }),
    );
    return queries;
  }

  const rows: string[][] = [];
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  for (const first of [10, 50, 100]) {
    await lookAhead(first); // warm-up: plan cache, page cache
    await perField(first);
    // Interleaved, so both sides see the same load on a shared machine.
    const one: number[] = [];
    const many: number[] = [];
    let oneQueries = 0;
    let manyQueries = 0;
    for (let r = 0; r < RUNS; r += 1) {
      let t = performance.now();
      oneQueries = await lookAhead(first);
      one.push(performance.now() - t);
      t = performance.now();
      manyQueries = await perField(first);
      many.push(performance.now() - t);
    }
    rows.push([String(first), String(oneQueries), median(one).toFixed(1), String(manyQueries), median(many).toFixed(1), (median(many) / median(one)).toFixed(1)]);
  }
  const header = ['actors per page', 'look-ahead queries', 'look-ahead ms (median)', 'per-field queries', 'per-field ms (median)', 'per-field / look-ahead'];
  console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${ACTORS} actors, ${LINKS_PER_ACTOR} outgoing PARTNER_OF each (about ${LINKS_PER_ACTOR * 2} links per actor both ways); ${RUNS} runs, median; Node ${process.version}, ${os.cpus().length} cores.`);
} finally {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH "bench-" DETACH DELETE n').catch(() => undefined);
  await db.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
