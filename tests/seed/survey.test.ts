import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../src/seed/builtin.ts';
import { type AnswerRow, arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const p = uniquePrefix('survey');

const company = { id: `${p}:sme`, labels: ['Actor', 'Company'], properties: { name: 'SME', kind: 'COMPANY', source: 'test' }, origin: 'sme' };
const answer = (id: string, competency: string, priority: number): AnswerRow => ({
  answer: `${p}-${id}`,
  company: company.id,
  competency,
  priority,
  source: 'survey',
  origin: id,
});

async function needs(): Promise<{ competency: string; weight: number; responses: number }[]> {
  return db.read(
    `MATCH (:Company {id: $id})-[n:NEEDS]->(k:Competency) RETURN k.id AS competency, n.weight AS weight, n.responses AS responses ORDER BY competency`,
    { id: company.id },
  );
}

beforeAll(async () => {
  await seed(db, resolveSource('framework'));
  await seed(db, arraySource(p, { nodes: [company] }));
});

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p OR n.id STARTS WITH $a DETACH DELETE n', { p, a: `answer:${p}` });
  await db.close();
});

describe('survey answers', () => {
  it('add up to NEEDS with a weight (mean priority / 5) and a response count', async () => {
    await seed(db, arraySource(p, {
      answers: [answer('1', 'competency:export-strategy', 5), answer('2', 'competency:export-strategy', 3), answer('3', 'competency:ideation', 2)],
    }));
    expect(await needs()).toEqual([
      { competency: 'competency:export-strategy', weight: 0.8, responses: 2 },
      { competency: 'competency:ideation', weight: 0.4, responses: 1 },
    ]);
  });

  it('re-imported, they do not count twice; corrected, NEEDS follow the correction', async () => {
    await seed(db, arraySource(p, {
      answers: [answer('1', 'competency:export-strategy', 5), answer('2', 'competency:export-strategy', 3), answer('3', 'competency:ideation', 2)],
    }));
    expect((await needs()).map((n) => n.responses)).toEqual([2, 1]);
    // Answer 3 was mistyped: it named prototyping, with priority 4.
    await seed(db, arraySource(p, { answers: [answer('3', 'competency:prototyping', 4)] }));
    expect(await needs()).toEqual([
      { competency: 'competency:export-strategy', weight: 0.8, responses: 2 },
      { competency: 'competency:prototyping', weight: 0.8, responses: 1 },
    ]);
  });
});
