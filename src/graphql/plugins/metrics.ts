/**
 * Prometheus metrics on GET /metrics, with a fixed set of series. Labels never carry request text
 * (operation names, URLs, aliases): a caller choosing a label value could add a series per request
 * and grow the registry without bound. What is left: operation type, HTTP method and status, phase,
 * error code, Cypher access mode. Operation names are in the operation log instead.
 *
 * /metrics is open when reads are public and no METRICS_TOKEN is set; otherwise it needs
 * `authorization: Bearer <METRICS_TOKEN>` or the x-api-key of an admin.
 */
import { timingSafeEqual } from 'node:crypto';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { findApiKey, hashKey } from '../../access/api-keys.ts';
import type { SecurityConfig } from '../../config.ts';
import type { Metrics } from '../../observability/metrics.ts';

export const METRICS_ENDPOINT = '/metrics';

/** 'open', or the HTTP status refusing this request. */
function metricsAccess(security: SecurityConfig, request: Request): 'open' | 401 | 403 {
  const key = request.headers.get('x-api-key');
  if (key !== null) {
    const principal = findApiKey(security.apiKeys, key);
    if (!principal) return 401;
    return principal.role === 'admin' ? 'open' : 403;
  }
  const token = security.metricsToken;
  if (token) {
    const sent = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    // Hashes have one length, so the comparison takes the same time whatever was sent.
    return sent !== undefined && timingSafeEqual(hashKey(sent), hashKey(token)) ? 'open' : 401;
  }
  return security.reads === 'key' ? 401 : 'open';
}

export function useMetrics(security: SecurityConfig, metrics: Metrics): Plugin[] {
  const endpoint: Plugin = {
    async onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname !== METRICS_ENDPOINT) return;
      const access = metricsAccess(security, request);
      if (access !== 'open') {
        const message =
          access === 401
            ? 'Metrics need credentials: Authorization: Bearer <METRICS_TOKEN>, or the x-api-key of an admin.'
            : 'Metrics need the admin role.';
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: access === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }] }), {
            status: access,
            headers: { 'content-type': 'application/json' },
          }),
        );
        return;
      }
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }),
      );
    },
  };
  const collect = usePrometheus({
    endpoint: false,
    registry: metrics.registry,
    // Request-controlled values: never labels.
    labels: { operationName: false, url: false, path: false, fieldName: false, typeName: false, returnType: false },
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_error_result: true,
      graphql_envelop_request: true,
      // The plugin turns these on unless told otherwise; each costs work on every request (the
      // deprecated-field counter walks the whole document with a TypeInfo, the summary keeps
      // sliding quantiles) for figures the histograms above already give.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
    },
  }) as Plugin;
  return [endpoint, collect];
}
