/**
 * The database the configuration names: the server given by NEO4J_URI, or a local Neo4j this
 * process starts, owns and supervises (./supervisor.ts). The service and the seeding command both
 * open it this way.
 *
 *   const { db, close } = await openDatabase(loadConfig(), (line, level) => console.error(level, line));
 */
import type { Config } from '../config.ts';
import { connect, type Database } from './database.ts';
import { type LogAt, type SupervisedNeo4j, superviseOwnedNeo4j } from './supervisor.ts';

export interface OpenDatabase {
  db: Database;
  owned: SupervisedNeo4j | undefined;
  /** Closes the driver, then stops the owned Neo4j if there is one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: LogAt): Promise<OpenDatabase> {
  const target = config.neo4j;
  const timeoutMs = config.limits.cypherTimeoutMs;
  let owned: SupervisedNeo4j | undefined;
  let db: Database;
  if (target.kind === 'owned') {
    owned = await superviseOwnedNeo4j(
      {
        dataDir: target.dataDir,
        boltPort: target.boltPort,
        heap: target.heap,
        pagecache: target.pagecache,
        startTimeoutMs: target.startTimeoutMs,
      },
      { attempts: target.restartAttempts, backoffMs: target.restartBackoffMs },
      log,
    );
    db = connect({ ...owned.connection, database: target.database, timeoutMs, budgets: config.limits.budgets });
  } else {
    db = connect({ uri: target.uri, user: target.user, password: target.password, database: target.database, timeoutMs, budgets: config.limits.budgets });
  }
  return {
    db,
    owned,
    close: async () => {
      await db.close();
      await owned?.stop();
    },
  };
}
