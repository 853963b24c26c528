import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../src/seed/builtin.ts';
import { seed } from '../../src/seed/load.ts';
import { readSeedPath } from '../../src/seed/read-files.ts';
import { SeedValidationError } from '../../src/seed/validate.ts';
import { testDatabase } from '../support/harness.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const db = testDatabase();

beforeAll(async () => {
  // The bad CSV's good row lives in Albert (commune:80016): the article's seed makes sure it exists,
  // whichever test files ran before (idempotent, safe in the shared database).
  await seed(db, resolveSource('article'));
}, 120_000);

afterAll(async () => {
  await db.close();
});

async function problemsOf(file: string): Promise<{ where: string; message: string }[]> {
  try {
    await seed(db, readSeedPath(path.join(fixtures, file)));
  } catch (err) {
    if (err instanceof SeedValidationError) return err.problems;
    throw err;
  }
  throw new Error(`${file} was accepted`);
}

async function validNodeExists(): Promise<boolean> {
  const [row] = await db.read<{ n: number }>(
    "MATCH (n:Entity) WHERE n.id STARTS WITH 'fixture:' RETURN count(n) AS n",
  );
  return (row?.n ?? 0) > 0;
}

describe('seeding a malformed file', () => {
  it('bad JSON: names the file, line and column, writes nothing', async () => {
    const problems = await problemsOf('bad-json.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toMatch(/bad-json\.json:4:3$/);
    expect(problems[0]?.message).toMatch(/^expected valid JSON/);
    expect(await validNodeExists()).toBe(false);
  });

  it('a node without id: names its JSON path', async () => {
    const problems = await problemsOf('missing-id.json');
    expect(problems).toEqual([{ where: expect.stringMatching(/missing-id\.json: \$\.nodes\[1\]\.id$/), message: 'expected an id (a non-empty string)' }]);
    expect(await validNodeExists()).toBe(false);
  });

  it('an unknown label: names the node and the allowed labels', async () => {
    const problems = await problemsOf('unknown-label.json');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toMatch(/unknown-label\.json: \$\.nodes\[1\]$/);
    expect(problems[0]?.message).toMatch(/^unknown label "Startup"; expected labels among .*Company/);
    expect(await validNodeExists()).toBe(false);
  });

  it("an actor with another kind's label too: names the node and the label, writes nothing", async () => {
    // Counts and pages of the whole network read actors by the label of their kind: one each.
    const problems = await problemsOf('two-kinds.json');
    expect(problems).toEqual([
      {
        where: expect.stringMatching(/two-kinds\.json: \$\.nodes\[1\]$/),
        message: 'actor "fixture:two-kinds" of kind COMPANY: also has the label Cluster of another kind; expected Company only',
      },
    ]);
    expect(await validNodeExists()).toBe(false);
  });

  it('a relationship to a node neither in the file nor in the database', async () => {
    const problems = await problemsOf('unknown-node.json');
    expect(problems).toEqual([
      {
        where: expect.stringMatching(/unknown-node\.json: \$\.relationships\[0\]$/),
        message: 'to "fixture:no-such-university" is not a node of the input nor of the database; expected an existing id',
      },
    ]);
    expect(await validNodeExists()).toBe(false);
  });

  it('bad CSV rows: every one reported with its line, the good row not written either', async () => {
    const problems = await problemsOf('bad-csv');
    expect(problems.map((p) => [p.where.replace(/^.*fixtures\//, ''), p.message])).toEqual([
      ['bad-csv/actors.csv:3', 'expected 5 columns (id,kind,name,commune,employees), got 3'],
      ['bad-csv/actors.csv:4', 'column employees: expected a whole number, got "twelve"'],
      ['bad-csv/actors.csv:5', expect.stringMatching(/^column kind: expected one of .*COMPANY.*, got "STARTUP"$/)],
    ]);
    expect(await validNodeExists()).toBe(false);
  });
});
