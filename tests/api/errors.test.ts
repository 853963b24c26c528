import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/neo4j/database.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { freePort } from '../../src/neo4j/owned-server.ts';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';

const db = testDatabase();
const lines: string[] = [];
const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
const server = createGraphQLServer({ db, logger });
const p = uniquePrefix('err');

beforeAll(async () => {
  // A stored node the API cannot show: an event without its required name.
  await db.write(`CREATE (:Entity:Event {id: $p + ':broken'})`, { p });
});
afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
});

describe('error codes', () => {
  it('QUERY_TOO_COMPLEX when the nested selection could read too much', async () => {
    const wide = await gql(server, `{ actors(first: 100) { edges { node { links { other { ... on Actor { links { other { id } } } } } } } } }`);
    expect(wide.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(wide.errors?.[0]?.message).toContain('first');
    // Seven nested relations of one link each: cheap, but deeper than allowed.
    const nested = (depth: number): string => (depth === 0 ? 'id' : `id ... on Actor { links(first: 1) { other { ${nested(depth - 1)} } } }`);
    const deep = await gql(server, `query($id: ID!) { node(id: $id) { ${nested(7)} } }`, { id: p });
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('BAD_USER_INPUT naming a nested argument out of bounds', async () => {
    const res = await gql(server, `{ actor(id: "x") { links(first: 501) { type } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['links', 'first'] });
  });

  it('masks an unexpected error for the client and logs it in full with the request id', async () => {
    const res = await gql(server, `query($id: ID!) { node(id: $id) { id ... on Event { name } } }`, { id: `${p}:broken` }, { 'x-request-id': `${p}-req` });
    expect(res.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(res.errors)).not.toContain('Event.name'); // the cause stays in the log
    expect(res.headers.get('x-request-id')).toBe(`${p}-req`);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === `${p}-req`);
    expect(logged).toMatchObject({ msg: 'unexpected error' });
    expect(JSON.stringify(logged)).toContain('Event.name');
  });

  it('SERVICE_UNAVAILABLE when the database cannot be reached', async () => {
    const down = connect({ uri: `bolt://127.0.0.1:${await freePort()}`, database: 'neo4j' });
    const offline = createGraphQLServer({ db: down, logger: pino({ level: 'silent' }) });
    try {
      const res = await gql(offline, `{ actors(first: 1) { totalCount } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('GRAPHQL_VALIDATION_FAILED for a field that does not exist, BAD_USER_INPUT for a wrongly typed variable', async () => {
    const res = await gql(server, `{ actors { nope } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await gql(server, `query($n: Int) { actors(first: $n) { totalCount } }`, { n: 'many' });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
