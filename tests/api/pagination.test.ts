import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testServer, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';

const { db } = countingDatabase();
const server = testServer(db);
const p = uniquePrefix('page');
const COUNT = 300;

const pad = (n: number) => String(n).padStart(4, '0');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(
    db,
    Array.from({ length: COUNT }, (_, n) => ({
      id: `${p}-${pad(n * 10)}`,
      name: `Atelier ${n % 7 === 0 ? 'Nord' : 'Sud'} ${n}`,
      kind: n % 2 ? 'COMPANY' : 'CLUSTER',
      label: n % 2 ? 'Company' : 'Cluster',
      commune: n % 3 ? `${p}:commune-a` : `${p}:commune-b`,
    })),
  );
});

afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

const PAGE = `query($search: String, $within: ID, $first: Int, $after: String) {
  actors(search: $search, within: $within, first: $first, after: $after) {
    totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
type Page = { actors: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

/** Walks every page, calling `between` after each one; returns the ids seen in order. */
async function walk(variables: Record<string, unknown>, between: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const res: Awaited<ReturnType<typeof gql<Page>>> = await gql<Page>(server, PAGE, { ...variables, after });
    expect(res.errors).toBeUndefined();
    seen.push(...res.data!.actors.edges.map((e) => e.node.id));
    if (!res.data!.actors.pageInfo.hasNextPage) return seen;
    after = res.data!.actors.pageInfo.endCursor;
    await between(page);
  }
  throw new Error('more than 100 pages');
}

describe('paging through a few hundred actors while others are added', () => {
  it('returns each existing actor exactly once, in id order, with no gap', async () => {
    const inserted: string[] = [];
    const seen = await walk({ within: `${p}:region`, first: 37 }, async (page) => {
      // One new actor sorts before everything already read, one after the cursor, one at the end.
      const ids = [`${p}-0000-new-${page}`, `${p}-${pad(page * 370 + 5)}-new`, `${p}-9999-new-${page}`];
      inserted.push(...ids);
      await createActors(db, ids.map((id) => ({ id, name: `Nouveau ${id}`, kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` })));
    });
    const original = Array.from({ length: COUNT }, (_, n) => `${p}-${pad(n * 10)}`);
    expect(new Set(seen).size).toBe(seen.length); // no duplicates
    expect(seen.filter((id) => !id.includes('-new'))).toEqual(original); // no gaps, in order
    expect([...seen].sort()).toEqual(seen);
    // Added actors that sort after the cursor show up; those before it do not come back.
    expect(seen).toContain(`${p}-9999-new-0`);
    expect(seen).not.toContain(`${p}-0000-new-0`);
    await db.write('MATCH (a:Actor) WHERE a.id IN $ids DETACH DELETE a', { ids: inserted });
  });

  it('pages a search the same way: every match once, exact matches first', async () => {
    const inserted: string[] = [];
    const seen = await walk({ search: 'atelier nord', within: `${p}:region`, first: 7 }, async (page) => {
      const id = `${p}-0001-new-${page}`;
      inserted.push(id);
      await createActors(db, [{ id, name: `Atelier Nord ${page}`, kind: 'COMPANY', label: 'Company', commune: `${p}:commune-b` }]);
    });
    const nord = Array.from({ length: COUNT }, (_, n) => n)
      .filter((n) => n % 7 === 0)
      .map((n) => `${p}-${pad(n * 10)}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => !id.includes('-new'))).toEqual(
      // Inside one tier: shorter names first ("Atelier Nord 7" before "Atelier Nord 14"), then id.
      [...nord].sort((x, y) => Number(x.slice(-4)) / 10 - Number(y.slice(-4)) / 10),
    );
    await db.write('MATCH (a:Actor) WHERE a.id IN $ids DETACH DELETE a', { ids: inserted });
  });

  it('counts every match in totalCount whatever the page', async () => {
    const res = await gql<Page>(server, PAGE, { within: `${p}:commune-b`, first: 5 });
    expect(res.data!.actors.totalCount).toBe(100);
  });
});
