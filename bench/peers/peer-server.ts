/**
 * The @neo4j/graphql 7 peer: its schema over our stored model (./type-defs.ts), served by
 * graphql-yoga, in a process of its own so its CPU and memory can be measured apart.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7690 PORT=4100 node bench/peers/peer-server.ts
 *   curl -s localhost:4100/graphql -H 'content-type: application/json' -d '{"query":"{ actors(limit: 1) { id } }"}'
 *   curl -s localhost:4100/queries   // {"queries": 1}: Cypher queries sent so far
 *
 * Queries are counted by wrapping the driver: each session's run / executeRead / executeWrite counts one.
 *
 * Transaction mode (PEER_TX_MODE): our service reads by auto-commit (one RUN+PULL round trip); given
 * the driver, @neo4j/graphql runs each query in a managed transaction (BEGIN, RUN+PULL, COMMIT:
 * classes/Executor.js, driverRun). Its documented `context.executionContext` also takes a
 * transaction, on which it only calls `run(query, params)`: `autocommit` (the default) passes one
 * whose `run` is an auto-commit query in a fresh session, the same mode as ours; `managed` passes the
 * driver, as a user would by default. The bench compares like with like unless told otherwise.
 */
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { PEER_TYPE_DEFS } from './type-defs.ts';

let queries = 0;

/** The driver, with every session's executeRead/executeWrite counted. */
function countingDriver(driver: Driver): Driver {
  const countSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if ((prop === 'executeRead' || prop === 'executeWrite' || prop === 'run') && typeof value === 'function') {
          return (...args: unknown[]) => {
            queries += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(driver, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop === 'session' && typeof value === 'function') {
        return (...args: unknown[]) => countSession((value as (...a: unknown[]) => Session).apply(target, args));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const uri = process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
const port = Number(process.env.PORT ?? 4100);
const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD ?? 'neo4j'));
const counted = countingDriver(driver);
export const PEER_TX_MODES = ['autocommit', 'managed'] as const;
const mode = process.env.PEER_TX_MODE ?? 'autocommit';
if (!(PEER_TX_MODES as readonly string[]).includes(mode)) throw new Error(`PEER_TX_MODE must be one of ${PEER_TX_MODES.join(', ')}, got ${mode}`);

/** A transaction as @neo4j/graphql's Executor uses one (only `run`): each query auto-commits in its own session. */
const autoCommit = {
  run(query: string, params: Record<string, unknown>) {
    const session = counted.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ, bookmarkManager: driver.executeQueryBookmarkManager });
    return session.run(query, params).then(
      (result) => session.close().then(() => result),
      (error: unknown) => session.close().then(() => Promise.reject(error instanceof Error ? error : new Error(String(error)))),
    );
  },
};

const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: counted }).getSchema();
const yoga = createYoga({
  schema,
  graphiql: false,
  landingPage: false,
  logging: 'warn',
  context: () => (mode === 'autocommit' ? { executionContext: autoCommit } : {}),
});

const server = createServer((req, res) => {
  if (req.url === '/queries') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ queries }));
    return;
  }
  if (req.url === '/ready') {
    res.writeHead(200).end('ok');
    return;
  }
  void yoga(req, res);
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1');

const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
