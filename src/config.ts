/**
 * Configuration from the environment, validated once at start-up.
 *
 *   const config = loadConfig(process.env);   // throws ConfigError naming each bad variable
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type ApiKeyEntry, parseApiKeys } from './access/api-keys.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/**
 * Largest seed file read (CLI and upload): a bigger one is refused before it is read. A dry run
 * holds about 8 bytes of memory per byte of CSV; 256 MB covers a 1,000,000-relationship JSON file.
 */
export const DEFAULT_SEED_MAX_FILE_BYTES = 256 * 1_048_576;

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
    NODE_ENV: z.string().default('development'),
    MAILLAGE_READS: z.enum(['public', 'key'], { error: 'expects public (anyone may read) or key (reads need credentials)' }).default('public'),
    MAILLAGE_API_KEYS: z.string().optional(),
    MAILLAGE_JWT_SECRET: z.string().min(32, { error: 'expects a shared secret of at least 32 characters' }).optional(),
    MAILLAGE_JWKS_URL: z.url({ error: 'expects the URL of a JWKS document' }).optional(),
    MAILLAGE_JWT_ISSUER: z.string().optional(),
    MAILLAGE_JWT_AUDIENCE: z.string().optional(),
    MAILLAGE_JWT_ROLE_CLAIM: z.string().default('role'),
    CORS_ORIGINS: z.string().optional(),
    GRAPHIQL: flag.optional(),
    INTROSPECTION: flag.optional(),
    MAX_DEPTH: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(10),
    MAX_ALIASES: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(15),
    MAX_TOKENS: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(3000),
    MAX_DIRECTIVES: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(20),
    MAX_COST: z.coerce.number({ error: 'expects a whole number' }).int().positive().default(100_000),
    RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'expects a whole number (0 turns it off)' }).int().min(0).default(1200),
    PERSISTED_OPERATIONS_FILE: z.string().optional(),
    SEED_MAX_FILE_MB: z.coerce.number({ error: 'expects megabytes' }).positive().default(DEFAULT_SEED_MAX_FILE_BYTES / 1_048_576),
    CYPHER_TIMEOUT_MS: z.coerce.number({ error: 'expects milliseconds' }).int().positive().default(15_000),
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
    };

export interface SecurityConfig {
  reads: 'public' | 'key';
  apiKeys: ApiKeyEntry[];
  jwt: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string; roleClaim: string } | null;
  corsOrigins: string[] | null;
  graphiql: boolean;
  introspection: boolean;
}

export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  ratePerMinute: number;
  persistedOperationsFile: string | undefined;
  cypherTimeoutMs: number;
  /** SEED_MAX_FILE_MB, in bytes. */
  seedMaxFileBytes: number;
}

export interface Config {
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  neo4j: Neo4jTarget;
  seedOnStart: boolean;
  production: boolean;
  security: SecurityConfig;
  limits: LimitsConfig;
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
        }
      : null;
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    neo4j,
    seedOnStart: env.SEED_ON_START,
    production,
    security: {
      reads: env.MAILLAGE_READS,
      apiKeys,
      jwt,
      corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : null,
      // Off in production unless asked for: no schema tour for strangers.
      graphiql: env.GRAPHIQL ?? !production,
      introspection: env.INTROSPECTION ?? !production,
    },
    limits: {
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxTokens: env.MAX_TOKENS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxCost: env.MAX_COST,
      ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
      persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE,
      cypherTimeoutMs: env.CYPHER_TIMEOUT_MS,
      seedMaxFileBytes: Math.round(env.SEED_MAX_FILE_MB * 1_048_576),
    },
  };
}
