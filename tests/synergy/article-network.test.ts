/**
 * The article's network (seed-article), as a small hand-built replica with the ids of
 * docs/data-model.md behind a unique prefix. Once the article seed is merged, point these tests at
 * it: set `PREFIX = ''`, drop the beforeAll/afterAll that create the replica, and seed instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, node, territory } from './graph.ts';

const db = testDatabase();
const server = testServer(db);
const PREFIX = `${uniquePrefix('article')}/`;
const id = (seedId: string) => `${PREFIX}${seedId}`;

const ids = {
  innovent: id('innovent-e'),
  utc: id('utc'),
  altytud: id('altytud'),
  coquelicot: id('epci:248000747'),
  bpifrance: id('bpifrance'),
  ministry: id('mesri'),
  tour: id('event:tour-2019'),
  albert: id('event:tour-2019-albert'),
  sme: id('syn:company:1'),
  upjv: id('syn:university:1'),
};

const replica = {
  nodes: [
    territory(id('region:32'), 'Region', 'Hauts-de-France', { kind: 'REGION', code: '32' }),
    territory(id('department:80'), 'Department', 'Somme', { code: '80' }),
    territory(id('department:60'), 'Department', 'Oise', { code: '60' }),
    { ...actor(ids.coquelicot, 'LocalAuthority', 'CC du Pays du Coquelicot', { code: '248000747' }), labels: ['Territory', 'Epci', 'Actor', 'LocalAuthority'] },
    territory(id('commune:80016'), 'Commune', 'Albert', { code: '80016' }),
    territory(id('commune:80523'), 'Commune', 'Méaulte', { code: '80523' }),
    territory(id('commune:80021'), 'Commune', 'Amiens', { code: '80021' }),
    territory(id('commune:60159'), 'Commune', 'Compiègne', { code: '60159' }),
    actor(ids.innovent, 'Institute', 'InnovENT-E', { founded: 2018, legalForm: 'fondation partenariale' }),
    actor(ids.utc, 'University', 'Université de technologie de Compiègne', { shortName: 'UTC' }),
    actor(ids.altytud, 'Cluster', 'ALTYTUD'),
    actor(ids.bpifrance, 'Funder', 'Bpifrance', { category: 'public bank' }),
    actor(ids.ministry, 'Funder', "ministère de l'Enseignement supérieur, de la Recherche et de l'Innovation", { category: 'ministry' }),
    actor(id('cci-aisne'), 'Chamber', "CCI de l'Aisne"),
    actor(ids.sme, 'Company', 'PME de la Somme', { synthetic: true }),
    actor(ids.upjv, 'University', 'Université de la Somme', { synthetic: true }),
    node(ids.tour, 'Event', "Tournée de l'innovation 2019", { kind: 'tour', date: '2019-06' }),
    node(ids.albert, 'Event', 'Albert workshop', { kind: 'workshop', date: '2019-09' }),
    node(id('event:tour-2019-closing'), 'Event', 'closing of the tour', { kind: 'closing', date: '2019-10-07' }),
    node(id('program:territoires-industrie'), 'Program', "Territoires d'industrie", { started: 2018 }),
    node(id('program:idefi-innovent-e'), 'Program', 'IDEFI InnovENT-E', { started: 2011 }),
    node(id('person:pascal-alberti'), 'Person', 'Pascal Alberti', { title: "directeur de l'innovation et du développement territorial" }),
    node(id('competency:innovation'), 'Competency', 'innovation', { theme: 'innovation' }),
    node(id('competency:international'), 'Competency', 'international development', { theme: 'international' }),
    node(id('competency:creativity'), 'Competency', 'creativity', { theme: 'creativity' }),
  ],
  rels: [
    [id('department:80'), 'PART_OF', id('region:32')],
    [id('department:60'), 'PART_OF', id('region:32')],
    [ids.coquelicot, 'PART_OF', id('department:80')],
    [id('commune:80016'), 'PART_OF', ids.coquelicot],
    [id('commune:80016'), 'PART_OF', id('department:80')],
    [id('commune:80523'), 'PART_OF', ids.coquelicot],
    [id('commune:80523'), 'PART_OF', id('department:80')],
    [id('commune:80021'), 'PART_OF', id('department:80')],
    [id('commune:60159'), 'PART_OF', id('department:60')],
    [ids.altytud, 'LOCATED_IN', id('commune:80523')],
    [ids.utc, 'LOCATED_IN', id('commune:60159')],
    [ids.sme, 'LOCATED_IN', id('commune:80016')],
    [ids.upjv, 'LOCATED_IN', id('commune:80021')],
    [ids.utc, 'ORGANIZED', ids.albert],
    [ids.altytud, 'LED', ids.albert],
    [ids.coquelicot, 'LED', ids.albert],
    [id('person:pascal-alberti'), 'LED', ids.albert, { role: 'co-led' }],
    [id('person:pascal-alberti'), 'WORKS_AT', ids.utc, { title: "directeur de l'innovation et du développement territorial" }],
    [ids.albert, 'PART_OF', ids.tour],
    [ids.albert, 'HELD_IN', id('commune:80016')],
    [id('event:tour-2019-closing'), 'PART_OF', ids.tour],
    [id('cci-aisne'), 'ORGANIZED', id('event:tour-2019-closing')],
    [ids.innovent, 'ORGANIZED', ids.tour],
    [ids.utc, 'PARTICIPATED_IN', ids.tour, { role: 'supporting establishment' }],
    [ids.bpifrance, 'SUPPORTS', ids.tour],
    [ids.ministry, 'SUPPORTS', ids.tour],
    [ids.tour, 'PART_OF', id('program:territoires-industrie')],
    [ids.innovent, 'CONTINUES', id('program:idefi-innovent-e')],
    [id('region:32'), 'SUPPORTS', id('program:idefi-innovent-e'), { since: 2011 }],
    [ids.utc, 'TEACHES', id('competency:innovation')],
    [ids.utc, 'TEACHES', id('competency:international')],
    [ids.utc, 'TEACHES', id('competency:creativity')],
    [ids.upjv, 'TEACHES', id('competency:creativity')],
    [ids.sme, 'NEEDS', id('competency:innovation'), { weight: 0.9, responses: 4 }],
    [ids.sme, 'NEEDS', id('competency:international'), { weight: 0.8, responses: 4 }],
    [ids.sme, 'MEMBER_OF', ids.altytud],
  ] as [string, string, string, Record<string, unknown>?][],
};

beforeAll(async () => {
  await createGraph(db, replica);
});

afterAll(async () => {
  await deleteGraph(db, PREFIX);
  await db.close();
});

interface PathResult {
  nodes: { id: string }[];
  explanation: string;
  cost: number;
}

const PATHS = `query($from: ID!, $to: ID!) {
  synergyPaths(from: $from, to: $to, k: 3, maxHops: 4) { nodes { id } cost explanation }
}`;

describe("the article's network", () => {
  it('ALTYTUD reaches Bpifrance through the Albert workshop and the tour, and says so', async () => {
    const res = await gql<{ synergyPaths: PathResult[] }>(server, PATHS, { from: ids.altytud, to: ids.bpifrance });
    expect(res.errors).toBeUndefined();
    const [first, second] = res.data!.synergyPaths;
    expect(first!.nodes.map((n) => n.id)).toEqual([ids.altytud, ids.albert, ids.tour, ids.bpifrance]);
    expect(first!.explanation).toBe(
      "ALTYTUD co-led the Albert workshop, which is part of the Tournée de l'innovation 2019, supported by Bpifrance.",
    );
    expect(second!.nodes.map((n) => n.id)).toEqual([ids.altytud, ids.albert, ids.utc, ids.tour, ids.bpifrance]);
    expect(second!.explanation).toBe(
      "ALTYTUD co-led the Albert workshop organised by UTC, which took part in the Tournée de l'innovation 2019, supported by Bpifrance.",
    );
  });

  it('ALTYTUD reaches the ministry too', async () => {
    const res = await gql<{ synergyPaths: PathResult[] }>(server, PATHS, { from: ids.altytud, to: ids.ministry });
    const [first] = res.data!.synergyPaths;
    expect(first!.nodes.map((n) => n.id)).toEqual([ids.altytud, ids.albert, ids.tour, ids.ministry]);
    expect(first!.explanation).toMatch(/^ALTYTUD co-led the Albert workshop, .*supported by ministère de l'Enseignement supérieur/);
  });

  it('suggests UTC to an SME of the Somme that needs what UTC teaches', async () => {
    const res = await gql<{ synergies: { actor: { id: string }; reasons: { factor: string; sentence: string }[] }[] }>(
      server,
      `query($id: ID!) { synergies(actorId: $id, kinds: [UNIVERSITY], first: 5) { actor { id } reasons { factor sentence } } }`,
      { id: ids.sme },
    );
    expect(res.errors).toBeUndefined();
    const [best] = res.data!.synergies;
    expect(best!.actor.id).toBe(ids.utc);
    // Their order follows the fitted weights (src/synergy/weights.ts), checked in suggestions.test.ts.
    expect(best!.reasons.map((r) => r.sentence).sort()).toEqual([
      'already works with 3 partners, events or programmes',
      'is in the same région as you: Hauts-de-France',
      'teaches 2 of the 2 competencies you need: innovation, international development',
    ]);
  });
});
