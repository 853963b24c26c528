/**
 * The raw floor over HTTP: POST /<shape> with the parameters as JSON runs that shape's hand-written
 * Cypher (./raw-queries.ts) as one auto-commit read and answers `{ data: rows }`. No GraphQL, no
 * validation: what is left is Bolt, Neo4j and JSON, so our/raw is what GraphQL and our generator cost.
 *
 *   NEO4J_URI=bolt://127.0.0.1:7690 PORT=4200 node bench/peers/raw-server.ts
 *   curl -s localhost:4200/links2 -d '{"id":"syn:company:12"}'   // {"data":[{"actor":{...}}]}
 *   curl -s localhost:4200/queries                              // {"queries": 1}
 */
import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { RAW_QUERIES, type RawShape } from './raw-queries.ts';

let queries = 0;
const driver = neo4j.driver(process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687', process.env.NEO4J_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_PASSWORD) : undefined, { disableLosslessIntegers: true });
const port = Number(process.env.PORT ?? 4200);

const server = createServer((req, res) => {
  const name = (req.url ?? '/').slice(1);
  if (name === 'queries') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ queries }));
  if (name === 'ready') return void res.writeHead(200).end('ok');
  if (!Object.hasOwn(RAW_QUERIES, name)) return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        queries += 1;
        // One auto-commit query (RUN+PULL, one round trip): the cheapest way the driver offers to
        // run a read, as our service does since its CPU work (docs/benchmarks.md).
        const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
        let data;
        try {
          data = (await session.run(RAW_QUERIES[name as RawShape].cypher, params)).records.map((r) => r.toObject());
        } finally {
          await session.close();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1');

const stop = () => server.close(() => void driver.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
