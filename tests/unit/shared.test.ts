import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/domain/errors.ts';
import { byId, checkFirst, round } from '../../src/domain/shared.ts';

describe('shared helpers', () => {
  it('round keeps the given decimals', () => {
    expect(round(0.123456, 4)).toBe(0.1235);
    expect(round(2 / 3, 6)).toBe(0.666667);
  });

  it('byId orders as Cypher orders strings (code units, not locale)', () => {
    expect([{ id: 'b' }, { id: 'B' }, { id: 'a' }, { id: 'é' }].sort(byId).map((x) => x.id)).toEqual(['B', 'a', 'b', 'é']);
  });

  it('checkFirst: the default when absent, else a whole number in 0..max', () => {
    const bounds = { fallback: 7, max: 10, path: ['hubs', 'first'] };
    expect(checkFirst(undefined, bounds)).toBe(7);
    expect(checkFirst(null, bounds)).toBe(7);
    expect(checkFirst(0, bounds)).toBe(0);
    expect(checkFirst(10, bounds)).toBe(10);
    for (const bad of [-1, 11, 1.5]) {
      expect(() => checkFirst(bad, bounds)).toThrow(BadInputError);
      expect(() => checkFirst(bad, bounds)).toThrow('`first` must be between 0 and 10.');
    }
  });
});
