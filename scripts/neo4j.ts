/**
 * `npm run neo4j`: start the local Neo4j the service would own (same data folder, port and memory
 * settings), apply the migrations, and keep it running until Ctrl-C, to look at the data with
 * cypher-shell or a Neo4j client while the service is stopped.
 *
 *   npm run neo4j            # "Neo4j is running on bolt://127.0.0.1:7690 (Ctrl-C stops it)"
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/neo4j/from-config.ts';
import { migrate } from '../src/neo4j/migrations.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
if (config.neo4j.kind !== 'owned') {
  process.stderr.write(`NEO4J_URI is set (${config.neo4j.uri}): that Neo4j is not ours to start.\n`);
  process.exit(2);
}
const opened = await openDatabase(config, (line) => process.stderr.write(`[neo4j] ${line}\n`));
await migrate(opened.db);
process.stdout.write(`Neo4j is running on ${opened.db.uri} (data in ${config.neo4j.dataDir}); Ctrl-C stops it.\n`);
const stop = () => void opened.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
