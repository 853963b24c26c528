/**
 * Starts the test run's Neo4j (a real server on a free port, data in a throw-away folder),
 * applies the migrations once, and hands its URI to every test file through `inject('neo4jUri')`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j, type OwnedNeo4j } from '../../src/neo4j/owned-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    /** The password of user neo4j on that server (authentication is on, as in production). */
    neo4jPassword: string;
  }
}

let server: OwnedNeo4j | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_NEO4J_URI;
  let uri: string;
  let password: string;
  if (external) {
    uri = external;
    password = process.env.TEST_NEO4J_PASSWORD ?? '';
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-test-'));
    server = await startOwnedNeo4j({
      dataDir,
      boltPort: await freePort(),
      heap: '1g',
      pagecache: '512m',
      log: (line) => process.stderr.write(`[neo4j] ${line}\n`),
    });
    uri = server.uri;
    password = server.connection.password;
  }
  const db = connect({ uri, user: 'neo4j', password, database: 'neo4j' });
  await migrate(db);
  await db.close();
  project.provide('neo4jUri', uri);
  project.provide('neo4jPassword', password);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
