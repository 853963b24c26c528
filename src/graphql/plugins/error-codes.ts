/**
 * Every error leaves with an `extensions.code`. Domain and database errors are translated
 * (src/graphql/errors.ts); anything else is logged in full with the request id and masked.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { GraphQLContext } from '../context.ts';
import { toClientError } from '../errors.ts';

export function useErrorCodes(logger: Logger, metrics?: Metrics): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length) return;
          const errors = result.errors.map((error) => {
            const mapped = toClientError(error);
            if (mapped) {
              if (mapped.extensions.code === 'SERVICE_UNAVAILABLE') {
                logger.warn({ requestId: ctx.requestId, err: error.originalError ?? error }, 'database unavailable');
              }
              return mapped;
            }
            logger.error({ requestId: ctx.requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
            return new GraphQLError('Unexpected error.', {
              nodes: error.nodes,
              positions: error.positions,
              path: error.path,
              source: error.source,
              extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId },
            });
          });
          for (const error of errors) metrics?.errors.inc({ code: String(error.extensions.code ?? 'UNKNOWN') });
          setResult({ ...result, errors });
        },
      };
    },
  };
}
