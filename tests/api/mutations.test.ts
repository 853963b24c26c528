import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gql as anonymousGql, uniquePrefix } from '../support/harness.ts';
import { storedState } from '../support/stored-state.ts';
import { countingDatabase, createActors, createTerritories, removeAll, serverWithKeys } from './support.ts';

const counting = countingDatabase();
const { db } = counting;
const { server, editor, reader } = serverWithKeys(db);
/** Every request of this file comes with the editor's key, unless it says otherwise. */
const gql = <T = Record<string, unknown>>(s: typeof server, query: string, variables: Record<string, unknown> = {}) =>
  anonymousGql<T>(s, query, variables, editor);
const p = uniquePrefix('mut');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [{ id: `${p}-inst`, name: 'Institut', kind: 'INSTITUTE', label: 'Institute', commune: `${p}:commune-a` }]);
  await db.write(`CREATE (:Entity:Event {id: $p + ':event', name: 'Atelier', kind: 'workshop'})`, { p });
});
beforeEach(() => counting.reset());
afterAll(async () => {
  await removeAll(db, p);
  await db.close();
});

const UPSERT = `mutation($input: [ActorInput!]!) {
  upsertActors(input: $input) { id name kind __typename source commune { id } ... on Company { employees sector } }
}`;

const LINK = `mutation($input: LinkInput!) { link(input: $input) { type direction properties other { id ... on Event { name } } } }`;
const UNLINK = `mutation($input: LinkInput!) { unlink(input: $input) }`;

async function stored(id: string) {
  const [row] = await db.read<{ labels: string[]; props: Record<string, unknown>; communes: string[] }>(
    `MATCH (a:Entity {id: $id}) RETURN labels(a) AS labels, properties(a) AS props, [(a)-[:LOCATED_IN]->(c) | c.id] AS communes`,
    { id },
  );
  return row;
}

describe('who may write', () => {
  it('UNAUTHENTICATED without credentials, FORBIDDEN with a reader key; nothing written', async () => {
    const input = { input: [{ id: `${p}-intruder`, name: 'Intrus', kind: 'COMPANY' }] };
    const anonymous = await anonymousGql(server, UPSERT, input);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const readOnly = await anonymousGql(server, UPSERT, input, reader);
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const link = await anonymousGql(server, LINK, { input: { from: `${p}-inst`, to: `${p}:event`, type: 'ORGANIZED' } }, reader);
    expect(link.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored(`${p}-intruder`)).toBeUndefined();
  });
});

describe('upsertActors', () => {
  it('creates actors with their kind label and commune, in one query, and returns them in input order', async () => {
    const res = await gql(server, UPSERT, {
      input: [
        { id: `${p}-sme`, name: 'Altytud', kind: 'COMPANY', communeId: `${p}:commune-b`, employees: 12, sector: 'drones' },
        { id: `${p}-bank`, name: 'Banque', kind: 'FUNDER' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toEqual({
      upsertActors: [
        { id: `${p}-sme`, name: 'Altytud', kind: 'COMPANY', __typename: 'Company', source: 'api', commune: { id: `${p}:commune-b` }, employees: 12, sector: 'drones' },
        { id: `${p}-bank`, name: 'Banque', kind: 'FUNDER', __typename: 'Funder', source: 'api', commune: null },
      ],
    });
    expect((await stored(`${p}-sme`))!.labels.sort()).toEqual(['Actor', 'Company', 'Entity']);
  });

  it('updates by id: changes the kind label with the kind (on purpose), keeps absent fields, null removes', async () => {
    await gql(server, UPSERT, { input: [{ id: `${p}-upd`, name: 'Start', kind: 'COMPANY', communeId: `${p}:commune-a`, employees: 5, sector: 'bois' }] });
    const refused = await gql(server, UPSERT, { input: [{ id: `${p}-upd`, name: 'Grown', kind: 'CLUSTER' }] });
    expect(refused.errors?.[0]?.message).toBe('input[0].kind: this actor is already a COMPANY; an actor\'s kind does not change by accident (set changeKind: true to change it on purpose, or use another id).');
    const res = await gql(server, UPSERT, { input: [{ id: `${p}-upd`, name: 'Grown', kind: 'CLUSTER', employees: null, changeKind: true }] });
    expect(res.errors).toBeUndefined();
    const row = (await stored(`${p}-upd`))!;
    expect(row.labels.sort()).toEqual(['Actor', 'Cluster', 'Entity']);
    expect(row.props).toMatchObject({ name: 'Grown', kind: 'CLUSTER', sector: 'bois' });
    expect(row.props).not.toHaveProperty('employees');
    expect(row.communes).toEqual([`${p}:commune-a`]);
    await gql(server, UPSERT, { input: [{ id: `${p}-upd`, name: 'Grown', kind: 'CLUSTER', communeId: `${p}:commune-b` }] });
    expect((await stored(`${p}-upd`))!.communes).toEqual([`${p}:commune-b`]);
    await gql(server, UPSERT, { input: [{ id: `${p}-upd`, name: 'Grown', kind: 'CLUSTER', communeId: null }] });
    expect((await stored(`${p}-upd`))!.communes).toEqual([]);
  });

  it.each([
    [{ name: '  ' }, 'input[1].name', ['input', 1, 'name']],
    [{ id: 'has space' }, 'input[1].id', ['input', 1, 'id']],
    [{ employees: -3 }, 'input[1].employees', ['input', 1, 'employees']],
    [{ founded: 20 }, 'input[1].founded', ['input', 1, 'founded']],
  ])('refuses %j with BAD_USER_INPUT naming %s, and writes nothing', async (bad, field, path) => {
    const good = { id: `${p}-ok-${String(path[2])}`, name: 'Valide', kind: 'COMPANY' };
    const res = await gql(server, UPSERT, { input: [good, { id: `${p}-bad`, name: 'X', kind: 'COMPANY', ...bad }] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: path });
    expect(res.errors?.[0]?.message).toContain(field);
    expect(await stored(good.id)).toBeUndefined();
  });

  it('refuses the same id twice in one list', async () => {
    const res = await gql(server, UPSERT, { input: [{ id: `${p}-dup`, name: 'A', kind: 'COMPANY' }, { id: `${p}-dup`, name: 'B', kind: 'COMPANY' }] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 1, 'id'] });
    expect(await stored(`${p}-dup`)).toBeUndefined();
  });

  it('says NOT_FOUND for an unknown commune and writes nothing', async () => {
    const res = await gql(server, UPSERT, {
      input: [
        { id: `${p}-nf1`, name: 'A', kind: 'COMPANY' },
        { id: `${p}-nf2`, name: 'B', kind: 'COMPANY', communeId: `${p}:commune-z` },
      ],
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain(`${p}:commune-z`);
    expect(await stored(`${p}-nf1`)).toBeUndefined();
  });

  it('refuses to turn a territory or an event into an actor, or to change a région\'s kind', async () => {
    const event = await gql(server, UPSERT, { input: [{ id: `${p}:event`, name: 'A', kind: 'COMPANY' }] });
    expect(event.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 0, 'id'] });
    const region = await gql(server, UPSERT, { input: [{ id: `${p}:region`, name: 'R', kind: 'COMPANY' }] });
    expect(region.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['input', 0, 'kind'] });
    const renamed = await gql(server, UPSERT, { input: [{ id: `${p}:region`, name: 'Région renommée', kind: 'REGION' }] });
    expect(renamed.errors).toBeUndefined();
    expect((await stored(`${p}:region`))!.labels.sort()).toEqual(['Actor', 'Entity', 'Region', 'Territory']);
  });

  it('answers an empty list with an empty list', async () => {
    expect((await gql(server, UPSERT, { input: [] })).data).toEqual({ upsertActors: [] });
  });
});


describe('link and unlink', () => {
  it('creates a relationship, then updates its properties instead of duplicating it', async () => {
    const input = { from: `${p}-inst`, to: `${p}:event`, type: 'ORGANIZED', properties: { role: 'host', year: 2019 } };
    const res = await gql(server, LINK, { input });
    expect(res.errors).toBeUndefined();
    expect(counting.count()).toBe(1);
    expect(res.data).toEqual({
      link: { type: 'ORGANIZED', direction: 'OUT', properties: { role: 'host', year: 2019, source: 'api' }, other: { id: `${p}:event`, name: 'Atelier' } },
    });
    const again = await gql(server, LINK, { input: { ...input, properties: { role: 'co-host', year: null } } });
    expect(again.data).toMatchObject({ link: { properties: { role: 'co-host', source: 'api' } } });
    const [row] = await db.read<{ n: number }>(`MATCH (:Entity {id: $a})-[r:ORGANIZED]->(:Entity {id: $b}) RETURN count(r) AS n`, { a: input.from, b: input.to });
    expect(row!.n).toBe(1);
  });

  it('removes it with unlink: true once, then false', async () => {
    await gql(server, LINK, { input: { from: `${p}-inst`, to: `${p}:event`, type: 'PARTICIPATED_IN' } });
    const input = { from: `${p}-inst`, to: `${p}:event`, type: 'PARTICIPATED_IN' };
    expect((await gql(server, UNLINK, { input })).data).toEqual({ unlink: true });
    expect((await gql(server, UNLINK, { input })).data).toEqual({ unlink: false });
  });

  it('refuses a type outside the data model, ends of the wrong kind, and bad properties', async () => {
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ type: 'HATES' }, ['input', 'type']],
      [{ type: 'LOCATED_IN' }, ['input', 'to']],
      [{ type: 'ORGANIZED', from: `${p}:event` , to: `${p}-inst` }, ['input', 'from']],
      [{ type: 'ORGANIZED', properties: { nested: { a: 1 } } }, ['input', 'properties', 'nested']],
      [{ type: 'ORGANIZED', properties: { 'bad key': 1 } }, ['input', 'properties', 'bad key']],
      [{ type: 'ORGANIZED', properties: [1] }, ['input', 'properties']],
    ];
    for (const [override, path] of cases) {
      const res = await gql(server, LINK, { input: { from: `${p}-inst`, to: `${p}:event`, ...override } });
      expect(res.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: path });
    }
    const unlinkBad = await gql(server, UNLINK, { input: { from: `${p}-inst`, to: `${p}:event`, type: 'HATES' } });
    expect(unlinkBad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('says NOT_FOUND for an unknown end, and writes nothing', async () => {
    // A link the failed calls could wrongly touch (same from, same type), and the state to keep.
    await createActors(db, [{ id: `${p}-partner`, name: 'Partenaire', kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` }]);
    expect((await gql(server, LINK, { input: { from: `${p}-inst`, to: `${p}-partner`, type: 'PARTNER_OF' } })).errors).toBeUndefined();
    const before = await storedState(db, { prefix: p });
    for (const mutation of [LINK, UNLINK]) {
      const res = await gql(server, mutation, { input: { from: `${p}-inst`, to: `${p}-ghost`, type: 'PARTNER_OF' } });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toContain(`${p}-ghost`);
      const from = await gql(server, mutation, { input: { from: `${p}-ghost`, to: `${p}-inst`, type: 'PARTNER_OF' } });
      expect(from.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await storedState(db, { prefix: p })).toEqual(before);
    expect(await storedState(db, { prefix: `${p}-ghost` })).toEqual({ nodes: [], relationships: [] });
  });
});
