// Issue #13: presence is stored on each actor (src/territories/stored-presence.ts) so that
// `actors(within)` is a look-up; every write keeps it true in its own transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';
import { serverWithKeys } from '../api/support.ts';
import { arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { definedMembersOf, membersOf, type Presence } from '../../src/territories/presence.ts';
import { seedAsStart } from './seeded.ts';

const db = testDatabase();
const { server, editor } = serverWithKeys(db);

beforeAll(async () => {
  await seedAsStart(db);
}, 240_000);

afterAll(async () => {
  await db.close();
});

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(server, text, variables, editor);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const WITHIN = `query($within: ID, $presence: Presence, $search: String) {
  actors(within: $within, presence: $presence, search: $search, first: 100) { totalCount edges { node { id } } }
}`;
async function within(territory: string, presence: Presence = 'ACTIVE', search?: string): Promise<string[]> {
  const data = await query<{ actors: { edges: { node: { id: string } }[] } }>(WITHIN, { within: territory, presence, search });
  return data.actors.edges.map((e) => e.node.id);
}

/** Territories where the stored presence and the definition disagree, with both member lists. */
async function disagreements(ids: string[], presence: Presence): Promise<unknown[]> {
  return db.read(
    `UNWIND $ids AS id MATCH (t:Territory {id: id})
     CALL (t) { ${membersOf('t', 'a', presence)} RETURN collect(a.id) AS stored }
     CALL (t) { ${definedMembersOf('t', 'b', presence)} RETURN collect(b.id) AS defined }
     WITH t, apoc.coll.sort(stored) AS stored, apoc.coll.sort(defined) AS defined WHERE stored <> defined
     RETURN t.id AS territory, stored, defined`,
    { ids },
    { timeoutMs: 120_000 },
  );
}

const UPSERT = `mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id } }`;
const LINK = `mutation($input: LinkInput!) { link(input: $input) { type } }`;
const UNLINK = `mutation($input: LinkInput!) { unlink(input: $input) }`;

describe('stored presence equals the definition', () => {
  it('on the network as `npm start` seeds it, in every territory anyone is present in, both presences', async () => {
    // Every place any actor is at by the definition, every place stored, every région and département.
    const [row] = await db.read<{ ids: string[] }>(
      `CALL () {
         MATCH (a:Actor) UNWIND coalesce(a.presentIn, []) + coalesce(a.seatIn, []) AS id RETURN id
         UNION
         MATCH (t:Territory) WHERE t:Region OR t:Department RETURN t.id AS id
         UNION
         MATCH (:Actor)-[:LOCATED_IN|SERVES]->(:Territory)-[:PART_OF*0..3]->(t:Territory) RETURN t.id AS id
         UNION
         MATCH (:Event)-[:HELD_IN]->(:Territory)-[:PART_OF*0..3]->(t:Territory) RETURN t.id AS id
       }
       RETURN collect(DISTINCT id) AS ids`,
    );
    expect(row!.ids.length).toBeGreaterThan(100);
    expect(await disagreements(row!.ids, 'ACTIVE')).toEqual([]);
    expect(await disagreements(row!.ids, 'SEAT')).toEqual([]);
  });
});

describe('every write updates presence in its own transaction', () => {
  it('create an actor, act somewhere, stop acting there, move its seat; a refused write changes nothing', async () => {
    const p = uniquePrefix('presence');
    const actor = `${p}-pme`;
    const event = `event:${p}-atelier`;
    // An event held in Saint-Quentin (Aisne), as a seed file would bring it.
    await seed(
      db,
      arraySource(p, {
        nodes: [{ id: event, labels: ['Event'], properties: { name: `Atelier ${p}` }, origin: 'test' }],
        relationships: [{ type: 'HELD_IN', from: event, to: 'commune:02691', properties: {}, origin: 'test' }],
      }),
    );

    // Created with a seat in Albert (Somme): present in the Somme and Hauts-de-France at once.
    await query(UPSERT, { input: [{ id: actor, name: `PME ${p}`, kind: 'COMPANY', communeId: 'commune:80016' }] });
    expect(await within('department:80', 'SEAT')).toContain(actor);
    expect(await within('region:32')).toContain(actor);
    expect(await within('department:02')).not.toContain(actor);

    // Takes part in the workshop of Saint-Quentin: active in the Aisne, its seat unchanged.
    await query(LINK, { input: { from: actor, to: event, type: 'PARTICIPATED_IN' } });
    expect(await within('department:02')).toContain(actor);
    expect(await within('department:02', 'ACTIVE', p)).toEqual([actor]);
    expect(await within('department:02', 'SEAT')).not.toContain(actor);

    // The workshop moves to Paris: the event's actors follow it.
    await query(UNLINK, { input: { from: event, to: 'commune:02691', type: 'HELD_IN' } });
    await query(LINK, { input: { from: event, to: 'commune:75056', type: 'HELD_IN' } });
    expect(await within('department:02')).not.toContain(actor);
    expect(await within('department:75')).toContain(actor);

    // Stops taking part: no longer in Paris.
    await query(UNLINK, { input: { from: actor, to: event, type: 'PARTICIPATED_IN' } });
    expect(await within('department:75')).not.toContain(actor);

    // Moves its seat to Saint-Quentin: out of the Somme, into the Aisne, still in Hauts-de-France.
    await query(UPSERT, { input: [{ id: actor, name: `PME ${p}`, kind: 'COMPANY', communeId: 'commune:02691' }] });
    expect(await within('department:80')).not.toContain(actor);
    expect(await within('department:02', 'SEAT')).toContain(actor);
    expect(await within('region:32', 'SEAT')).toContain(actor);

    // A write the database refuses (the second item would turn a funder into a company) writes
    // nothing, presence included.
    const refused = await gql(
      server,
      UPSERT,
      {
        input: [
          { id: actor, name: `PME ${p}`, kind: 'COMPANY', communeId: 'commune:80016' },
          { id: 'cpme', name: 'CPME', kind: 'COMPANY' },
        ],
      },
      editor,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await within('department:80')).not.toContain(actor);
    expect(await within('department:02', 'SEAT')).toContain(actor);

    // And what is stored is what the definition says, everywhere the actor has been.
    const places = ['department:80', 'department:02', 'department:75', 'region:32', 'region:11', 'commune:02691', 'commune:80016'];
    expect(await disagreements(places, 'ACTIVE')).toEqual([]);
    expect(await disagreements(places, 'SEAT')).toEqual([]);
  });
});
