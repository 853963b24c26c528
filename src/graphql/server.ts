/**
 * The HTTP face of the service: graphql-yoga with GraphiQL, /health and /ready.
 *
 *   const yoga = createGraphQLServer({ db, logger });
 *   http.createServer(yoga).listen(4000);
 *   await yoga.fetch('http://localhost/graphql', { method: 'POST', ... });   // tests, no socket
 */
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from '../neo4j/database.ts';
import type { Logger } from '../logger.ts';
import type { GraphQLContext } from './context.ts';
import { useErrorCodes } from './plugins/error-codes.ts';
import { requestIdOf, useRequestId } from './plugins/request-id.ts';
import { buildSchema } from './schema.ts';

export interface ServerDeps {
  db: Database;
  logger: Logger;
}

export type GraphQLServer = YogaServerInstance<Record<string, unknown>, GraphQLContext>;

export function createGraphQLServer({ db, logger }: ServerDeps): GraphQLServer {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // useErrorCodes masks unexpected errors itself (with the request id); yoga's own masking would
    // run first and turn every domain error (NOT_FOUND, BAD_USER_INPUT...) into "Unexpected error.".
    maskedErrors: false,
    graphiql: { title: 'Maillage: GraphQL over the territorial innovation network' },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => {
      const ctx: GraphQLContext = {
        db,
        requestId: requestIdOf(request),
        cypherCount: 0,
        observer: () => {
          ctx.cypherCount += 1;
        },
      };
      return ctx;
    },
    plugins: [
      useRequestId(),
      useErrorCodes(logger),
      useReadinessCheck({ endpoint: '/ready', check: () => db.ping() }),
    ],
  });
}
