/**
 * Suggestions fully score only a shortlist (twice `first`) of the candidates ranked by a cheaper
 * estimate. The estimate misses a shared neighbour with more than `maxNeighbourDegree` relationships
 * (a hub), so a candidate sharing one ranks lower by estimate than by score. Here one does: the
 * shortlist's margin must still bring it back where its score puts it.
 *
 * An SME needs k1..k10 (weight 1 each) and k11 (0.5); total 10.5.
 *   a3..a10 teach k1..k<i>:           score = estimate = 0.35 * i / 10.5   (a10 0.333 ... a6 0.2, a5 0.167)
 *   h teaches k1..k5 and k11, and is a member of the SME's cluster, a hub of 7 relationships (above
 *   the limit of 5 set here): estimate 0.35 * 5.5 / 10.5 = 0.183 (6th, after a6),
 *   score 0.183 + 0.2 * aa / (1 + aa) with aa = 1 / ln 7 = 0.514: 0.251 (4th, before a7 at 0.233).
 * So at first = 4 the exact top 4 is a10, a9, a8, h, and h is only 6th by estimate: a shortlist
 * of `first` would miss it, one of 2 x first finds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SUGGESTION_LIMITS, synergies as suggest } from '../../src/synergy/suggestions.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, node, type NodeSpec, type RelSpec } from './graph.ts';

const db = testDatabase();
const p = uniquePrefix('shortlist');
const id = (name: string) => `${p}-${name}`;
const need = (k: number) => id(`k${k}`);

const nodes: NodeSpec[] = [actor(id('sme'), 'Company', 'PME'), actor(id('cluster'), 'Cluster', 'Grappe'), actor(id('h'), 'University', 'Université H')];
const rels: RelSpec[] = [[id('sme'), 'MEMBER_OF', id('cluster')], [id('h'), 'MEMBER_OF', id('cluster')]];
for (let k = 1; k <= 11; k++) {
  nodes.push(node(need(k), 'Competency', `compétence ${k}`));
  rels.push([id('sme'), 'NEEDS', need(k), { weight: k === 11 ? 0.5 : 1, responses: 3 }]);
}
for (const k of [1, 2, 3, 4, 5, 11]) rels.push([id('h'), 'TEACHES', need(k)]);
for (let i = 3; i <= 10; i++) {
  nodes.push(actor(id(`a${i}`), 'University', `Université ${i}`));
  for (let k = 1; k <= i; k++) rels.push([id(`a${i}`), 'TEACHES', need(k)]);
}
// Five more members make the cluster a hub of 7 relationships.
for (let f = 1; f <= 5; f++) {
  nodes.push(actor(id(`f${f}`), 'Company', `Membre ${f}`));
  rels.push([id(`f${f}`), 'MEMBER_OF', id('cluster')]);
}

/** The cluster is a hub for the estimate; the shortlist is only the floor of 2 x first. */
const limits = { ...DEFAULT_SUGGESTION_LIMITS, maxNeighbourDegree: 5, shortlist: 0 };

beforeAll(async () => {
  await createGraph(db, { nodes, rels });
});

afterAll(async () => {
  await deleteGraph(db, p);
  await db.close();
});

describe('the shortlist of partner suggestions', () => {
  it('finds the same best partners as scoring everyone, though a hub puts one of them lower by estimate', async () => {
    // first = 50: a shortlist of 100 holds every candidate, all fully scored.
    const everything = await suggest(db, { actorId: id('sme'), kinds: ['UNIVERSITY'], first: 50 }, {}, limits);
    expect(everything.map((s) => s.actor.id)).toEqual(['a10', 'a9', 'a8', 'h', 'a7', 'a6', 'a5', 'a4', 'a3'].map(id));

    // The case this test is for: h's score without the shared hub (what the estimate sees) ranks it
    // after a6, i.e. 6th by estimate, while it is 4th by score.
    const h = everything[3]!;
    const viaHub = h.reasons.find((r) => r.factor === 'SHARED_PARTNERS');
    expect(viaHub?.related.map((n) => n.id)).toEqual([id('cluster')]);
    const a6 = everything.find((s) => s.actor.id === id('a6'))!;
    expect(h.score - viaHub!.weight * viaHub!.value).toBeLessThan(a6.score);

    for (const first of [1, 2, 3, 4, 5]) {
      const few = await suggest(db, { actorId: id('sme'), kinds: ['UNIVERSITY'], first }, {}, limits);
      expect(few.map((s) => [s.actor.id, s.score]), `first = ${first}`).toEqual(everything.slice(0, first).map((s) => [s.actor.id, s.score]));
    }
  });
});
