import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedsDir } from '../../src/seed/builtin.ts';
import { seedFileJsonSchema } from '../../src/seed/format.ts';
import { jsonErrorPosition } from '../../src/seed/json-position.ts';

describe('the seed file format', () => {
  it('publishes its JSON Schema in seeds/, in step with the zod schema (regenerate with the command in seeds/README.md)', () => {
    const published = JSON.parse(readFileSync(path.join(seedsDir, 'seed-file.schema.json'), 'utf8')) as unknown;
    expect(published).toEqual(seedFileJsonSchema());
  });

  it('finds where invalid JSON goes wrong, as line and column', () => {
    expect(jsonErrorPosition('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1 });
    expect(jsonErrorPosition('{"a": [1, 2}')).toEqual({ line: 1, column: 12 });
    expect(jsonErrorPosition('{"a": "x"}')).toBeUndefined();
  });
});
