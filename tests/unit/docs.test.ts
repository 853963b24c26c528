// The docs stand alone: nothing points outside the repository, the architecture page is linked
// from the README, and its worked example is the one the model test runs.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';

const SKIP = new Set(['node_modules', '.git', '.neo4j', 'dist', 'test-results', 'generated']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return files(file);
    return /\.(md|ts|graphql|json)$/.test(name) && name !== 'package-lock.json' ? [file] : [];
  });
}

const read = (relative: string) => readFileSync(path.join(projectRoot, relative), 'utf8');

describe('self-contained docs', () => {
  it('no file refers to the shared design notes outside the repository', () => {
    const outside = files(projectRoot).filter((file) => /\.\.\/shared|shared\/design|shared\/seed-article/.test(readFileSync(file, 'utf8')));
    expect(outside.map((file) => path.relative(projectRoot, file)).filter((f) => f !== 'tests/unit/docs.test.ts')).toEqual([]);
  });

  it('the README links the architecture page', () => {
    expect(read('README.md')).toContain('(docs/architecture.md)');
  });

  it("the architecture page's worked example is the fixture the model test adds", () => {
    for (const line of [
      "MENTORS: { from: ['Actor'], to: ['Company'], symmetric: false, cost: 1, participation: false, working: true,",
      "verbs: { en: { active: 'mentors', passive: 'mentored by', passiveClause: 'is mentored by' }, fr: { active: 'accompagne', passive: 'accompagné{e:o} par' } } },",
    ]) {
      expect(read('docs/architecture.md')).toContain(line);
      expect(read('tests/unit/model.test.ts')).toContain(line);
    }
  });
});
