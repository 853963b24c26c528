/**
 * /metrics cannot be used to exhaust memory: its labels never carry request text (operation names,
 * URLs, aliases), unauthenticated requests add no series, and /metrics itself can be closed with a
 * token (METRICS_TOKEN) and is closed when reads need credentials.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer, type GraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, testDatabase } from '../support/harness.ts';

const db = testDatabase();
afterAll(() => db.close());

const reader = newApiKey('metrics-reader', 'reader');
const admin = newApiKey('metrics-admin', 'admin');
const token = 'a-metrics-token-of-at-least-32-characters';

function server(env: Record<string, string>): GraphQLServer {
  const config = loadConfig({ MAILLAGE_API_KEYS: `${reader.entry},${admin.entry}`, RATE_LIMIT_PER_MINUTE: '0', ...env });
  return createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
}

async function metrics(yoga: GraphQLServer, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  const res = await yoga.fetch('http://maillage.test/metrics', { headers });
  return { status: res.status, text: await res.text() };
}

const series = (text: string) => text.split('\n').filter((line) => line && !line.startsWith('#')).length;

describe('/metrics under abuse', () => {
  it('never puts request text in a label: a 100 kB operation name leaves /metrics small', async () => {
    const yoga = server({ MAILLAGE_READS: 'key', NODE_ENV: 'production', METRICS_TOKEN: token });
    const name = 'B'.repeat(100_000);
    for (let i = 0; i < 3; i += 1) {
      const res = await gql(yoga, `query ${name}${i} { __typename }`);
      expect(res.status).toBe(401);
    }
    await gql(yoga, `query ${name} { __typename }`, {}, { 'x-api-key': reader.key });
    const alias = 'C'.repeat(5_000);
    await gql(yoga, `query { ${alias}: actor(id: "nobody") { id } }`, {}, { 'x-api-key': reader.key });
    await yoga.fetch(`http://maillage.test/graphql?query=%7B__typename%7D&junk=${'D'.repeat(5_000)}`, { headers: { 'x-api-key': reader.key } });
    const { text } = await metrics(yoga);
    expect(text).not.toMatch(/BBBBBBBBBB|CCCCCCCCCC|DDDDDDDDDD/);
    expect(text.length).toBeLessThan(200_000);
  });

  it('adds no series for 200 unauthenticated requests with unique names', async () => {
    const yoga = server({ MAILLAGE_READS: 'key', NODE_ENV: 'production', METRICS_TOKEN: token });
    // Warm-up: the fixed series an unauthenticated request may touch exist afterwards.
    await gql(yoga, 'query Warm { __typename }');
    await yoga.fetch('http://maillage.test/graphql?query=%7B__typename%7D');
    const before = series((await metrics(yoga)).text);
    for (let i = 0; i < 200; i += 1) {
      await gql(yoga, `query Q${i}x${Math.random().toString(36).slice(2)} { __typename }`);
      await yoga.fetch(`http://maillage.test/graphql?query=%7B__typename%7D&n=${i}`);
    }
    expect(series((await metrics(yoga)).text)).toBe(before);
  });

  it('adds no series for 200 authenticated requests with unique names either', async () => {
    const yoga = server({ METRICS_TOKEN: token });
    await gql(yoga, 'query Warm { __typename }', {}, { 'x-api-key': reader.key });
    const before = series((await metrics(yoga)).text);
    for (let i = 0; i < 200; i += 1) {
      await gql(yoga, `query Q${i}x${Math.random().toString(36).slice(2)} { __typename }`, {}, { 'x-api-key': reader.key });
    }
    expect(series((await metrics(yoga)).text)).toBe(before);
  });

  it('closes /metrics with METRICS_TOKEN: 401 without it, 200 with it', async () => {
    const yoga = server({ METRICS_TOKEN: token });
    expect((await metrics(yoga, {})).status).toBe(401);
    expect((await metrics(yoga, { authorization: 'Bearer wrong-token' })).status).toBe(401);
    const ok = await metrics(yoga);
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/maillage_graphql_errors_total|graphql_yoga_http_duration/);
  });

  it('closes /metrics when reads need credentials: an admin key opens it, a reader key does not', async () => {
    const yoga = server({ MAILLAGE_READS: 'key' });
    expect((await metrics(yoga, {})).status).toBe(401);
    expect((await metrics(yoga, { 'x-api-key': reader.key })).status).toBe(403);
    expect((await metrics(yoga, { 'x-api-key': admin.key })).status).toBe(200);
  });
});
