import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('found');

beforeAll(async () => {
  await db.write(
    `UNWIND $rows AS row
     CREATE (a:Entity:Actor {id: row.id, name: row.name, kind: row.kind, source: 'test'})
     WITH a, row CALL apoc.create.addLabels(a, [row.label]) YIELD node RETURN count(node)`,
    {
      rows: [
        { id: `${p}-uni`, name: `Université ${p} de Méaulte`, kind: 'UNIVERSITY', label: 'University' },
        { id: `${p}-co`, name: `Fonderie ${p}`, kind: 'COMPANY', label: 'Company' },
      ],
    },
  );
  await db.write(
    `MATCH (c:Actor {id: $co}), (u:Actor {id: $uni}) CREATE (c)-[:COLLABORATES_WITH {kind: 'research'}]->(u)`,
    { co: `${p}-co`, uni: `${p}-uni` },
  );
});

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

describe('the GraphQL server', () => {
  it('answers { __typename }', async () => {
    const res = await gql(server, '{ __typename }');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ __typename: 'Query' });
  });

  it('answers actors from Neo4j, accent-insensitively, with their links', async () => {
    const res = await gql(
      server,
      `query($q: String) { actors(search: $q, first: 10) {
         totalCount
         edges { node { id name kind __typename links { type direction other { id } } } }
       } }`,
      { q: `meaulte ${p}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      actors: {
        totalCount: 1,
        edges: [
          {
            node: {
              id: `${p}-uni`,
              name: `Université ${p} de Méaulte`,
              kind: 'UNIVERSITY',
              __typename: 'University',
              links: [{ type: 'COLLABORATES_WITH', direction: 'IN', other: { id: `${p}-co` } }],
            },
          },
        ],
      },
    });
  });

  it('answers actor and node by id, null for an unknown id', async () => {
    const res = await gql(
      server,
      `query($id: ID!, $nope: ID!) { actor(id: $id) { name } node(id: $id) { id __typename } missing: actor(id: $nope) { id } }`,
      { id: `${p}-co`, nope: `${p}-nope` },
    );
    expect(res.data).toEqual({ actor: { name: `Fonderie ${p}` }, node: { id: `${p}-co`, __typename: 'Company' }, missing: null });
  });

  it('serves GraphiQL to a browser', async () => {
    const res = await server.fetch('http://maillage.test/graphql', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('GraphiQL');
  });

  it('says it is alive on /health and ready on /ready', async () => {
    expect((await server.fetch('http://maillage.test/health')).status).toBe(200);
    expect((await server.fetch('http://maillage.test/ready')).status).toBe(200);
  });

  it('rejects a malformed query with a coded error', async () => {
    const res = await gql(server, '{ actors(first: ) { totalCount } }');
    expect(res.status).toBe(200); // GraphQL over HTTP: application/json answers 200 with errors
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('echoes a request id', async () => {
    const res = await gql(server, '{ __typename }', {}, { 'x-request-id': `${p}-req` });
    expect(res.headers.get('x-request-id')).toBe(`${p}-req`);
  });
});
