/**
 * Maps whatever a resolver threw to a GraphQL error with `extensions.code`. Unexpected errors are
 * masked for clients ("Unexpected error.") and logged in full with the request id.
 */
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { BadInputError, ConflictError, DomainError, type ErrorCode, RateLimitedError } from '../domain/errors.ts';
import { neo4jFailure } from '../neo4j/errors.ts';

/** A GraphQL error with one of our codes; plugins and the mapping below build theirs with it. */
export function clientError(code: ErrorCode, message: string, options: GraphQLErrorOptions & { status?: number } = {}): GraphQLError {
  const { status, extensions, ...rest } = options;
  return new GraphQLError(message, { ...rest, extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) } });
}

/** The JSON body of a response a plugin ends before GraphQL runs (bad API key, rate limit). */
export function errorBody(code: ErrorCode, message: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * The code a client sees for an error leaving the service: its own, else the mapping's, else
 * INTERNAL_SERVER_ERROR (masked). Codes are ours (ErrorCode); a library code we do not know yet is
 * passed on as it is rather than called an internal error.
 */
export function codeOf(error: GraphQLError): ErrorCode | (string & {}) {
  const code = error.extensions?.code ?? toClientError(error)?.extensions.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** Statuses that tell HTTP clients and proxies what happened without reading the body. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  SERVICE_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

/** Returns a client-safe error, or undefined when the error must be masked. */
export function toClientError(error: unknown): GraphQLError | undefined {
  const cause = rootCause(error);
  const gql = error instanceof GraphQLError ? error : undefined;
  const base = { nodes: gql?.nodes, source: gql?.source, positions: gql?.positions, path: gql?.path };
  if (cause instanceof BadInputError) {
    return clientError(cause.code, cause.message, { ...base, extensions: { argumentPath: cause.argumentPath } });
  }
  if (cause instanceof RateLimitedError) {
    return clientError(cause.code, cause.message, { ...base, extensions: { retryAfter: cause.retryAfterSeconds } });
  }
  if (cause instanceof ConflictError) {
    return clientError(cause.code, cause.message, { ...base, extensions: { current: cause.current, argumentPath: cause.argumentPath } });
  }
  if (cause instanceof DomainError) {
    return clientError(cause.code, cause.message, { ...base, status: HTTP_STATUS[cause.code] });
  }
  if (cause instanceof Neo4jError && /InvalidBookmark/.test(cause.code)) {
    return clientError(
      'BAD_USER_INPUT',
      'The x-neo4j-bookmarks header holds something that is not a bookmark of this database: send back only what an earlier response gave you.',
      { ...base, status: 400 },
    );
  }
  const failure = neo4jFailure(cause);
  if (failure === 'timeout') {
    return clientError('QUERY_TOO_COMPLEX', 'This query took longer than the server allows (CYPHER_TIMEOUT_MS): narrow it down.', base);
  }
  if (failure === 'memory') {
    return clientError(
      'QUERY_TOO_COMPLEX',
      'This query needs more memory than the database allows for one question: narrow it down (a smaller `first`, a smaller territory).',
      base,
    );
  }
  if (failure === 'busy') {
    return clientError('SERVICE_BUSY', 'The server is busy: every database connection is in use. Try again in a moment.', {
      ...base,
      extensions: { http: { status: 503, headers: { 'retry-after': '1' } } },
    });
  }
  if (failure === 'unavailable') {
    return clientError('SERVICE_UNAVAILABLE', 'The database is not reachable right now; try again shortly.', { ...base, status: 503 });
  }
  // Errors without a path come from GraphQL itself (parsing, validation, variable coercion), not
  // from a resolver: they describe the caller's request and are safe to show. One GraphQL raised
  // during execution (a path, no cause: a non-null field found null, a node of no known type) is
  // our fault, and is masked.
  if (gql && !gql.path) {
    // The JWT plugin's refusals (no code of their own): a bad, expired or too old token.
    const httpStatus = (gql.extensions?.http as { status?: number } | undefined)?.status;
    if (!gql.extensions?.code && (httpStatus === 401 || /authentication token|Unauthenticated/.test(gql.message))) {
      return new GraphQLError(
        'The Bearer token is not valid: badly formed, badly signed, expired, or older than the server accepts (MAILLAGE_JWT_MAX_AGE).',
        { ...base, extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
      );
    }
    // Variables that do not fit their declared types are the caller's input, like arguments.
    const fallback = /^Variable "\$/.test(gql.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED';
    const code = (gql.extensions?.code as string | undefined) ?? fallback;
    if (gql.extensions && 'originalError' in gql.extensions) {
      // Yoga puts the JSON parser's message there, which quotes the request body back: keep the
      // code and the status (a malformed body is a 400 whatever the Accept header), drop the echo.
      const status = (gql.extensions.http as { status?: number } | undefined)?.status ?? 400;
      return new GraphQLError(gql.message, { ...base, extensions: { code, http: { status } } });
    }
    return new GraphQLError(gql.message, { ...base, extensions: { ...gql.extensions, code } });
  }
  return undefined;
}
