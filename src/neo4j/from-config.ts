/**
 * The database the configuration names: the server given by NEO4J_URI, or a local Neo4j this
 * process starts and owns. The service and the seeding command both open it this way.
 *
 *   const { db, close } = await openDatabase(loadConfig(), (line) => console.error(line));
 */
import type { Config } from '../config.ts';
import { connect, type Database } from './database.ts';
import { removeConnectionFile, runningConnection, writeConnectionFile } from './connection-file.ts';
import { startOwnedNeo4j, type OwnedNeo4j } from './owned-server.ts';

export interface OpenOptions {
  /**
   * When another live process already owns the local Neo4j of this data folder (`npm start`),
   * connect to it instead of starting one (the seed command); the service itself always owns.
   */
  joinRunning?: boolean;
}

export interface OpenDatabase {
  db: Database;
  owned: OwnedNeo4j | undefined;
  /** Closes the driver, then stops the owned Neo4j if there is one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void, options: OpenOptions = {}): Promise<OpenDatabase> {
  const target = config.neo4j;
  const timeoutMs = config.limits.cypherTimeoutMs;
  let owned: OwnedNeo4j | undefined;
  let db: Database;
  const running = target.kind === 'owned' && options.joinRunning ? runningConnection(target.dataDir) : undefined;
  if (running) {
    log(`Using the Neo4j of the running Maillage process ${running.pid} (${running.uri}).`);
    db = connect({ uri: running.uri, database: target.database, timeoutMs });
  } else if (target.kind === 'owned') {
    owned = await startOwnedNeo4j({
      dataDir: target.dataDir,
      boltPort: target.boltPort,
      heap: target.heap,
      pagecache: target.pagecache,
      startTimeoutMs: target.startTimeoutMs,
      log,
    });
    db = connect({ uri: owned.uri, database: target.database, timeoutMs });
    writeConnectionFile(target.dataDir, owned.uri);
  } else {
    db = connect({ uri: target.uri, user: target.user, password: target.password, database: target.database, timeoutMs });
  }
  return {
    db,
    owned,
    close: async () => {
      await db.close();
      if (owned) removeConnectionFile(owned.dataDir);
      await owned?.stop();
    },
  };
}
