// French search, actors and territories: at least 40 queries in the spellings users type, each with
// the first result it must give, on the database as `npm start` seeds it (src/search/french.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { seedAsStart } from './seeded.ts';

const db = testDatabase();
const server = testServer(db);

beforeAll(async () => {
  await seedAsStart(db);
}, 240_000);

afterAll(async () => {
  await db.close();
});

const ACTOR_QUERIES: [string, string][] = [
  ['UTC', 'utc'],
  ['utc', 'utc'],
  ["l'UTC", 'utc'],
  ['Université de technologie de Compiègne', 'utc'],
  ['universite technologie compiegne', 'utc'],
  ['InnovENT-E', 'innovent-e'],
  ['innovente', 'innovent-e'],
  ['innov ent e', 'innovent-e'],
  ['Institut InnovENT‑E', 'innovent-e'], // the article's non-breaking hyphen
  ["l'institut InnovENT-E", 'innovent-e'],
  ['ALTYTUD', 'altytud'],
  ['Altytud', 'altytud'],
  ["CCI de l'Aisne", 'cci-aisne'],
  ['CCI de l’Aisne', 'cci-aisne'],
  ['cci aisne', 'cci-aisne'],
  ["chambre de commerce de l'Aisne", 'cci-aisne'],
  ['Aisne', 'cci-aisne'],
  ['BPI', 'bpifrance'],
  ['Bpifrance', 'bpifrance'],
  ['BPI France', 'bpifrance'],
  ['la BPI France', 'bpifrance'],
  ['CPME', 'cpme'],
  ['APEC', 'apec'],
  ["l'APEC", 'apec'],
  ["Pink Innov'", 'pink-innov'],
  ['pink innov', 'pink-innov'],
  ['Fondation MMA', 'fondation-mma'],
  ["fondation d'entreprise MMA des Entrepreneurs du Futur", 'fondation-mma'],
  ["ministère de l'Enseignement supérieur", 'mesri'],
  ['MINISTERE ENSEIGNEMENT SUPERIEUR RECHERCHE INNOVATION', 'mesri'],
  ["délégation interministérielle aux territoires d’industrie", 'delegation-territoires-industrie'],
  ['CC du Pays du Coquelicot', 'epci:248000747'],
  ['communauté de communes du Pays du Coquelicot', 'epci:248000747'],
  ['CC', 'epci:248000747'],
  ['coquelicot', 'epci:248000747'],
  ['Hauts-de-France', 'region:32'],
  ['Normandie', 'region:28'],
  ['bretagne', 'region:53'],
  ['Centre-Val de Loire', 'region:24'],
  ['grand est', 'region:44'],
  ['Pays de la Loire', 'region:52'],
];

const TERRITORY_QUERIES: [string, string][] = [
  ['Méaulte', 'commune:80523'],
  ['Meaulte', 'commune:80523'],
  ['MEAULTE', 'commune:80523'],
  ['Albert', 'commune:80016'],
  ['Saint-Quentin', 'commune:02691'],
  ['St Quentin', 'commune:02691'],
  ['saint-quentin (02)', 'commune:02691'],
  ['Compiègne', 'commune:60159'],
  ["l'Aisne", 'department:02'],
  ['Somme', 'department:80'],
  ['Oise', 'department:60'],
  ['Hauts de France', 'region:32'],
  ['Île-de-France', 'region:11'],
  ['ile de france', 'region:11'],
  ['80300', 'commune:80016'],
  ['80016', 'commune:80016'],
  ['Amiens', 'commune:80021'],
  ['Pays du Coquelicot', 'epci:248000747'],
  ['cc du pays du coquelicot', 'epci:248000747'],
];

describe('French search', () => {
  it('has at least 40 queries', () => {
    expect(ACTOR_QUERIES.length + TERRITORY_QUERIES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ACTOR_QUERIES)('actors(search: %j) finds %s first', async (search, id) => {
    const res = await gql<{ actors: { edges: { node: { id: string } }[] } }>(
      server,
      `query($search: String) { actors(search: $search, first: 3) { edges { node { id } } } }`,
      { search },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.actors.edges[0]?.node.id).toBe(id);
  });

  it.each(TERRITORY_QUERIES)('territories(search: %j) finds %s first', async (search, id) => {
    const res = await gql<{ territories: { edges: { node: { id: string } }[] } }>(
      server,
      `query($search: String) { territories(search: $search, first: 3) { edges { node { id } } } }`,
      { search },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.territories.edges[0]?.node.id).toBe(id);
  });

  it('keeps keyset pages stable when a better match is added between two pages', async () => {
    const first = await gql<{ actors: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
      server,
      `{ actors(search: "fondation", first: 1) { edges { node { id } } pageInfo { endCursor } } }`,
    );
    const seen = first.data!.actors.edges.map((e) => e.node.id);
    expect(seen.length).toBe(1);
    const next = await gql<{ actors: { edges: { node: { id: string } }[] } }>(
      server,
      `query($after: String) { actors(search: "fondation", first: 5, after: $after) { edges { node { id } } } }`,
      { after: first.data!.actors.pageInfo.endCursor },
    );
    expect(next.data!.actors.edges.map((e) => e.node.id)).not.toContain(seen[0]);
  });
});
