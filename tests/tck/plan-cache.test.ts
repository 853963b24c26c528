/**
 * A repeated operation reuses its look-ahead plan and its Cypher text (src/graphql/lookahead/
 * plan-cache.ts): the whole server (yoga, its parse cache, our plugins and resolvers) with a
 * database that only records what it is asked. Counted on /metrics, as an operator sees it:
 * `maillage_plan_cache_total{result="miss"}` is the number of plans built.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import type { Database } from '../../src/neo4j/database.ts';

function recordingServer(env: Record<string, string> = {}) {
  const sent: { cypher: string; params: Record<string, unknown> }[] = [];
  const db = {
    read: async (cypher: string, params: Record<string, unknown> = {}) => {
      sent.push({ cypher, params });
      return [];
    },
    scoped() {
      return this;
    },
  } as unknown as Database;
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...env });
  const yoga = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };
  const plans = async () => {
    const text = await (await yoga.fetch('http://localhost/metrics')).text();
    const count = (result: string) => Number(new RegExp(`^maillage_plan_cache_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { built: count('miss'), reused: count('hit') };
  };
  return { sent, post, plans };
}

const ACTOR = `query Actor($id: ID!, $n: Int) {
  actor(id: $id) { name links(first: $n) { type other { id ... on Actor { name links(types: ["PARTNER_OF"]) { type } } } } }
}`;

describe('plan cache', () => {
  it('a repeated operation builds its plan and its Cypher once; a variable beneath the root field that changes makes a new one', async () => {
    const { sent, post, plans } = recordingServer();
    await post(ACTOR, { id: 'a', n: 5 });
    await post(ACTOR, { id: 'b', n: 5 });
    await post(ACTOR, { id: 'c', n: 5 });
    // The actor's id is a value of the query, not its shape: one plan, three queries with one text.
    expect(await plans()).toEqual({ built: 1, reused: 2 });
    expect(new Set(sent.map((q) => q.cypher)).size).toBe(1);
    expect(sent.map((q) => q.params.id)).toEqual(['a', 'b', 'c']);

    // `first` of the nested links is the plan's shape: another plan, then reused in turn.
    await post(ACTOR, { id: 'a', n: 7 });
    await post(ACTOR, { id: 'b', n: 7 });
    expect(await plans()).toEqual({ built: 2, reused: 3 });
    expect(sent.at(-1)!.params).toMatchObject({ id: 'b' });
    expect(Object.values(sent.at(-1)!.params)).toContain(7);
  });

  it('totalCount under @include: counted only when included, whatever was cached before', async () => {
    const { sent, post, plans } = recordingServer();
    const query = 'query Page($c: Boolean!, $kinds: [ActorKind!]) { actors(kinds: $kinds) { totalCount @include(if: $c) edges { node { id } } } }';
    await post(query, { c: true, kinds: ['COMPANY'] });
    await post(query, { c: false, kinds: ['COMPANY'] });
    await post(query, { c: false, kinds: ['CLUSTER'] });
    await post(query, { c: true, kinds: ['CLUSTER'] });
    expect(sent.map((q) => q.cypher.includes('COUNT {'))).toEqual([true, false, false, true]);
    // One plan per value of $c; the kinds are values only.
    expect(await plans()).toEqual({ built: 2, reused: 2 });
  });

  it('a cached actors query sends what a fresh build sends, for every shape of filter', async () => {
    const cached = recordingServer();
    const fresh = recordingServer({ PLAN_CACHE_SIZE: '0' });
    const query = `query Find($q: String, $k: [ActorKind!], $d: ID, $after: String) {
      actors(search: $q, kinds: $k, within: $d, after: $after, first: 5) { edges { node { id links(first: 3) { type } } } }
    }`;
    const cursor = (rank: [number, number], id: string) => Buffer.from(JSON.stringify({ r: rank, id })).toString('base64url');
    const variables = [
      { q: 'méaulte', k: ['COMPANY'], d: null, after: null },
      { q: 'amiens', k: ['CLUSTER', 'COMPANY'], d: null, after: null },
      { q: 'innov ent e', k: null, d: 'department:80', after: cursor([1, 12], 'utc') },
      { q: 'la poste', k: null, d: 'department:02', after: cursor([2, 8], 'abc') },
      { q: null, k: ['FUNDER'], d: 'region:32', after: cursor([0, 0], 'bpifrance') },
      { q: null, k: ['CHAMBER'], d: 'region:11', after: cursor([0, 0], 'cci') },
    ];
    for (const v of variables) {
      await cached.post(query, v);
      await fresh.post(query, v);
    }
    expect(cached.sent.length).toBe(variables.length);
    expect(cached.sent).toEqual(fresh.sent);
    // Two shapes of filter (search + kinds; search + within + after; kinds + within + after), one text each.
    expect(new Set(cached.sent.map((q) => q.cypher)).size).toBe(3);
  });

  it('two documents of the same operation name are two plans; PLAN_CACHE_SIZE=0 builds every time', async () => {
    const one = recordingServer();
    await one.post('query Q { actor(id: "a") { name } }');
    await one.post('query Q { actor(id: "a") { name links { type } } }');
    expect(await one.plans()).toEqual({ built: 2, reused: 0 });
    expect(one.sent[0]!.cypher).not.toEqual(one.sent[1]!.cypher);

    const off = recordingServer({ PLAN_CACHE_SIZE: '0' });
    await off.post(ACTOR, { id: 'a', n: 5 });
    await off.post(ACTOR, { id: 'a', n: 5 });
    expect(await off.plans()).toEqual({ built: 2, reused: 0 });
  });
});
