// A later start skips the schema statements whose index exists, by name (src/neo4j/migrations.ts):
// sound only if every statement names its index or constraint, each name once.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, schemaName } from '../../src/neo4j/migrations.ts';

describe('schema migrations', () => {
  it('each statement names its index or constraint, and no two share a name', () => {
    const names = MIGRATIONS.map(schemaName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('kind_company_id');
    expect(names).toContain('actor_presence');
  });

  it('refuses a statement without a name to skip it by', () => {
    expect(() => schemaName('CREATE INDEX IF NOT EXISTS FOR (n:Actor) ON (n.id)')).toThrow(/Not a named/);
  });
});
