/**
 * `/health` (liveness) and `/ready` (readiness): 200 when the check says yes, 503 when it says no or
 * throws (with the error's message). yoga's `useReadinessCheck` does the same but tests a
 * URLPattern against every request that is not a probe: 2% of our CPU per GraphQL request in
 * `node bench/cpu-per-request.ts --prof` (docs/benchmarks.md). The path must match exactly.
 *
 *   useProbe('/ready', async () => await db.ping())
 */
import type { Plugin } from 'graphql-yoga';

export function useProbe(endpoint: string, check: () => boolean | Promise<boolean>): Plugin {
  return {
    async onRequest({ url, fetchAPI, endResponse }) {
      if (url.pathname !== endpoint) return;
      try {
        endResponse(new fetchAPI.Response(null, { status: (await check()) ? 200 : 503 }));
      } catch (err) {
        const message = err instanceof Error ? err.message : null;
        endResponse(new fetchAPI.Response(message, { status: 503, headers: message === null ? {} : { 'content-type': 'text/plain; charset=utf-8' } }));
      }
    },
  };
}
