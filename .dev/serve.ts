import { writeFileSync } from 'node:fs';
import { freePort, startOwnedNeo4j } from '/work/wt/synergy2/src/neo4j/owned-server.ts';
const server = await startOwnedNeo4j({ dataDir: '/tmp/syn-dev/data', boltPort: await freePort(), heap: '1g', pagecache: '512m' });
writeFileSync('/tmp/syn-dev/uri', server.uri);
console.log('up', server.uri, server.pid);
const stop = async () => { await server.stop(); console.log('stopped'); process.exit(0); };
process.on('SIGTERM', stop); process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
