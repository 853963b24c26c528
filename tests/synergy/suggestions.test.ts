import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, node, territory } from './graph.ts';
import {
  DEFAULT_SUGGESTION_LIMITS,
  estimatesAndScores,
  FACTOR_WEIGHTS as W,
  type SynergyFactor,
  synergies as suggest,
} from '../../src/synergy/suggestions.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('sugg');
const id = (name: string) => `${p}-${name}`;

/*
 * An SME of commune c1 (EPCI e1, département d1, région r1) needs k1 (1), k2 (1), k3 (0.5), k4 (0.5).
 * Factor values by hand (the weights W come from src/synergy/weights.ts, fitted elsewhere):
 * u1 teaches k1 k2 k3, lives in d2 (same région):   COMPETENCIES 2.5/3 = 0.8333, TERRITORY 0.3
 * u2 teaches k1, lives in c1 (same commune):        COMPETENCIES 1/3 = 0.3333, TERRITORY 1
 * u3 is a partner of the SME's cluster (degree 2), since 2019-03:
 *   SHARED_PARTNERS (1/ln 2) / (1 + 1/ln 2) = 0.5906, CAPACITY (1 tie) ln 2 / ln 33 = 0.1982,
 *   RECENCY (1 tie in the 24 months before 2020-06) ln 2 / ln 9 = 0.3155
 * u5 took part in the same event (degree 2) in 2019: SHARED_EVENTS 0.5906, CAPACITY 0.1982
 * u4 already collaborates with the SME: never suggested, though it teaches all four.
 * co2, a company of the same EPCI, is not a university.
 */
const VALUES: Record<string, [SynergyFactor, number][]> = {
  u1: [
    ['COMPETENCIES', 2.5 / 3],
    ['TERRITORY', 0.3],
  ],
  u2: [
    ['COMPETENCIES', 1 / 3],
    ['TERRITORY', 1],
  ],
  u3: [
    ['SHARED_PARTNERS', 0.5906],
    ['CAPACITY', 0.1982],
  ],
  u5: [
    ['SHARED_EVENTS', 0.5906],
    ['CAPACITY', 0.1982],
  ],
};
/** The score by hand: the sum of weight x value. */
const expectedScore = (parts: [SynergyFactor, number][]) => parts.reduce((sum, [f, v]) => sum + W[f] * v, 0);
/** The reasons listed: those with a weight, largest share first. */
const expectedFactors = (parts: [SynergyFactor, number][]) =>
  parts.filter(([f]) => W[f] > 0).sort((a, b) => W[b[0]] * b[1] - W[a[0]] * a[1]).map(([f]) => f);
const ranked = Object.keys(VALUES).sort((a, b) => expectedScore(VALUES[b]!) - expectedScore(VALUES[a]!));
const graph = {
  nodes: [
    territory(id('r1'), 'Region', 'Région Une', { kind: 'REGION' }),
    territory(id('d1'), 'Department', 'Département Un'),
    territory(id('d2'), 'Department', 'Département Deux'),
    territory(id('e1'), 'Epci', 'CC Une'),
    territory(id('c1'), 'Commune', 'Commune Une'),
    territory(id('c2'), 'Commune', 'Commune Deux'),
    territory(id('c3'), 'Commune', 'Commune Trois'),
    actor(id('sme'), 'Company', 'PME Somme'),
    actor(id('co2'), 'Company', 'Voisine'),
    actor(id('cluster'), 'Cluster', 'Grappe'),
    actor(id('u1'), 'University', 'Université Un'),
    actor(id('u2'), 'University', 'Université Deux'),
    actor(id('u3'), 'University', 'Université Trois'),
    actor(id('u4'), 'University', 'Université Quatre'),
    actor(id('u5'), 'University', 'Université Cinq'),
    node(id('event'), 'Event', 'Forum des PME', { kind: 'workshop' }),
    node(id('k1'), 'Competency', 'prototyping'),
    node(id('k2'), 'Competency', 'export markets'),
    node(id('k3'), 'Competency', 'design'),
    node(id('k4'), 'Competency', 'negotiation'),
  ],
  rels: [
    [id('d1'), 'PART_OF', id('r1')],
    [id('d2'), 'PART_OF', id('r1')],
    [id('e1'), 'PART_OF', id('d1')],
    [id('c1'), 'PART_OF', id('e1')],
    [id('c1'), 'PART_OF', id('d1')],
    [id('c2'), 'PART_OF', id('e1')],
    [id('c2'), 'PART_OF', id('d1')],
    [id('c3'), 'PART_OF', id('d2')],
    [id('sme'), 'LOCATED_IN', id('c1')],
    [id('co2'), 'LOCATED_IN', id('c2')],
    [id('u1'), 'LOCATED_IN', id('c3')],
    [id('u2'), 'LOCATED_IN', id('c1')],
    [id('sme'), 'NEEDS', id('k1'), { weight: 1, responses: 3 }],
    [id('sme'), 'NEEDS', id('k2'), { weight: 1, responses: 3 }],
    [id('sme'), 'NEEDS', id('k3'), { weight: 0.5, responses: 3 }],
    [id('sme'), 'NEEDS', id('k4'), { weight: 0.5, responses: 3 }],
    [id('u1'), 'TEACHES', id('k1')],
    [id('u1'), 'TEACHES', id('k2')],
    [id('u1'), 'TEACHES', id('k3')],
    [id('u2'), 'TEACHES', id('k1')],
    [id('u4'), 'TEACHES', id('k1')],
    [id('u4'), 'TEACHES', id('k2')],
    [id('u4'), 'TEACHES', id('k3')],
    [id('u4'), 'TEACHES', id('k4')],
    [id('sme'), 'COLLABORATES_WITH', id('u4'), { kind: 'internship' }],
    [id('sme'), 'MEMBER_OF', id('cluster')],
    [id('u3'), 'PARTNER_OF', id('cluster'), { date: '2019-03' }],
    [id('sme'), 'PARTICIPATED_IN', id('event')],
    [id('u5'), 'PARTICIPATED_IN', id('event'), { since: 2019 }],
  ] as [string, string, string, Record<string, unknown>?][],
};

beforeAll(async () => {
  await createGraph(db, graph);
});

afterAll(async () => {
  await deleteGraph(db, p);
  await db.close();
});

interface SynergyResult {
  actor: { id: string; name: string };
  score: number;
  reasons: { factor: string; share: number; value: number; weight: number; sentence: string; related: { id: string }[] }[];
}

const SYNERGIES = `query($id: ID!, $kinds: [ActorKind!], $first: Int) {
  synergies(actorId: $id, kinds: $kinds, first: $first) {
    actor { id name } score
    reasons { factor share value weight sentence related { id } }
  }
}`;

async function synergies(actorId: string, kinds?: string[], first?: number) {
  return gql<{ synergies: SynergyResult[] }>(server, SYNERGIES, { id: actorId, kinds, first });
}

describe('synergies', () => {
  it('ranks unlinked universities by competencies, territory, partners, events and capacity', async () => {
    const res = await synergies(id('sme'), ['UNIVERSITY']);
    expect(res.errors).toBeUndefined();
    const found = res.data!.synergies;
    expect(found.map((s) => s.actor.id)).toEqual(ranked.map(id));
    found.forEach((s, i) => expect(s.score).toBeCloseTo(expectedScore(VALUES[ranked[i]!]!), 3));
  });

  it('explains each score by its factors, with shares summing to 1', async () => {
    const found = (await synergies(id('sme'), ['UNIVERSITY'])).data!.synergies;
    const of = (name: string) => found.find((s) => s.actor.id === id(name))!;
    for (const name of ranked) {
      expect(of(name).reasons.map((r) => r.factor)).toEqual(expectedFactors(VALUES[name]!));
      for (const r of of(name).reasons) expect(r.weight).toBe(W[r.factor as SynergyFactor]);
      expect(of(name).reasons.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 3);
    }
    const sentence = (name: string, factor: string) => of(name).reasons.find((r) => r.factor === factor);
    expect(sentence('u1', 'COMPETENCIES')).toMatchObject({
      value: 0.8333,
      sentence: 'teaches 3 of the 4 competencies you need: export markets, prototyping, design',
      related: [{ id: id('k2') }, { id: id('k1') }, { id: id('k3') }],
    });
    expect(sentence('u1', 'TERRITORY')).toMatchObject({ value: 0.3, sentence: 'is in the same région as you: Région Une', related: [{ id: id('r1') }] });
    expect(sentence('u2', 'TERRITORY')?.sentence).toBe('is in the same commune as you: Commune Une');
    expect(sentence('u2', 'COMPETENCIES')?.sentence).toBe('teaches 1 of the 4 competencies you need: prototyping');
    expect(sentence('u3', 'SHARED_PARTNERS')?.sentence).toBe('shares 1 partner with you: Grappe');
    expect(sentence('u5', 'SHARED_EVENTS')?.sentence).toBe('took part in 1 event or programme with you: the Forum des PME');
    if (W.CAPACITY > 0) expect(sentence('u5', 'CAPACITY')).toMatchObject({ value: 0.1982, sentence: 'already works with 1 partner, event or programme' });
  });

  it('counts ties formed in the 24 months before the date asked as recent', async () => {
    const at = async (asOf: string) =>
      new Map((await estimatesAndScores(db, { actorId: id('sme'), kinds: ['UNIVERSITY'], first: 10, asOf })).map((c) => [c.synergy.actor.id, c.values]));
    // u3's tie dates from 2019-03, u5's from 2019 (counted as mid-2019).
    expect((await at('2020-06')).get(id('u3'))?.RECENCY).toBeCloseTo(Math.log(2) / Math.log(9), 4);
    expect((await at('2020-06')).get(id('u5'))?.RECENCY).toBeCloseTo(Math.log(2) / Math.log(9), 4);
    expect((await at('2021-04')).get(id('u3'))?.RECENCY).toBe(0);
    expect((await at('2021-04')).get(id('u5'))?.RECENCY).toBeCloseTo(Math.log(2) / Math.log(9), 4);
    expect((await at('2019-01')).get(id('u3'))?.RECENCY).toBe(0);
    expect((await at('2021-08')).get(id('u5'))?.RECENCY).toBe(0);
  });

  it('ranks by an estimate in Cypher that equals the score computed in TypeScript', async () => {
    for (const kinds of [['UNIVERSITY' as const], null]) {
      for (const asOf of [undefined, '2020-06']) {
        const all = await estimatesAndScores(db, { actorId: id('sme'), kinds, first: 50, asOf });
        expect(all.length).toBeGreaterThanOrEqual(4);
        for (const c of all) {
          // The exact score counts only listed reasons, rounded: the estimate sums every factor.
          const full = Object.entries(c.values).reduce((sum, [f, v]) => sum + W[f as SynergyFactor] * v, 0);
          expect(c.estimate).toBeCloseTo(full, 9);
          expect(c.synergy.score).toBeCloseTo(c.estimate, 3);
        }
      }
    }
  });

  it('works the other way round: a university is offered the SMEs that need what it teaches', async () => {
    const found = (await synergies(id('u1'), ['COMPANY'])).data!.synergies;
    expect(found[0]!.actor.id).toBe(id('sme'));
    expect(found[0]!.reasons.find((r) => r.factor === 'COMPETENCIES')?.sentence).toBe('needs 3 of its 4 competencies from what you teach: export markets, prototyping, design');
  });

  it('never suggests an actor already linked, and filters by kind', async () => {
    const all = (await synergies(id('sme'), null as unknown as undefined, 50)).data!.synergies.map((s) => s.actor.id);
    expect(all).not.toContain(id('u4'));
    expect(all).not.toContain(id('cluster'));
    expect(all).toContain(id('co2'));
    const universities = (await synergies(id('sme'), ['UNIVERSITY'], 50)).data!.synergies.map((s) => s.actor.id);
    expect(universities).not.toContain(id('co2'));
  });

  it('keeps the first n', async () => {
    expect((await synergies(id('sme'), ['UNIVERSITY'], 2)).data!.synergies.map((s) => s.actor.id)).toEqual(ranked.slice(0, 2).map(id));
  });

  it('finds the same best partners when only a shortlist of twice `first` is fully scored', async () => {
    const tight = { ...DEFAULT_SUGGESTION_LIMITS, shortlist: 0 };
    for (const kinds of [['UNIVERSITY' as const], null]) {
      const everything = await suggest(db, { actorId: id('sme'), kinds, first: 50 });
      expect(everything.length).toBeGreaterThanOrEqual(4);
      for (const first of [1, 2, 3]) {
        const few = await suggest(db, { actorId: id('sme'), kinds, first }, {}, tight);
        expect(few.map((s) => [s.actor.id, s.score])).toEqual(everything.slice(0, first).map((s) => [s.actor.id, s.score]));
      }
    }
  });

  it('answers NOT_FOUND for an unknown actor and BAD_USER_INPUT beyond 100', async () => {
    expect((await synergies(id('nope'))).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await synergies(id('sme'), undefined, 101)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['first'],
    });
  });
});
