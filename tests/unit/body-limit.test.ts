/**
 * The request body limit (src/graphql/plugins/body-limit.ts) refuses what yoga's own refused: by
 * Content-Length when the request has one, by counting the stream when it has none.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useRequestBodyLimit } from '../../src/graphql/plugins/body-limit.ts';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'bonjour' } } }),
  maxRequestBodySize: false,
  plugins: [useRequestBodyLimit(200)],
  logging: false,
});

async function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
}

const small = JSON.stringify({ query: '{ hello }' });
const large = JSON.stringify({ query: `{ hello } # ${'x'.repeat(500)}` });
const streamOf = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += 64) controller.enqueue(bytes.slice(i, i + 64));
      controller.close();
    },
  });

describe('request body limit', () => {
  it('answers a body under the limit, with or without Content-Length', async () => {
    expect(await post(small, { 'content-length': String(small.length) })).toEqual({ status: 200, body: { data: { hello: 'bonjour' } } });
    expect(await post(streamOf(small))).toEqual({ status: 200, body: { data: { hello: 'bonjour' } } });
  });

  it('refuses a larger one with 413 REQUEST_ENTITY_TOO_LARGE, by its Content-Length or as it streams', async () => {
    for (const sent of [await post(large, { 'content-length': String(large.length) }), await post(streamOf(large))]) {
      expect(sent.status).toBe(413);
      expect(sent.body.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    }
  });

  it('refuses a Content-Length that is not one number with 400', async () => {
    const sent = await post(small, { 'content-length': '12, 12' });
    expect(sent.status).toBe(400);
    expect(sent.body.errors?.[0]?.message).toBe('Content-Length header is invalid.');
  });
});
