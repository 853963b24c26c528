import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adamicAdar,
  aucOf,
  BASELINES,
  bootstrap,
  commonNeighbours,
  type DatedLink,
  LinkGraph,
  pairKey,
  pairScore,
  preferentialAttachment,
  rankAmong,
  resourceAllocation,
  timeSplit,
  twoHopScores,
} from '../../src/synergy/evaluation.ts';

/*
 * A small network, computed by hand. s is an SME, c a cluster, e an event, k a competency.
 *   s: c, e, k                (degree 3)
 *   u1: c, e                  (degree 2)    c: s, u1, x        (degree 3)
 *   u2: e, k                  (degree 2)    e: s, u1, u2, y    (degree 4)
 *   u3: k                     (degree 1)    k: s, u2, u3, u4, u5 (degree 5)
 * (u1, c) is given twice and (e, u2) backwards: a link and its repeat or reverse count once.
 *
 * s-u1 share c (3) and e (4): CN 2, AA 1/ln 3 + 1/ln 4 = 0.9102 + 0.7213 = 1.6316, RA 1/3 + 1/4 = 0.5833, PA 3 x 2 = 6
 * s-u2 share e (4) and k (5): CN 2, AA 1/ln 4 + 1/ln 5 = 0.7213 + 0.6213 = 1.3427, RA 1/4 + 1/5 = 0.45,  PA 3 x 2 = 6
 * s-u3 share k (5):           CN 1, AA 1/ln 5 = 0.6213,                           RA 1/5 = 0.2,         PA 3 x 1 = 3
 * s-x  share c (3):           CN 1, AA 1/ln 3 = 0.9102,                           RA 1/3 = 0.3333,      PA 3 x 1 = 3
 * u1-u3 share nothing:        CN 0, AA 0, RA 0,                                                         PA 2 x 1 = 2
 */
const edges: [string, string][] = [
  ['s', 'c'],
  ['s', 'e'],
  ['s', 'k'],
  ['u1', 'c'],
  ['u1', 'c'],
  ['u1', 'e'],
  ['e', 'u2'],
  ['u2', 'k'],
  ['x', 'c'],
  ['y', 'e'],
  ['k', 'u3'],
  ['k', 'u4'],
  ['k', 'u5'],
];
const g = new LinkGraph(edges);

describe('baselines on a hand-built network', () => {
  it('common neighbours counts shared neighbours', () => {
    expect(commonNeighbours(g, 's', 'u1')).toBe(2);
    expect(commonNeighbours(g, 's', 'u2')).toBe(2);
    expect(commonNeighbours(g, 's', 'u3')).toBe(1);
    expect(commonNeighbours(g, 's', 'x')).toBe(1);
    expect(commonNeighbours(g, 'u1', 'u3')).toBe(0);
  });

  it('Adamic-Adar weighs each shared neighbour by 1 / ln(its degree)', () => {
    expect(adamicAdar(g, 's', 'u1')).toBeCloseTo(1.6316, 4);
    expect(adamicAdar(g, 's', 'u2')).toBeCloseTo(1.3427, 4);
    expect(adamicAdar(g, 's', 'u3')).toBeCloseTo(0.6213, 4);
    expect(adamicAdar(g, 's', 'x')).toBeCloseTo(0.9102, 4);
    expect(adamicAdar(g, 'u1', 'u3')).toBe(0);
  });

  it('resource allocation weighs each shared neighbour by 1 / its degree', () => {
    expect(resourceAllocation(g, 's', 'u1')).toBeCloseTo(0.5833, 4);
    expect(resourceAllocation(g, 's', 'u2')).toBeCloseTo(0.45, 4);
    expect(resourceAllocation(g, 's', 'u3')).toBeCloseTo(0.2, 4);
    expect(resourceAllocation(g, 's', 'x')).toBeCloseTo(0.3333, 4);
  });

  it('preferential attachment multiplies the degrees', () => {
    expect(preferentialAttachment(g, 's', 'u1')).toBe(6);
    expect(preferentialAttachment(g, 's', 'u2')).toBe(6);
    expect(preferentialAttachment(g, 's', 'u3')).toBe(3);
    expect(preferentialAttachment(g, 'u1', 'u3')).toBe(2);
  });

  it('is symmetric, and the one-walk scores of a source equal the pair scores', () => {
    const nodes = [...g.adjacency.keys()];
    for (const a of nodes) {
      const walked = twoHopScores(g, a);
      for (const b of nodes) {
        if (a === b) continue;
        for (const baseline of BASELINES) expect(pairScore(g, baseline, a, b)).toBeCloseTo(pairScore(g, baseline, b, a), 12);
        expect(walked.get(b)?.commonNeighbours ?? 0).toBe(commonNeighbours(g, a, b));
        expect(walked.get(b)?.adamicAdar ?? 0).toBeCloseTo(adamicAdar(g, a, b), 12);
        expect(walked.get(b)?.resourceAllocation ?? 0).toBeCloseTo(resourceAllocation(g, a, b), 12);
      }
    }
  });
});

describe('time split', () => {
  const links: DatedLink[] = [
    { from: 's', to: 'commune', type: 'LOCATED_IN' },
    { from: 's', to: 'u1', type: 'COLLABORATES_WITH', date: '2020-03' },
    { from: 's', to: 'u2', type: 'COLLABORATES_WITH', date: '2022-01' },
    { from: 'u1', to: 's', type: 'PARTNER_OF', date: '2023-05' },
    { from: 's', to: 'u3', type: 'COLLABORATES_WITH', date: '2023-02' },
    { from: 'u3', to: 's', type: 'PARTNER_OF', date: '2024-02' },
  ];

  it('trains on links before the cutoff and structure, tests on new pairs from the cutoff on', () => {
    const { train, test } = timeSplit(links, '2022-01');
    expect(train.map((l) => l.to)).toEqual(['commune', 'u1']);
    // s-u1 again in 2023 is not a new link; s-u3 twice is one test pair.
    expect(test.map((l) => [l.from, l.to])).toEqual([
      ['s', 'u2'],
      ['s', 'u3'],
    ]);
  });

  it('never lets a test link into training, whatever the links and the cutoff', () => {
    const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const date = fc.option(fc.constantFrom('2019-01', '2020-06', '2021-12', '2022-01', '2023-07'), { nil: undefined });
    const link = fc.record({ from: node, to: node, type: fc.constantFrom('COLLABORATES_WITH', 'MEMBER_OF'), date });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 40 }), fc.constantFrom('2020-01', '2021-12', '2022-01', '2024-01'), (all, cutoff) => {
        const { train, test } = timeSplit(all, cutoff);
        const trained = new LinkGraph(train.map((l) => [l.from, l.to] as const));
        for (const l of train) expect(l.date === undefined || l.date < cutoff).toBe(true);
        for (const l of test) {
          expect(l.date! >= cutoff).toBe(true);
          expect(trained.has(l.from, l.to)).toBe(false);
        }
        // Every later link either joins a trained pair or is tested, once.
        const keys = test.map((l) => pairKey(l.from, l.to));
        expect(new Set(keys).size).toBe(keys.length);
        for (const l of all) {
          if (l.date === undefined || l.date < cutoff || l.from === l.to) continue;
          expect(trained.has(l.from, l.to) || keys.includes(pairKey(l.from, l.to))).toBe(true);
        }
      }),
    );
  });
});

describe('metrics', () => {
  it('ranks a positive among negatives, ties counting half', () => {
    expect(rankAmong(0.9, [0.1, 0.2])).toBe(1);
    expect(rankAmong(0.5, [0.9, 0.1, 0.5])).toBe(2.5);
    // Everything tied: the rank of a random order, not the best.
    expect(rankAmong(0, [0, 0, 0, 0])).toBe(3);
  });

  it('gives AUC 1 when the positive beats every negative, 0.5 for all ties', () => {
    expect(aucOf(1, [0, 0.5])).toBe(1);
    expect(aucOf(0, [0, 0])).toBe(0.5);
    expect(aucOf(0.3, [0.1, 0.5, 0.3, 0.9])).toBe(0.375);
  });

  it('bootstraps a deterministic 95% interval around the mean', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const a = bootstrap(values, 500, 3);
    expect(a.mean).toBe(0.25);
    expect(a.low).toBeLessThan(0.25);
    expect(a.high).toBeGreaterThan(0.25);
    expect(a.high - a.low).toBeLessThan(0.15);
    expect(bootstrap(values, 500, 3)).toEqual(a);
    expect(bootstrap([0.5, Number.NaN]).n).toBe(1);
  });
});
