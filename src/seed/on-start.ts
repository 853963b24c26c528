/**
 * `npm start` on an empty database seeds France's geography, then the article's network (and the
 * competency framework), logging progress. A database that already has actors or territories is
 * left alone: seeding is the CLI's job from then on.
 *
 *   await seedOnStart(db, logger)   // true when it seeded
 */
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { resolveSource } from './builtin.ts';
import type { SeedSource } from './format.ts';
import { seed } from './load.ts';
import { reportJson } from './report.ts';

export const START_SETS = ['geography', 'article', 'framework'] as const;

export async function databaseIsEmpty(db: Database): Promise<boolean> {
  const [row] = await db.read<{ found: boolean }>(
    'RETURN EXISTS { MATCH (n:Actor) } OR EXISTS { MATCH (n:Territory) } AS found',
  );
  return !row?.found;
}

/**
 * The start sets read and built (France's geography is built in memory from its package): done
 * while Neo4j boots when the data folder is new (src/main.ts), so that seeding only writes.
 */
export function prepareStartSets(): SeedSource[] {
  return START_SETS.map((name) => resolveSource(name));
}

/** `empty`: databaseIsEmpty's answer, when the caller asked already (asked again if that failed). */
export async function seedOnStart(db: Database, logger: Logger, prepared?: SeedSource[], empty?: Promise<boolean>): Promise<boolean> {
  if (!(await (empty?.catch(() => databaseIsEmpty(db)) ?? databaseIsEmpty(db)))) {
    logger.info('database already has data: not seeding (use npm run seed to add more)');
    return false;
  }
  const sources = prepared ?? prepareStartSets();
  for (const [i, name] of START_SETS.entries()) {
    logger.info({ set: name }, `seeding the empty database: ${name} ...`);
    let lastLog = 0;
    const report = await seed(db, sources[i]!, {
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastLog < 2_000 && p.done !== p.total) return;
        lastLog = now;
        logger.info({ set: name, phase: p.phase, done: p.done, total: p.total }, `seeding ${name}: ${p.phase} ${p.done}/${p.total ?? '?'}`);
      },
    });
    logger.info({ set: name, report: reportJson(report) }, `seeded ${name} in ${(report.ms / 1000).toFixed(1)} s`);
  }
  return true;
}
