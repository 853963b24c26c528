/**
 * One OpenTelemetry server span per GraphQL operation ("query ActorPage"), continuing the caller's
 * trace when the request carries a W3C `traceparent` header. Every Cypher query the operation sends
 * becomes a child span (see src/neo4j/database.ts), because execution runs inside this span's context.
 * With tracing off (no exporter configured) the plugin does nothing at all.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { tracer, tracingOn } from '../../observability/tracing.ts';
import type { GraphQLContext } from '../context.ts';
import { codeOf } from '../errors.ts';

const headerGetter = {
  keys: (headers: Headers) => [...headers.keys()],
  get: (headers: Headers, key: string) => headers.get(key) ?? undefined,
};

export function useTracing(): Plugin<GraphQLContext> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!tracingOn()) return undefined;
      const request = (args.contextValue as { request?: Request }).request;
      const parent = request ? propagation.extract(context.active(), request.headers, headerGetter) : context.active();
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'query';
      const name = operation?.name?.value ?? args.operationName ?? undefined;
      const span = tracer().startSpan(
        name ? `${type} ${name}` : type,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'graphql.operation.type': type,
            ...(name ? { 'graphql.operation.name': name } : {}),
            'maillage.request_id': args.contextValue.requestId,
          },
        },
        parent,
      );
      const inSpan = trace.setSpan(parent, span);
      setExecuteFn((executeArgs) => context.with(inSpan, () => executeFn(executeArgs)));
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && result.errors ? result.errors : [];
          span.setAttribute('maillage.cypher_queries', args.contextValue.cypherCount);
          if (errors.length) {
            span.setAttribute('graphql.error.codes', errors.map(codeOf));
            span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]!.message });
          }
          span.end();
        },
      };
    },
  };
}
