import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gql, testServer, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

const counting = countingDatabase();
const { db } = counting;
const server = testServer(db);
const p = uniquePrefix('oneq');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [
    { id: `${p}-inst`, name: 'Institut', kind: 'INSTITUTE', label: 'Institute', commune: `${p}:commune-a` },
    { id: `${p}-uni`, name: 'Université', kind: 'UNIVERSITY', label: 'University', commune: `${p}:commune-a` },
    { id: `${p}-sme`, name: 'PME', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-b` },
    { id: `${p}-bank`, name: 'Banque', kind: 'FUNDER', label: 'Funder' },
  ]);
  await db.write(
    `MATCH (inst:Actor {id: $p + '-inst'}), (uni:Actor {id: $p + '-uni'}), (sme:Actor {id: $p + '-sme'}),
           (bank:Actor {id: $p + '-bank'}), (albert:Commune {id: $p + ':commune-b'})
     CREATE (uni)-[:MEMBER_OF {since: 2012}]->(inst), (bank)-[:SUPPORTS {scope: 'IDEFI'}]->(inst),
            (sme)-[:COLLABORATES_WITH {kind: 'research'}]->(uni),
            (ev:Entity:Event {id: $p + ':event', name: 'Atelier', kind: 'workshop'}),
            (inst)-[:ORGANIZED {role: 'host'}]->(ev), (ev)-[:HELD_IN]->(albert)`,
    { p },
  );
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
});

beforeEach(() => counting.reset());

afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

describe('one Cypher query per GraphQL operation', () => {
  it('answers actor -> links -> other actor -> links -> other -> links with one query', async () => {
    const res = await gql(
      server,
      `query($id: ID!) { actor(id: $id) {
        name
        links { type direction other { id ... on Actor { name
          links(types: ["MEMBER_OF", "ORGANIZED", "SUPPORTS"]) { type other { id ... on Actor {
            links(first: 2, types: ["COLLABORATES_WITH", "MEMBER_OF", "SUPPORTS"]) { type other { id } } } } } } } }
      } }`,
      { id: `${p}-bank` },
    );
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toEqual({
      actor: {
        name: 'Banque',
        links: [
          {
            type: 'SUPPORTS',
            direction: 'OUT',
            other: {
              id: `${p}-inst`,
              name: 'Institut',
              links: [
                { type: 'MEMBER_OF', other: { id: `${p}-uni`, links: [{ type: 'COLLABORATES_WITH', other: { id: `${p}-sme` } }, { type: 'MEMBER_OF', other: { id: `${p}-inst` } }] } },
                { type: 'ORGANIZED', other: { id: `${p}:event` } },
                { type: 'SUPPORTS', other: { id: `${p}-bank`, links: [{ type: 'SUPPORTS', other: { id: `${p}-inst` } }] } },
              ],
            },
          },
        ],
      },
    });
  });

  it('answers actors { edges { node { links { other { ... on Actor { links } } } } } } with one query', async () => {
    const res = await gql<{ actors: { edges: { node: { id: string; commune: { id: string } | null; links: { other: { id: string; links?: unknown[] } }[] } }[] } }>(
      server,
      `query($within: ID) { actors(within: $within) { totalCount edges { node {
        id commune { id parents { id } }
        links(types: ["MEMBER_OF", "COLLABORATES_WITH"], first: 10) { type other { id ... on Actor { links(first: 10) { type other { id } } } } }
      } } } }`,
      { within: `${p}:region` },
    );
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    const uni = res.data!.actors.edges.find((e) => e.node.id === `${p}-uni`)!.node;
    expect(uni.commune).toEqual({ id: `${p}:commune-a`, parents: [{ id: `${p}:epci` }, { id: `${p}:dep` }, { id: `${p}:region` }, { id: `${p}:it` }] });
    expect(uni.links.map((l) => l.other.id)).toEqual([`${p}-sme`, `${p}-inst`]);
    // The institute's own links: its commune, the member, the event, the funder.
    expect(uni.links[1]!.other.links).toHaveLength(4);
  });

  it('answers a territory with its parents, children and actors (and their links) with one query', async () => {
    const res = await gql(
      server,
      `query($id: ID!) { territory(id: $id) {
        name level parents { id level }
        children { id }
        actors(kinds: [UNIVERSITY, INSTITUTE]) { totalCount edges { node { id links { other { id } } } } }
      } }`,
      { id: `${p}:epci` },
    );
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toMatchObject({
      territory: {
        level: 'EPCI',
        parents: [{ id: `${p}:dep`, level: 'DEPARTMENT' }, { id: `${p}:region`, level: 'REGION' }, { id: `${p}:it`, level: 'INDUSTRIAL_TERRITORY' }],
        children: [{ id: `${p}:commune-a` }],
        actors: { totalCount: 2, edges: [{ node: { id: `${p}-inst` } }, { node: { id: `${p}-uni` } }] },
      },
    });
  });

  it('answers node(id) with type-specific nested fields with one query', async () => {
    const res = await gql(
      server,
      `query($id: ID!) { node(id: $id) { id ... on Event { name } ... on Actor { links { other { id ... on Territory { parents { id } } } } } } }`,
      { id: `${p}-inst` },
    );
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toEqual({
      node: {
        id: `${p}-inst`,
        links: [
          // A territory at the other end gets its Territory fields, actors their Actor fields.
          { other: { id: `${p}:commune-a`, parents: [{ id: `${p}:epci` }, { id: `${p}:dep` }, { id: `${p}:region` }, { id: `${p}:it` }] } },
          { other: { id: `${p}-uni` } },
          { other: { id: `${p}:event` } },
          { other: { id: `${p}-bank` } },
        ],
      },
    });
  });

  it('still answers, with a query of its own, one response key asked with different arguments in exclusive fragments', async () => {
    const res = await gql(
      server,
      `query($id: ID!) { node(id: $id) { ... on Company { l: links(first: 1) { type } } ... on Institute { l: links(first: 2) { type } } } }`,
      { id: `${p}-inst` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: { l: [{ type: 'LOCATED_IN' }, { type: 'MEMBER_OF' }] } });
    expect(counting.count()).toBe(2);
  });
  it('reads only the properties asked for, yet answers every field asked, with known and unknown link types', async () => {
    const res = await gql(
      server,
      `query($id: ID!) { actor(id: $id) {
        id
        asked: links(types: ["COLLABORATES_WITH", "NO_SUCH_TYPE"]) { type properties other { id ... on University { name kind } } }
        bare: links(types: ["COLLABORATES_WITH"]) { type other { __typename } }
        unknown: links(types: ["NO_SUCH_TYPE"]) { type }
        commune { name level }
      } }`,
      { id: `${p}-sme` },
    );
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toEqual({
      actor: {
        id: `${p}-sme`,
        asked: [{ type: 'COLLABORATES_WITH', properties: { kind: 'research' }, other: { id: `${p}-uni`, name: 'Université', kind: 'UNIVERSITY' } }],
        bare: [{ type: 'COLLABORATES_WITH', other: { __typename: 'University' } }],
        unknown: [],
        commune: { name: expect.any(String), level: 'COMMUNE' },
      },
    });
  });
});
