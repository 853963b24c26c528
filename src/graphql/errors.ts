/**
 * Maps whatever a resolver threw to a GraphQL error with `extensions.code`. Unexpected errors are
 * masked for clients ("Unexpected error.") and logged in full with the request id.
 */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { BadInputError, DomainError } from '../domain/errors.ts';

/** Driver error codes that mean "the database cannot be reached", not "your query is wrong". */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (UNAVAILABLE.has(error.code) || /connect|ECONNREFUSED|Pool is closed|acquisition timed out/i.test(error.message))
  );
}

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
      originalError: cause,
      extensions: { code: cause.code, argumentPath: cause.argumentPath },
    });
  }
  if (cause instanceof DomainError) {
    const status = cause.code === 'SERVICE_UNAVAILABLE' ? 503 : undefined;
    return new GraphQLError(cause.message, {
      ...base,
      originalError: cause,
      extensions: { code: cause.code, ...(status ? { http: { status } } : {}) },
    });
  }
  if (isDatabaseUnavailable(cause)) {
    return new GraphQLError('The database is not reachable right now; try again shortly.', {
      ...base,
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  }
  // Errors GraphQL itself raised about the request (parse, validation, variable coercion) say what
  // is wrong and have no path; one raised during execution (a non-null field found null, a node of
  // no known type) is our fault and is masked.
  // Variable coercion errors wrap the scalar's own GraphQLError: still the request's fault.
  if (gql && !gql.path && (!gql.originalError || cause instanceof GraphQLError)) {
    const code =
      (gql.extensions?.code as string | undefined) ??
      (gql.message.startsWith('Variable "$') ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
    return new GraphQLError(gql.message, { ...base, extensions: { ...gql.extensions, code } });
  }
  return undefined;
}
