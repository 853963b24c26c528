/**
 * The HTTP face of the service: graphql-yoga with GraphiQL, /health, /ready and /metrics, and every
 * cross-cutting concern as one plugin per file in ./plugins, listed here in the order they apply.
 *
 *   const yoga = createGraphQLServer({ db, logger });
 *   http.createServer(yoga).listen(4000);
 *   await yoga.fetch('http://localhost/graphql', { method: 'POST', ... });   // tests, no socket
 */
import { readFileSync } from 'node:fs';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type LimitsConfig, type SecurityConfig, loadConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { type Metrics, createMetrics } from '../observability/metrics.ts';
import type { GraphQLContext } from './context.ts';
import { toClientError } from './errors.ts';
import { useAccess } from './plugins/access.ts';
import { bookmarkManagerOf, useBookmarks } from './plugins/bookmarks.ts';
import { useExplorer } from './plugins/explorer.ts';
import { useExport } from './plugins/export.ts';
import { maskError, useErrorCodes } from './plugins/error-codes.ts';
import { useOperationLog } from './plugins/operation-log.ts';
import { useQueryLimits } from './plugins/query-limits.ts';
import { useRateLimit } from './plugins/rate-limit.ts';
import { requestIdOf, useRequestId } from './plugins/request-id.ts';
import { useTracing } from './plugins/tracing.ts';
import { buildSchema } from './schema.ts';

export interface ServerDeps {
  db: Database;
  logger: Logger;
  /** Defaults: the configuration an empty environment gives (public reads, development). */
  security?: SecurityConfig;
  limits?: LimitsConfig;
  metrics?: Metrics;
  /** False until migrations have been applied (a remote Neo4j may come up after the service). */
  isPrepared?: () => boolean;
}

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

function persistedOperations(file: string): Plugin {
  const store = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return usePersistedOperations({
    getPersistedOperation: (hash) => store[hash] ?? null,
    allowArbitraryOperations: false,
  }) as Plugin;
}

export function createGraphQLServer(deps: ServerDeps): GraphQLServer {
  const { db, logger } = deps;
  const defaults = deps.security && deps.limits ? undefined : loadConfig({});
  const security = deps.security ?? defaults!.security;
  const limits = deps.limits ?? defaults!.limits;
  const metrics = deps.metrics ?? createMetrics();

  const plugins: Plugin[] = [
    useRequestId() as Plugin,
    // Static files first: the explorer page and the landing page are not GraphQL requests.
    useExplorer(),
    useBookmarks(),
    useRateLimit(limits.ratePerMinute),
    // Downloads, after the rate limit: an export is the heaviest read there is.
    useExport(db, security),
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization'] }) as Plugin,
    ...useAccess(security),
    ...(security.introspection ? [] : [useDisableIntrospection() as Plugin]),
    ...(limits.persistedOperationsFile ? [persistedOperations(limits.persistedOperationsFile)] : []),
    useQueryLimits(limits),
    useErrorCodes(logger, metrics) as Plugin,
    useOperationLog(logger) as Plugin,
    useTracing() as Plugin,
    useReadinessCheck({ endpoint: '/ready', check: async () => (deps.isPrepared?.() ?? true) && (await db.ping()) }),
    usePrometheus({
      endpoint: '/metrics',
      registry: metrics.registry,
      metrics: {
        graphql_yoga_http_duration: true,
        graphql_envelop_request_duration: true,
        graphql_envelop_phase_parse: true,
        graphql_envelop_phase_validate: true,
        graphql_envelop_phase_execute: true,
        graphql_envelop_error_result: true,
        graphql_envelop_request: true,
        // The plugin turns these on unless told otherwise; each costs work on every request (the
        // deprecated-field counter walks the whole document with a TypeInfo, the summary keeps
        // sliding quantiles) for figures the histograms above already give.
        graphql_envelop_deprecated_field: false,
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_schema_change: false,
      },
    }) as Plugin,
  ];

  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { maskError },
    graphiql: security.graphiql ? { title: 'Maillage: GraphQL over the territorial innovation network' } : false,
    cors: security.corsOrigins
      ? { origin: security.corsOrigins, credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-api-key', 'x-request-id', 'x-neo4j-bookmarks'], exposedHeaders: ['x-request-id', 'x-neo4j-bookmarks'] }
      : false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      // Yoga logs every error it masks or translates; the caller's own mistakes are not server errors.
      error: (...args) =>
        toClientError(args[0]) ? logger.debug(args.map(String).join(' ')) : logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => {
      const ctx: GraphQLContext = {
        db: db.scoped({
          observer: (event) => ctx.observer(event),
          bookmarkManager: bookmarkManagerOf(request),
        }),
        principal: null, // the access plugin decides, just before execution
        requestId: requestIdOf(request),
        cypherCount: 0,
        observer: ({ mode, ms }) => {
          ctx.cypherCount += 1;
          metrics.cypherSeconds.observe({ mode }, ms / 1000);
        },
      };
      return ctx;
    },
    plugins,
  });
}
