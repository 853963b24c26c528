/**
 * The TCK's translation function: runs a GraphQL operation through the real schema and resolvers
 * with a database that only records what it is asked, and returns each Cypher query with its
 * parameters, printed for an inline snapshot. No Neo4j involved.
 *
 *   await translate('{ actor(id: "utc") { name } }')
 *   // 'MATCH (n:Actor {id: $p0})\nRETURN n { .*, labels: labels(n) } AS n\n--- READ {"p0":"utc"}'
 */
import { execute, parse } from 'graphql';
import type { Database } from '../../src/neo4j/database.ts';
import type { GraphQLContext } from '../../src/graphql/context.ts';
import { buildSchema } from '../../src/graphql/schema.ts';

const schema = buildSchema();

export async function translate(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const sent: string[] = [];
  const record = (mode: 'READ' | 'WRITE') => async (cypher: string, params: Record<string, unknown> = {}) => {
    sent.push(`${cypher}\n--- ${mode} ${JSON.stringify(params)}`);
    return [];
  };
  const db = { read: record('READ'), write: record('WRITE') } as unknown as Database;
  const contextValue: GraphQLContext = {
    db,
    requestId: 'tck',
    principal: { subject: 'tck', role: 'editor', via: 'api-key' },
    cypherCount: 0,
    observer: () => undefined,
  };
  const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue });
  // Errors after the query ran (e.g. NOT_FOUND on the empty answer) do not matter here; errors
  // before it (validation) do.
  if (sent.length === 0 && result.errors?.length) throw result.errors[0];
  return sent.join('\n\n');
}
