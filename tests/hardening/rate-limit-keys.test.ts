/**
 * The rate limit counts per authenticated principal, else per client address: a header the
 * service does not verify cannot buy a fresh bucket. Behind a proxy, X-Forwarded-For is believed
 * only from TRUSTED_PROXIES.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, testDatabase } from '../support/harness.ts';

const db = testDatabase();
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await db.close();
});

const one = newApiKey('rate-one', 'reader');
const two = newApiKey('rate-two', 'reader');
const secret = 'a-shared-secret-of-at-least-32-characters!';

function server(env: Record<string, string>) {
  const config = loadConfig({ MAILLAGE_API_KEYS: `${one.entry},${two.entry}`, ...env });
  return createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
}

async function listen(env: Record<string, string>): Promise<string> {
  const http = createServer(server(env));
  servers.push(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
}

describe('rate-limit buckets', () => {
  it('does not give a fresh bucket to each junk authorization header (no JWT configured)', async () => {
    const yoga = server({ RATE_LIMIT_PER_MINUTE: '30' });
    let ok = 0;
    for (let i = 0; i < 40; i += 1) {
      const res = await gql(yoga, '{ __typename }', {}, { authorization: `Bearer junk${i}${Math.random()}` });
      if (res.status === 200) ok += 1;
    }
    expect(ok).toBe(30);
  });

  it('does not give a fresh bucket to forged JWTs either (JWT configured)', async () => {
    const yoga = server({ RATE_LIMIT_PER_MINUTE: '10', MAILLAGE_JWT_SECRET: secret });
    let limited = 0;
    for (let i = 0; i < 15; i += 1) {
      const forged = jwt.sign({ sub: `mallory${i}` }, 'another-secret-of-at-least-32-characters', { expiresIn: '5m' });
      const res = await gql(yoga, '{ __typename }', {}, { authorization: `Bearer ${forged}` });
      if (res.status === 429) limited += 1;
    }
    expect(limited).toBe(5);
  });

  it('gives each authenticated principal its own bucket (API keys and verified JWTs)', async () => {
    const yoga = server({ RATE_LIMIT_PER_MINUTE: '3', MAILLAGE_JWT_SECRET: secret });
    const statuses = async (headers: Record<string, string>) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i += 1) out.push((await gql(yoga, '{ __typename }', {}, headers)).status);
      return out;
    };
    expect(await statuses({ 'x-api-key': one.key })).toEqual([200, 200, 200, 429]);
    expect(await statuses({ 'x-api-key': two.key })).toEqual([200, 200, 200, 429]);
    const alice = jwt.sign({ sub: 'alice' }, secret, { expiresIn: '5m' });
    expect(await statuses({ authorization: `Bearer ${alice}` })).toEqual([200, 200, 200, 429]);
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const post = (url: string, forwarded: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
        body: JSON.stringify({ query: '{ __typename }' }),
      }).then((r) => r.status);
    const direct = await listen({ RATE_LIMIT_PER_MINUTE: '2' });
    expect([await post(direct, '10.0.0.1'), await post(direct, '10.0.0.2'), await post(direct, '10.0.0.3')]).toEqual([200, 200, 429]);
    const proxied = await listen({ RATE_LIMIT_PER_MINUTE: '2', TRUSTED_PROXIES: '127.0.0.1' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await post(proxied, '10.0.0.1'));
    expect(statuses).toEqual([200, 200, 429]);
    expect(await post(proxied, '10.0.0.9, 127.0.0.1')).toBe(200);
  });
});
