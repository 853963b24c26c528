/**
 * What a hostile caller learned or broke with small probes: schema hints through "Did you mean",
 * prototype names as persisted-operation hashes, junk bookmarks, bad JWTs, names with invisible
 * control characters, a page without security headers, an error echoing the request body.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer, type GraphQLServer } from '../../src/graphql/server.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const p = uniquePrefix('probe');
afterAll(async () => {
  await db.write('MATCH (a:Actor) WHERE a.id STARTS WITH $p DETACH DELETE a', { p });
  await db.close();
});

const reader = newApiKey('probe-reader', 'reader');
const editor = newApiKey('probe-editor', 'editor');
const secret = 'a-shared-secret-of-at-least-32-characters!';

function server(env: Record<string, string> = {}, logger: Logger = createLogger('silent')): GraphQLServer {
  const config = loadConfig({ MAILLAGE_API_KEYS: `${reader.entry},${editor.entry}`, RATE_LIMIT_PER_MINUTE: '0', ...env });
  return createGraphQLServer({ db, logger, security: config.security, limits: config.limits });
}

describe('6. schema hints', () => {
  it('gives no "Did you mean" to anyone when introspection is off', async () => {
    const yoga = server({ NODE_ENV: 'production', MAILLAGE_READS: 'key' });
    for (const headers of [{}, { 'x-api-key': reader.key }] as Record<string, string>[]) {
      const res = await gql(yoga, '{ actr(id: "x") { id } territry { id } }', {}, headers);
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|"actor"|territory/i);
    }
  });

  it('still suggests while introspection is on (development)', async () => {
    const res = await gql(server(), '{ actr(id: "x") { id } }');
    expect(res.errors?.[0]?.message).toMatch(/Did you mean "actor/);
  });
});

describe('7. persisted operations', () => {
  it('answers a prototype name as hash like any unknown hash: 400, never 500 or "function"', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'maillage-persisted-')), 'operations.json');
    writeFileSync(file, JSON.stringify({ typename: '{ __typename }' }));
    const yoga = server({ PERSISTED_OPERATIONS_FILE: file });
    for (const hash of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'unknown-hash']) {
      const res = await yoga.fetch('http://maillage.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      const body = (await res.json()) as { errors?: { message: string }[] };
      expect(res.status, hash).toBeLessThan(500);
      expect(body.errors?.[0]?.message, hash).toMatch(/PersistedQueryNotFound|not found/i);
      expect(JSON.stringify(body)).not.toMatch(/function/i);
    }
  });
});

describe('8. bookmarks', () => {
  it('answers a junk x-neo4j-bookmarks header with 400 BAD_USER_INPUT', async () => {
    const yoga = server();
    for (const junk of ['junk', 'FB:notabookmark', 'a,b,c']) {
      const res = await gql(yoga, '{ actors(first: 1) { totalCount } }', {}, { 'x-neo4j-bookmarks': junk });
      expect(res.errors?.[0]?.extensions?.code, junk).toBe('BAD_USER_INPUT');
      expect(res.status, junk).toBe(400);
      expect(res.errors?.[0]?.message).toMatch(/x-neo4j-bookmarks/);
    }
  });
});

describe('9. JWTs and the operation log', () => {
  const yoga = server({ MAILLAGE_JWT_SECRET: secret, MAILLAGE_READS: 'key', MAILLAGE_JWT_MAX_AGE: '3600' });

  it('answers an invalid or expired JWT with 401 UNAUTHENTICATED', async () => {
    const expired = jwt.sign({ sub: 'alice', exp: Math.floor(Date.now() / 1000) - 60 }, secret);
    for (const token of ['not.a.jwt', expired]) {
      const res = await gql(yoga, '{ __typename }', {}, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a JWT without exp older than MAILLAGE_JWT_MAX_AGE, and one with neither exp nor iat', async () => {
    const old = jwt.sign({ sub: 'alice', iat: Math.floor(Date.now() / 1000) - 7200 }, secret);
    const ageless = jwt.sign({ sub: 'alice' }, secret, { noTimestamp: true });
    const fresh = jwt.sign({ sub: 'alice' }, secret);
    for (const token of [old, ageless]) {
      const res = await gql(yoga, '{ __typename }', {}, { authorization: `Bearer ${token}` });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await gql(yoga, '{ __typename }', {}, { authorization: `Bearer ${fresh}` })).data).toEqual({ __typename: 'Query' });
  });

  it('logs FORBIDDEN and NOT_FOUND by their codes, not UNKNOWN', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const logged = server({}, pino({ level: 'info' }, sink));
    await gql(logged, 'mutation { upsertActors(input: [{id: "x-forbidden", name: "X", kind: COMPANY}]) { id } }', {}, { 'x-api-key': reader.key });
    await gql(logged, '{ networkShape(within: "territory-that-does-not-exist") { actorCount } }');
    const codes = lines.filter((l) => l.msg === 'graphql operation').flatMap((l) => (l.errors as string[] | undefined) ?? []);
    expect(codes).toContain('FORBIDDEN');
    expect(codes).toContain('NOT_FOUND');
    expect(codes).not.toContain('UNKNOWN');
  });
});

describe('13. names, pages, echoes', () => {
  it('refuses names with NUL, bidirectional overrides or lone surrogates: BAD_USER_INPUT naming the field', async () => {
    const yoga = server();
    for (const name of ['Acme\u0000Corp', 'Acme \u202Egnp.exe', 'Acme \uD800']) {
      const res = await gql(
        yoga,
        'mutation($in: [ActorInput!]!) { upsertActors(input: $in) { id } }',
        { in: [{ id: `${p}-n`, name, kind: 'COMPANY' }] },
        { 'x-api-key': editor.key },
      );
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(name)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/name/);
    }
  });

  it('serves the landing page and the explorer with CSP, X-Frame-Options and nosniff', async () => {
    const yoga = server();
    for (const url of ['http://maillage.test/', 'http://maillage.test/explore/']) {
      const res = await yoga.fetch(url);
      expect(res.headers.get('content-security-policy'), url).toMatch(/default-src 'self'/);
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
  });

  it('does not echo the request body in the invalid-JSON error', async () => {
    for (const env of [{}, { NODE_ENV: 'production' }] as Record<string, string>[]) {
      const res = await server(env).fetch('http://maillage.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": "SECRET-TOKEN-abc123 ',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/SECRET-TOKEN/);
    }
  });
});
