// The change record: every write leaves a Change in its own transaction, readable, undoable, and
// optimistic concurrency between two editors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { gql, uniquePrefix } from '../support/harness.ts';
import { countingDatabase, createActors, createTerritories, removeAll } from './support.ts';

const counting = countingDatabase();
const { db } = counting;
const alice = newApiKey('alice', 'editor');
const bob = newApiKey('bob', 'editor');
const reader = newApiKey('rita', 'reader');
const config = loadConfig({ MAILLAGE_API_KEYS: [alice.entry, bob.entry, reader.entry].join(',') });
const server = createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), security: config.security, limits: config.limits });
const as = {
  alice: { 'x-api-key': alice.key },
  bob: { 'x-api-key': bob.key },
  reader: { 'x-api-key': reader.key },
};
const p = uniquePrefix('chg');

const UPSERT = `mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id name version commune { id } } }`;
const LINK = `mutation($input: LinkInput!) { link(input: $input) { type } }`;
const UNLINK = `mutation($input: LinkInput!) { unlink(input: $input) }`;
const CHANGES = `query($actorId: ID, $first: Int, $after: String, $since: String) {
  changes(actorId: $actorId, first: $first, after: $after, since: $since) {
    edges { cursor node { id at by operation actorId otherId linkType before after undoes undoneBy } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const UNDO = `mutation($id: ID!) { undoChange(id: $id) { id operation actorId otherId before after undoes by } }`;

interface ChangeNode {
  id: string;
  at: string;
  by: string;
  operation: string;
  actorId: string;
  otherId: string | null;
  linkType: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  undoes: string | null;
  undoneBy: string | null;
}
type ChangesData = { changes: { edges: { cursor: string; node: ChangeNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

async function changesOf(actorId: string, first = 20): Promise<ChangeNode[]> {
  const res = await gql<ChangesData>(server, CHANGES, { actorId, first }, as.alice);
  expect(res.errors).toBeUndefined();
  return res.data!.changes.edges.map((e) => e.node);
}

async function storedChanges(actorId: string): Promise<number> {
  const [row] = await db.read<{ n: number }>('MATCH (c:Change) WHERE c.actorId = $id OR c.otherId = $id RETURN count(c) AS n', { id: actorId });
  return row!.n;
}

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [{ id: `${p}-altytud`, name: 'ALTYTUD', kind: 'COMPANY', label: 'Company' }]);
});
beforeEach(() => counting.reset());
afterAll(async () => {
  await db.write('MATCH (c:Change) WHERE c.actorId STARTS WITH $p OR c.otherId STARTS WITH $p DELETE c', { p });
  await removeAll(db, p);
  await db.close();
});

describe('the change record', () => {
  it('records who, when, the operation, before and after, in the same single query as the write', async () => {
    const created = await gql(server, UPSERT, { input: [{ id: `${p}-sme`, name: 'Aéro Albert', kind: 'COMPANY', communeId: `${p}:commune-b` }] }, as.alice);
    expect(created.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(created.data).toEqual({ upsertActors: [{ id: `${p}-sme`, name: 'Aéro Albert', version: 1, commune: { id: `${p}:commune-b` } }] });
    await gql(server, UPSERT, { input: [{ id: `${p}-sme`, name: 'Aéro Albert SAS', kind: 'COMPANY', communeId: `${p}:commune-a` }] }, as.bob);
    counting.reset();
    await gql(server, LINK, { input: { from: `${p}-sme`, to: `${p}-altytud`, type: 'PARTNER_OF', properties: { since: 2024 } } }, as.alice);
    expect(counting.count()).toBe(1);

    const [link, update, create] = await changesOf(`${p}-sme`);
    expect(create).toMatchObject({ operation: 'CREATE_ACTOR', by: 'alice', actorId: `${p}-sme`, before: null });
    expect(create!.after).toMatchObject({ name: 'Aéro Albert', kind: 'COMPANY', communeId: `${p}:commune-b`, version: 1, source: 'api' });
    expect(create!.after).not.toHaveProperty('searchText');
    expect(update).toMatchObject({ operation: 'UPDATE_ACTOR', by: 'bob' });
    expect(update!.before).toMatchObject({ name: 'Aéro Albert', communeId: `${p}:commune-b`, version: 1 });
    expect(update!.after).toMatchObject({ name: 'Aéro Albert SAS', communeId: `${p}:commune-a`, version: 2 });
    expect(link).toMatchObject({ operation: 'LINK', actorId: `${p}-sme`, otherId: `${p}-altytud`, linkType: 'PARTNER_OF', before: null, after: { since: 2024, source: 'api' } });
    expect(Date.parse(link!.at)).toBeGreaterThanOrEqual(Date.parse(create!.at));
    // The other end of a link sees it too.
    expect((await changesOf(`${p}-altytud`)).map((c) => c.operation)).toEqual(['LINK']);
  });

  it('a failed change leaves no record', async () => {
    const before = await storedChanges(`${p}-failed`);
    const bad = await gql(server, UPSERT, { input: [{ id: `${p}-failed`, name: 'Nulle part', kind: 'COMPANY', communeId: `${p}:nowhere` }] }, as.alice);
    expect(bad.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Two actors in one call, the second invalid: neither is written, neither is recorded.
    const half = await gql(server, UPSERT, { input: [{ id: `${p}-failed`, name: 'Bon', kind: 'COMPANY' }, { id: `${p}-failed-2`, name: ' ', kind: 'COMPANY' }] }, as.alice);
    expect(half.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongEnds = await gql(server, LINK, { input: { from: `${p}-altytud`, to: `${p}:commune-a`, type: 'PARTNER_OF' } }, as.alice);
    expect(wrongEnds.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await storedChanges(`${p}-failed`)).toBe(before);
    expect(await storedChanges(`${p}:commune-a`)).toBe(0);
    const [actor] = await db.read('MATCH (a:Entity {id: $id}) RETURN a', { id: `${p}-failed` });
    expect(actor).toBeUndefined();
    // Unlinking what is not there changes nothing, and records nothing.
    const none = await gql(server, UNLINK, { input: { from: `${p}-altytud`, to: `${p}-failed`, type: 'PARTNER_OF' } }, as.alice);
    expect(none.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pages newest first with a keyset cursor, and filters by date', async () => {
    const id = `${p}-pages`;
    for (const name of ['Un', 'Deux', 'Trois']) await gql(server, UPSERT, { input: [{ id, name, kind: 'FUNDER' }] }, as.alice);
    const first = await gql<ChangesData>(server, CHANGES, { actorId: id, first: 2 }, as.alice);
    expect(first.data!.changes.edges.map((e) => e.node.after?.name)).toEqual(['Trois', 'Deux']);
    expect(first.data!.changes.pageInfo.hasNextPage).toBe(true);
    const next = await gql<ChangesData>(server, CHANGES, { actorId: id, first: 2, after: first.data!.changes.pageInfo.endCursor }, as.alice);
    expect(next.data!.changes.edges.map((e) => e.node.after?.name)).toEqual(['Un']);
    expect(next.data!.changes.pageInfo.hasNextPage).toBe(false);
    const future = await gql<ChangesData>(server, CHANGES, { actorId: id, since: '2999-01-01' }, as.alice);
    expect(future.data!.changes.edges).toEqual([]);
    const badSince = await gql(server, CHANGES, { actorId: id, since: 'yesterday' }, as.alice);
    expect(badSince.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['since'] });
    const badCursor = await gql(server, CHANGES, { actorId: id, after: 'nope' }, as.alice);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for editors: a reader gets FORBIDDEN', async () => {
    const res = await gql(server, CHANGES, { actorId: `${p}-sme` }, as.reader);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const undo = await gql(server, UNDO, { id: 'whatever' }, as.reader);
    expect(undo.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('undoChange', () => {
  it('undoes a link, records the undo, and refuses a second undo', async () => {
    const from = `${p}-undo-link`;
    await gql(server, UPSERT, { input: [{ id: from, name: 'Lien', kind: 'COMPANY' }] }, as.alice);
    await gql(server, LINK, { input: { from, to: `${p}-altytud`, type: 'PARTNER_OF' } }, as.alice);
    const [link] = await changesOf(from);
    counting.reset();
    const undo = await gql<{ undoChange: ChangeNode }>(server, UNDO, { id: link!.id }, as.bob);
    expect(undo.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(undo.data!.undoChange).toMatchObject({ operation: 'UNLINK', by: 'bob', undoes: link!.id, before: { source: 'api' }, after: null });
    const [rel] = await db.read<{ n: number }>('MATCH (:Entity {id: $a})-[r:PARTNER_OF]->(:Entity {id: $b}) RETURN count(r) AS n', { a: from, b: `${p}-altytud` });
    expect(rel!.n).toBe(0);
    const [latest, undone] = await changesOf(from);
    expect(latest!.undoes).toBe(link!.id);
    expect(undone).toMatchObject({ id: link!.id, undoneBy: latest!.id });
    const again = await gql(server, UNDO, { id: link!.id }, as.bob);
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Undoing the undo puts the link back.
    const redo = await gql<{ undoChange: ChangeNode }>(server, UNDO, { id: latest!.id }, as.alice);
    expect(redo.data!.undoChange.operation).toBe('LINK');
    const [back] = await db.read<{ n: number }>('MATCH (:Entity {id: $a})-[r:PARTNER_OF]->(:Entity {id: $b}) RETURN count(r) AS n', { a: from, b: `${p}-altytud` });
    expect(back!.n).toBe(1);
  });

  it('undoes an update (fields, kind, commune, search fields), and a creation', async () => {
    const id = `${p}-undo-upd`;
    await gql(server, UPSERT, { input: [{ id, name: 'Forge de Méaulte', kind: 'COMPANY', communeId: `${p}:commune-a`, employees: 8 }] }, as.alice);
    await gql(server, UPSERT, { input: [{ id, name: 'Pôle Forge', kind: 'CLUSTER', changeKind: true, communeId: `${p}:commune-b`, employees: null }] }, as.alice);
    const [update, create] = await changesOf(id);
    const undo = await gql<{ undoChange: ChangeNode }>(server, UNDO, { id: update!.id }, as.alice);
    expect(undo.errors).toBeUndefined();
    const [row] = await db.read<{ labels: string[]; props: Record<string, unknown>; communes: string[] }>(
      'MATCH (a:Entity {id: $id}) RETURN labels(a) AS labels, properties(a) AS props, [(a)-[:LOCATED_IN]->(c) | c.id] AS communes',
      { id },
    );
    expect(row!.labels.sort()).toEqual(['Actor', 'Company', 'Entity']);
    expect(row!.props).toMatchObject({ name: 'Forge de Méaulte', kind: 'COMPANY', employees: 8, version: 3 });
    expect(row!.props.searchText).toContain('forge');
    expect(row!.communes).toEqual([`${p}:commune-a`]);
    // The creation cannot be undone any more: the actor is at version 3, not 1.
    const stale = await gql(server, UNDO, { id: create!.id }, as.alice);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', current: { name: 'Forge de Méaulte', version: 3 } });

    const fresh = `${p}-undo-new`;
    await gql(server, UPSERT, { input: [{ id: fresh, name: 'Éphémère', kind: 'COMPANY', communeId: `${p}:commune-b` }] }, as.alice);
    const [created] = await changesOf(fresh);
    const removed = await gql<{ undoChange: ChangeNode }>(server, UNDO, { id: created!.id }, as.alice);
    expect(removed.data!.undoChange).toMatchObject({ operation: 'DELETE_ACTOR', after: null, before: { name: 'Éphémère' } });
    const [gone] = await db.read('MATCH (a:Entity {id: $id}) RETURN a', { id: fresh });
    expect(gone).toBeUndefined();
    const [deletion] = await changesOf(fresh);
    const never = await gql(server, UNDO, { id: deletion!.id }, as.alice);
    expect(never.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await gql(server, UNDO, { id: 'no-such-change' }, as.alice);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to undo the creation of an actor that has links since', async () => {
    const id = `${p}-undo-linked`;
    await gql(server, UPSERT, { input: [{ id, name: 'Liée', kind: 'COMPANY' }] }, as.alice);
    await gql(server, LINK, { input: { from: id, to: `${p}-altytud`, type: 'PARTNER_OF' } }, as.alice);
    const [, created] = await changesOf(id);
    const res = await gql(server, UNDO, { id: created!.id }, as.alice);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/undo them first/);
  });
});

describe('optimistic concurrency', () => {
  it('two editors change the same actor: the second gets CONFLICT with the current values, nothing overwritten', async () => {
    const id = `${p}-both`;
    await gql(server, UPSERT, { input: [{ id, name: 'Atelier', kind: 'COMPANY', sector: 'bois' }] }, as.alice);
    const READ = `query($id: ID!) { actor(id: $id) { version name } }`;
    const seenByAlice = await gql<{ actor: { version: number } }>(server, READ, { id }, as.alice);
    const seenByBob = await gql<{ actor: { version: number } }>(server, READ, { id }, as.bob);
    const v = seenByAlice.data!.actor.version;
    expect(seenByBob.data!.actor.version).toBe(v);
    const first = await gql(server, UPSERT, { input: [{ id, name: 'Atelier Alice', kind: 'COMPANY', expectedVersion: v }] }, as.alice);
    expect(first.errors).toBeUndefined();
    const second = await gql(server, UPSERT, { input: [{ id, name: 'Atelier Bob', kind: 'COMPANY', expectedVersion: v }] }, as.bob);
    expect(second.data).toBeNull();
    expect(second.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      argumentPath: ['input', 0, 'expectedVersion'],
      current: { name: 'Atelier Alice', sector: 'bois', version: v + 1 },
    });
    expect(second.errors?.[0]?.message).toMatch(/has changed since you read it/);
    const [row] = await db.read<{ name: string }>('MATCH (a:Actor {id: $id}) RETURN a.name AS name', { id });
    expect(row!.name).toBe('Atelier Alice');
    expect((await changesOf(id)).map((c) => c.by)).toEqual(['alice', 'alice']);
    // With the current version, Bob's change goes through.
    const retry = await gql(server, UPSERT, { input: [{ id, name: 'Atelier Bob', kind: 'COMPANY', expectedVersion: v + 1 }] }, as.bob);
    expect(retry.errors).toBeUndefined();
  });

  it('seeded actors are at version 0; expectedVersion for an actor that does not exist is CONFLICT with current null', async () => {
    const res = await gql<{ actor: { version: number } }>(server, `{ actor(id: "${p}-altytud") { version } }`, {}, as.alice);
    expect(res.data!.actor.version).toBe(0);
    const missing = await gql(server, UPSERT, { input: [{ id: `${p}-ghost`, name: 'Fantôme', kind: 'COMPANY', expectedVersion: 2 }] }, as.alice);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', current: null });
  });
});
