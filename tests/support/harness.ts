/**
 * What tests share: the run's database, a GraphQL server over it (called in-process, no socket),
 * and unique ids so each test owns its data.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/neo4j/database.ts';
import { createLogger } from '../../src/logger.ts';
import { createGraphQLServer, type GraphQLServer } from '../../src/graphql/server.ts';

export function testDatabase(): Database {
  return connect({ uri: inject('neo4jUri'), user: 'neo4j', password: inject('neo4jPassword'), database: 'neo4j' });
}

export function testServer(db: Database): GraphQLServer {
  return createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
}

/**
 * A read that runs for about a minute of one core (it counts 1 in 7 up to two billion), far past any
 * wait of a test, until it is stopped; `marker` finds it in SHOW TRANSACTIONS.
 */
export const longRead = (marker = 'long read') => `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n // ${marker}`;

/** A prefix no other test uses: put it in every id and name a test creates. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
}

export async function gql<T = Record<string, unknown>>(
  server: GraphQLServer,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await server.fetch('http://maillage.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLResponse['errors'] };
  return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
}
