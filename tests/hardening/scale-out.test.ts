/**
 * Two service instances on one Neo4j: a client that writes through one and passes the bookmarks it
 * got back to the other reads its own write there.
 */
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

afterAll(async () => {
  await dbA.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await Promise.all([dbA.close(), dbB.close()]);
});

describe('read-your-writes across instances', () => {
  it('returns bookmarks with a mutation, and the other instance honours them', async () => {
    const write = await gql(
      a,
      'mutation($in: [ActorInput!]!) { upsertActors(input: $in) { id } }',
      { in: [{ id: `${p}-acme`, name: `Acme ${p}`, kind: 'COMPANY' }] },
      { 'x-api-key': editor.key },
    );
    expect(write.errors).toBeUndefined();
    const bookmarks = write.headers.get(BOOKMARK_HEADER);
    expect(bookmarks).toMatch(/^\S+$/);

    const read = await gql(b, '{ actor(id: $id) { name } }'.replace('$id', JSON.stringify(`${p}-acme`)), {}, { [BOOKMARK_HEADER]: bookmarks! });
    expect(read.data).toEqual({ actor: { name: `Acme ${p}` } });
  });

  it('refuses a malformed bookmark header with 400 BAD_USER_INPUT (issue #14 item 8), never a 500', async () => {
    const read = await gql(b, '{ __typename }', {}, { [BOOKMARK_HEADER]: 'not a bookmark; DROP' });
    expect(read.status).toBe(400);
    expect(read.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
