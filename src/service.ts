/**
 * The whole service, started and stopped as one: Neo4j (given or owned), migrations, optional
 * seeding, and the HTTP server.
 *
 *   const service = await startService(loadConfig());
 *   service.url   // "http://127.0.0.1:4000"
 *   await service.stop();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, START_BACKGROUND_DELAY_MS } from './config.ts';
import { createGraphQLServer } from './graphql/server.ts';
import { readPersistedOperations } from './graphql/persisted-operations.ts';
import type { Logger } from './logger.ts';
import type { Database } from './neo4j/database.ts';
import { migrate } from './neo4j/migrations.ts';
import { backfillSearchFields } from './search/backfill.ts';
import { isDatabaseUnavailable } from './neo4j/availability.ts';
import type { SupervisedNeo4j } from './neo4j/supervisor.ts';
import { type OpenDatabase, openDatabase } from './neo4j/from-config.ts';
import { closePdfBrowser } from './report/pdf.ts';
import { prepareReports } from './report/prepare.ts';

export interface Service {
  url: string;
  db: Database;
  neo4j: SupervisedNeo4j | undefined;
  stop(): Promise<void>;
}

export interface StartHooks {
  /** Runs after migrations, before the HTTP server listens (seeding an empty database). */
  afterMigrations?: (db: Database) => Promise<void>;
  /**
   * The database, already being opened (`npm start` starts its Neo4j before loading the rest of
   * the service, so the JVM boots meanwhile); by default startService opens it.
   */
  opening?: Promise<OpenDatabase>;
}

export async function startService(config: Config, logger: Logger, hooks: StartHooks = {}): Promise<Service> {
  const target = config.neo4j;
  // A bad file is the operator's mistake: say so before starting anything.
  if (config.limits.persistedOperationsFile) readPersistedOperations(config.limits.persistedOperationsFile);
  const opened = await (hooks.opening ?? openDatabase(config, (line, level = 'info') => logger[level](line)));
  const { db, owned } = opened;

  const stopDatabase = async () => {
    clearTimeout(retryTimer);
    clearTimeout(backgroundTimer);
    await opened.close();
  };

  // Migrations (and the seeding hook) must run once Neo4j answers. A remote server may be down at
  // start: the service serves anyway (/ready false, SERVICE_UNAVAILABLE) and retries in the background.
  let prepared = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let backgroundTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const prepare = async () => {
    await migrate(db, { backfillSearch: false });
    await hooks.afterMigrations?.(db);
    prepared = true;
    clearTimeout(backgroundTimer);
    backgroundTimer = setTimeout(background, START_BACKGROUND_DELAY_MS);
    backgroundTimer.unref();
  };
  const background = () => {
    if (stopped) return;
    // Nodes written without search fields (by hand in Cypher) are still found by name meanwhile.
    backfillSearchFields(db).then(
      (done) => done && logger.info({ nodes: done }, 'search fields given to nodes written without them'),
      (err: unknown) => {
        if (!stopped) logger.warn({ err }, 'search fields could not be given to nodes written without them; the next start tries again');
      },
    );
    if (config.reportPrepareAtStart) {
      // In the background: /ready does not wait for it, and a stop during it is not an error.
      prepareReports(db).then(
        (done) => done && logger.info({ within: done.within, ms: done.ms }, 'territory report prepared (queries planned, shared figures computed)'),
        (err: unknown) => {
          if (!stopped) logger.warn({ err }, 'territory report could not be prepared; the first report will take longer');
        },
      );
    }
  };
  const retryPrepare = () => {
    retryTimer = setTimeout(() => {
      prepare().then(
        () => logger.info('Neo4j is reachable: schema migrations applied'),
        () => retryPrepare(),
      );
    }, 2_000);
    retryTimer.unref();
  };

  let server: Server;
  try {
    try {
      await prepare();
    } catch (err) {
      if (target.kind === 'owned' || !isDatabaseUnavailable(err)) throw err;
      logger.warn({ err }, 'Neo4j is not reachable at start; serving anyway, /ready is false until it is');
      retryPrepare();
    }
    const yoga = createGraphQLServer({
      db,
      logger,
      security: config.security,
      limits: config.limits,
      isPrepared: () => prepared,
      // An owned Neo4j that could not be restarted: the instance is no longer alive.
      isAlive: () => owned?.healthy() ?? true,
    });
    server = createServer(yoga);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          err.code === 'EADDRINUSE'
            ? new Error(`Port ${config.port} on ${config.host} is taken: set PORT to another port.`)
            : err,
        ),
      );
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (err) {
    await stopDatabase();
    throw err;
  }

  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      stopped = true;
      // Stop accepting, let in-flight requests finish (bounded), then close the database.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(deadline);
      // The warm Chromium of the PDFs, if one is running (src/report/pdf.ts).
      await closePdfBrowser();
      await stopDatabase();
    })();
    return stopping;
  };
  return { url, db, neo4j: owned, stop };
}
