/**
 * At most N requests a minute per client (src/access/client-key.ts: its verified API key or JWT
 * subject, else its address). Over it: HTTP 429 with Retry-After, before any parsing or Cypher.
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientKeyOf } from '../../access/client-key.ts';
import type { SecurityConfig } from '../../config.ts';
import { errorBody } from '../errors.ts';

interface NodeServerContext {
  req?: IncomingMessage;
}

/** The socket peer's address of a request served by node:http (undefined in-process). */
export function socketAddressOf(serverContext: unknown): string | undefined {
  return (serverContext as NodeServerContext | undefined)?.req?.socket.remoteAddress;
}

export function useRateLimit(perMinute: number, security: SecurityConfig): Plugin {
  if (perMinute <= 0) return {};
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async onRequest({ request, serverContext, endResponse, fetchAPI, url }) {
      if (url.pathname !== '/graphql') return;
      try {
        await limiter.consume(clientKeyOf(request, socketAddressOf(serverContext), security));
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
