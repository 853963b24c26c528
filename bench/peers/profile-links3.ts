/**
 * Profiling aid for the peers benchmark: the Cypher of the 3-level shape as ours, @neo4j/graphql and
 * the raw floor write it, timed back to back on one connection, with PROFILE's dbHits and our plan.
 *
 *   node bench/peers/profile-links3.ts               # 20,000 relationships (RELS=100000 for more)
 *   ONLY=1 node bench/peers/profile-links3.ts        # just the two PROFILE trees (ours, raw)
 *
 * Starts its own Neo4j in a temp folder. The peer's Cypher is captured from its driver calls.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a throwaway profiling script over driver internals */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphql } from 'graphql';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';
import { connect } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { seed } from '../../src/seed/load.ts';
import { nodeQuery } from '../../src/actors/find.ts';
import { actorsQuery, actorFilter } from '../../src/actors/list.ts';
import { EMPTY_PLAN } from '../../src/fetch/plan.ts';
import { PEER_TYPE_DEFS } from './type-defs.ts';
import { RAW_QUERIES } from './raw-queries.ts';
import { SHAPES } from './shapes.ts';
import { helpIfAsked } from '../support.ts';

helpIfAsked(`node bench/peers/profile-links3.ts: the 3-level shape's Cypher (ours, @neo4j/graphql, raw) timed back to back, with PROFILE

  RELS=100000   relationships (default 20000)
  ONLY=1        just the two PROFILE trees (ours, raw)
  -h, --help    this help`);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-prof-'));
const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '512m' });
const db = connect({ ...server.connection, database: 'neo4j' });
const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.connection.user, server.connection.password), { disableLosslessIntegers: true });
try {
  await migrate(db);
  for (const set of ['geography', 'framework'] as const) await seed(db, resolveSource(set));
  await seed(db, resolveSource('synthetic', { seed: 7, relationships: Number(process.env.RELS ?? 20000), answers: false }));
  const [{ id }] = await db.read<{ id: string }>(`MATCH (a:Company) WHERE a.synthetic AND 3 <= COUNT { (a)-[:PARTNER_OF]-() } <= 10 RETURN a.id AS id LIMIT 1`) as [{ id: string }];
  let captured: { q: string; p: Record<string, unknown> } | null = null;
  const capture = new Proxy(driver, { get(t, prop) { const v = Reflect.get(t, prop); if (prop === 'session') return (...a: unknown[]) => { const s = (v as Function).apply(t, a); return new Proxy(s, { get(st, pp) { const vv = Reflect.get(st, pp); if (pp === 'executeRead') return (work: Function) => (vv as Function).call(st, (tx: any) => work(new Proxy(tx, { get(tt, k) { const f = Reflect.get(tt, k); if (k === 'run') return (q: string, p: Record<string, unknown>) => { captured = { q, p }; return f.call(tt, q, p); }; return typeof f === 'function' ? f.bind(tt) : f; } }))); return typeof vv === 'function' ? vv.bind(st) : vv; } }); }; return typeof v === 'function' ? v.bind(t) : v; } });
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: capture as any }).getSchema();
  const links3 = SHAPES.find((s) => s.name === 'links3')!;
  const pq = links3.peer({ id });
  await graphql({ schema, source: pq.query, variableValues: pq.variables, contextValue: {} });
  const peerCypher = captured!;
  const plan = { fetches: [{ key: 'links', relation: 'links' as const, types: ['PARTNER_OF'], first: 50, other: { fetches: [{ key: 'links', relation: 'links' as const, types: ['PARTNER_OF', 'MEMBER_OF'], first: 50, properties: false, other: { fetches: [], fields: ['kind', 'name'] } }], fields: ['name'] }, properties: false }], fields: ['name'] };
  const ours = nodeQuery(id, 'Actor', plan);
  console.log('--- ours\n' + ours.cypher + '\n--- peer\n' + peerCypher.q);
  const cases: [string, string, Record<string, unknown>][] = [
    ['ours', ours.cypher, ours.params],
    ['peer', peerCypher.q, peerCypher.p],
    ['raw', RAW_QUERIES.links3.cypher, { id }],
  ];
  const time = async (cypher: string, params: Record<string, unknown>, n: number) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await driver.executeQuery(cypher, params, { routing: 'READ' });
    return (performance.now() - t) / n;
  };
  for (const [name, c, p] of cases) await time(c, p, 50);
  if (!process.env.ONLY) for (let round = 0; round < 2; round++) for (const [name, c, p] of cases) console.log(name, (await time(c, p, 300)).toFixed(2), 'ms');
  const show = (pl: any, depth = 0): void => { console.log(' '.repeat(depth * 2) + pl.operatorType + ' rows=' + pl.rows + ' dbHits=' + pl.dbHits + ' ' + String(pl.arguments?.Details ?? '').slice(0, 140).replace(/\n/g, ' ')); for (const c of pl.children) show(c, depth + 1); };
  { const r = await driver.executeQuery('PROFILE ' + ours.cypher, ours.params); show(r.summary.profile); }
  { const r = await driver.executeQuery('PROFILE ' + RAW_QUERIES.links3.cypher, { id }); show(r.summary.profile); }
  if (!process.env.ONLY) for (const [name, c, p] of cases) {
    const r = await driver.executeQuery('PROFILE ' + c, p);
    const sum = (pl: any): number => pl.dbHits + pl.children.reduce((s: number, ch: any) => s + sum(ch), 0);
    console.log(name, 'dbHits', sum(r.summary.profile));
  }
  // page and within, ours
  const kinds = actorsQuery(actorFilter({ kinds: ['COMPANY'], first: 20 }), null, EMPTY_PLAN);
  const within = actorsQuery(actorFilter({ first: 20 }), 'department:59', EMPTY_PLAN);
  for (const [name, q] of [['page', kinds], ['within', within]] as const) {
    const r = await driver.executeQuery('PROFILE ' + q.cypher, q.params);
    const sum = (pl: any): number => pl.dbHits + pl.children.reduce((s: number, ch: any) => s + sum(ch), 0);
    console.log(name, 'ours dbHits', sum(r.summary.profile), (await time(q.cypher, q.params, 100)).toFixed(2), 'ms');
  }
  const rp = await driver.executeQuery('PROFILE ' + RAW_QUERIES.page.cypher, { kind: 'COMPANY', first: 20 });
  const sum = (pl: any): number => pl.dbHits + pl.children.reduce((s: number, ch: any) => s + sum(ch), 0);
  console.log('page raw dbHits', sum(rp.summary.profile), (await time(RAW_QUERIES.page.cypher, { kind: 'COMPANY', first: 20 }, 100)).toFixed(2), 'ms');
  const rw = await driver.executeQuery('PROFILE ' + RAW_QUERIES.within.cypher, { department: 'department:59', first: 20 });
  console.log('within raw dbHits', sum(rw.summary.profile), (await time(RAW_QUERIES.within.cypher, { department: 'department:59', first: 20 }, 100)).toFixed(2), 'ms');
} finally {
  await driver.close();
  await db.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
