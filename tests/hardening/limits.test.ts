import { parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { operationCost } from '../../src/graphql/plugins/query-cost.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, testDatabase } from '../support/harness.ts';
import { countingDatabase } from '../api/support.ts';

const db = testDatabase();
afterAll(() => db.close());

function server(env: Record<string, string> = {}) {
  const config = loadConfig(env);
  return createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
}

describe('query cost', () => {
  const schema = buildSchema();
  it('multiplies down nested lists by their first (or its default)', () => {
    const flat = operationCost(schema, parse('{ actors(first: 10) { totalCount } }'), {});
    const nested = operationCost(schema, parse('{ actors(first: 10) { edges { node { links(first: 5) { type } } } } }'), {});
    expect(flat).toBe(1 + 10 * 1);
    // actors + 10 × (edges + node + links + 5 × type)
    expect(nested).toBe(1 + 10 * (1 + (1 + (1 + 5 * 1))));
    const byVariable = operationCost(schema, parse('query($n: Int) { actors(first: $n) { totalCount } }'), { n: 100 });
    expect(byVariable).toBe(101);
  });
});

describe('query limits', () => {
  const yoga = server({ MAX_DEPTH: '4', MAX_ALIASES: '3', MAX_COST: '1000', MAX_TOKENS: '200' });

  it('rejects a query deeper than MAX_DEPTH with QUERY_TOO_COMPLEX', async () => {
    const res = await gql(yoga, '{ actors { edges { node { links { other { id } } } } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects too many aliases', async () => {
    const res = await gql(yoga, '{ a: actor(id: "a") { id } b: actor(id: "b") { id } c: actor(id: "c") { id } d: actor(id: "d") { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('rejects a query whose cost multiplies past MAX_COST, before any Cypher', async () => {
    const counting = countingDatabase();
    const config = loadConfig({ MAX_COST: '150' });
    const cheap = createGraphQLServer({ db: counting.db, logger: createLogger('silent'), security: config.security, limits: config.limits });
    try {
      expect((await gql(cheap, '{ actors(first: 50) { edges { cursor } } }')).errors).toBeUndefined();
      expect(counting.count()).toBeGreaterThan(0); // the counter sees what reaches Neo4j
      counting.reset();
      const res = await gql(cheap, '{ actors(first: 100) { edges { cursor } } }');
      expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(res.errors?.[0]?.message).toMatch(/cost/);
      expect(counting.count()).toBe(0);
    } finally {
      await counting.db.close();
    }
  });

  it('rejects an oversized document by tokens', async () => {
    const res = await gql(yoga, `{ ${Array.from({ length: 250 }, () => '__typename').join(' ')} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('answers 429 past the rate limit, with Retry-After', async () => {
    const limited = server({ RATE_LIMIT_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await gql(limited, '{ __typename }')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await limited.fetch('http://maillage.test/graphql?query=%7B__typename%7D');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics, counting errors by code and Cypher time', async () => {
    const yoga = server();
    await gql(yoga, '{ actor(id: "nobody-at-all") { id } }');
    await gql(yoga, '{ actors(first: 1000) { totalCount } }');
    const text = await (await yoga.fetch('http://maillage.test/metrics')).text();
    expect(text).toMatch(/maillage_cypher_duration_seconds_count\{mode="READ"\} [1-9]/);
    expect(text).toMatch(/maillage_graphql_errors_total\{code="BAD_USER_INPUT"\} 1/);
    expect(text).toMatch(/graphql_yoga_http_duration/);
  });
});

describe('persisted operations', () => {
  it('accepts only the operations of PERSISTED_OPERATIONS_FILE, by hash', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'maillage-persisted-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ typename: '{ __typename }' }));
    const yoga = server({ PERSISTED_OPERATIONS_FILE: file });
    const known = await yoga.fetch('http://maillage.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'typename' } } }),
    });
    expect(await known.json()).toEqual({ data: { __typename: 'Query' } });
    const arbitrary = await gql(yoga, '{ __typename }');
    expect(arbitrary.data ?? null).toBeNull();
    expect(arbitrary.errors?.[0]?.message).toMatch(/PersistedQueryOnly|persisted/i);
  });
});
