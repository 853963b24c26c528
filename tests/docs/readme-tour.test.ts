/**
 * The README's API tour runs as written: each ```graphql block between the tour markers is sent to
 * a service seeded as `npm start` seeds an empty database (geography, the article, the framework),
 * and its answer must equal the ```json block that follows it.
 * `UPDATE_README=1 npx vitest run tests/docs` rewrites the answers from what the service says.
 * This file owns its Neo4j: the tour's answers are about exactly that data.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { connect, type Database } from '../../src/neo4j/database.ts';
import { migrate } from '../../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j, type OwnedNeo4j } from '../../src/neo4j/owned-server.ts';
import { seedOnStart } from '../../src/seed/on-start.ts';
import { gql, testServer } from '../support/harness.ts';

const readmePath = path.join(projectRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const tour = readme.slice(readme.indexOf('<!-- tour:start -->'), readme.indexOf('<!-- tour:end -->'));
const pairs = [...tour.matchAll(/```graphql\n([\s\S]*?)```\n+```json\n([\s\S]*?)```/g)].map((m) => ({
  query: m[1]!,
  answer: m[2]!,
}));

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-tour-'));
let neo4j: OwnedNeo4j | undefined;
let db: Database | undefined;

beforeAll(async () => {
  neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '256m', log: () => undefined });
  db = connect({ ...neo4j.connection, database: 'neo4j' });
  await migrate(db);
  await seedOnStart(db, createLogger('silent'));
}, 300_000);

afterAll(async () => {
  await db?.close();
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the README API tour', () => {
  it('has at least five queries', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
  });

  it('answers each query exactly as the README shows', async () => {
    const server = testServer(db!);
    let updated = readme;
    for (const { query, answer } of pairs) {
      const res = await gql(server, query);
      expect(res.errors, query).toBeUndefined();
      const actual = JSON.stringify(res.data, null, 2);
      if (process.env.UPDATE_README) updated = updated.replace(`${query}\`\`\`\n\n\`\`\`json\n${answer}`, `${query}\`\`\`\n\n\`\`\`json\n${actual}\n`);
      else expect(res.data, query).toEqual(JSON.parse(answer));
    }
    if (process.env.UPDATE_README) writeFileSync(readmePath, updated);
  }, 120_000);
});
