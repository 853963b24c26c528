/**
 * Every error leaves with an `extensions.code`. `maskError` (given to yoga) translates domain and
 * database errors (src/graphql/errors.ts) and masks anything else as "Unexpected error."; this
 * plugin then logs the masked ones in full with the request id, and counts errors by code.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { GraphQLContext } from '../context.ts';
import { clientError, codeOf, toClientError } from '../errors.ts';

export function maskError(error: unknown, message: string): Error {
  const mapped = toClientError(error);
  if (mapped) return mapped;
  const gql = error instanceof GraphQLError ? error : undefined;
  return clientError('INTERNAL_SERVER_ERROR', message, {
    nodes: gql?.nodes,
    source: gql?.source,
    positions: gql?.positions,
    path: gql?.path,
    // Kept for our log line below; never serialised to the client.
    originalError: error instanceof Error ? error : new Error(String(error)),
  });
}

export function useErrorCodes(logger: Logger, metrics?: Metrics): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors?.length) return;
          for (const error of result.errors) {
            // Yoga masks after this hook: work out the code the client will see.
            const code = codeOf(error);
            metrics?.errors.inc({ code });
            if (code === 'INTERNAL_SERVER_ERROR') {
              logger.error({ requestId: ctx.requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
            } else if (code === 'SERVICE_UNAVAILABLE') {
              logger.warn({ requestId: ctx.requestId }, 'database unavailable');
            }
          }
        },
      };
    },
  };
}
