/**
 * At most N requests a minute per client (its API key or JWT subject, else its address). Over it:
 * HTTP 429 with Retry-After, before any parsing or Cypher.
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { hashKey } from '../../access/api-keys.ts';
import { errorBody } from '../errors.ts';

interface NodeServerContext {
  req?: IncomingMessage;
}

function clientOf(request: Request, serverContext: NodeServerContext | undefined): string {
  const key = request.headers.get('x-api-key');
  if (key) return `key:${hashKey(key).toString('hex').slice(0, 16)}`;
  const auth = request.headers.get('authorization');
  if (auth) return `auth:${hashKey(auth).toString('hex').slice(0, 16)}`;
  return `ip:${serverContext?.req?.socket.remoteAddress ?? 'local'}`;
}

export function useRateLimit(perMinute: number): Plugin {
  if (perMinute <= 0) return {};
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async onRequest({ request, serverContext, endResponse, fetchAPI, url }) {
      if (url.pathname !== '/graphql') return;
      try {
        await limiter.consume(clientOf(request, serverContext as NodeServerContext));
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        const retry = Math.ceil(res.msBeforeNext / 1000);
        endResponse(
          new fetchAPI.Response(
            errorBody('RATE_LIMITED', `Too many requests: at most ${perMinute} a minute. Retry in ${retry} s.`),
            { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(retry) } },
          ),
        );
      }
    },
  };
}
