/**
 * Shared by the API tests: a fictional territory chain with actors in it, and a database that
 * counts the Cypher queries the driver runs (the one-query proof).
 */
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer, type GraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import type { Database } from '../../src/neo4j/database.ts';
import { testDatabase } from '../support/harness.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

/** A server that knows an editor key and a reader key (mutations need the editor role). */
export function serverWithKeys(db: Database): { server: GraphQLServer; editor: Record<string, string>; reader: Record<string, string> } {
  const editor = newApiKey('api-test-editor', 'editor');
  const reader = newApiKey('api-test-reader', 'reader');
  const config = loadConfig({ MAILLAGE_API_KEYS: `${editor.entry},${reader.entry}` });
  const server = createGraphQLServer({
    db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    security: config.security,
    limits: config.limits,
  });
  return { server, editor: { 'x-api-key': editor.key }, reader: { 'x-api-key': reader.key } };
}

export interface CountingDatabase {
  db: Database;
  /** Transactions sent to Neo4j since the last reset (one per query our code runs). */
  count(): number;
  reset(): void;
}

/** A database whose driver counts `executeQuery` calls: what really reaches Neo4j. */
export function countingDatabase(): CountingDatabase {
  const db = testDatabase();
  let n = 0;
  // Transactions sent to Neo4j: reads are a session's auto-commit `run`, schema commands go through
  // executeQuery, data writes through a session's executeWrite (their query and the data version's
  // bump, src/neo4j/data-version.ts).
  const original = db.driver.executeQuery.bind(db.driver);
  db.driver.executeQuery = ((...args: Parameters<typeof original>) => {
    n += 1;
    return original(...args);
  }) as typeof original;
  const openSession = db.driver.session.bind(db.driver);
  db.driver.session = ((...args: Parameters<typeof openSession>) => {
    const session = openSession(...args);
    const run = session.run.bind(session);
    session.run = ((...query: Parameters<typeof run>) => {
      n += 1;
      return run(...query);
    }) as typeof run;
    const executeWrite = session.executeWrite.bind(session);
    session.executeWrite = ((...work: Parameters<typeof executeWrite>) => {
      n += 1;
      return executeWrite(...work);
    }) as typeof executeWrite;
    return session;
  }) as typeof openSession;
  return { db, count: () => n, reset: () => void (n = 0) };
}

/**
 * Région > département > EPCI > two communes (A in the EPCI, B directly in the département), an
 * industrial territory over the EPCI, and actors: the région itself is an actor, as in the model.
 *   ids: `${p}:region`, `${p}:dep`, `${p}:epci`, `${p}:it`, `${p}:commune-a`, `${p}:commune-b`
 */
export async function createTerritories(db: Database, p: string): Promise<void> {
  await db.write(
    `CREATE (r:Entity:Territory:Region:Actor {id: $p + ':region', name: 'Région ' + $p, kind: 'REGION', code: $p + '-R', source: 'test'})
     CREATE (d:Entity:Territory:Department {id: $p + ':dep', name: 'Département ' + $p, code: $p + '-D', source: 'test'})
     CREATE (e:Entity:Territory:Epci {id: $p + ':epci', name: 'CC ' + $p, code: $p + '-E', source: 'test'})
     CREATE (i:Entity:Territory:IndustrialTerritory {id: $p + ':it', name: 'Territoire ' + $p, source: 'test'})
     CREATE (a:Entity:Territory:Commune {id: $p + ':commune-a', name: 'Méaulte ' + $p, code: $p + '-A', population: 1300, source: 'test'})
     CREATE (b:Entity:Territory:Commune {id: $p + ':commune-b', name: 'Albert ' + $p, code: $p + '-B', population: 9800, source: 'test'})
     CREATE (d)-[:PART_OF]->(r), (e)-[:PART_OF]->(d), (e)-[:PART_OF]->(i),
            (a)-[:PART_OF]->(e), (a)-[:PART_OF]->(d), (b)-[:PART_OF]->(d)`,
    { p },
  );
  // Written by hand in Cypher: give the actors (the région) their stored presence, as a write path would.
  await refreshAllPresence(db);
}

export interface ActorRow {
  id: string;
  name: string;
  kind: string;
  label: string;
  commune?: string;
  shortName?: string;
}

export async function createActors(db: Database, rows: ActorRow[]): Promise<void> {
  await db.write(
    `UNWIND $rows AS row
     CREATE (a:Entity:Actor {id: row.id, name: row.name, kind: row.kind, source: 'test'})
     SET a.shortName = row.shortName
     WITH a, row CALL apoc.create.addLabels(a, [row.label]) YIELD node
     WITH a, row WHERE row.commune IS NOT NULL
     MATCH (c:Commune {id: row.commune}) CREATE (a)-[:LOCATED_IN]->(c)`,
    { rows: rows.map((r) => ({ commune: null, shortName: null, ...r })) },
  );
  await refreshAllPresence(db);
}

export async function removeAll(db: Database, p: string): Promise<void> {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
}
