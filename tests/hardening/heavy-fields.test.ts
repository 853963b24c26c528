/**
 * actorGraph, networkShape and territoryReport are the heavy fields (and /report/... the heavy
 * routes): their cost comes from the territory's real
 * size (counted before they run), actors under them give their own fields only (a nested list
 * would cost one query per actor), an operation holds few of them, a client runs few at once, and
 * a driver pool that is merely busy is not taken for a database outage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer, type GraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { connect } from '../../src/neo4j/database.ts';
import { gql, longRead, testDatabase, uniquePrefix } from '../support/harness.ts';
import { inject } from 'vitest';

const db = testDatabase();
const p = uniquePrefix('heavy');

beforeAll(async () => {
  await db.write(
    `UNWIND range(1, 12) AS i
     CREATE (a:Entity:Actor:Company {id: $p + '-' + i, name: 'Heavy ' + i, kind: 'COMPANY', source: 'test'})`,
    { p },
  );
  await db.write(
    `MATCH (a:Actor) WHERE a.id STARTS WITH $p + '-'
     MATCH (b:Actor) WHERE b.id STARTS WITH $p + '-' AND a.id < b.id
     CREATE (a)-[:PARTNER_OF]->(b)`,
    { p },
  );
});
afterAll(async () => {
  await db.write('MATCH (a:Actor) WHERE a.id STARTS WITH $p + "-" DETACH DELETE a', { p });
  await db.close();
});

function server(env: Record<string, string> = {}, database = db): GraphQLServer {
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...env });
  return createGraphQLServer({ db: database, logger: createLogger('silent'), security: config.security, limits: config.limits });
}

describe('heavy fields', () => {
  it('refuses nested lists under actorGraph.nodes (one query per actor), before running it', async () => {
    const yoga = server();
    const res = await gql(
      yoga,
      `{ actorGraph(within: null) { nodes { id links(first: 100) { other { ... on Actor { links(first: 100) { other { id } } } } } } } }`,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/actorGraph/);
    expect(res.data ?? null).toBeNull();
  });

  it('refuses nested lists under networkShape lists without a bound too', async () => {
    const res = await gql(server(), `{ networkShape(within: null) { isolated { id links(first: 100) { type } } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('still answers the explorer’s own actorGraph query', async () => {
    const res = await gql<{ actorGraph: { nodes: { id: string }[] } }>(
      server(),
      `{ actorGraph(within: null) { nodes { id name kind } links { source target weight types } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.actorGraph.nodes.filter((n) => n.id.startsWith(`${p}-`))).toHaveLength(12);
  });

  it('prices actorGraph by the territory’s real size: over GRAPH_MAX_ITEMS it is refused, naming the size', async () => {
    const res = await gql(server({ GRAPH_MAX_ITEMS: '10' }), `{ actorGraph(within: null) { nodes { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/\d+ actors/);
  });

  it('allows few heavy fields per operation (HEAVY_FIELDS_PER_OPERATION)', async () => {
    const aliases = Array.from({ length: 3 }, (_, i) => `g${i}: actorGraph(within: null) { nodes { id } }`).join(' ');
    const res = await gql(server(), `{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/actorGraph|networkShape/);
  });

  it('runs few heavy fields per client at once (HEAVY_PER_CLIENT): the others get 429', async () => {
    const yoga = server({ HEAVY_PER_CLIENT: '1' });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => gql(yoga, `{ networkShape(within: null) { actorCount density } }`)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(answers.find((a) => a.status === 429)?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('bounds heavy work for every client together (HEAVY_AT_ONCE): other clients get 429 naming it', async () => {
    const keys = Array.from({ length: 4 }, (_, i) => newApiKey(`${p}-reader-${i}`, 'reader'));
    const yoga = server({ HEAVY_AT_ONCE: '1', MAILLAGE_API_KEYS: keys.map((k) => k.entry).join(',') });
    const answers = await Promise.all(
      keys.map((k) => gql(yoga, `{ networkShape(within: null) { actorCount density } }`, {}, { 'x-api-key': k.key })),
    );
    expect(answers.map((a) => a.status)).toContain(200);
    const refused = answers.find((a) => a.status === 429);
    expect(refused?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused?.errors?.[0]?.message).toMatch(/HEAVY_AT_ONCE/);
  });

  it('bounds the heavy requests one client starts in a minute (HEAVY_PER_MINUTE), however quick: past it, 429 naming it', async () => {
    const yoga = server({ HEAVY_PER_MINUTE: '2' });
    const ask = () => gql(yoga, `{ networkShape(within: null) { actorCount } }`);
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const refused = await ask();
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.message).toMatch(/HEAVY_PER_MINUTE/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('charges each client the time its heavy work took (HEAVY_SECONDS_PER_MINUTE): past it, 429 with a Retry-After, and other clients are still served', async () => {
    const [greedy, other] = [newApiKey(`${p}-greedy`, 'reader'), newApiKey(`${p}-other`, 'reader')];
    const yoga = server({ HEAVY_SECONDS_PER_MINUTE: '0.001', MAILLAGE_API_KEYS: `${greedy.entry},${other.entry}` });
    const ask = (key: string) => gql(yoga, `{ actorGraph(within: null) { nodes { id } } }`, {}, { 'x-api-key': key });
    expect((await ask(greedy.key)).status).toBe(200);
    const refused = await ask(greedy.key);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.message).toMatch(/HEAVY_SECONDS_PER_MINUTE/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await ask(other.key)).status).toBe(200);
  });

  it('counts territoryReport as a heavy field: three in one operation are refused before any runs', async () => {
    // Unknown territories: were they run, each would answer NOT_FOUND at once.
    const aliases = Array.from({ length: 3 }, (_, i) => `r${i}: territoryReport(within: "${p}-nowhere-${i}") { title }`).join(' ');
    const res = await gql(server(), `{ ${aliases} }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/3 actorGraph\/networkShape\/territoryReport fields/);
    expect(res.errors).toHaveLength(1);
  });

  it('counts the report routes and territoryReport in HEAVY_PER_CLIENT with the other heavy fields: the others get 429', async () => {
    const yoga = server({ HEAVY_PER_CLIENT: '1' });
    const route = async () => {
      const response = await yoga.fetch(`http://maillage.test/report/${p}-nowhere.xlsx`);
      return { status: response.status, text: await response.text(), retry: response.headers.get('retry-after') };
    };
    const [graphql, ...routes] = await Promise.all([
      gql(yoga, `{ territoryReport(within: "${p}-nowhere") { title } }`),
      route(),
      route(),
      route(),
    ]);
    const statuses = [graphql.status, ...routes.map((r) => r.status)];
    // One request holds the client's only slot (its territory is unknown: 404 or NOT_FOUND); the
    // ones that came while it ran are refused.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const refused = routes.find((r) => r.status === 429);
    expect(refused?.text).toMatch(/HEAVY_PER_CLIENT/);
    expect(refused?.text).toMatch(/Vous avez déjà un rapport ou calcul lourd en cours/);
    expect(refused?.retry).toBe('1');
    // Once they are done, the slot is free again.
    expect((await route()).status).toBe(404);
  });

  it('takes a busy driver pool for what it is: SERVICE_BUSY, and the next request is served', async () => {
    const small = connect({ uri: inject('neo4jUri'), password: inject('neo4jPassword'), database: 'neo4j', maxPoolSize: 1, acquisitionTimeoutMs: 300 });
    try {
      const yoga = server({}, small);
      const hold = small.read('CALL apoc.util.sleep(2500) RETURN 1 AS one');
      await new Promise((r) => setTimeout(r, 200));
      const busy = await gql(yoga, `{ actors(first: 1) { totalCount } }`);
      expect(busy.errors?.[0]?.extensions?.code).toBe('SERVICE_BUSY');
      expect(busy.status).toBe(503);
      expect(small.availability.isDown).toBe(false);
      await hold;
      const after = await gql(yoga, `{ actors(first: 1) { totalCount } }`);
      expect(after.errors).toBeUndefined();
    } finally {
      await small.close();
    }
  });

  it('frees a heavy place as soon as its client hangs up: the next territory asked is not refused', async () => {
    // One connection, held by a long query: the heavy request below is admitted, then waits for it.
    const small = connect({ uri: inject('neo4jUri'), password: inject('neo4jPassword'), database: 'neo4j', maxPoolSize: 1 });
    const hog = new AbortController();
    try {
      const yoga = server({ HEAVY_PER_CLIENT: '1' }, small);
      const held = small.read(longRead(), {}, { signal: hog.signal });
      held.catch(() => undefined);
      const ask = async (signal?: AbortSignal) =>
        yoga.fetch('http://maillage.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: '{ networkShape(within: null) { actorCount } }' }),
          ...(signal ? { signal } : {}),
        });
      const left = new AbortController();
      const first = ask(left.signal);
      first.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      left.abort();
      const second = ask();
      await new Promise((r) => setTimeout(r, 300));
      hog.abort();
      const answer = await second;
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { errors?: unknown }).errors).toBeUndefined();
    } finally {
      hog.abort();
      await small.close();
    }
  }, 60_000);
});
