import { afterAll, describe, expect, it } from 'vitest';
import { type NodeRow, type RelRow, arraySource } from '../../src/seed/format.ts';
import { SeedAbortedError, seed } from '../../src/seed/load.ts';
import { totals } from '../../src/seed/report.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const prefixes: string[] = [];

afterAll(async () => {
  for (const p of prefixes) await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

/** 60 companies and 6 universities, each company collaborating with 2 universities. */
function network(p: string) {
  const nodes: NodeRow[] = [];
  const relationships: RelRow[] = [];
  for (let u = 0; u < 6; u++)
    nodes.push({ id: `${p}:u${u}`, labels: ['Actor', 'University'], properties: { name: `U ${u}`, kind: 'UNIVERSITY', source: 'test' }, origin: `u${u}` });
  for (let c = 0; c < 60; c++) {
    nodes.push({ id: `${p}:c${c}`, labels: ['Actor', 'Company'], properties: { name: `C ${c}`, kind: 'COMPANY', source: 'test' }, origin: `c${c}` });
    for (const u of [c % 6, (c + 1) % 6])
      relationships.push({ type: 'COLLABORATES_WITH', from: `${p}:c${c}`, to: `${p}:u${u}`, properties: { kind: 'research', source: 'test' }, origin: `r${c}-${u}` });
  }
  return arraySource(p, { nodes, relationships });
}

async function counts(p: string): Promise<{ nodes: number; rels: number }> {
  const [row] = await db.read<{ nodes: number; rels: number }>(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $p
     RETURN count(n) AS nodes, sum(COUNT { (n)-->() }) AS rels`,
    { p },
  );
  return { nodes: row?.nodes ?? 0, rels: row?.rels ?? 0 };
}

describe('the loader', () => {
  it('seeding twice changes nothing: the second run reports everything unchanged', async () => {
    const p = uniquePrefix('seed-twice');
    prefixes.push(p);
    const first = await seed(db, network(p), { batchSize: 25 });
    expect(totals(first.nodes)).toEqual({ created: 66, updated: 0, unchanged: 0 });
    expect(totals(first.relationships)).toEqual({ created: 120, updated: 0, unchanged: 0 });
    const second = await seed(db, network(p), { batchSize: 25 });
    expect(totals(second.nodes)).toEqual({ created: 0, updated: 0, unchanged: 66 });
    expect(totals(second.relationships)).toEqual({ created: 0, updated: 0, unchanged: 120 });
    expect(await counts(p)).toEqual({ nodes: 66, rels: 120 });
  });

  it('a seed interrupted after 3 batches and run again ends like an uninterrupted one', async () => {
    const whole = uniquePrefix('seed-whole');
    const cut = uniquePrefix('seed-cut');
    prefixes.push(whole, cut);
    await seed(db, network(whole), { batchSize: 10 });

    const controller = new AbortController();
    const stopped = await seed(db, network(cut), {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.batches === 3) controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(stopped).toBeInstanceOf(SeedAbortedError);
    // The batch in flight beside the third one finishes too; nothing starts after the interrupt.
    const committed = Number(/after (\d+) batches/.exec((stopped as Error).message)?.[1]);
    expect(committed).toBeGreaterThanOrEqual(3);
    expect(committed).toBeLessThan(7);
    expect((await counts(cut)).nodes).toBe(committed * 10); // whole batches of 10 nodes, no more

    const resumed = await seed(db, network(cut), { batchSize: 10 });
    expect(totals(resumed.nodes)).toEqual({ created: 66 - committed * 10, updated: 0, unchanged: committed * 10 });
    expect(await counts(cut)).toEqual(await counts(whole));
    expect(await counts(cut)).toEqual({ nodes: 66, rels: 120 });
  });

  it('a seed interrupted while linking, run again, links what was left and nothing twice', async () => {
    const whole = uniquePrefix('seed-links-whole');
    const cut = uniquePrefix('seed-links-cut');
    prefixes.push(whole, cut);
    await seed(db, network(whole), { batchSize: 10 });
    // 7 node batches (6 of companies, 1 of universities), then 12 of relationships.
    const controller = new AbortController();
    const stopped = await seed(db, network(cut), {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'relationships' && progress.batches === 9) controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(stopped).toBeInstanceOf(SeedAbortedError);
    const linked = (await counts(cut)).rels;
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThan(120);

    const resumed = await seed(db, network(cut), { batchSize: 10 });
    expect(totals(resumed.nodes)).toEqual({ created: 0, updated: 0, unchanged: 66 });
    expect(totals(resumed.relationships)).toEqual({ created: 120 - linked, updated: 0, unchanged: linked });
    expect(await counts(cut)).toEqual(await counts(whole));
  });

  it('a seed over part of its data already in the database creates the rest and doubles nothing', async () => {
    const p = uniquePrefix('seed-partial');
    prefixes.push(p);
    const full = network(p);
    const before = arraySource(p, {
      nodes: [...full.nodes()].filter((n) => n.id.includes(':u') || /:c\d$/.test(n.id)), // 6 universities, companies 0-9
      relationships: [...full.relationships()].slice(0, 3), // c0 and c1 with their universities
    });
    await seed(db, before, { batchSize: 10 });
    expect(await counts(p)).toEqual({ nodes: 16, rels: 3 });

    const report = await seed(db, network(p), { batchSize: 10 });
    expect(totals(report.nodes)).toEqual({ created: 50, updated: 0, unchanged: 16 });
    expect(totals(report.relationships)).toEqual({ created: 117, updated: 0, unchanged: 3 });
    expect(await counts(p)).toEqual({ nodes: 66, rels: 120 });
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const p = uniquePrefix('seed-dry');
    prefixes.push(p);
    const report = await seed(db, network(p), { dryRun: true });
    expect(totals(report.nodes).created).toBe(66);
    expect(totals(report.relationships).created).toBe(120);
    expect(await counts(p)).toEqual({ nodes: 0, rels: 0 });
  });

  it('a changed property counts as updated, and is written', async () => {
    const p = uniquePrefix('seed-update');
    prefixes.push(p);
    await seed(db, network(p));
    const changed = arraySource(p, {
      nodes: [{ id: `${p}:c1`, labels: ['Actor', 'Company'], properties: { name: 'Renamed', kind: 'COMPANY', source: 'test' }, origin: 'x' }],
    });
    const report = await seed(db, changed);
    expect(report.nodes.get('Actor:Company')).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [row] = await db.read<{ name: string }>('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id: `${p}:c1` });
    expect(row?.name).toBe('Renamed');
  });
});
