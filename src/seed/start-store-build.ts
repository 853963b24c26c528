/**
 * Writes the start store (./start-store.ts): owns a Neo4j in a temporary folder, migrates and
 * seeds it as `npm start` would, stops it cleanly and keeps its user database for this code's key
 * (the stores of other keys are removed). Run by `npm install` (scripts/start-store.ts).
 *
 *   const dir = await buildStartStore(console.log);   // ".neo4j/dist/start-store/<key>"
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../logger.ts';
import { connect } from '../neo4j/database.ts';
import { migrate } from '../neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../neo4j/owned-server.ts';
import { seedOnStart } from './on-start.ts';
import { STORE_PARTS, startStoreDir, startStoreKey, startStoreRoot, trimTrailingZeros } from './start-store.ts';

export async function buildStartStore(log: (line: string) => void, key = startStoreKey()): Promise<string> {
  const root = startStoreRoot();
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(path.join(root, '.building-'));
  try {
    const neo4j = await startOwnedNeo4j({ dataDir: work, boltPort: await freePort(), heap: '1g', pagecache: '512m', log });
    try {
      const db = connect({ ...neo4j.connection, database: 'neo4j' });
      try {
        await migrate(db);
        // Progress is the caller's `log`; the seeding's own lines only when something is wrong.
        const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
        await seedOnStart(db, logger);
      } finally {
        await db.close();
      }
    } finally {
      await neo4j.stop();
    }
    const code = await neo4j.exited;
    // 143: stopped by our SIGTERM, which Neo4j answers with a clean shutdown.
    if (code !== 0 && code !== 143) throw new Error(`the Neo4j that wrote the start store stopped with code ${code}`);
    const staging = path.join(work, 'store');
    for (const part of STORE_PARTS) {
      mkdirSync(path.dirname(path.join(staging, part)), { recursive: true });
      renameSync(path.join(work, 'data', part), path.join(staging, part));
    }
    rmSync(path.join(staging, 'databases', 'neo4j', 'database_lock'), { force: true });
    for (const name of readdirSync(path.join(staging, 'transactions', 'neo4j'))) {
      if (name.startsWith('neostore.transaction.db')) trimTrailingZeros(path.join(staging, 'transactions', 'neo4j', name));
    }
    const target = startStoreDir(key);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    for (const other of readdirSync(root)) if (other !== key && !other.startsWith('.building-')) rmSync(path.join(root, other), { recursive: true, force: true });
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
