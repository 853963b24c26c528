/** seeds/README.md documents the column names the loader accepts: the table and the code agree. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedsDir } from '../../src/seed/builtin.ts';
import { COLUMN_ALIASES } from '../../src/seed/columns.ts';

describe('seeds/README.md, "Column names"', () => {
  it('lists every column with every other name it goes by', () => {
    const readme = readFileSync(path.join(seedsDir, 'README.md'), 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\| `([A-Za-z]+)` \| (.*) \|$/gm)].map((m) => [m[1], (m[2] ?? '').split(', ').filter(Boolean)]),
    );
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) expect(rows.get(column), column).toEqual(aliases.slice(1));
  });
});
