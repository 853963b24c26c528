/**
 * The one door to Neo4j: every Cypher query of the service goes through `read` or `write`.
 *
 *   const db = connect({ uri: 'bolt://127.0.0.1:7690', database: 'neo4j' });
 *   const rows = await db.read<{ name: string }>('MATCH (a:Entity:Actor {id: $id}) RETURN a.name AS name', { id: 'utc' });
 *
 * A write runs one managed transaction (retried by the driver on transient errors), a read one
 * auto-commit query (retried here the same way, see `readAutoCommit`), with the database
 * named explicitly (saves a round trip) and reads routed to readers in a cluster. Each query is a
 * tracing span when tracing is on; while Neo4j is unreachable, queries fail at once (./availability.ts);
 * a query whose caller has gone (`signal`, the HTTP request's) is stopped in Neo4j.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import neo4j, { type BookmarkManager, type Driver, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';
import { type Budgets, DEFAULT_BUDGETS } from '../config.ts';
import { ClientClosedRequestError } from '../domain/errors.ts';
import { tracer } from '../observability/tracing.ts';
import { AvailabilityGate } from './availability.ts';
import { BUMP_DATA_VERSION, isSchemaCommand } from './data-version.ts';

export interface ConnectOptions {
  uri: string;
  user?: string;
  password?: string;
  database: string;
  /** Transaction timeout for every query unless a call says otherwise (default 30 s). */
  timeoutMs?: number;
  /** How long the driver retries a transaction that failed transiently (default 10 s). */
  maxRetryMs?: number;
  /** The named time budgets (src/config.ts); `cypherMs` is `timeoutMs`. */
  budgets?: Budgets;
  /** Connections the driver may hold (default 100, the driver's). */
  maxPoolSize?: number;
  /** How long a query waits for a free connection before SERVICE_BUSY (default 10 s). */
  acquisitionTimeoutMs?: number;
}

/** Called once per Cypher query sent; the GraphQL layer counts queries per request with it. */
export type QueryObserver = (event: { cypher: string; mode: 'READ' | 'WRITE'; ms: number }) => void;

export interface QueryOptions {
  observer?: QueryObserver | undefined;
  timeoutMs?: number;
  /**
   * Causal consistency across service instances: reads wait for these bookmarks, writes add theirs.
   * Without one, the driver's own manager chains this instance's queries.
   */
  bookmarkManager?: BookmarkManager | undefined;
  /**
   * Aborted when the caller has gone (the HTTP client closed its connection): the query is then
   * stopped in Neo4j (a write rolled back) and fails with ClientClosedRequestError.
   */
  signal?: AbortSignal | undefined;
}

/**
 * The driver captures and formats a stack trace for every result it creates, to put its call site
 * in a failing query's stack: about 5% of the service's CPU on the hot read path (docs/benchmarks.md,
 * "Performance, issue #21"). Reads skip it; the error keeps its message, code and our own mapping
 * (src/neo4j/errors.ts). The window is synchronous, so no other code runs with the limit at 0.
 */
function withoutResultStack<R>(start: () => R): R {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A Cypher statement and its parameters. */
export interface Statement {
  cypher: string;
  params: Record<string, unknown>;
}

/**
 * A data write may bring statements to run in its transaction, in order: `before` it, then it,
 * then `after` it, all sent at once. Statements that never change (a lock, a refresh) are planned
 * once by Neo4j, where folding them into each write's text would plan them again for every text.
 */
export interface WriteOptions extends QueryOptions {
  before?: readonly Statement[];
  after?: readonly Statement[];
}

export class Database {
  readonly driver: Driver;
  readonly database: string;
  readonly uri: string;
  readonly timeoutMs: number;
  readonly maxRetryMs: number;
  /** Time budgets the domain functions give their heavy queries, carried here from the config. */
  readonly budgets: Budgets;
  /** Shared by every scoped handle: one view of whether Neo4j is reachable. */
  readonly availability: AvailabilityGate;
  /** Options every query of this handle gets (see `scoped`). */
  protected defaults: QueryOptions = {};

  constructor(options: ConnectOptions) {
    this.uri = options.uri;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetryMs = options.maxRetryMs ?? 10_000;
    this.budgets = { ...(options.budgets ?? DEFAULT_BUDGETS), cypherMs: this.timeoutMs };
    this.database = options.database;
    const auth =
      options.password !== undefined ? neo4j.auth.basic(options.user ?? 'neo4j', options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, {
      // Integers come back as JS numbers where safe; ids are strings in this model anyway.
      disableLosslessIntegers: true,
      connectionAcquisitionTimeout: options.acquisitionTimeoutMs ?? 10_000,
      ...(options.maxPoolSize ? { maxConnectionPoolSize: options.maxPoolSize } : {}),
      connectionTimeout: 5_000,
      maxTransactionRetryTime: this.maxRetryMs,
      logging: { level: 'error', logger: () => undefined },
    });
    this.availability = new AvailabilityGate(() => this.ping(5_000));
  }

  /**
   * The same connection, with options applied to every query: one per GraphQL request, so each of
   * its queries is counted and shares the request's bookmarks without every call passing them.
   */
  scoped(defaults: QueryOptions): Database {
    const handle = Object.create(this) as Database;
    handle.defaults = { ...this.defaults, ...defaults };
    return handle;
  }

  /** The abort signal of the request this handle is scoped to, if any (see QueryOptions.signal). */
  get signal(): AbortSignal | undefined {
    return this.defaults.signal;
  }

  read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: QueryOptions = {},
  ): Promise<T[]> {
    return this.run<T>('READ', cypher, params, options);
  }

  write<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: WriteOptions = {},
  ): Promise<T[]> {
    return this.run<T>('WRITE', cypher, params, options);
  }

  private async run<T extends RecordShape>(
    mode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>,
    callOptions: WriteOptions,
  ): Promise<T[]> {
    // An option given as undefined (`{ observer: options.observer }`) keeps the scoped handle's own.
    const options = { ...this.defaults, ...withoutUndefined(callOptions) };
    this.availability.check();
    if (options.signal?.aborted) throw new ClientClosedRequestError();
    return tracer().startActiveSpan(
      `neo4j ${mode}`,
      {
        kind: SpanKind.CLIENT,
        // The Cypher text is parameterised: it carries no user value, so it is safe to export.
        attributes: { 'db.system.name': 'neo4j', 'db.namespace': this.database, 'db.query.text': cypher },
      },
      async (span) => {
        const started = performance.now();
        try {
          const rows = await this.send<T>(mode, cypher, params, options);
          span.setAttribute('db.response.returned_rows', rows.length);
          return rows;
        } catch (error) {
          // Stopped because the caller left: neither a database failure nor a query error.
          const failure = options.signal?.aborted ? new ClientClosedRequestError() : error;
          if (failure === error) this.availability.observe(error);
          span.recordException(failure instanceof Error ? failure : String(failure));
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw failure;
        } finally {
          span.end();
          options.observer?.({ cypher, mode, ms: performance.now() - started });
        }
      },
    );
  }

  /** Reads, data writes and schema commands each go the way that suits them (see below). */
  private send<T extends RecordShape>(
    mode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>,
    options: WriteOptions,
  ): Promise<T[]> {
    if (mode === 'READ') return this.readAutoCommit<T>(cypher, params, options);
    if (!isSchemaCommand(cypher)) return this.writeAndBumpVersion<T>(cypher, params, options);
    // Schema commands change no data (no version to bump) and cannot share a transaction with writes.
    return this.driver
      .executeQuery<QueryResult<T>>(cypher, params, {
        database: this.database,
        routing: neo4j.routing.WRITE,
        transactionConfig: { timeout: options.timeoutMs ?? this.timeoutMs },
        ...(options.bookmarkManager ? { bookmarkManager: options.bookmarkManager } : {}),
      })
      .then((result) => result.records.map((record) => record.toObject()));
  }

  /** A session for one query: this database, the request's bookmarks or the instance's own chain. */
  private openSession(accessMode: typeof neo4j.session.READ | typeof neo4j.session.WRITE, options: QueryOptions) {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: accessMode,
      bookmarkManager: options.bookmarkManager ?? this.driver.executeQueryBookmarkManager,
    });
  }

  /**
   * A read as one auto-commit query: one Bolt message (RUN and PULL) and one round trip, where a
   * managed transaction sends BEGIN, RUN and PULL, then COMMIT, and waits twice. A read-only
   * statement has nothing to commit, so it gives the same answer; on the hot path this saves two
   * socket writes per query. The driver retries only managed transactions, so transient errors
   * are retried here, the way it would: exponential back-off from 1 s, for at most `maxRetryMs`.
   */
  private async readAutoCommit<T extends RecordShape>(
    cypher: string,
    params: Record<string, unknown>,
    options: QueryOptions,
  ): Promise<T[]> {
    const started = performance.now();
    for (let delay = 1_000; ; delay *= 2) {
      const session = this.openSession(neo4j.session.READ, options);
      const stopWatching = stopWhenAbandoned(session, options.signal);
      try {
        const result = await withoutResultStack(() => session.run<T>(cypher, params, { timeout: options.timeoutMs ?? this.timeoutMs }));
        return result.records.map((record) => record.toObject());
      } catch (error) {
        const wait = delay * (0.8 + Math.random() * 0.4);
        if (options.signal?.aborted || !neo4j.isRetryableError(error) || performance.now() - started + wait > this.maxRetryMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      } finally {
        stopWatching();
        await session.close();
      }
    }
  }

  /**
   * A data write: the query, then the data version's bump as the transaction's last statement
   * (data-version.ts), in one managed transaction retried as a whole. The bookmarks go to the same
   * manager `executeQuery` uses, so this instance's next reads still see the write.
   */
  private async writeAndBumpVersion<T extends RecordShape>(
    cypher: string,
    params: Record<string, unknown>,
    options: WriteOptions,
  ): Promise<T[]> {
    const session = this.openSession(neo4j.session.WRITE, options);
    const stopWatching = stopWhenAbandoned(session, options.signal);
    const before = options.before ?? [];
    const after = options.after ?? [];
    try {
      return await session.executeWrite(
        async (tx) => {
          // Every statement is sent before any answer is awaited: one round trip.
          const results = await Promise.all([
            ...before.map((s) => tx.run(s.cypher, s.params)),
            tx.run<T>(cypher, params),
            ...after.map((s) => tx.run(s.cypher, s.params)),
            tx.run(BUMP_DATA_VERSION),
          ]);
          return results[before.length]!.records.map((record) => record.toObject() as T);
        },
        { timeout: options.timeoutMs ?? this.timeoutMs },
      );
    } finally {
      stopWatching();
      await session.close();
    }
  }

  /**
   * The owned Neo4j's supervisor says it died ('down') or is back ('up'): fail requests at once
   * meanwhile, and let them through again without waiting for the next probe.
   */
  availabilityChanged(state: 'down' | 'up'): void {
    if (state === 'down') this.availability.closeNow();
    else this.availability.reopen();
  }

  /** True when Neo4j answers now: one auto-commit query, no retries (readiness must answer fast). */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      return await Promise.race([session.run('RETURN 1').then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => undefined);
    }
  }

  close(): Promise<void> {
    this.availability.close();
    return this.driver.close();
  }
}

export function connect(options: ConnectOptions): Database {
  return new Database(options);
}

/**
 * Closes the session when the caller's request is abandoned: Neo4j then terminates the running
 * query (rolling back a write) within a tenth of a second, instead of working on for nobody until
 * its time budget. Returns what stops watching.
 */
function stopWhenAbandoned(session: Session, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const stop = () => void session.close().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  return () => signal.removeEventListener('abort', stop);
}

function withoutUndefined(options: QueryOptions): QueryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as QueryOptions;
}
