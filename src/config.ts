/**
 * Configuration from the environment, validated once at start-up.
 *
 *   const config = loadConfig(process.env);   // throws ConfigError naming each bad variable
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type ApiKeyEntry, parseApiKeys } from './access/api-keys.ts';
import { type TracingSettings, tracingSettings } from './observability/tracing.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the Neo4j jars are assembled and which Java runs them: needed before a configuration exists
 * (`npm install` assembles the jars), so read on their own; still only here.
 */
export function toolchain(source: Record<string, string | undefined> = process.env): { neo4jDist: string; java: string } {
  return {
    neo4jDist: source.MAILLAGE_NEO4J_DIST || path.join(projectRoot, '.neo4j', 'dist'),
    java: source.JAVA_HOME ? path.join(source.JAVA_HOME, 'bin', 'java') : 'java',
  };
}

const port = (what: string, min = 1) =>
  z.coerce
    .number({ error: `expects a TCP port number (${what})` })
    .int({ error: `expects a whole TCP port number (${what})` })
    .min(min, { error: `expects a TCP port between ${min} and 65535 (${what})` })
    .max(65535, { error: `expects a TCP port between 1 and 65535 (${what})` });

const memory = z
  .string()
  .regex(/^\d+[kmgKMG]?$/, { error: 'expects a JVM memory size such as 512m or 2g' });

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expects true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const milliseconds = z.coerce.number({ error: 'expects milliseconds' }).int({ error: 'expects whole milliseconds' }).positive({ error: 'expects a positive number of milliseconds' });

/**
 * Time budgets of Cypher transactions that differ from CYPHER_TIMEOUT_MS (the budget of every other
 * query), each a named setting (docs/production.md lists them with what a client sees when one runs
 * out). Left unset, a request budget takes its default, or CYPHER_TIMEOUT_MS when that is set and
 * smaller: lowering CYPHER_TIMEOUT_MS lowers every request budget that was not set on its own.
 */
export const BUDGETS = {
  pathsMs: { variable: 'PATHS_TIMEOUT_MS', default: 10_000, request: true, what: 'synergyPaths: the neighbourhood of the two actors' },
  suggestionsMs: { variable: 'SUGGESTIONS_TIMEOUT_MS', default: 10_000, request: true, what: 'synergies: candidates and their evidence' },
  gapsMs: { variable: 'GAPS_TIMEOUT_MS', default: 20_000, request: true, what: 'competencyGaps of a territory' },
  shapeMs: { variable: 'SHAPE_TIMEOUT_MS', default: 120_000, request: true, what: 'actorGraph and networkShape: reading the territory\'s actor graph' },
  gdsMs: { variable: 'GDS_TIMEOUT_MS', default: 300_000, request: true, what: 'networkShape on Graph Data Science: projection and algorithms' },
  planMs: { variable: 'PLAN_TIMEOUT_MS', default: 120_000, request: false, what: 'planning (EXPLAIN) a synergy query once, before its first run' },
  seedMs: { variable: 'SEED_TIMEOUT_MS', default: 120_000, request: false, what: 'one batch of a seed (CLI and first start)' },
  exportPageMs: { variable: 'EXPORT_PAGE_TIMEOUT_MS', default: 120_000, request: false, what: 'one page (5,000 actors, or their links) of an export' },
  exportColumnsMs: { variable: 'EXPORT_COLUMNS_TIMEOUT_MS', default: 300_000, request: false, what: 'an export\'s first pass: the property names and types of every actor and link it will write' },
} as const;

export type Budgets = { cypherMs: number } & { [K in keyof typeof BUDGETS]: number };

/** The budgets with nothing configured (tests and tools that connect without a config). */
export const DEFAULT_BUDGETS: Budgets = {
  cypherMs: 15_000,
  ...(Object.fromEntries(Object.entries(BUDGETS).map(([key, b]) => [key, b.default])) as { [K in keyof typeof BUDGETS]: number }),
};

function budgetVariables() {
  return Object.fromEntries(Object.values(BUDGETS).map((b) => [b.variable, milliseconds.optional()])) as Record<
    (typeof BUDGETS)[keyof typeof BUDGETS]['variable'],
    z.ZodOptional<typeof milliseconds>
  >;
}

function budgetsOf(env: Record<string, unknown>, cypherSet: boolean, cypherMs: number): Budgets {
  const out: Record<string, number> = { cypherMs };
  for (const [key, b] of Object.entries(BUDGETS)) {
    const own = env[b.variable];
    out[key] = typeof own === 'number' ? own : b.request && cypherSet ? Math.min(b.default, cypherMs) : b.default;
  }
  return out as Budgets;
}
/**
 * Largest seed file read (CLI and upload): a bigger one is refused before it is read. A dry run
 * holds about 8 bytes of memory per byte of CSV; 256 MB covers a 1,000,000-relationship JSON file.
 */
export const DEFAULT_SEED_MAX_FILE_BYTES = 256 * 1_048_576;

/**
 * Log lines are gathered and written at most LOG_FLUSH_MS after they were made, or as soon as
 * LOG_BUFFER_BYTES wait (src/logger.ts): a write per line was a system call per GraphQL request.
 */
export const LOG_FLUSH_MS = 200;
export const LOG_BUFFER_BYTES = 4096;

/**
 * The work a start leaves for after the server listens (the search fields' backfill, the report's
 * preparation) waits this long first: on a cold Neo4j it plans and reads for a second or more, and
 * the first requests, often a browser opening the explorer, come before it (src/service.ts).
 */
export const START_BACKGROUND_DELAY_MS = 1_500;

/**
 * How often a starting owned Neo4j is asked whether it answers: each try is a refused connection
 * until Bolt listens, and the start's first answer waits for the next try after that.
 */
export const NEO4J_START_PROBE_MS = 50;

/** Report pages printed at once by default (REPORT_PDF_PAGES): one per core of a small server. */
export const DEFAULT_REPORT_PDF_PAGES = 2;

const envSchema = z
  .object({
    PORT: port('the GraphQL HTTP port; 0 picks a free one', 0).default(4000),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expects one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, {
        error: 'expects a Neo4j URI such as bolt://host:7687, neo4j://host or neo4j+s://xxx.databases.neo4j.io',
      })
      .optional(),
    NEO4J_USER: z.string().default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]*$/, { error: 'expects a database name' }).default('neo4j'),
    NEO4J_BOLT_PORT: port('the Bolt port of the local Neo4j the service starts').default(7690),
    NEO4J_HEAP: memory.default('2g'),
    NEO4J_PAGECACHE: memory.default('1g'),
    NEO4J_START_TIMEOUT: z.coerce.number({ error: 'expects seconds' }).positive().default(180),
    MAILLAGE_DATA_DIR: z.string().default(path.join(projectRoot, '.neo4j', 'local')),
    SEED_ON_START: flag.default(true),
    START_STORE: flag.default(true),
    REPORT_PREPARE_AT_START: flag.default(true),
    NODE_ENV: z.string().default('development'),
    MAILLAGE_READS: z.enum(['public', 'key'], { error: 'expects public (anyone may read) or key (reads need credentials)' }).default('public'),
    MAILLAGE_API_KEYS: z.string().optional(),
    MAILLAGE_JWT_SECRET: z.string().min(32, { error: 'expects a shared secret of at least 32 characters' }).optional(),
    MAILLAGE_JWKS_URL: z.url({ error: 'expects the URL of a JWKS document' }).optional(),
    MAILLAGE_JWT_ISSUER: z.string().optional(),
    MAILLAGE_JWT_AUDIENCE: z.string().optional(),
    MAILLAGE_JWT_ROLE_CLAIM: z.string().default('role'),
    CORS_ORIGINS: z.string().optional(),
    /** Origins whose pages may show the explorer in a frame (embed mode), comma-separated; none: our own only. */
    EXPLORER_FRAME_ANCESTORS: z.string().optional(),
    GRAPHIQL: flag.optional(),
    INTROSPECTION: flag.optional(),
    MAX_DEPTH: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(10),
    MAX_ALIASES: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(15),
    MAX_TOKENS: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(3000),
    MAX_DIRECTIVES: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(20),
    MAX_COST: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(100_000),
    PLAN_CACHE_SIZE: z.coerce.number({ error: 'expects a whole number (0 turns it off)' }).int().min(0).default(1000),
    RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'expects a whole number (0 turns it off)' }).int().min(0).default(1200),
    SURVEY_RATE_PER_CLIENT: z.coerce.number({ error: 'expects a whole number (0 turns it off)' }).int().min(0).default(20),
    SURVEY_RATE_PER_CAMPAIGN: z.coerce.number({ error: 'expects a whole number (0 turns it off)' }).int().min(0).default(3000),
    PERSISTED_OPERATIONS_FILE: z.string().optional(),
    SEED_MAX_FILE_MB: z.coerce.number({ error: 'expects megabytes' }).positive().default(DEFAULT_SEED_MAX_FILE_BYTES / 1_048_576),
    CYPHER_TIMEOUT_MS: z.coerce.number({ error: 'expects milliseconds' }).int().positive().default(15_000),
    // Budgets: see BUDGETS below; unset means the default, capped by CYPHER_TIMEOUT_MS when that is set.
    ...budgetVariables(),
    // Hardening (docs/production.md, "Limits and budgets").
    METRICS_TOKEN: z.string().min(32, { error: 'expects a token of at least 32 characters' }).optional(),
    TRUSTED_PROXIES: z
      .string()
      .regex(/^[0-9A-Fa-f:.,\s]+$/, { error: 'expects a comma-separated list of proxy IP addresses' })
      .optional(),
    MAILLAGE_JWT_MAX_AGE: z.coerce.number({ error: 'expects seconds' }).int().positive().default(86_400),
    GRAPH_MAX_ITEMS: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(2_000_000),
    HEAVY_FIELDS_PER_OPERATION: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(2),
    HEAVY_PER_CLIENT: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(2),
    HEAVY_AT_ONCE: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(4),
    HEAVY_PER_MINUTE: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(60),
    HEAVY_SECONDS_PER_MINUTE: z.coerce.number({ error: 'expects seconds' }).positive().default(60),
    REPORT_PDF_PAGES: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(DEFAULT_REPORT_PDF_PAGES),
    NEO4J_RESTART_ATTEMPTS: z.coerce.number({ error: 'expects a whole number' }).int().min(0).default(5),
    NEO4J_RESTART_BACKOFF_MS: z.coerce.number({ error: 'expects milliseconds' }).int().positive().default(1_000),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && env.NEO4J_PASSWORD === undefined && !/^bolt:\/\/(localhost|127\.)/.test(env.NEO4J_URI)) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_PASSWORD'],
        message: 'is required with a remote NEO4J_URI (set it to the password of NEO4J_USER)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Where the service's Neo4j lives: a server it was given, or one it starts and owns. */
export type Neo4jTarget =
  | { kind: 'remote'; uri: string; user: string; password: string | undefined; database: string }
  | {
      kind: 'owned';
      dataDir: string;
      boltPort: number;
      heap: string;
      pagecache: string;
      startTimeoutMs: number;
      database: string;
      /** Consecutive failed restarts after a crash before the instance reports itself unhealthy. */
      restartAttempts: number;
      /** First wait before a restart; doubles after each failed one (at most 30 s). */
      restartBackoffMs: number;
    };

export interface SecurityConfig {
  reads: 'public' | 'key';
  apiKeys: ApiKeyEntry[];
  jwt: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string; roleClaim: string; maxAgeSeconds: number } | null;
  corsOrigins: string[] | null;
  /** The explorer's CSP frame-ancestors: 'self' and these origins (partners embedding it). */
  frameAncestors: string[];
  /** When set, GET /metrics needs `authorization: Bearer <token>` (or an admin API key). */
  metricsToken: string | undefined;
  /** Peers whose X-Forwarded-For is believed (the rate limit's client address). */
  trustedProxies: string[];
  graphiql: boolean;
  introspection: boolean;
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  /** Look-ahead plans (and their Cypher text) kept per operation and variables; 0: none. */
  planCacheSize: number;
  ratePerMinute: number;
  /** Questionnaire submissions a minute per client, and per survey link (src/survey/rate-limit.ts). */
  surveyPerClient: number;
  surveyPerLink: number;
  persistedOperationsFile: string | undefined;
  cypherTimeoutMs: number;
  budgets: Budgets;
  /** Estimated actors + links one operation's actorGraph/networkShape/territoryReport fields may cover together. */
  graphMaxItems: number;
  /** actorGraph/networkShape/territoryReport fields one operation may hold. */
  heavyPerOperation: number;
  /** Heavy requests (actorGraph/networkShape/territoryReport operations, /report/...) one client may run at once. */
  heavyPerClient: number;
  /** Heavy requests every client together may run at once. */
  heavyAtOnce: number;
  /** Heavy requests one client may start in a minute (a leaky bucket). */
  heavyPerMinute: number;
  /** Seconds of heavy work one client may keep the server busy with in a minute (a leaky bucket). */
  heavySecondsPerMinute: number;
  /** Report pages the warm Chromium prints at once (the others wait): each costs a renderer's memory and CPU. */
  reportPdfPages: number;
  /** SEED_MAX_FILE_MB, in bytes. */
  seedMaxFileBytes: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  neo4j: Neo4jTarget;
  seedOnStart: boolean;
  /** A new owned data folder gets the start store written by npm install (src/seed/start-store.ts) instead of seeding through Cypher. */
  startStore: boolean;
  /** Make the territory report ready in the background once Neo4j answers (src/report/prepare.ts). */
  reportPrepareAtStart: boolean;
  production: boolean;
  security: SecurityConfig;
  limits: LimitsConfig;
  /** OpenTelemetry's standard variables (OTEL_EXPORTER_OTLP_ENDPOINT...), read as the specification says. */
  tracing: TracingSettings;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset": shells and .env files produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const value = cleaned[name];
        return `${name}${value !== undefined ? `=${JSON.stringify(value)}` : ''}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const neo4j: Neo4jTarget = env.NEO4J_URI
    ? {
        kind: 'remote',
        uri: env.NEO4J_URI,
        user: env.NEO4J_USER,
        password: env.NEO4J_PASSWORD,
        database: env.NEO4J_DATABASE,
      }
    : {
        kind: 'owned',
        dataDir: path.resolve(env.MAILLAGE_DATA_DIR),
        boltPort: env.NEO4J_BOLT_PORT,
        heap: env.NEO4J_HEAP,
        pagecache: env.NEO4J_PAGECACHE,
        startTimeoutMs: env.NEO4J_START_TIMEOUT * 1000,
        database: 'neo4j',
        restartAttempts: env.NEO4J_RESTART_ATTEMPTS,
        restartBackoffMs: env.NEO4J_RESTART_BACKOFF_MS,
      };
  let apiKeys: ApiKeyEntry[];
  try {
    apiKeys = parseApiKeys(env.MAILLAGE_API_KEYS);
  } catch (err) {
    throw new ConfigError([`MAILLAGE_API_KEYS: ${(err as Error).message}`]);
  }
  const production = env.NODE_ENV === 'production';
  const jwt =
    env.MAILLAGE_JWT_SECRET || env.MAILLAGE_JWKS_URL
      ? {
          ...(env.MAILLAGE_JWT_SECRET ? { secret: env.MAILLAGE_JWT_SECRET } : {}),
          ...(env.MAILLAGE_JWKS_URL ? { jwksUrl: env.MAILLAGE_JWKS_URL } : {}),
          ...(env.MAILLAGE_JWT_ISSUER ? { issuer: env.MAILLAGE_JWT_ISSUER } : {}),
          ...(env.MAILLAGE_JWT_AUDIENCE ? { audience: env.MAILLAGE_JWT_AUDIENCE } : {}),
          roleClaim: env.MAILLAGE_JWT_ROLE_CLAIM,
          maxAgeSeconds: env.MAILLAGE_JWT_MAX_AGE,
        }
      : null;
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    neo4j,
    seedOnStart: env.SEED_ON_START,
    startStore: env.START_STORE,
    reportPrepareAtStart: env.REPORT_PREPARE_AT_START,
    production,
    tracing: tracingSettings(source),
    security: {
      reads: env.MAILLAGE_READS,
      apiKeys,
      jwt,
      corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : null,
      frameAncestors: (env.EXPLORER_FRAME_ANCESTORS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      // Off in production unless asked for: no schema tour for strangers.
      graphiql: env.GRAPHIQL ?? !production,
      introspection: env.INTROSPECTION ?? !production,
      metricsToken: env.METRICS_TOKEN,
      trustedProxies: env.TRUSTED_PROXIES ? env.TRUSTED_PROXIES.split(',').map((a) => a.trim()).filter(Boolean) : [],
    },
    limits: {
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxTokens: env.MAX_TOKENS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxCost: env.MAX_COST,
      planCacheSize: env.PLAN_CACHE_SIZE,
      ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
      surveyPerClient: env.SURVEY_RATE_PER_CLIENT,
      surveyPerLink: env.SURVEY_RATE_PER_CAMPAIGN,
      persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE,
      cypherTimeoutMs: env.CYPHER_TIMEOUT_MS,
      budgets: budgetsOf(env, cleaned.CYPHER_TIMEOUT_MS !== undefined, env.CYPHER_TIMEOUT_MS),
      graphMaxItems: env.GRAPH_MAX_ITEMS,
      heavyPerOperation: env.HEAVY_FIELDS_PER_OPERATION,
      heavyPerClient: env.HEAVY_PER_CLIENT,
      heavyAtOnce: env.HEAVY_AT_ONCE,
      heavyPerMinute: env.HEAVY_PER_MINUTE,
      heavySecondsPerMinute: env.HEAVY_SECONDS_PER_MINUTE,
      reportPdfPages: env.REPORT_PDF_PAGES,
      seedMaxFileBytes: Math.round(env.SEED_MAX_FILE_MB * 1_048_576),
    },
  };
}

/** For commands (`npm start`, the seed CLI, `npm run neo4j`): the configuration, or exit code 2 naming each bad variable. */
export function loadConfigOrExit(source: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(source);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return process.exit(2);
  }
}

/** Where the report's PDF finds Chromium: CHROMIUM_PATH, else Debian's package (`apt-get install chromium`). */
export function chromiumPath(source: Record<string, string | undefined> = process.env): string {
  return source.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Fixed limits of the read path (src/fetch/relations.ts, src/graphql/lookahead/): the largest `first`
 * of a nested `links` or `children`, and the guards on a whole selection's plan (worst-case rows:
 * the product of `first` down each branch; nesting depth). Over them: `BAD_USER_INPUT` on `first`,
 * or `QUERY_TOO_COMPLEX`, before any Cypher runs.
 */
export const READ_LIMITS = {
  maxLinks: 500,
  maxChildren: 500,
  maxPlanCost: 200_000,
  maxPlanDepth: 6,
} as const;

/**
 * Fixed limits of a survey campaign's progress (`surveyCampaignProgress`, src/survey/progress.ts):
 * territories listed per level (most respondents first; the total stays complete) and the largest
 * `needs`. Over `maxNeeds`: `BAD_USER_INPUT` on `needs`, before any Cypher runs.
 */
export const SURVEY_LIMITS = {
  territoriesPerLevel: 500,
  maxNeeds: 50,
} as const;

/**
 * The territory report's budgets (src/report/): how much of each ranking it shows, how many SMEs get
 * suggestions and how many funders get a path, how long Chromium may take to print, how many
 * rendered reports are kept (per data version).
 */
export const REPORT_LIMITS = {
  /** Hubs and brokers listed. */
  ranked: 5,
  /** Largest communities listed. */
  communities: 5,
  /** Sub-territories on the map and in its table (most actors first). */
  subTerritories: 30,
  /** Largest uncovered SMEs that get suggestions, and suggestions each. */
  suggestedCompanies: 3,
  suggestionsPerCompany: 3,
  /** Key funders reached by a synergy path from the main hub, and the path's length at most. */
  fundingPaths: 3,
  pathMaxHops: 4,
  /** Competencies in the report's tables and chart (the CSV has them all). */
  competencies: 15,
  /** Chromium's budget to launch, load and print one report. */
  pdfTimeoutMs: 60_000,
  /** The warm Chromium is closed after this long without a PDF to print. */
  pdfBrowserIdleMs: 10 * 60_000,
  /** Rendered reports (HTML/PDF/XLSX per territory and language) kept until the data changes. */
  cacheEntries: 16,
} as const;
