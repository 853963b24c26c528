/**
 * Errors domain functions throw; the GraphQL layer maps each to its `extensions.code`
 * (src/graphql/errors.ts). Nothing here knows about GraphQL.
 */
/**
 * Every `extensions.code` a client may see, each documented in docs/api.md ("Errors";
 * tests/unit/error-codes.test.ts checks both ways).
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'SERVICE_BUSY',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_IN_LIST',
  'PERSISTED_QUERY_ID_REQUIRED',
  'CANNOT_SEND_PQ_ID_AND_BODY',
  'INTERNAL_SERVER_ERROR',
  'PDF_UNAVAILABLE',
  'REQUEST_ENTITY_TOO_LARGE',
  'BAD_REQUEST',
  'CONFLICT',
  'CLIENT_CLOSED_REQUEST',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * The caller sent something invalid; `argumentPath` names the offending argument or field.
 * (Not `path`: graphql-js takes any error with an array `path` for an already-located GraphQL error.)
 */
export class BadInputError extends DomainError {
  readonly argumentPath: (string | number)[];
  constructor(message: string, argumentPath: (string | number)[] = []) {
    super('BAD_USER_INPUT', message);
    this.argumentPath = argumentPath;
  }
}

export class NotFoundError extends DomainError {
  readonly id: string;
  constructor(what: string, id: string) {
    super('NOT_FOUND', `No ${what} with id "${id}".`);
    this.id = id;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Credentials are required for this operation.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class QueryTooComplexError extends DomainError {
  constructor(message: string) {
    super('QUERY_TOO_COMPLEX', message);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message = 'The database is not reachable right now; try again shortly.') {
    super('SERVICE_UNAVAILABLE', message);
  }
}

/**
 * The caller closed its connection before the answer: the request's database work was stopped (a
 * write rolled back). No client reads it; the operation log and the error metric count it.
 */
export class ClientClosedRequestError extends DomainError {
  constructor() {
    super('CLIENT_CLOSED_REQUEST', 'The caller closed the request before its answer; its database work was stopped.');
  }
}

/**
 * Someone else changed the node since the caller read it (optimistic concurrency: `expectedVersion`
 * no longer matches). `current` is what is stored now, so the caller can merge and send again.
 */
export class ConflictError extends DomainError {
  readonly current: Record<string, unknown> | null;
  readonly argumentPath: (string | number)[];
  constructor(message: string, current: Record<string, unknown> | null, argumentPath: (string | number)[] = []) {
    super('CONFLICT', message);
    this.current = current;
    this.argumentPath = argumentPath;
  }
}

/** Too many requests of one kind; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
