import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testServer, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';

const { db } = countingDatabase();
const server = testServer(db);
const p = uniquePrefix('act');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [
    { id: `${p}-utc`, name: 'UTC', kind: 'UNIVERSITY', label: 'University', commune: `${p}:commune-a` },
    { id: `${p}-utc-lab`, name: 'UTC Innovation Lab', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-b` },
    { id: `${p}-pole`, name: 'Pôle utc de Compiègne', kind: 'CLUSTER', label: 'Cluster', commune: `${p}:commune-a` },
    { id: `${p}-meaulte`, name: 'Aéro Méaulte', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` },
    { id: `${p}-cci`, name: 'CCI Somme', shortName: 'CCI', kind: 'CHAMBER', label: 'Chamber', commune: `${p}:commune-b` },
    { id: `${p}-nowhere`, name: 'Sans Adresse UTC', kind: 'FUNDER', label: 'Funder' },
  ]);
});

afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

const ACTORS = `query($search: String, $kinds: [ActorKind!], $within: ID, $first: Int, $after: String) {
  actors(search: $search, kinds: $kinds, within: $within, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name kind __typename } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Page = {
  actors: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string; kind: string; __typename: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
};

async function ids(variables: Record<string, unknown>): Promise<string[]> {
  const res = await gql<Page>(server, ACTORS, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.actors.edges.map((e) => e.node.id.slice(p.length + 1));
}

describe('actors(search)', () => {
  it('finds "Méaulte" when the user types "meaulte", and "UTC" for "utc"', async () => {
    expect(await ids({ search: 'meaulte', within: `${p}:region` })).toEqual(['meaulte']);
    expect(await ids({ search: 'MEAULTÉ', within: `${p}:region` })).toEqual(['meaulte']);
    expect(await ids({ search: 'utc', within: `${p}:region` })).toContain('utc');
  });

  it('puts the exact name match first, then names that start with the search, then the others', async () => {
    expect(await ids({ search: 'utc', within: `${p}:region` })).toEqual(['utc', 'utc-lab', 'pole']);
  });

  it('matches the short name too, and a prefix of a word', async () => {
    expect(await ids({ search: 'cci', within: `${p}:region` })).toEqual(['cci']);
    expect(await ids({ search: 'compi', within: `${p}:region` })).toEqual(['pole']);
  });

  it('pages through search results with the same order', async () => {
    const first = await gql<Page>(server, ACTORS, { search: 'utc', within: `${p}:region`, first: 2 });
    expect(first.data!.actors.totalCount).toBe(3);
    expect(first.data!.actors.pageInfo.hasNextPage).toBe(true);
    const rest = await ids({ search: 'utc', within: `${p}:region`, first: 2, after: first.data!.actors.pageInfo.endCursor });
    expect(rest).toEqual(['pole']);
  });

  it('treats a search with no letters or digits as no search', async () => {
    expect(await ids({ search: ' -- ', within: `${p}:commune-b` })).toEqual(['cci', 'utc-lab']);
  });
});

describe('actors(kinds)', () => {
  it('keeps only the kinds asked for, with their GraphQL type', async () => {
    const res = await gql<Page>(server, ACTORS, { kinds: ['COMPANY'], within: `${p}:region` });
    expect(res.data!.actors.edges.map((e) => [e.node.id, e.node.__typename])).toEqual([
      [`${p}-meaulte`, 'Company'],
      [`${p}-utc-lab`, 'Company'],
    ]);
    expect(await ids({ kinds: ['CHAMBER', 'CLUSTER'], within: `${p}:region` })).toEqual(['cci', 'pole']);
  });
});

describe('actors(within)', () => {
  it.each([
    ['region', ['cci', 'meaulte', 'pole', 'utc', 'utc-lab']],
    ['dep', ['cci', 'meaulte', 'pole', 'utc', 'utc-lab']],
    ['epci', ['meaulte', 'pole', 'utc']],
    ['it', ['meaulte', 'pole', 'utc']],
    ['commune-a', ['meaulte', 'pole', 'utc']],
    ['commune-b', ['cci', 'utc-lab']],
  ])('within the %s: the actors located in a commune inside it, each once', async (level, expected) => {
    const res = await gql<Page>(server, ACTORS, { within: `${p}:${level}` });
    expect(res.data!.actors.totalCount).toBe(expected.length);
    expect(res.data!.actors.edges.map((e) => e.node.id.slice(p.length + 1))).toEqual(expected);
  });

  it('combines within, search and kinds', async () => {
    expect(await ids({ within: `${p}:epci`, search: 'utc', kinds: ['UNIVERSITY', 'CLUSTER'] })).toEqual(['utc', 'pole']);
  });

  it('says NOT_FOUND for an unknown territory', async () => {
    const res = await gql(server, ACTORS, { within: `${p}:atlantis` });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ['actors'], extensions: { code: 'NOT_FOUND' } });
    expect(res.errors?.[0]?.message).toContain(`${p}:atlantis`);
  });
});

describe('actors(first, after)', () => {
  it('refuses more than 100 per page, naming the argument', async () => {
    const res = await gql(server, ACTORS, { first: 101 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['first'] });
    const negative = await gql(server, ACTORS, { first: -1 });
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor it did not make', async () => {
    for (const after of ['nonsense', Buffer.from('{"id":1}').toString('base64url')]) {
      const res = await gql(server, ACTORS, { after });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['after'] });
    }
  });

  it('answers first: 0 with the total and no edges', async () => {
    const res = await gql<Page>(server, ACTORS, { within: `${p}:region`, first: 0 });
    expect(res.data!.actors).toMatchObject({ totalCount: 5, edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });

  it('says whether there is a previous and a next page', async () => {
    const one = await gql<Page>(server, ACTORS, { within: `${p}:commune-b`, first: 1 });
    expect(one.data!.actors.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const two = await gql<Page>(server, ACTORS, { within: `${p}:commune-b`, first: 1, after: one.data!.actors.pageInfo.endCursor });
    expect(two.data!.actors.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(two.data!.actors.edges.map((e) => e.node.id)).toEqual([`${p}-utc-lab`]);
  });
});
