/**
 * Every Cypher lookup of a node by id goes through a uniqueness constraint (`:Entity {id}`, or a
 * label whose id is unique). A lookup on another label's range index, or on a label with no index
 * at all, is planned from the statistics Neo4j has at the time: in a new database they say "empty",
 * and the plan scans the whole index for every row (the first geography batches of `npm start` took
 * 12 and 15 s each instead of 0.1 s). A unique seek is chosen whatever the statistics say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/neo4j/migrations.ts';

const SRC = path.resolve('src');
/** Labels whose `id` a constraint makes unique, read from the migrations themselves. */
const UNIQUE = new Set(MIGRATIONS.flatMap((m) => [...m.matchAll(/FOR \(\w+:(\w+)\) REQUIRE \w+\.id IS UNIQUE/g)].map((x) => x[1]!)));
/** `(a:Actor {id: ...})`, `(:Commune {id: ...})`, `(f:Actor:Region {id: ...})`: a node pattern with an id. */
const LOOKUP = /\((\w*)((?::\w+)+) \{id:/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('node lookups by id', () => {
  it('the constraints the check relies on exist', () => {
    expect([...UNIQUE]).toContain('Entity');
  });

  it('every one in src/ starts from a label whose id is unique', () => {
    const offenders: string[] = [];
    let seen = 0;
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(LOOKUP)) {
        seen += 1;
        const labels = match[2]!.split(':').filter(Boolean);
        if (!labels.some((l) => UNIQUE.has(l))) {
          const line = text.slice(0, match.index).split('\n').length;
          offenders.push(`${path.relative(SRC, file)}:${line} ${match[0]}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
