/**
 * The database as `npm start` seeds it: France's geography, the article's network, the competency
 * framework (src/seed/on-start.ts START_SETS), in that order. Seeding is idempotent, so test files
 * sharing the run's database may each call it.
 */
import { resolveSource } from '../../src/seed/builtin.ts';
import { seed } from '../../src/seed/load.ts';
import { START_SETS } from '../../src/seed/on-start.ts';
import type { Database } from '../../src/neo4j/database.ts';

export async function seedAsStart(db: Database): Promise<void> {
  for (const name of START_SETS) await seed(db, resolveSource(name));
}
