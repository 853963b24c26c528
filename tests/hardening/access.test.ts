import jwt from 'jsonwebtoken';
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, testDatabase } from '../support/harness.ts';

const db = testDatabase();
afterAll(() => db.close());

const reader = newApiKey('reader-bot', 'reader');
const editor = newApiKey('editor-bot', 'editor');
const secret = 'a-shared-secret-of-at-least-32-characters!';

function server(env: Record<string, string>) {
  const config = loadConfig({ MAILLAGE_API_KEYS: `${reader.entry},${editor.entry}`, MAILLAGE_JWT_SECRET: secret, ...env });
  return createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
}

describe('access control', () => {
  const open = server({});
  const closed = server({ MAILLAGE_READS: 'key' });

  it('lets anyone read when reads are public', async () => {
    const res = await gql(open, '{ __typename }');
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('refuses a mutation without credentials: UNAUTHENTICATED, HTTP 401', async () => {
    const res = await gql(open, 'mutation { _empty }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a mutation from a valid key', async () => {
    const res = await gql(open, 'mutation { _empty }', {}, { 'x-api-key': editor.key });
    expect(res.errors).toBeUndefined();
  });

  it('refuses an unknown API key even for reads', async () => {
    const res = await gql(open, '{ __typename }', {}, { 'x-api-key': 'not-a-key' });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('requires credentials for reads when MAILLAGE_READS=key', async () => {
    const anonymous = await gql(closed, '{ __typename }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const withKey = await gql(closed, '{ __typename }', {}, { 'x-api-key': reader.key });
    expect(withKey.data).toEqual({ __typename: 'Query' });
  });

  it('accepts a JWT signed with the shared secret, and refuses a forged one', async () => {
    const good = jwt.sign({ sub: 'alice', role: 'editor' }, secret, { expiresIn: '5m' });
    const ok = await gql(closed, '{ __typename }', {}, { authorization: `Bearer ${good}` });
    expect(ok.data).toEqual({ __typename: 'Query' });
    const forged = jwt.sign({ sub: 'mallory', role: 'admin' }, 'another-secret-of-at-least-32-characters', { expiresIn: '5m' });
    const bad = await gql(closed, '{ __typename }', {}, { authorization: `Bearer ${forged}` });
    expect(bad.data ?? null).toBeNull();
    expect(bad.status).toBe(401);
  });

  it('hides GraphiQL and introspection in production unless asked', async () => {
    const prod = server({ NODE_ENV: 'production' });
    const page = await prod.fetch('http://maillage.test/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
    const res = await gql(prod, '{ __schema { types { name } } }');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });
});
