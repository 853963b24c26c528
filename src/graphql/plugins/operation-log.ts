/**
 * One log line per operation: request id, operation name, duration, Cypher queries sent, error codes
 * (the codes clients see: yoga maps errors after this hook, so they are worked out the same way).
 */
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../logger.ts';
import type { GraphQLContext } from '../context.ts';
import { codeOf } from '../errors.ts';

export function useOperationLog(logger: Logger): Plugin<GraphQLContext> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const ctx = args.contextValue;
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && result.errors ? result.errors.map(codeOf) : [];
          logger.info(
            {
              requestId: ctx.requestId,
              operation: args.operationName ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              cypher: ctx.cypherCount,
              principal: ctx.principal?.subject,
              ...(errors.length ? { errors } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}
