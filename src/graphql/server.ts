/**
 * The HTTP face of the service: graphql-yoga with GraphiQL, /health, /ready and /metrics, and every
 * cross-cutting concern as one plugin per file in ./plugins, listed here in the order they apply.
 *
 *   const yoga = createGraphQLServer({ db, logger });
 *   http.createServer(yoga).listen(4000);
 *   await yoga.fetch('http://localhost/graphql', { method: 'POST', ... });   // tests, no socket
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type DocumentNode, GraphQLError, getOperationAST, getVariableValues } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type LimitsConfig, type SecurityConfig, loadConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { type Metrics, createMetrics } from '../observability/metrics.ts';
import type { GraphQLContext } from './context.ts';
import { toClientError } from './errors.ts';
import { useAccess } from './plugins/access.ts';
import { useRequestBodyLimit } from './plugins/body-limit.ts';
import { bookmarkManagerOf, useBookmarks } from './plugins/bookmarks.ts';
import { useExplorer } from './plugins/explorer.ts';
import { useMetrics } from './plugins/metrics.ts';
import { useExport } from './plugins/export.ts';
import { maskError, useErrorCodes } from './plugins/error-codes.ts';
import { useOperationLog } from './plugins/operation-log.ts';
import { useHeavyFields } from './plugins/heavy-fields.ts';
import { heavyWorkOf } from '../access/heavy-work.ts';
import { useQueryLimits } from './plugins/query-limits.ts';
import { useRateLimit } from './plugins/rate-limit.ts';
import { requestIdOf, useRequestId } from './plugins/request-id.ts';
import { useTracing } from './plugins/tracing.ts';
import { useProbe } from './plugins/probes.ts';
import { readPersistedOperations } from './persisted-operations.ts';
import { PlanCache } from './lookahead/plan-cache.ts';
import { buildSchema } from './schema.ts';
import { useReport } from '../report/http.ts';
import { clientKeyOf } from '../access/client-key.ts';
import { SurveyRateLimits } from '../survey/rate-limit.ts';
import { socketAddressOf } from './plugins/rate-limit.ts';

export interface ServerDeps {
  db: Database;
  logger: Logger;
  /** Defaults: the configuration an empty environment gives (public reads, development). */
  security?: SecurityConfig;
  limits?: LimitsConfig;
  metrics?: Metrics;
  /** False until migrations have been applied (a remote Neo4j may come up after the service). */
  isPrepared?: () => boolean;
  /** False when the instance cannot serve again by itself (its owned Neo4j could not be restarted). */
  isAlive?: () => boolean;
}

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

function persistedOperations(file: string): Plugin {
  const store = readPersistedOperations(file);
  return usePersistedOperations({
    // A Map: "__proto__" or "constructor" are unknown hashes like any other.
    getPersistedOperation: (hash) => store.get(hash) ?? null,
    allowArbitraryOperations: false,
  }) as Plugin;
}

/** Without introspection, "Did you mean …" would still spell the schema out field by field. */
function useNoSuggestions(): Plugin {
  return {
    onValidate: () => ({ result, setResult }) => {
      if (!result.some((e) => / ?Did you mean /.test(e.message))) return;
      setResult(
        result.map((e) =>
          / ?Did you mean /.test(e.message)
            ? new GraphQLError(e.message.replace(/ ?Did you mean .*$/s, ''), { nodes: e.nodes, source: e.source, positions: e.positions, extensions: e.extensions })
            : e,
        ),
      );
    },
  };
}

/**
 * graphql-jit runs an operation as a function compiled from its document: on the benchmark's shapes
 * about a third less CPU per request than graphql-js walking the resolver tree (docs/benchmarks.md,
 * issue #21). A document is compiled on its second run, so a one-off query (or a stream of distinct
 * ones) never pays the compilation; compiled functions live as long as yoga's cached document.
 */
function useCompiledExecution(): Plugin {
  const runs = new WeakMap<DocumentNode, number>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document, schema, operationName, variableValues }) => {
        const n = (runs.get(document) ?? 0) + 1;
        runs.set(document, n);
        if (n < 2) return false;
        // Bad variables: graphql-js says so in its own words (with locations), as for every other error.
        const definitions = getOperationAST(document, operationName)?.variableDefinitions;
        return !definitions?.length || !getVariableValues(schema, definitions, variableValues ?? {}).errors;
      },
    },
  ) as Plugin;
}

export function createGraphQLServer(deps: ServerDeps): GraphQLServer {
  const { db, logger } = deps;
  const defaults = deps.security && deps.limits ? undefined : loadConfig({});
  const security = deps.security ?? defaults!.security;
  const limits = deps.limits ?? defaults!.limits;
  const metrics = deps.metrics ?? createMetrics();
  const plans = new PlanCache(limits.planCacheSize, (hit) => metrics.plans.inc({ result: hit ? 'hit' : 'miss' }));
  // Heavy GraphQL fields and report routes share one count (src/access/heavy-work.ts).
  const heavy = heavyWorkOf(limits);
  const surveyLimits = new SurveyRateLimits(limits.surveyPerClient, limits.surveyPerLink);

  const plugins: Plugin[] = [
    useRequestId() as Plugin,
    useRequestBodyLimit(),
    // Static files first: the explorer page and the landing page are not GraphQL requests.
    useExplorer(undefined, security.frameAncestors ?? []),
    ...useMetrics(security, metrics),
    useBookmarks(),
    useRateLimit(limits.ratePerMinute, security),
    // After the rate limit: a PDF costs a browser run, an export is the heaviest read there is.
    useReport({ db, logger, security, heavy, pdfPages: limits.reportPdfPages }),
    useExport(db, security),
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'x-api-key', 'authorization'] }) as Plugin,
    ...useAccess(security),
    ...(security.introspection ? [] : [useDisableIntrospection() as Plugin, useNoSuggestions()]),
    ...(limits.persistedOperationsFile ? [persistedOperations(limits.persistedOperationsFile)] : []),
    useQueryLimits(limits),
    useHeavyFields(limits, security, heavy) as Plugin,
    // Before tracing, which wraps whatever executor is set when its hook runs.
    useCompiledExecution(),
    useErrorCodes(logger, metrics) as Plugin,
    useOperationLog(logger) as Plugin,
    useTracing() as Plugin,
    // Liveness: the process is up and can recover by itself (yoga's own check, moved aside, cannot fail).
    useProbe('/health', () => deps.isAlive?.() ?? true),
    useProbe('/ready', async () => (deps.isPrepared?.() ?? true) && (await db.ping())),
  ];

  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health/process',
    landingPage: false,
    // Ours instead (./plugins/body-limit.ts): the same limit without a stream pipeline per request.
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    graphiql: security.graphiql ? { title: 'Maillage: GraphQL over the territorial innovation network' } : false,
    // GraphiQL's code from our own node_modules, inlined in the page: yoga's default loads it from a
    // CDN, which leaves the page blank offline.
    renderGraphiQL,
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
    context: (initial) => {
      const { request } = initial;
      // Yoga copies these fields onto `initial` (Object.assign) and plugins read that object: the
      // count must grow there, not on the object returned here (the tracing and log plugins read it).
      const merged = initial as typeof initial & GraphQLContext;
      const ctx: GraphQLContext = {
        db: db.scoped({
          observer: (event) => merged.observer(event),
          bookmarkManager: bookmarkManagerOf(request),
          // Aborted when the HTTP client hangs up: its queries stop in Neo4j (src/neo4j/database.ts).
          signal: request.signal,
        }),
        principal: null, // the access plugin decides, just before execution
        requestId: requestIdOf(request),
        cypherCount: 0,
        plans,
        client: { key: () => clientKeyOf(request, socketAddressOf(initial), security), surveyLimits },
        observer: ({ mode, ms }) => {
          merged.cypherCount += 1;
          metrics.cypherSeconds.observe({ mode }, ms / 1000);
        },
      };
      return ctx;
    },
    plugins,
  });
}
