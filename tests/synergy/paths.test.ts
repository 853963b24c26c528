import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTooComplexError } from '../../src/domain/errors.ts';
import { asTooComplex } from '../../src/synergy/budget.ts';
import { DEFAULT_PATH_LIMITS, synergyPaths } from '../../src/synergy/paths.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, territory } from './graph.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('paths');
const id = (name: string) => `${p}-${name}`;

/*
 * Routes from a to t, by cost (PARTNER_OF and COLLABORATES_WITH 1, SUPPORTS 1.5, LOCATED_IN 3):
 *   a-b-t 2 | a-c-t 2.5 | a-c-b-t 3 | a-d-e-t 3 (ties with a-c-b-t: same hops, c < d) | a-b-c-t 3.5 | a-x-t 6
 */
const simple = {
  nodes: [
    actor(id('a'), 'Company', 'Atelier A'),
    actor(id('b'), 'Company', 'Bureau B'),
    actor(id('c'), 'University', 'Campus C'),
    actor(id('d'), 'Company', 'Dépôt D'),
    actor(id('e'), 'Company', 'Entrepôt E'),
    actor(id('t'), 'Funder', 'Trésor T'),
    territory(id('x'), 'Commune', 'Xanton'),
  ],
  rels: [
    [id('a'), 'PARTNER_OF', id('b')],
    [id('b'), 'PARTNER_OF', id('t')],
    [id('a'), 'COLLABORATES_WITH', id('c'), { kind: 'research' }],
    [id('t'), 'SUPPORTS', id('c')],
    [id('b'), 'PARTNER_OF', id('c')],
    [id('a'), 'PARTNER_OF', id('d')],
    [id('d'), 'PARTNER_OF', id('e')],
    [id('e'), 'PARTNER_OF', id('t')],
    [id('a'), 'LOCATED_IN', id('x')],
    [id('t'), 'LOCATED_IN', id('x')],
  ] as [string, string, string, Record<string, unknown>?][],
};

/* s reaches g in two hops through h, or in three through working ties; h gets 40 extra partners. */
function hubGraph(q: string, leaves: number) {
  const n = (name: string) => `${q}-${name}`;
  return {
    nodes: [
      actor(n('s'), 'Company', 'Start'),
      actor(n('g'), 'Company', 'Goal'),
      actor(n('h'), 'Region', 'Hub région', {}, ['Territory']),
      actor(n('p1'), 'Company', 'Pas 1'),
      actor(n('p2'), 'Company', 'Pas 2'),
      ...Array.from({ length: leaves }, (_, i) => actor(n(`leaf${i}`), 'Company', `Leaf ${i}`)),
    ],
    rels: [
      [n('s'), 'PARTNER_OF', n('h')],
      [n('h'), 'PARTNER_OF', n('g')],
      [n('s'), 'PARTNER_OF', n('p1')],
      [n('p1'), 'PARTNER_OF', n('p2')],
      [n('p2'), 'PARTNER_OF', n('g')],
      ...Array.from({ length: leaves }, (_, i) => [n('h'), 'PARTNER_OF', n(`leaf${i}`)]),
    ] as [string, string, string][],
  };
}

beforeAll(async () => {
  await createGraph(db, simple);
  await createGraph(db, hubGraph(id('small'), 0));
  await createGraph(db, hubGraph(id('big'), 40));
});

afterAll(async () => {
  await deleteGraph(db, p);
  await db.close();
});

const short = (ids: string[]) => ids.map((i) => i.slice(p.length + 1));

interface PathResult {
  hops: number;
  cost: number;
  nodes: { id: string }[];
  steps: { from: { id: string }; to: { id: string }; type: string; direction: string; sentence: string }[];
  explanation: string;
}

const PATHS = `query($from: ID!, $to: ID!, $k: Int, $maxHops: Int) {
  synergyPaths(from: $from, to: $to, k: $k, maxHops: $maxHops) {
    hops cost nodes { id ... on Territory { level } ... on Actor { kind } } explanation
    steps { from { id } to { id } type direction sentence }
  }
}`;

async function paths(from: string, to: string, k?: number, maxHops?: number) {
  const res = await gql<{ synergyPaths: PathResult[] }>(server, PATHS, { from, to, k, maxHops });
  return res;
}

describe('synergyPaths', () => {
  it('lists the k cheapest routes, cheapest first, ties by hops then ids', async () => {
    const res = await paths(id('a'), id('t'), 6, 4);
    expect(res.errors).toBeUndefined();
    const found = res.data!.synergyPaths;
    expect(found.map((path) => short(path.nodes.map((n) => n.id)))).toEqual([
      ['a', 'b', 't'],
      ['a', 'c', 't'],
      ['a', 'c', 'b', 't'],
      ['a', 'd', 'e', 't'],
      ['a', 'b', 'c', 't'],
      ['a', 'x', 't'],
    ]);
    expect(found.map((path) => path.cost)).toEqual([2, 2.5, 3, 3, 3.5, 6]);
    expect(found.map((path) => path.hops)).toEqual([2, 2, 3, 3, 3, 2]);
    expect(found[5]!.nodes).toEqual([
      { id: id('a'), kind: 'COMPANY' },
      { id: id('x'), level: 'COMMUNE' },
      { id: id('t'), kind: 'FUNDER' },
    ]);
  });

  it('returns loopless paths only: the six there are, though ten were asked for', async () => {
    const found = (await paths(id('a'), id('t'), 10, 6)).data!.synergyPaths;
    expect(found).toHaveLength(6);
    for (const path of found) expect(new Set(path.nodes.map((n) => n.id)).size).toBe(path.nodes.length);
  });

  it('keeps only k paths and respects the hop limit', async () => {
    expect((await paths(id('a'), id('t'), 2, 4)).data!.synergyPaths.map((x) => x.cost)).toEqual([2, 2.5]);
    const twoHops = (await paths(id('a'), id('t'), 10, 2)).data!.synergyPaths;
    expect(twoHops.map((path) => short(path.nodes.map((n) => n.id)))).toEqual([
      ['a', 'b', 't'],
      ['a', 'c', 't'],
      ['a', 'x', 't'],
    ]);
    expect((await paths(id('a'), id('t'), 3, 1)).data!.synergyPaths).toEqual([]);
  });

  it('says each step in its real direction and the whole path in one sentence', async () => {
    const [first, second] = (await paths(id('t'), id('a'), 2, 4)).data!.synergyPaths;
    expect(first!.steps.map((s) => [s.type, s.direction, s.sentence])).toEqual([
      ['PARTNER_OF', 'IN', 'Bureau B is a partner of Trésor T.'],
      ['PARTNER_OF', 'IN', 'Atelier A is a partner of Bureau B.'],
    ]);
    expect(first!.explanation).toBe('Trésor T is a partner of Bureau B, which is a partner of Atelier A.');
    expect(second!.steps.map((s) => s.sentence)).toEqual([
      'Trésor T supports Campus C.',
      'Atelier A collaborates with Campus C (research).',
    ]);
    expect(second!.explanation).toBe('Trésor T supports Campus C, which collaborates with Atelier A.');
  });

  it('makes a hub cost more than a longer route through working ties', async () => {
    const small = (await paths(id('small-s'), id('small-g'), 2, 4)).data!.synergyPaths;
    expect(small.map((path) => short(path.nodes.map((n) => n.id)))).toEqual([
      ['small-s', 'small-h', 'small-g'],
      ['small-s', 'small-p1', 'small-p2', 'small-g'],
    ]);
    const big = (await paths(id('big-s'), id('big-g'), 2, 4)).data!.synergyPaths;
    expect(big.map((path) => short(path.nodes.map((n) => n.id)))).toEqual([
      ['big-s', 'big-p1', 'big-p2', 'big-g'],
      ['big-s', 'big-h', 'big-g'],
    ]);
    // 42 relationships: log2(42 / 10) on top of two partnerships.
    expect(big[1]!.cost).toBeCloseTo(2 + Math.log2(4.2), 5);
  });

  it('answers one zero-hop path when both ends are the same node', async () => {
    const res = await paths(id('a'), id('a'));
    expect(res.data!.synergyPaths).toEqual([
      { hops: 0, cost: 0, nodes: [{ id: id('a'), kind: 'COMPANY' }], steps: [], explanation: 'Atelier A is the actor you asked about: nothing to cross.' },
    ]);
  });

  it('answers NOT_FOUND for an unknown end, naming it', async () => {
    for (const [from, to] of [
      [id('nope'), id('t')],
      [id('a'), id('nope')],
      [id('nope'), id('nope')],
    ] as const) {
      const res = await paths(from, to);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toContain(id('nope'));
    }
  });

  it('refuses k and maxHops beyond the limits with BAD_USER_INPUT', async () => {
    for (const [k, maxHops, path] of [
      [11, 4, 'k'],
      [0, 4, 'k'],
      [3, 7, 'maxHops'],
      [3, 0, 'maxHops'],
    ] as const) {
      const res = await paths(id('a'), id('t'), k, maxHops);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: [path] });
    }
  });

  it('answers QUERY_TOO_COMPLEX when the neighbourhood is too large to search', async () => {
    await expect(
      synergyPaths(db, { from: id('a'), to: id('t'), k: 3, maxHops: 4 }, {}, { ...DEFAULT_PATH_LIMITS, maxNodes: 3 }),
    ).rejects.toBeInstanceOf(QueryTooComplexError);
  });

  it('turns a query stopped by its time budget into QUERY_TOO_COMPLEX', async () => {
    const error = await db.read('CALL apoc.util.sleep(5000) RETURN 1', {}, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(asTooComplex(error, 'too long')).toBeInstanceOf(QueryTooComplexError);
    expect(asTooComplex(new Error('other'), 'too long')).not.toBeInstanceOf(QueryTooComplexError);
  });

  it('sends one Cypher query per request (once its plan is cached)', async () => {
    await synergyPaths(db, { from: id('a'), to: id('t') });
    let queries = 0;
    await synergyPaths(db, { from: id('a'), to: id('t') }, { observer: () => void queries++ });
    expect(queries).toBe(1);
  });
});
