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
import { removeConnectionFile, runningConnection, writeConnectionFile } from './connection-file.ts';
import { OWNED_USER, ownedPassword } from './owned-server.ts';

export interface OpenOptions {
  /**
   * When another live process already owns the local Neo4j of this data folder (`npm start`),
   * connect to it instead of starting one (the seed command); the service itself always owns.
   */
  joinRunning?: boolean;
  /** Called once the owned Neo4j's JVM has been spawned. */
  onSpawn?: () => void;
}

export interface OpenDatabase {
  db: Database;
  owned: SupervisedNeo4j | undefined;
  /** Closes the driver, then stops the owned Neo4j if there is one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: LogAt, options: OpenOptions = {}): Promise<OpenDatabase> {
  const target = config.neo4j;
  const timeoutMs = config.limits.cypherTimeoutMs;
  let owned: SupervisedNeo4j | undefined;
  let db: Database;
  const running = target.kind === 'owned' && options.joinRunning ? runningConnection(target.dataDir) : undefined;
  if (running && target.kind === 'owned') {
    log(`Using the Neo4j of the running Maillage process ${running.pid} (${running.uri}).`);
    // The running service's Neo4j has authentication on; its password is kept in the shared data folder.
    db = connect({
      uri: running.uri,
      user: OWNED_USER,
      password: ownedPassword(target.dataDir),
      database: target.database,
      timeoutMs,
      budgets: config.limits.budgets,
    });
  } else if (target.kind === 'owned') {
    owned = await superviseOwnedNeo4j(
      {
        dataDir: target.dataDir,
        boltPort: target.boltPort,
        heap: target.heap,
        pagecache: target.pagecache,
        startTimeoutMs: target.startTimeoutMs,
        ...(options.onSpawn ? { onSpawn: options.onSpawn } : {}),
      },
      { attempts: target.restartAttempts, backoffMs: target.restartBackoffMs },
      log,
    );
    db = connect({ ...owned.connection, database: target.database, timeoutMs, budgets: config.limits.budgets });
    const handle = db;
    owned.onStateChange((state) => handle.availabilityChanged(state));
    writeConnectionFile(target.dataDir, owned.uri);
  } else {
    db = connect({ uri: target.uri, user: target.user, password: target.password, database: target.database, timeoutMs, budgets: config.limits.budgets });
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
