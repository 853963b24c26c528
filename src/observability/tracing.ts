/**
 * OpenTelemetry tracing, on when an OTLP exporter is configured by the standard variables:
 *
 *   OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 npm start
 *   // every GraphQL operation is a server span ("query ActorPage"), each Cypher query a client
 *   // span under it ("neo4j READ", with the parameterised Cypher text), joined to the caller's trace
 *   // when the request carries a W3C `traceparent` header.
 *
 * Without an endpoint nothing is registered and `tracer` is the API's no-op tracer: spans cost a
 * function call. The exporter reads the rest of its settings (headers, timeouts) from the standard
 * OTEL_EXPORTER_OTLP_* variables itself.
 */
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/** The instrumentation scope of every span the service makes. */
export const TRACER_NAME = 'maillage';

export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

let registered = false;

/**
 * True between `startTracing` and its `shutdown`. Per-request tracing work (extracting the caller's
 * context, naming the span, wrapping execution) is skipped when false: the no-op tracer makes spans
 * free, but not the work around them.
 */
export function tracingOn(): boolean {
  return registered;
}

export interface TracingSettings {
  /** Where spans go (OTLP/HTTP, JSON): the traces URL itself; tracing is off without one. */
  endpoint: string | undefined;
  serviceName: string;
}

/** What the standard variables ask for; `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off. */
export function tracingSettings(env: Record<string, string | undefined>): TracingSettings {
  const disabled = env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none';
  // As the specification says: the traces variable is the URL, the general one a base for /v1/traces.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || (base ? `${base.replace(/\/$/, '')}/v1/traces` : undefined);
  return { endpoint: disabled ? undefined : endpoint, serviceName: env.OTEL_SERVICE_NAME || 'maillage' };
}

export interface Tracing {
  /** Sends what is buffered (tests, shutdown). */
  flush(): Promise<void>;
  /** Flushes and unregisters: the API falls back to its no-op tracer. */
  shutdown(): Promise<void>;
}

/** Registers the global tracer provider, context manager and propagators; undefined when off. */
export function startTracing(settings: TracingSettings): Tracing | undefined {
  if (!settings.endpoint) return undefined;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.endpoint }) })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  trace.setGlobalTracerProvider(provider);
  registered = true;
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      registered = false;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
