import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, node, territory } from './graph.ts';
import { DEFAULT_SUGGESTION_LIMITS, synergies as suggest } from '../../src/synergy/suggestions.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('sugg');
const id = (name: string) => `${p}-${name}`;

/*
 * An SME of commune c1 (EPCI e1, département d1, région r1) needs k1 (1), k2 (1), k3 (0.5), k4 (0.5).
 * u1 teaches k1 k2 k3, lives in d2 (same région):       0.35 * 2.5/3 + 0.2 * 0.3 = 0.35167
 * u2 teaches k1, lives in c1 (same commune):            0.35 * 1/3   + 0.2 * 1   = 0.31667
 * u3 is a partner of the SME's cluster (degree 2):      0.2 * (1/ln 2) / (1 + 1/ln 2) = 0.11813
 * u5 took part in the same event (degree 2):            0.15 * 0.59065 = 0.0886
 * u4 already collaborates with the SME: never suggested, though it teaches all four.
 * co2, a company of the same EPCI, is not a university.
 */
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
    [id('u3'), 'PARTNER_OF', id('cluster')],
    [id('sme'), 'PARTICIPATED_IN', id('event')],
    [id('u5'), 'PARTICIPATED_IN', id('event')],
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
  it('ranks unlinked universities by competencies, territory, partners and events', async () => {
    const res = await synergies(id('sme'), ['UNIVERSITY']);
    expect(res.errors).toBeUndefined();
    const found = res.data!.synergies;
    expect(found.map((s) => s.actor.id)).toEqual([id('u1'), id('u2'), id('u3'), id('u5')]);
    expect(found.map((s) => s.score)).toEqual([0.3517, 0.3167, 0.1181, 0.0886]);
  });

  it('explains each score by its factors, with shares summing to 1', async () => {
    const [u1, u2, u3, u5] = (await synergies(id('sme'), ['UNIVERSITY'])).data!.synergies;
    expect(u1!.reasons).toEqual([
      {
        factor: 'COMPETENCIES',
        share: 0.8294,
        value: 0.8333,
        weight: 0.35,
        sentence: 'teaches 3 of the 4 competencies you need: export markets, prototyping, design',
        related: [{ id: id('k2') }, { id: id('k1') }, { id: id('k3') }],
      },
      {
        factor: 'TERRITORY',
        share: 0.1706,
        value: 0.3,
        weight: 0.2,
        sentence: 'is in the same région as you: Région Une',
        related: [{ id: id('r1') }],
      },
    ]);
    expect(u2!.reasons.map((r) => [r.factor, r.sentence])).toEqual([
      ['TERRITORY', 'is in the same commune as you: Commune Une'],
      ['COMPETENCIES', 'teaches 1 of the 4 competencies you need: prototyping'],
    ]);
    expect(u3!.reasons.map((r) => [r.factor, r.sentence])).toEqual([['SHARED_PARTNERS', 'shares 1 partner with you: Grappe']]);
    expect(u5!.reasons.map((r) => [r.factor, r.sentence])).toEqual([
      ['SHARED_EVENTS', 'took part in 1 event or programme with you: the Forum des PME'],
    ]);
    for (const s of [u1!, u2!]) expect(s.reasons.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 3);
  });

  it('works the other way round: a university is offered the SMEs that need what it teaches', async () => {
    const found = (await synergies(id('u1'), ['COMPANY'])).data!.synergies;
    expect(found[0]!.actor.id).toBe(id('sme'));
    expect(found[0]!.reasons[0]!.sentence).toBe('needs 3 of its 4 competencies from what you teach: export markets, prototyping, design');
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
    expect((await synergies(id('sme'), ['UNIVERSITY'], 2)).data!.synergies.map((s) => s.actor.id)).toEqual([id('u1'), id('u2')]);
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
