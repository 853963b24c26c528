/**
 * The TCK's translation function: runs a GraphQL operation through the real schema and resolvers
 * with a database that only records what it is asked, and returns each Cypher query with its
 * parameters, printed for an inline snapshot. No Neo4j involved in the unit tier; in the integration
 * tier (vitest.config.ts), where the test run's Neo4j is provided, each query is also EXPLAINed
 * there with its parameters, so a snapshot cannot hold Cypher that Neo4j would refuse.
 *
 *   await translate('{ actor(id: "utc") { name } }')
 *   // 'MATCH (n:Actor {id: $p0})\nRETURN n { .*, labels: labels(n) } AS n\n--- READ {"p0":"utc"}'
 */
import { execute, parse } from 'graphql';
import { afterAll, inject } from 'vitest';
import { connect } from '../../src/neo4j/database.ts';
import type { Database } from '../../src/neo4j/database.ts';
import type { GraphQLContext } from '../../src/graphql/context.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { PlanCache } from '../../src/graphql/lookahead/plan-cache.ts';

const schema = buildSchema();

// Provided by tests/support/global-setup.ts in the integration tier only.
const neo4jUri = inject('neo4jUri') as string | undefined;
const neo4j = neo4jUri ? connect({ uri: neo4jUri, user: 'neo4j', password: inject('neo4jPassword'), database: 'neo4j' }) : undefined;
if (neo4j) afterAll(() => neo4j.close());

/** EXPLAIN plans without running (nothing is written); Neo4j refuses a query it cannot plan. */
export const explaining = neo4j !== undefined;

export async function explain(mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>): Promise<void> {
  if (!neo4j) return;
  if (mode === 'READ') await neo4j.read(`EXPLAIN ${cypher}`, params);
  else await neo4j.write(`EXPLAIN ${cypher}`, params);
}

export async function translate(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const sent: string[] = [];
  const record = (mode: 'READ' | 'WRITE') => async (cypher: string, params: Record<string, unknown> = {}) => {
    sent.push(`${cypher}\n--- ${mode} ${JSON.stringify(params)}`);
    await explain(mode, cypher, params);
    return [];
  };
  const db = { read: record('READ'), write: record('WRITE') } as unknown as Database;
  const contextValue: GraphQLContext = {
    db,
    requestId: 'tck',
    principal: { subject: 'tck', role: 'editor', via: 'api-key' },
    cypherCount: 0,
    observer: () => undefined,
    plans: new PlanCache(0),
  };
  const result = await execute({ schema, document: parse(query), variableValues: variables, contextValue });
  // Errors after the query ran (e.g. NOT_FOUND on the empty answer) do not matter here; errors
  // before it (validation) do.
  if (sent.length === 0 && result.errors?.length) throw result.errors[0];
  return sent.join('\n\n');
}
