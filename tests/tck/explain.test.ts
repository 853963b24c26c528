// The TCK's guard: in the integration tier every printed query is EXPLAINed against the real Neo4j.
import { describe, expect, it } from 'vitest';
import { explain, explaining } from './translate.ts';

describe.runIf(explaining)('TCK snapshots are EXPLAINed against Neo4j', () => {
  it('refuses Cypher Neo4j cannot plan', async () => {
    await expect(explain('READ', 'MATCH (n:Actor RETURN n', {})).rejects.toThrow(/Invalid input/);
    await expect(explain('WRITE', 'MERGE (n:Actor {id: $id}) RETURN m', { id: 'x' })).rejects.toThrow(/not defined/);
  });

  it('accepts Cypher it can plan, without running it', async () => {
    await expect(explain('WRITE', 'CREATE (n:Actor {id: $id}) RETURN n', { id: 'tck-never-written' })).resolves.toBeUndefined();
  });
});
