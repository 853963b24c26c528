/**
 * Profiling aid for the peers benchmark's page shape (`actors(kinds: [K], first: 20) { totalCount
 * ... }`): for each actor kind, our query (as the service builds it, here projecting every property) and the raw floor's, each run
 * 3 times then timed over 20 runs on one connection, with PROFILE's database hits, and our plan for
 * the largest kind. What it showed (docs/benchmarks.md, "Performance, issue #21"): ours reads each
 * candidate's labels (`acts`: an idle territory is no actor), 5 database hits a candidate against
 * the floor's 3.
 *
 *   node bench/peers/profile-page.ts [--relationships 1000000]
 *
 * Starts its own Neo4j in a temp folder and seeds it as `npm run bench` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type ProfiledPlan } from 'neo4j-driver';
import { actorFilter, actorsQuery } from '../../src/actors/list.ts';
import type { ActorKind } from '../../src/domain/records.ts';
import { EMPTY_PLAN } from '../../src/fetch/plan.ts';
import { connect } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { seed } from '../../src/seed/load.ts';
import { helpIfAsked, provenance } from '../support.ts';
import { RAW_QUERIES } from './raw-queries.ts';

helpIfAsked(`node bench/peers/profile-page.ts [--relationships N]: the page shape's Cypher (ours, raw) per actor kind, timed, with PROFILE's database hits

  --relationships N   size of the synthetic network (default 1000000)
  -h, --help          this help`);
const { values } = parseArgs({ options: { relationships: { type: 'string', default: '1000000' }, help: { type: 'boolean', short: 'h' } } });

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-profile-page-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '1g' });
const db = connect({ ...server.connection, database: 'neo4j', timeoutMs: 600_000 });
const driver = neo4j.driver(server.connection.uri, neo4j.auth.basic(server.connection.user, server.connection.password));

const total = (p: ProfiledPlan): number => p.dbHits + p.children.reduce((sum, c) => sum + total(c), 0);
function tree(p: ProfiledPlan, depth = 0): string[] {
  return [`${'  '.repeat(depth)}${p.operatorType} rows=${p.rows} hits=${p.dbHits} ${String(p.arguments?.Details ?? '').slice(0, 110)}`, ...p.children.flatMap((c) => tree(c, depth + 1))];
}
async function profile(cypher: string, params: Record<string, unknown>): Promise<{ ms: number; hits: number; plan: string[] }> {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    for (let i = 0; i < 3; i += 1) await session.run(cypher, params);
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) await session.run(cypher, params);
    const ms = (performance.now() - started) / 20;
    const profiled = (await session.run(`PROFILE ${cypher}`, params)).summary.profile as ProfiledPlan;
    return { ms, hits: total(profiled), plan: tree(profiled) };
  } finally {
    await session.close();
  }
}

try {
  await migrate(db);
  for (const set of ['geography', 'framework'] as const) await seed(db, resolveSource(set));
  await seed(db, resolveSource('synthetic', { seed: 7, relationships: Number(values.relationships), answers: false }));
  const kinds = await db.read<{ kind: ActorKind; n: number }>('MATCH (a:Actor) RETURN a.kind AS kind, count(*) AS n ORDER BY n DESC');
  console.log(provenance(`node bench/peers/profile-page.ts --relationships ${values.relationships}`));
  console.log('\n| kind | actors | ours ms | ours db hits | raw ms | raw db hits | hits ours ÷ raw |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const plans = new Map<string, string[]>();
  for (const { kind, n } of kinds) {
    const { cypher, params } = actorsQuery(actorFilter({ kinds: [kind], first: 20 }), null, EMPTY_PLAN);
    const ours = await profile(cypher, params);
    const raw = await profile(RAW_QUERIES.page.cypher, { kind, first: 20 });
    plans.set(kind, ours.plan);
    console.log(`| ${kind} | ${n} | ${ours.ms.toFixed(1)} | ${ours.hits} | ${raw.ms.toFixed(1)} | ${raw.hits} | ${(ours.hits / raw.hits).toFixed(2)} |`);
  }
  // The largest kind and the rarest (the régions, most of them idle territories).
  for (const kind of new Set([kinds[0]?.kind, kinds.at(-1)?.kind])) if (kind) console.log(`\nOur plan for ${kind}:\n${plans.get(kind)!.join('\n')}`);
} finally {
  await driver.close();
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
