/**
 * `npm start`: serve GraphQL over the network. With no NEO4J_URI, start and own a local Neo4j.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfigOrExit } from './config.ts';
import { readPersistedOperations } from './graphql/persisted-operations.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './neo4j/from-config.ts';
import { startTracing } from './observability/tracing.ts';
import { copyStartStore } from './seed/start-store.ts';
import type { Service } from './service.ts';

// Until the configuration is checked, LOG_LEVEL may be anything: log at info, not at its word.
const logger = createLogger('info');

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  logger.level = config.logLevel;
  const started = Date.now();
  const traces = config.tracing;
  const tracing = startTracing(traces);
  if (tracing) logger.info({ endpoint: traces.endpoint, serviceName: traces.serviceName }, 'OpenTelemetry tracing on');
  let service: Service | undefined;
  let shuttingDown = false;
  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    try {
      await service?.stop();
      await tracing?.shutdown();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection');
    void shutdown('unhandledRejection', 1);
  });

  // A bad file is the operator's mistake: say so before starting anything.
  if (config.limits.persistedOperationsFile) readPersistedOperations(config.limits.persistedOperationsFile);
  // Neo4j first: its JVM boots for seconds, while this process loads the GraphQL server (and, in a
  // new data folder, builds the seed) instead of doing that before or after.
  const target = config.neo4j;
  const newFolder = target.kind === 'owned' && !existsSync(path.join(target.dataDir, 'data', 'databases', 'neo4j'));
  // A new folder gets the start sets as store files written by npm install, when this code has
  // them (src/seed/start-store.ts): a copy before Neo4j starts instead of seeding through Cypher.
  const copied =
    newFolder && config.seedOnStart && config.startStore && target.kind === 'owned'
      ? copyStartStore(target.dataDir, (line, level = 'info') => logger[level](line))
      : false;
  const jvmSpawned = Promise.withResolvers<void>();
  const opening = openDatabase(config, (line, level = 'info') => logger[level](line), { onSpawn: () => jvmSpawned.resolve() });
  opening.catch(() => undefined); // startService awaits it and reports its failure
  // Loading the service's modules holds the event loop for a second or more: start the JVM first.
  if (target.kind === 'owned') await Promise.race([jvmSpawned.promise, opening.then(() => undefined, () => undefined)]);
  const [{ startService }, { databaseIsEmpty, prepareStartSets, seedOnStart }] = await Promise.all([import('./service.ts'), import('./seed/on-start.ts')]);
  const prepared = config.seedOnStart && newFolder && !copied ? prepareStartSets() : undefined;
  // Asked while the migrations run, so that a cold Neo4j plans the reads side by side; used by the
  // first try only (a remote Neo4j down at start is prepared again later, and asked again then).
  let emptyAtStart = config.seedOnStart ? opening.then(({ db }) => databaseIsEmpty(db)) : undefined;
  emptyAtStart?.catch(() => undefined);

  // An empty database gets France's geography and the article's network before the server listens.
  service = await startService(config, logger, {
    opening,
    afterMigrations: config.seedOnStart
      ? async (db) => {
          const empty = emptyAtStart;
          emptyAtStart = undefined;
          await seedOnStart(db, logger, prepared, empty);
        }
      : undefined,
  });
  logger.info(
    { url: `${service.url}/graphql`, neo4j: service.db.uri, startupMs: Date.now() - started },
    `Maillage is serving GraphQL on ${service.url}/graphql (GraphiQL in a browser)`,
  );
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`Maillage could not start: ${message}\n`);
  process.exit(1);
});
