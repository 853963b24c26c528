// Every `first` argument is checked the same way: a whole number between 0 and the field's maximum,
// else BAD_USER_INPUT naming it. Lists computed whole (networkShape, competencyGaps) used to clamp
// a negative `first` to 0 and a large one to the whole list without a word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { createActors, createTerritories } from './support.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('first');

beforeAll(async () => {
  await createTerritories(db, p);
  await createActors(db, [
    { id: `${p}:sme`, name: 'PME ' + p, kind: 'COMPANY', label: 'Company', commune: `${p}:commune-a` },
    { id: `${p}:uni`, name: 'Université ' + p, kind: 'UNIVERSITY', label: 'University', commune: `${p}:commune-b` },
  ]);
  await db.write(
    `MATCH (s:Actor {id: $p + ':sme'}), (u:Actor {id: $p + ':uni'})
     CREATE (s)-[:COLLABORATES_WITH]->(u)
     CREATE (s)-[:NEEDS {weight: 1.0}]->(:Entity:Competency {id: $p + ':k', name: 'Usinage ' + $p, source: 'test'})`,
    { p },
  );
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
});
afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

const shape = (selection: string) => gql(server, `query($t: ID) { networkShape(within: $t) { ${selection} } }`, { t: `${p}:dep` });

describe('`first` on lists computed whole', () => {
  it('answers within bounds as before', async () => {
    const res = await shape('hubs(first: 1) { actor { id } } brokers(first: 0) { rank } communities { members(first: 100) { id } } coverage { uncovered(first: 100) { id } }');
    expect(res.errors).toBeUndefined();
    const data = res.data as { networkShape: { hubs: unknown[]; brokers: unknown[]; communities: { members: unknown[] }[] } };
    expect(data.networkShape.hubs).toHaveLength(1);
    expect(data.networkShape.brokers).toEqual([]);
    expect(data.networkShape.communities.flatMap((c) => c.members)).toHaveLength(2);
  });

  it.each([
    ['hubs(first: -1) { rank }', ['hubs', 'first'], 100],
    ['brokers(first: 101) { rank }', ['brokers', 'first'], 100],
    ['communities { members(first: 5000) { id } }', ['members', 'first'], 100],
    ['coverage { uncovered(first: -3) { id } }', ['uncovered', 'first'], 100],
  ])('%s is BAD_USER_INPUT, not clamped', async (selection, argumentPath, max) => {
    const res = await shape(selection);
    expect(res.errors?.[0]?.message).toBe(`\`first\` must be between 0 and ${max}.`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
  });

  it('competencyGaps.exposedCompanies: at most 20', async () => {
    const ok = await gql(server, `query($t: ID) { competencyGaps(within: $t) { exposedCompanies(first: 20) { id } } }`, { t: `${p}:dep` });
    expect(ok.errors).toBeUndefined();
    const bad = await gql(server, `query($t: ID) { competencyGaps(within: $t) { exposedCompanies(first: 21) { id } } }`, { t: `${p}:dep` });
    expect(bad.errors?.[0]?.message).toBe('`first` must be between 0 and 20.');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['exposedCompanies', 'first'] });
  });
});

describe('`first` elsewhere: the same check and the same words', () => {
  it.each([
    ['{ actors(first: 101) { totalCount } }', 100],
    ['{ actor(id: "x") { links(first: 501) { type } } }', 500],
    ['{ synergies(actorId: "x", first: -1) { score } }', 100],
  ])('%s', async (query, max) => {
    const res = await gql(server, query);
    expect(res.errors?.[0]?.message).toBe(`\`first\` must be between 0 and ${max}.`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
