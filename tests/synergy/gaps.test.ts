import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competencyGaps } from '../../src/synergy/gaps.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { actor, createGraph, deleteGraph, node, territory } from './graph.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('gaps');
const id = (name: string) => `${p}-${name}`;

/*
 * Région r: département d1 (commune c1: s1, s2, university u1) and d2 (commune c2: s3, university u2).
 * Needs: s1 kA 0.8 (10 answers); s2 kA 0.6 (5) and kB 1 (2); s3 kA 1 (no weight given: 1).
 * Teaching: u1 kB (inside d1), u2 kA (d2: within reach of d1). s2 collaborates with u2.
 * Inside d1: kA demand 1.4, supply 0.5, gap 1.4 / 1.5 = 0.9333, exposed s1 (s2 works with u2);
 *            kB demand 1, supply 1, gap 0.5, exposed s2 (u2 does not teach kB).
 * Inside r:  kA demand 2.4, supply 1 (u2 inside), gap 1.2; kB as above.
 */
const graph = {
  nodes: [
    territory(id('r'), 'Region', 'Région Test', { kind: 'REGION' }),
    territory(id('d1'), 'Department', 'Un'),
    territory(id('d2'), 'Department', 'Deux'),
    territory(id('c1'), 'Commune', 'Commune Un'),
    territory(id('c2'), 'Commune', 'Commune Deux'),
    actor(id('s1'), 'Company', 'PME Un'),
    actor(id('s2'), 'Company', 'PME Deux'),
    actor(id('s3'), 'Company', 'PME Trois'),
    actor(id('u1'), 'University', 'École Un'),
    actor(id('u2'), 'University', 'École Deux'),
    node(id('kA'), 'Competency', 'export markets', { theme: 'international' }),
    node(id('kB'), 'Competency', 'prototyping', { theme: 'innovation' }),
  ],
  rels: [
    [id('d1'), 'PART_OF', id('r')],
    [id('d2'), 'PART_OF', id('r')],
    [id('c1'), 'PART_OF', id('d1')],
    [id('c2'), 'PART_OF', id('d2')],
    [id('s1'), 'LOCATED_IN', id('c1')],
    [id('s2'), 'LOCATED_IN', id('c1')],
    [id('u1'), 'LOCATED_IN', id('c1')],
    [id('s3'), 'LOCATED_IN', id('c2')],
    [id('u2'), 'LOCATED_IN', id('c2')],
    [id('s1'), 'NEEDS', id('kA'), { weight: 0.8, responses: 10 }],
    [id('s2'), 'NEEDS', id('kA'), { weight: 0.6, responses: 5 }],
    [id('s2'), 'NEEDS', id('kB'), { weight: 1, responses: 2 }],
    [id('s3'), 'NEEDS', id('kA')],
    [id('u1'), 'TEACHES', id('kB')],
    [id('u2'), 'TEACHES', id('kA')],
    [id('s2'), 'COLLABORATES_WITH', id('u2'), { kind: 'apprenticeship' }],
  ] as [string, string, string, Record<string, unknown>?][],
};

beforeAll(async () => {
  await createGraph(db, graph);
});

afterAll(async () => {
  await deleteGraph(db, p);
  await db.close();
});

const GAPS = `query($within: ID) {
  competencyGaps(within: $within) {
    competency { id name }
    demand supply gap companyCount responses
    teachers { id } teachersWithinReach { id }
    exposedCompanies(first: 3) { id }
  }
}`;

describe('competencyGaps', () => {
  it('weighs SME needs against universities inside and within reach of a département', async () => {
    const res = await gql<{ competencyGaps: unknown[] }>(server, GAPS, { within: id('d1') });
    expect(res.errors).toBeUndefined();
    expect(res.data!.competencyGaps).toEqual([
      {
        competency: { id: id('kA'), name: 'export markets' },
        demand: 1.4,
        supply: 0.5,
        gap: 0.9333,
        companyCount: 2,
        responses: 15,
        teachers: [],
        teachersWithinReach: [{ id: id('u2') }],
        exposedCompanies: [{ id: id('s1') }],
      },
      {
        competency: { id: id('kB'), name: 'prototyping' },
        demand: 1,
        supply: 1,
        gap: 0.5,
        companyCount: 1,
        responses: 2,
        teachers: [{ id: id('u1') }],
        teachersWithinReach: [],
        exposedCompanies: [{ id: id('s2') }],
      },
    ]);
  });

  it('counts everything inside a région, and everywhere when within is null', async () => {
    const inRegion = await competencyGaps(db, id('r'));
    const kA = inRegion.find((g) => g.competency.id === id('kA'))!;
    expect([kA.demand, kA.supply, kA.gap, kA.companyCount]).toEqual([2.4, 1, 1.2, 3]);
    expect(kA.exposedCompanies.map((c) => c.id)).toEqual([id('s3'), id('s1')]);
    const everywhere = await competencyGaps(db, null);
    const kAEverywhere = everywhere.find((g) => g.competency.id === id('kA'))!;
    expect([kAEverywhere.demand, kAEverywhere.supply, kAEverywhere.gap]).toEqual([2.4, 1, 1.2]);
  });

  it('answers NOT_FOUND for an unknown territory', async () => {
    const res = await gql(server, GAPS, { within: id('nowhere') });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
