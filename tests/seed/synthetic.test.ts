import { afterAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/seed/load.ts';
import { totals } from '../../src/seed/report.ts';
import { syntheticSource } from '../../src/seed/synthetic.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';
import { storedState } from '../support/stored-state.ts';

const db = testDatabase();
// This run's own ids, so that the shared database's other synthetic data is left alone.
const prefix = `syn:${uniquePrefix('synthetic')}:`;

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p OR n.id STARTS WITH $a DETACH DELETE n', { p: prefix, a: `answer:${prefix}` });
  await db.close();
});

function collect(seedValue: number, actors: number) {
  const source = syntheticSource({ seed: seedValue, actors });
  return { nodes: [...source.nodes()], relationships: [...source.relationships()], answers: [...source.answers()] };
}

describe('the synthetic generator', () => {
  it('is deterministic: the same seed gives the same network, another seed another one', () => {
    const a = collect(7, 300);
    const b = collect(7, 300);
    const c = collect(8, 300);
    expect(b).toEqual(a);
    expect(c.relationships).not.toEqual(a.relationships);
  });

  it('marks everything it makes synthetic, with syn: ids, and has a heavy tail and local links', () => {
    const { nodes, relationships } = collect(3, 2000);
    const made = nodes.filter((n) => n.id.startsWith('syn:'));
    expect(made.length).toBeGreaterThan(2000);
    expect(made.every((n) => n.properties.synthetic === true && n.properties.source === 'synthetic')).toBe(true);
    expect(relationships.every((r) => r.properties.synthetic === true)).toBe(true);
    // Real places only: actors are LOCATED_IN communes named by INSEE codes.
    expect(relationships.filter((r) => r.type === 'LOCATED_IN').every((r) => /^commune:\w{5}$/.test(r.to))).toBe(true);

    const degree = new Map<string, number>();
    for (const r of relationships) for (const id of [r.from, r.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const actorDegrees = [...degree].filter(([id]) => /^syn:(company|university)/.test(id)).map(([, d]) => d).sort((x, y) => y - x);
    const median = actorDegrees[Math.floor(actorDegrees.length / 2)] ?? 0;
    expect(actorDegrees[0]).toBeGreaterThan(8 * median);

    // Most partnerships stay inside a département (same first two digits of the INSEE code).
    const place = new Map(relationships.filter((r) => r.type === 'LOCATED_IN').map((r) => [r.from, r.to.slice('commune:'.length, 'commune:'.length + 2)]));
    const partners = relationships.filter((r) => r.type === 'PARTNER_OF');
    const local = partners.filter((r) => place.get(r.from) === place.get(r.to)).length / partners.length;
    expect(local).toBeGreaterThan(0.6);
    expect(local).toBeLessThan(0.98);

    // Innovating companies export far more often (the article: 1 in 2 against 1 in 20).
    const companies = nodes.filter((n) => n.labels.includes('Company') && n.properties.synthetic);
    const rate = (innovates: boolean) => {
      const group = companies.filter((n) => n.properties.innovates === innovates);
      return group.filter((n) => n.properties.exports).length / group.length;
    };
    expect(rate(true)).toBeGreaterThan(0.35);
    expect(rate(false)).toBeLessThan(0.12);
  });

  it('loads, and loading it again changes nothing', async () => {
    const first = await seed(db, syntheticSource({ seed: 5, actors: 200, prefix }));
    expect(totals(first.relationships).created + totals(first.relationships).unchanged).toBeGreaterThan(500);
    const before = [await storedState(db, { prefix }), await storedState(db, { prefix: `answer:${prefix}` })];
    expect(before[0]!.nodes.length).toBeGreaterThan(200);
    const second = await seed(db, syntheticSource({ seed: 5, actors: 200, prefix }));
    // Read back from the database, not from the loader's report.
    expect([await storedState(db, { prefix }), await storedState(db, { prefix: `answer:${prefix}` })]).toEqual(before);
    expect(totals(second.nodes).created + totals(second.nodes).updated).toBe(0);
    expect(totals(second.relationships).created + totals(second.relationships).updated).toBe(0);
    const [row] = await db.read<{ needs: number }>(
      `MATCH (c:Company {synthetic: true})-[n:NEEDS]->(:Competency) WHERE c.id STARTS WITH $p RETURN count(n) AS needs`,
      { p: prefix },
    );
    expect(row?.needs).toBeGreaterThan(0);
  });
});
