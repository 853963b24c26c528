import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testServer, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';

const { db } = countingDatabase();
const server = testServer(db);
const p = uniquePrefix('terr');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [
    { id: `${p}-a1`, name: 'Aérolia', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` },
    { id: `${p}-a2`, name: 'Pôle Aéro', kind: 'CLUSTER', label: 'Cluster', commune: `${p}:commune-a` },
    { id: `${p}-b1`, name: 'Mairie', kind: 'LOCAL_AUTHORITY', label: 'LocalAuthority', commune: `${p}:commune-b` },
  ]);
});

afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

const TERRITORY = `query($id: ID!, $level: TerritoryLevel, $childFirst: Int, $search: String, $kinds: [ActorKind!], $first: Int, $after: String) {
  territory(id: $id) {
    id name level code population
    parents { id level }
    children(level: $level, first: $childFirst) { id level }
    actors(search: $search, kinds: $kinds, first: $first, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
    }
  }
}`;

type T = {
  territory: {
    parents: { id: string }[];
    children: { id: string; level: string }[];
    actors: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  } | null;
};

describe('territory(id)', () => {
  it('shows a commune with its parents up the chain, nearest first', async () => {
    const res = await gql<T>(server, TERRITORY, { id: `${p}:commune-a` });
    expect(res.errors).toBeUndefined();
    expect(res.data!.territory).toMatchObject({
      id: `${p}:commune-a`,
      name: `Méaulte ${p}`,
      level: 'COMMUNE',
      code: `${p}-A`,
      population: 1300,
      parents: [
        { id: `${p}:epci`, level: 'EPCI' },
        { id: `${p}:dep`, level: 'DEPARTMENT' },
        { id: `${p}:region`, level: 'REGION' },
        { id: `${p}:it`, level: 'INDUSTRIAL_TERRITORY' },
      ],
      children: [],
    });
  });

  it('lists the children of a département by name, filtered by level, bounded by first', async () => {
    const all = await gql<T>(server, TERRITORY, { id: `${p}:dep` });
    expect(all.data!.territory!.children.map((c) => c.id)).toEqual([`${p}:commune-b`, `${p}:epci`, `${p}:commune-a`]);
    const communes = await gql<T>(server, TERRITORY, { id: `${p}:dep`, level: 'COMMUNE' });
    expect(communes.data!.territory!.children.map((c) => c.id)).toEqual([`${p}:commune-b`, `${p}:commune-a`]);
    const one = await gql<T>(server, TERRITORY, { id: `${p}:dep`, childFirst: 1 });
    expect(one.data!.territory!.children).toHaveLength(1);
    const tooMany = await gql<T>(server, TERRITORY, { id: `${p}:dep`, childFirst: 501 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['children', 'first'] });
  });

  it('shows a région as a territory (it is an actor too)', async () => {
    const res = await gql<T>(server, TERRITORY, { id: `${p}:region` });
    expect(res.data!.territory).toMatchObject({ level: 'REGION', parents: [], children: [{ id: `${p}:dep`, level: 'DEPARTMENT' }] });
    expect(res.data!.territory!.actors.totalCount).toBe(3);
  });

  it('lists the actors inside, like actors(within:), with search, kinds and pages', async () => {
    const epci = await gql<T>(server, TERRITORY, { id: `${p}:epci` });
    expect(epci.data!.territory!.actors.edges.map((e) => e.node.id)).toEqual([`${p}-a1`, `${p}-a2`]);
    const search = await gql<T>(server, TERRITORY, { id: `${p}:dep`, search: 'aero' });
    // "Aérolia" starts with the search, "Pôle Aéro" only contains it; the Mairie does not match.
    expect(search.data!.territory!.actors.edges.map((e) => e.node.id)).toEqual([`${p}-a1`, `${p}-a2`]);
    const kinds = await gql<T>(server, TERRITORY, { id: `${p}:dep`, kinds: ['LOCAL_AUTHORITY'] });
    expect(kinds.data!.territory!.actors.edges.map((e) => e.node.id)).toEqual([`${p}-b1`]);
    const page1 = await gql<T>(server, TERRITORY, { id: `${p}:dep`, first: 2 });
    expect(page1.data!.territory!.actors).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = await gql<T>(server, TERRITORY, { id: `${p}:dep`, first: 2, after: page1.data!.territory!.actors.pageInfo.endCursor });
    expect(page2.data!.territory!.actors.edges.map((e) => e.node.id)).toEqual([`${p}-b1`]);
    const tooMany = await gql<T>(server, TERRITORY, { id: `${p}:dep`, first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['actors', 'first'] });
  });

  it('answers null for an unknown territory, and for an id that is not a territory', async () => {
    const res = await gql<T>(server, TERRITORY, { id: `${p}:nowhere` });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ territory: null });
    const actor = await gql<T>(server, TERRITORY, { id: `${p}-a1` });
    expect(actor.data).toEqual({ territory: null });
  });
});
