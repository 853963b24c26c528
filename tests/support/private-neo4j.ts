/**
 * A Neo4j of a test file's own, started empty in a temp folder beside the run's shared one: for
 * what the shared database cannot show (a new database's statistics, `--reset`, the start's seed).
 * Its schema is migrated; `close` stops it and removes the folder.
 *
 *   const own = await privateNeo4j('maillage-reset-test-');
 *   await own.db.write(...);
 *   await own.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Database } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { type OwnedNeo4j, type OwnedNeo4jOptions, freePort, startOwnedNeo4j } from '../../src/neo4j/owned-server.ts';

export interface PrivateNeo4j {
  server: OwnedNeo4j;
  db: Database;
  dataDir: string;
  close(): Promise<void>;
}

export async function privateNeo4j(prefix: string, options: Partial<Omit<OwnedNeo4jOptions, 'dataDir' | 'boltPort'>> = {}): Promise<PrivateNeo4j> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let server: OwnedNeo4j | undefined;
  let db: Database | undefined;
  const close = async () => {
    await db?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '512m', pagecache: '64m', log: () => undefined, ...options });
    db = connect({ ...server.connection, database: 'neo4j' });
    await migrate(db);
    return { server, db, dataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
