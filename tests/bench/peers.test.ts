import { Neo4jGraphQL } from '@neo4j/graphql';
import { graphql } from 'graphql';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RAW_QUERIES } from '../../bench/peers/raw-queries.ts';
import { SHAPES } from '../../bench/peers/shapes.ts';
import { PEER_TYPE_DEFS } from '../../bench/peers/type-defs.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';

// The peers benchmark (bench/peers.ts) times nothing until the three servers agree: this checks
// that agreement on a tiny network, with the peer's schema run in-process.
const db = testDatabase();
const server = testServer(db);
const driver = neo4j.driver(inject('neo4jUri'), neo4j.auth.basic('neo4j', inject('neo4jPassword')), { disableLosslessIntegers: true });
const p = uniquePrefix('peers');
const links2 = SHAPES.find((s) => s.name === 'links2')!;

beforeAll(async () => {
  await db.write(
    `CREATE (a:Entity:Actor:Company {id: $p + '-a', name: 'Alpha', kind: 'COMPANY'}),
            (b:Entity:Actor:Company {id: $p + '-b', name: 'Beta', kind: 'COMPANY'}),
            (c:Entity:Actor:Cluster {id: $p + '-c', name: 'Gamma', kind: 'CLUSTER'}),
            (ev:Entity:Event {id: $p + '-ev', name: 'Atelier'}),
            (a)-[:PARTNER_OF]->(b), (b)-[:MEMBER_OF]->(c), (b)-[:PARTICIPATED_IN]->(ev)`,
    { p },
  );
});

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await driver.close();
  await db.close();
});

async function answers(id: string) {
  const ours = await gql(server, links2.ours({ id }).query, links2.ours({ id }).variables);
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const { query, variables } = links2.peer({ id });
  const peer = await graphql({ schema, source: query, variableValues: variables, contextValue: {} });
  const raw = await driver.executeQuery(RAW_QUERIES.links2.cypher, links2.raw({ id }));
  expect(ours.errors).toBeUndefined();
  expect(peer.errors).toBeUndefined();
  return {
    ours: links2.canonOurs(ours.data as Record<string, unknown>),
    peer: links2.canonPeer(peer.data as Record<string, unknown>),
    raw: links2.canonRaw(raw.records.map((r) => r.toObject())),
  };
}

describe('peers benchmark: same answer check', () => {
  it('finds ours, @neo4j/graphql and the raw floor equal on an actor with links both ways', async () => {
    const { ours, peer, raw } = await answers(`${p}-b`);
    const expected = {
      id: `${p}-b`,
      name: 'Beta',
      kind: 'COMPANY',
      // The canonical form sorts links (by direction first): ours leaves them in its own order.
      links: [
        { type: 'PARTNER_OF', direction: 'IN', other: { id: `${p}-a`, name: 'Alpha', kind: 'COMPANY' } },
        { type: 'MEMBER_OF', direction: 'OUT', other: { id: `${p}-c`, name: 'Gamma', kind: 'CLUSTER' } },
      ],
    };
    expect(ours).toEqual(expected);
    expect(peer).toEqual(expected);
    expect(raw).toEqual(expected);
  });

  it('tells two different actors apart', async () => {
    const a = await answers(`${p}-a`);
    const b = await answers(`${p}-b`);
    expect(a.peer).toEqual(a.ours);
    expect(a.ours).not.toEqual(b.ours);
  });
});
