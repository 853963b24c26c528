/**
 * What a Neo4j driver error means for the service, decided in one place: the availability gate,
 * the time budgets and the GraphQL error mapping all ask here.
 *
 *   neo4jFailure(error)   // 'unavailable': Neo4j cannot be reached (503, the gate closes)
 *                         // 'timeout': the transaction ran out of its time budget (QUERY_TOO_COMPLEX)
 *                         // 'busy': every pooled connection is in use; Neo4j is up (SERVICE_BUSY, the gate stays open)
 *                         // 'memory': the transaction hit Neo4j's memory limit for one query (QUERY_TOO_COMPLEX)
 *                         // undefined: anything else (a query error, or not a Neo4j error at all)
 */
import { Neo4jError } from 'neo4j-driver';

export type Neo4jFailure = 'unavailable' | 'timeout' | 'busy' | 'memory';

/** Driver error codes that mean "the database cannot be reached", not "your query is wrong". */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const UNAVAILABLE_MESSAGE = /connect|ECONNREFUSED|Pool is closed/i;
/** No connection came free in time: load, not an outage (closing the gate would turn a busy minute into 503s for all). */
const BUSY_MESSAGE = /acquisition timed out/i;
/** A transaction stopped by its timeout, server-side or from the client's configuration. */
const TIMEOUT_CODE = /TransactionTimedOut/;
const TIMEOUT_MESSAGE = /terminated|timed out|timeout/i;
const CONNECTION_MESSAGE = /connect|ECONNREFUSED|acquisition/i;
/** One transaction asked more memory than Neo4j allows (dbms.memory.transaction.*): too big a question, not an outage. */
const MEMORY_CODE = /MemoryPoolOutOfMemoryError|TransactionMemoryLimit|MemoryLimitExceeded/;
const MEMORY_MESSAGE = /dbms\.memory\.transaction/;

export function neo4jFailure(error: unknown): Neo4jFailure | undefined {
  if (!(error instanceof Neo4jError)) return undefined;
  if (TIMEOUT_CODE.test(error.code)) return 'timeout';
  if (MEMORY_CODE.test(error.code) || MEMORY_MESSAGE.test(error.message)) return 'memory';
  if (BUSY_MESSAGE.test(error.message)) return 'busy';
  if (UNAVAILABLE_CODES.has(error.code) || UNAVAILABLE_MESSAGE.test(error.message)) return 'unavailable';
  if (TIMEOUT_MESSAGE.test(error.message) && !CONNECTION_MESSAGE.test(error.message)) return 'timeout';
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return neo4jFailure(error) === 'unavailable';
}

export function isPoolBusy(error: unknown): boolean {
  return neo4jFailure(error) === 'busy';
}

export function isTimedOut(error: unknown): boolean {
  return neo4jFailure(error) === 'timeout';
}

/** Out of its time budget or of Neo4j's memory for one transaction: a question too big to answer. */
export function isTooBig(error: unknown): boolean {
  const failure = neo4jFailure(error);
  return failure === 'timeout' || failure === 'memory';
}
