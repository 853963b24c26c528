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

const TERRITORIES = `query($search: String, $levels: [TerritoryLevel!], $first: Int, $after: String) {
  territories(search: $search, levels: $levels, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name displayName level code population } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  territories: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string; displayName: string; level: string; code: string; population: number } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function territories(variables: Record<string, unknown>) {
  const res = await gql<Page>(server, TERRITORIES, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.territories;
}
const ids = (page: Page['territories']) => page.edges.map((e) => e.node.id);

describe('territories(search, levels, first, after)', () => {
  it('finds Amiens by name (territory(id: "Amiens") is null: ids are not names)', async () => {
    const page = await territories({ search: 'Amiens' });
    expect(page.edges[0]?.node).toMatchObject({ id: 'commune:80021', displayName: 'Amiens (80)', level: 'COMMUNE' });
  });

  it('tells homonyms apart by département, the larger population first', async () => {
    const quentin = await territories({ search: 'Saint-Quentin', levels: ['COMMUNE'], first: 5 });
    expect(quentin.edges[0]!.node.displayName).toBe('Saint-Quentin (02)');
    const page = await territories({ search: 'Saint-Denis', levels: ['COMMUNE'], first: 20 });
    const exact = page.edges.filter((e) => e.node.name === 'Saint-Denis');
    expect(exact.length).toBeGreaterThan(1);
    expect(exact.slice(0, 2).map((e) => e.node.displayName)).toEqual(['Saint-Denis (974)', 'Saint-Denis (93)']);
    const populations = exact.map((e) => e.node.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    expect(new Set(exact.map((e) => e.node.displayName)).size).toBe(exact.length);
  });

  it.each([
    ['Meaulte', 'commune:80523'],
    ['méaulte', 'commune:80523'],
    ['MEAULTE', 'commune:80523'],
    ["l'Aisne", 'department:02'],
    ['l’aisne', 'department:02'],
    ['Aisne', 'department:02'],
    ['saint quentin', 'commune:02691'],
    ['st quentin', 'commune:02691'],
    ['hauts de france', 'region:32'],
    ['Hauts-de-France', 'region:32'],
    ['hautsdefrance', 'region:32'],
    ['Somme', 'department:80'],
    ['80016', 'commune:80016'],
    ['80300', 'commune:80016'],
    ['02100', 'commune:02691'],
    ['248000747', 'epci:248000747'],
    ['pays du coquelicot', 'epci:248000747'],
    ['communauté de communes du pays du coquelicot', 'epci:248000747'],
    ['cc coquelicot', 'epci:248000747'],
    ['Compiègne', 'commune:60159'],
    ['compiegne', 'commune:60159'],
    ['Albert', 'commune:80016'],
  ])('"%s" finds %s first', async (search, id) => {
    const page = await territories({ search });
    expect(page.edges[0]?.node.id).toBe(id);
  });

  it('finds a commune by postal code: every commune of 80300, the most populated first', async () => {
    const page = await territories({ search: '80300', levels: ['COMMUNE'], first: 50 });
    expect(ids(page)).toEqual(expect.arrayContaining(['commune:80016', 'commune:80523']));
    expect(ids(page).indexOf('commune:80016')).toBeLessThan(ids(page).indexOf('commune:80523'));
  });

  it('filters by level', async () => {
    const page = await territories({ search: 'Aisne', levels: ['REGION', 'DEPARTMENT'] });
    expect(page.edges.every((e) => ['REGION', 'DEPARTMENT'].includes(e.node.level))).toBe(true);
    expect(ids(page)[0]).toBe('department:02');
  });

  it('lists every région without search, the most populated first', async () => {
    const page = await territories({ levels: ['REGION'], first: 30 });
    expect(page.totalCount).toBe(26);
    expect(ids(page)[0]).toBe('region:11');
  });

  it('pages with keyset cursors: no duplicate, no gap', async () => {
    const all = await territories({ search: 'saint', levels: ['COMMUNE'], first: 60 });
    const pages: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const page: Page['territories'] = await territories({ search: 'saint', levels: ['COMMUNE'], first: 20, after });
      pages.push(...ids(page));
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual(ids(all));
    expect(all.totalCount).toBeGreaterThan(1000);
  });

  it('refuses a cursor it did not make, and a page too large', async () => {
    const bad = await gql(server, TERRITORIES, { search: 'x', after: 'nope' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const big = await gql(server, TERRITORIES, { first: 101 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
