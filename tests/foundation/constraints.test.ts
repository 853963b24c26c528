import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const p = uniquePrefix('constraint');

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

describe('schema migrations', () => {
  it('reject a second node with the same id, whatever its labels', async () => {
    await db.write(`CREATE (:Entity:Actor:Company {id: $id, name: 'A', kind: 'COMPANY'})`, { id: `${p}-x` });
    await expect(
      db.write(`CREATE (:Entity:Territory:Commune {id: $id, name: 'B'})`, { id: `${p}-x` }),
    ).rejects.toThrow(/already exists|ConstraintValidationFailed/);
    const rows = await db.read<{ n: number }>('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id: `${p}-x` });
    expect(rows[0]?.n).toBe(1);
  });

  it('are online: the full-text index on actor names exists', async () => {
    const rows = await db.read<{ name: string; state: string }>(
      "SHOW INDEXES YIELD name, state WHERE name IN ['actor_names', 'entity_id'] RETURN name, state ORDER BY name",
    );
    expect(rows).toEqual([
      { name: 'actor_names', state: 'ONLINE' },
      { name: 'entity_id', state: 'ONLINE' },
    ]);
  });
});
