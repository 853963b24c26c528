/**
 * `npm run neo4j`: start the local Neo4j the service would own (same data folder, port and memory
 * settings) and keep it running until Ctrl-C, to look at the data with cypher-shell or a Neo4j
 * client while the service is stopped (the service applies the migrations when it starts).
 *
 *   npm run neo4j   # "Neo4j is running on bolt://127.0.0.1:7690 (user neo4j, password in .neo4j/local/neo4j-password); Ctrl-C stops it."
 */
import { loadConfigOrExit } from '../src/config.ts';
import { openDatabase } from '../src/neo4j/from-config.ts';
import { passwordFileOf } from '../src/neo4j/owned-server.ts';

const config = loadConfigOrExit();
if (config.neo4j.kind !== 'owned') {
  process.stderr.write(`NEO4J_URI is set (${config.neo4j.uri}): that Neo4j is not ours to start.\n`);
  process.exit(2);
}
const opened = await openDatabase(config, (line) => process.stderr.write(`[neo4j] ${line}\n`));
process.stdout.write(
  `Neo4j is running on ${opened.db.uri} (user neo4j, password in ${passwordFileOf(config.neo4j.dataDir)}); Ctrl-C stops it.\n`,
);
const stop = () => void opened.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
