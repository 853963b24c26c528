/**
 * The service's own Prometheus metrics (yoga's plugin adds the HTTP and GraphQL phase ones to the
 * same registry; all are served on /metrics).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  cypherSeconds: Histogram<'mode'>;
  errors: Counter<'code'>;
  operations: Counter<'type'>;
  /** Look-ahead plans reused (hit) or built (miss): src/graphql/lookahead/plan-cache.ts. */
  plans: Counter<'result'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'maillage_' });
  return {
    registry,
    cypherSeconds: new Histogram({
      name: 'maillage_cypher_duration_seconds',
      help: 'Time of each Cypher query sent to Neo4j, by access mode',
      labelNames: ['mode'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'maillage_graphql_errors_total',
      help: 'GraphQL errors by extensions.code (CLIENT_CLOSED_REQUEST: the client had hung up, nothing was returned)',
      labelNames: ['code'],
      registers: [registry],
    }),
    operations: new Counter({
      name: 'maillage_graphql_operations_total',
      help: 'GraphQL operations executed, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    plans: new Counter({
      name: 'maillage_plan_cache_total',
      help: 'Look-ahead plans of root fields: reused from the plan cache (hit) or built (miss)',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
