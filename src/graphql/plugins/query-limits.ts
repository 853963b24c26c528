/**
 * Limits on what one operation may ask: depth, aliases, tokens, directives (GraphQL Armor) and a
 * cost that multiplies down nested lists (./query-cost.ts). Over a limit: QUERY_TOO_COMPLEX, before
 * any Cypher runs.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../../config.ts';
import { operationCost } from './query-cost.ts';
import { clientError } from '../errors.ts';

function tooComplex(message: string): GraphQLError {
  return clientError('QUERY_TOO_COMPLEX', message.replace(/^Syntax Error: /, ''), { status: 400 });
}

/** Validation rules report; the parser's token limit has no validation context, so it throws. */
const onReject = (context: ValidationContext | null, error: GraphQLError) => {
  if (context) context.reportError(tooComplex(error.message));
  else throw tooComplex(error.message);
};

export function useQueryLimits(limits: LimitsConfig): Plugin {
  const common = { propagateOnRejection: false, onReject: [onReject] };
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(maxTokensPlugin({ n: limits.maxTokens, ...common }) as Plugin);
      addPlugin(maxDepthPlugin({ n: limits.maxDepth, ...common }) as Plugin);
      addPlugin(maxAliasesPlugin({ n: limits.maxAliases, ...common }) as Plugin);
      addPlugin(maxDirectivesPlugin({ n: limits.maxDirectives, ...common }) as Plugin);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const cost = operationCost(args.schema, args.document, args.variableValues ?? undefined, args.operationName);
      if (cost > limits.maxCost) {
        setResultAndStopExecution({
          errors: [tooComplex(`Query cost ${cost} exceeds the limit of ${limits.maxCost}: ask for fewer items (first) or fewer nested lists.`)],
        });
      }
    },
  };
}
