/**
 * Errors domain functions throw; the GraphQL layer maps each to its `extensions.code`
 * (src/graphql/errors.ts). Nothing here knows about GraphQL.
 */
export class DomainError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
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
