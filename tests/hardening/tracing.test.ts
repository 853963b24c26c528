/**
 * OpenTelemetry: with an OTLP endpoint configured, a GraphQL operation is exported as a server span
 * that continues the caller's trace (`traceparent`), with its Cypher query as a child span. The
 * collector here is a plain HTTP server reading what the exporter posts (OTLP/HTTP JSON).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, tracingSettings, type Tracing } from '../../src/observability/tracing.ts';
import { gql, testDatabase, testServer } from '../support/harness.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpExport['resourceSpans'][0]['scopeSpans'][0]['spans'][0]['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const exported: OtlpExport[] = [];
let collector: Server;
let tracing: Tracing | undefined;
const db = testDatabase();
const server = testServer(db);

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') exported.push(JSON.parse(body) as OtlpExport);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const { port } = collector.address() as AddressInfo;
  tracing = startTracing(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'maillage-test' }));
});

afterAll(async () => {
  await tracing?.shutdown();
  await db.close();
  await new Promise((resolve) => collector.close(resolve));
});

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe('OpenTelemetry tracing', () => {
  it('is off without an endpoint, and on with one', () => {
    expect(tracingSettings({}).endpoint).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).endpoint).toBeUndefined();
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/' }).endpoint).toBe('http://c:4318/v1/traces');
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:9/t' }).endpoint).toBe('http://c:9/t');
    expect(tracing).toBeDefined();
  });

  it('exports the operation as a span of the caller\'s trace, with its Cypher query as a child', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await gql(server, 'query TracedActor { actor(id: "no-such-actor-for-tracing") { id } }', {}, {
      traceparent: `00-${traceId}-${callerSpan}-01`,
    });
    expect(res.data).toEqual({ actor: null });
    await tracing!.flush();

    const spans = exported.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const operation = spans.find((s) => s.name === 'query TracedActor');
    expect(operation).toBeDefined();
    expect(operation!.traceId).toBe(traceId);
    expect(operation!.parentSpanId).toBe(callerSpan);
    expect(attribute(operation!, 'graphql.operation.name')?.stringValue).toBe('TracedActor');
    expect(Number(attribute(operation!, 'maillage.cypher_queries')?.intValue)).toBe(1);

    const cypher = spans.filter((s) => s.parentSpanId === operation!.spanId);
    expect(cypher.map((s) => s.name)).toEqual(['neo4j READ']);
    expect(cypher[0]!.traceId).toBe(traceId);
    expect(attribute(cypher[0]!, 'db.system.name')?.stringValue).toBe('neo4j');
    expect(attribute(cypher[0]!, 'db.query.text')?.stringValue).toMatch(/MATCH \(n:Actor \{id: \$id\}\)/);
    // No value of the caller's reaches the exported Cypher text.
    expect(JSON.stringify(cypher[0])).not.toContain('no-such-actor-for-tracing');

    const service = exported[0]!.resourceSpans[0]!.resource.attributes.find((a) => a.key === 'service.name');
    expect(service?.value.stringValue).toBe('maillage-test');
  });
});
