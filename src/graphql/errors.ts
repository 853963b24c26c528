/**
 * Maps whatever a resolver threw to a GraphQL error with `extensions.code`. Unexpected errors are
 * masked for clients ("Unexpected error.") and logged in full with the request id.
 */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { BadInputError, DomainError } from '../domain/errors.ts';
import { isDatabaseUnavailable } from '../neo4j/availability.ts';

/** Statuses that tell HTTP clients and proxies what happened without reading the body. */
const HTTP_STATUS: Record<string, number | undefined> = {
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
    return new GraphQLError(cause.message, {
      ...base,
      extensions: { code: cause.code, argumentPath: cause.argumentPath },
    });
  }
  if (cause instanceof DomainError) {
    const status = HTTP_STATUS[cause.code];
    return new GraphQLError(cause.message, {
      ...base,
      extensions: { code: cause.code, ...(status ? { http: { status } } : {}) },
    });
  }
  if (cause instanceof Neo4jError && /TransactionTimedOut/.test(cause.code)) {
    return new GraphQLError('This query took longer than the server allows (CYPHER_TIMEOUT_MS): narrow it down.', {
      ...base,
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
  }
  // Neo4j could not read a bookmark the client sent back (x-neo4j-bookmarks): the caller's input.
  if (cause instanceof Neo4jError && /^Neo\.ClientError\.Transaction\.InvalidBookmark/.test(cause.code)) {
    return new GraphQLError(
      'The x-neo4j-bookmarks header holds a bookmark this database does not know: send back the header a response gave you, or none.',
      { ...base, extensions: { code: 'BAD_USER_INPUT', header: 'x-neo4j-bookmarks' } },
    );
  }
  if (isDatabaseUnavailable(cause)) {
    return new GraphQLError('The database is not reachable right now; try again shortly.', {
      ...base,
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  }
  // Errors without a path come from GraphQL itself (parsing, validation, variable coercion), not
  // from a resolver: they describe the caller's request and are safe to show. One GraphQL raised
  // during execution (a path, no cause: a non-null field found null, a node of no known type) is
  // our fault, and is masked.
  if (gql && !gql.path) {
    // Variables that do not fit their declared types are the caller's input, like arguments.
    const fallback = /^Variable "\$/.test(gql.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED';
    const code = (gql.extensions?.code as string | undefined) ?? fallback;
    return new GraphQLError(gql.message, { ...base, extensions: { ...gql.extensions, code } });
  }
  return undefined;
}
