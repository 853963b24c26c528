// Issue #13, "What was seen": each item, on the database as `npm start` seeds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { serverWithKeys } from '../api/support.ts';
import { arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { SeedValidationError } from '../../src/seed/validate.ts';
import { seedAsStart } from './seeded.ts';

const db = testDatabase();
const server = testServer(db);

beforeAll(async () => {
  await seedAsStart(db);
}, 240_000);

afterAll(async () => {
  await db.close();
});

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(server, text, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const ACTORS = `query($within: ID, $search: String, $presence: Presence) {
  actors(within: $within, search: $search, presence: $presence, first: 50) { totalCount edges { node { id name kind } } }
}`;
type Actors = { actors: { totalCount: number; edges: { node: { id: string; name: string; kind: string } }[] } };
const actorIds = (a: Actors) => a.actors.edges.map((e) => e.node.id);

const SHAPE = `query($within: ID, $presence: Presence) {
  networkShape(within: $within, presence: $presence) {
    actorCount linkCount componentCount
    countsByKind { kind count }
    isolated { id }
    communities { id size }
  }
  actorGraph(within: $within, presence: $presence) { nodes { id } links { source target types } }
}`;
type Shape = {
  networkShape: {
    actorCount: number;
    linkCount: number;
    componentCount: number;
    countsByKind: { kind: string; count: number }[];
    isolated: { id: string }[];
    communities: { id: string; size: number }[];
  };
  actorGraph: { nodes: { id: string }[]; links: { source: string; target: string; types: string[] }[] };
};
const linked = (s: Shape, a: string, b: string) =>
  s.actorGraph.links.some((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));

describe('1. actors(within: "department:80")', () => {
  it('holds the CC du Pays du Coquelicot (an EPCI of the Somme) and ALTYTUD (co-led a workshop in Albert)', async () => {
    const somme = await query<Actors>(ACTORS, { within: 'department:80' });
    expect(actorIds(somme)).toEqual(expect.arrayContaining(['epci:248000747', 'altytud', 'utc']));
    expect(somme.actors.totalCount).toBe(somme.actors.edges.length);
  });

  it('with presence SEAT: only seats and territory actors (the CC is one, ALTYTUD has no known seat)', async () => {
    const seat = await query<Actors>(ACTORS, { within: 'department:80', presence: 'SEAT' });
    expect(actorIds(seat)).toEqual(['epci:248000747']);
  });

  it('Territory.actors says the same', async () => {
    const res = await query<{ territory: { actors: { totalCount: number } } }>(
      `{ territory(id: "department:80") { actors(first: 50) { totalCount } } }`,
    );
    const within = await query<Actors>(ACTORS, { within: 'department:80' });
    expect(res.territory.actors.totalCount).toBe(within.actors.totalCount);
  });

  it('search and within together use the same presence', async () => {
    const found = await query<Actors>(ACTORS, { within: 'department:80', search: 'altytud' });
    expect(actorIds(found)).toEqual(['altytud']);
    const aisne = await query<Actors>(ACTORS, { within: 'department:02', search: 'cci' });
    expect(actorIds(aisne)).toEqual(['cci-aisne']);
  });
});

describe('2. networkShape(within: "region:32")', () => {
  it('links UTC, ALTYTUD and the CC du Pays du Coquelicot, and names no article actor isolated', async () => {
    const s = await query<Shape>(SHAPE, { within: 'region:32' });
    expect(linked(s, 'utc', 'altytud')).toBe(true);
    expect(linked(s, 'altytud', 'epci:248000747')).toBe(true);
    expect(linked(s, 'epci:248000747', 'utc')).toBe(true);
    expect(s.actorGraph.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['utc', 'altytud', 'epci:248000747', 'cci-aisne', 'innovent-e', 'region:32']),
    );
    expect(s.networkShape.isolated).toEqual([]);
    expect(s.networkShape.componentCount).toBe(1);
  });

  it('the CCI de l\'Aisne, which hosted the closing, works with InnovENT-E, which organised the tour', async () => {
    const s = await query<Shape>(SHAPE, { within: 'region:32' });
    expect(linked(s, 'cci-aisne', 'innovent-e')).toBe(true);
  });
});

describe('3. networkShape of the whole network', () => {
  it('is not dominated by idle régions: only the six régions that supported the IDEFI are actors', async () => {
    const s = await query<Shape>(SHAPE, {});
    const regions = s.networkShape.countsByKind.find((c) => c.kind === 'REGION');
    expect(regions?.count).toBe(6);
    const isolatedRegions = s.networkShape.isolated.filter((a) => a.id.startsWith('region:'));
    expect(isolatedRegions).toEqual([]);
    expect(s.actorGraph.nodes.map((n) => n.id)).not.toContain('region:06');
  });

  it('actors(kinds: [REGION]) lists the régions that act, not the geography', async () => {
    const res = await query<{ actors: { totalCount: number; edges: unknown[] } }>(`{ actors(kinds: [REGION], first: 50) { totalCount edges { cursor } } }`);
    expect(res.actors.totalCount).toBe(6);
    expect(res.actors.edges).toHaveLength(6);
  });

  it('actors { totalCount } without a filter counts the actors that act, not the idle régions', async () => {
    const res = await query<{ actors: { totalCount: number } }>(`{ actors(first: 1) { totalCount } }`);
    const [row] = await db.read<{ acting: number; all: number }>(
      `MATCH (a:Actor)
       RETURN count(a) AS all,
         count(CASE WHEN NOT a:Territory OR EXISTS { (a)-[r]-() WHERE NOT type(r) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] } THEN a END) AS acting`,
    );
    expect(row!.all).toBeGreaterThan(row!.acting); // idle régions are there to be left out
    expect(res.actors.totalCount).toBe(row!.acting);
  });
});

describe('4. search on French names', () => {
  it.each([
    ['Aisne', 'cci-aisne'],
    ["l'Aisne", 'cci-aisne'],
    ['cci aisne', 'cci-aisne'],
    ['innovente', 'innovent-e'],
  ])('actors(search: "%s") finds %s first', async (search, id) => {
    const found = await query<Actors>(ACTORS, { search });
    expect(actorIds(found)[0]).toBe(id);
  });

  it('"Meaulte" and "Amiens" find their territories', async () => {
    const res = await query<{ a: { edges: { node: { id: string } }[] }; b: { edges: { node: { id: string } }[] } }>(
      `{ a: territories(search: "Meaulte") { edges { node { id } } } b: territories(search: "Amiens") { edges { node { id } } } }`,
    );
    expect(res.a.edges[0]?.node.id).toBe('commune:80523');
    expect(res.b.edges[0]?.node.id).toBe('commune:80021');
  });
});

describe('6. sentences name nodes as the nodes are named', () => {
  it('a path to Bpifrance says "Bpifrance", not "BPI France"', async () => {
    const res = await query<{ synergyPaths: { explanation: string; steps: { sentence: string }[] }[] }>(
      `{ synergyPaths(from: "altytud", to: "bpifrance", k: 3) { explanation steps { sentence } } }`,
    );
    const text = res.synergyPaths.map((p) => [p.explanation, ...p.steps.map((s) => s.sentence)].join(' ')).join(' ');
    expect(text).toContain('Bpifrance');
    expect(text).not.toContain('BPI France');
  });
});

describe('7. an actor keeps its kind; one id rule for seeds and the API', () => {
  const keyed = serverWithKeys(db);
  const UPSERT = `mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id kind } }`;

  it('upsertActors refuses to turn the CPME (a funder) into a company, naming its kind', async () => {
    const res = await gql(keyed.server, UPSERT, { input: [{ id: 'cpme', name: 'CPME', kind: 'COMPANY' }] }, keyed.editor);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 0, 'kind'] });
    expect(res.errors?.[0]?.message).toContain('FUNDER');
    const still = await query<{ actor: { kind: string } }>(`{ actor(id: "cpme") { kind } }`);
    expect(still.actor.kind).toBe('FUNDER');
  });

  it('a seed row reusing the id cpme with kind COMPANY is refused, nothing written', async () => {
    const source = arraySource('csv-like', {
      nodes: [{ id: 'cpme', labels: ['Actor', 'Company'], properties: { kind: 'COMPANY', name: 'CPME' }, origin: 'actors.csv:2' }],
    });
    const error = await seed(db, source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(String((error as Error).message)).toMatch(/cpme.*already a FUNDER/);
    const still = await query<{ actor: { kind: string } }>(`{ actor(id: "cpme") { kind } }`);
    expect(still.actor.kind).toBe('FUNDER');
  });

  it.each(['a"}) MATCH (n) DETACH DELETE n //', '../../etc/x', ' space', ''])('a seed refuses the id %j as the API does', async (id) => {
    const source = arraySource('bad-ids', {
      nodes: [{ id, labels: ['Actor', 'Company'], properties: { kind: 'COMPANY', name: 'X' }, origin: 'bad.json: $.nodes[0]' }],
    });
    const error = await seed(db, source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(String((error as Error).message)).toContain('is not valid');
    const api = await gql(keyed.server, UPSERT, { input: [{ id, name: 'X', kind: 'COMPANY' }] }, keyed.editor);
    expect(api.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
