/**
 * Hostile input, generated: random text, schema-shaped operations with random, hostile and
 * ill-typed variables, and broken copies of valid queries. Never an HTTP 500, never a crash, every
 * error coded; Cypher-looking strings change nothing in the database.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildSchema } from '../../src/graphql/schema.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { newApiKey } from '../../src/access/api-keys.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';
import { operationArbitrary, ownIds } from '../support/query-generator.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

const db = testDatabase();
const p = uniquePrefix('fuzz');
const admin = newApiKey('fuzz-admin', 'admin');
const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', MAILLAGE_API_KEYS: admin.entry });
const server = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
const schema = buildSchema();
const canaries = Array.from({ length: 5 }, (_, i) => ({ id: `${p}-canary-${i}`, name: `Canary ${i} ${p}` }));
/** What fuzzed mutations may write to: ids under this prefix only (deleted after the run). */
const own = `${uniquePrefix('fuzz-own')}`;

/** The string values of the id-carrying fields of mutation inputs (ActorInput, LinkInput). */
function idValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(idValues);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    ['id', 'from', 'to', 'communeId'].includes(key) && typeof v === 'string' ? [v] : idValues(v),
  );
}

beforeAll(async () => {
  await db.write(
    `UNWIND $rows AS row CREATE (:Entity:Actor:Company {id: row.id, name: row.name, kind: 'COMPANY', source: 'test'})`,
    { rows: canaries },
  );
  // Something for the fuzzed mutations to link and update: an actor, another actor, a commune.
  const [actorId, otherId, communeId] = ownIds(own) as [string, string, string];
  await db.write(
    `CREATE (:Entity:Actor:Company {id: $actorId, name: 'Fuzz actor', kind: 'COMPANY', source: 'test'})
     CREATE (:Entity:Actor:University {id: $otherId, name: 'Fuzz other', kind: 'UNIVERSITY', source: 'test'})
     CREATE (:Entity:Territory:Commune {id: $communeId, name: 'Fuzz commune', source: 'test'})`,
    { actorId, otherId, communeId },
  );
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
});

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p OR n.id STARTS WITH $own DETACH DELETE n', { p, own });
  await db.close();
});

interface Outcome {
  status: number;
  errors: { extensions?: { code?: unknown } }[];
}

async function send(body: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const res = await server.fetch('http://maillage.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: { errors?: Outcome['errors'] } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`non-JSON answer (${res.status}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, errors: parsed.errors ?? [] };
}

function expectHandled(outcome: Outcome, what: string): void {
  if (outcome.status >= 500 && outcome.status !== 503) throw new Error(`HTTP ${outcome.status} for ${what}`);
  for (const error of outcome.errors) {
    if (typeof error.extensions?.code !== 'string') throw new Error(`uncoded error for ${what}: ${JSON.stringify(error)}`);
    if (error.extensions.code === 'INTERNAL_SERVER_ERROR') throw new Error(`unexpected error for ${what}`);
  }
}

describe('hostile input', () => {
  it('random text as a query: no 500, every error coded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        expectHandled(await send(JSON.stringify({ query: text })), JSON.stringify(text));
      }),
      { numRuns: 600 },
    );
  });

  it('random bodies, not even GraphQL requests: no 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 100 }), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v))), async (body) => {
        expectHandled(await send(body), body.slice(0, 100));
      }),
      { numRuns: 400 },
    );
  });

  it('schema-shaped queries with random, hostile and ill-typed variables: no 500, every error coded', async () => {
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, 'query'), async (op) => {
        expectHandled(await send(JSON.stringify(op)), `${op.query} ${JSON.stringify(op.variables).slice(0, 300)}`);
      }),
      { numRuns: 1500 },
    );
  }, 240_000);

  it('generated mutations name only the fuzz\'s own ids, never the shared seed\'s (utc, region:32)', () => {
    fc.assert(
      fc.property(operationArbitrary(schema, 'mutation', { idPrefix: own }), (op) => {
        for (const value of idValues(op.variables)) expect(value.startsWith(own), `${op.query} ${JSON.stringify(op.variables)}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('schema-shaped mutations with an admin key: no 500, every error coded', async () => {
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, 'mutation', { idPrefix: own }), async (op) => {
        // Ids in generated mutations are the fuzz's own (`own`), never a canary's nor the shared seed's.
        expectHandled(await send(JSON.stringify(op), { 'x-api-key': admin.key }), `${op.query} ${JSON.stringify(op.variables).slice(0, 300)}`);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('broken copies of a valid query: no 500, every error coded', async () => {
    const valid = '{ actors(search: "utc", first: 5) { totalCount edges { cursor node { id name kind links(first: 3) { type direction } } } } }';
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 10 }), fc.string({ maxLength: 5 }), async (at, cut, insert) => {
        const query = valid.slice(0, at) + insert + valid.slice(at + cut);
        expectHandled(await send(JSON.stringify({ query })), query);
      }),
      { numRuns: 600 },
    );
  });

  it('Cypher in every string argument changes nothing', async () => {
    const rows = await db.read<{ id: string; name: string }>(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id, n.name AS name ORDER BY id',
      { p },
    );
    expect(rows).toEqual(canaries);
  });
});
