/**
 * Two service instances on one Neo4j: a client that writes through one and passes the bookmarks it
 * got back to the other reads its own write there.
 *
 * What this can prove on one standalone Neo4j: the bookmarks of a write come back in the header, the
 * other instance hands exactly those to the driver session of its reads, and Neo4j does receive them
 * (a bookmark it cannot parse is refused). What it cannot prove: that a read on a follower waits for
 * the write. On a standalone server every committed write is visible to every later read, bookmarks
 * or not, so cluster causality is not exercised here (docs/production.md says so).
 */
import type { BookmarkManager, SessionConfig } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { BOOKMARK_HEADER } from '../../src/graphql/plugins/bookmarks.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';

const editor = newApiKey('scale-editor', 'editor');
const config = loadConfig({ MAILLAGE_API_KEYS: editor.entry });
// Each instance has its own driver, as two processes would.
const dbA = testDatabase();
const dbB = testDatabase();
const instance = (db: typeof dbA) =>
  createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
const a = instance(dbA);
const b = instance(dbB);
const p = uniquePrefix('scale');

/** The bookmark managers instance B's driver sessions were opened with, in order. */
const sessionManagers: (BookmarkManager | undefined)[] = [];
const openSession = dbB.driver.session.bind(dbB.driver);
dbB.driver.session = ((config?: SessionConfig) => {
  sessionManagers.push(config?.bookmarkManager);
  return openSession(config);
}) as typeof openSession;

afterAll(async () => {
  await dbA.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await Promise.all([dbA.close(), dbB.close()]);
});

const READ = (id: string) => `{ actor(id: ${JSON.stringify(id)}) { name } }`;

describe('read-your-writes across instances', () => {
  it('returns bookmarks with a mutation, and the other instance reads with exactly those bookmarks', async () => {
    const write = await gql(
      a,
      'mutation($in: [ActorInput!]!) { upsertActors(input: $in) { id } }',
      { in: [{ id: `${p}-acme`, name: `Acme ${p}`, kind: 'COMPANY' }] },
      { 'x-api-key': editor.key },
    );
    expect(write.errors).toBeUndefined();
    const bookmarks = write.headers.get(BOOKMARK_HEADER);
    expect(bookmarks).toMatch(/^\S+$/);

    sessionManagers.length = 0;
    const read = await gql(b, READ(`${p}-acme`), {}, { [BOOKMARK_HEADER]: bookmarks! });
    expect(read.data).toEqual({ actor: { name: `Acme ${p}` } });
    // The read's session was given a manager holding the bookmarks the client sent, not B's own chain.
    expect(sessionManagers.length).toBeGreaterThan(0);
    for (const manager of sessionManagers) {
      expect(manager).toBeDefined();
      expect(manager).not.toBe(dbB.driver.executeQueryBookmarkManager);
      expect([...(await manager!.getBookmarks())].sort()).toEqual(bookmarks!.split(',').sort());
    }
  });

  it('sends the bookmarks to Neo4j: one it cannot parse is refused, and the client is told why', async () => {
    const read = await gql(b, READ(`${p}-acme`), {}, { [BOOKMARK_HEADER]: 'FB:not-a-real-bookmark' });
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(read.errors?.[0]?.message).toMatch(/x-neo4j-bookmarks/);
  });

  it('refuses a malformed bookmark header with 400 BAD_USER_INPUT (issue #14 item 8), never a 500', async () => {
    const read = await gql(b, '{ __typename }', {}, { [BOOKMARK_HEADER]: 'not a bookmark; DROP' });
    expect(read.status).toBe(400);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
