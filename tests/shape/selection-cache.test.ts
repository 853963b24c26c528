/**
 * networkShape computes only what the client selected, answers again from its cache while the data
 * is unchanged, and recomputes as soon as anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betweennessSampleSize, BETWEENNESS_MAX_SOURCES, BETWEENNESS_MIN_SOURCES } from '../../src/shape/engine-gds.ts';
import { networkShape } from '../../src/shape/network-shape.ts';
import { cachedActorGraph } from '../../src/shape/actor-graph.ts';
import { ALL_NEEDS, NO_NEEDS, needsOfFields } from '../../src/shape/shape-needs.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { type SyntheticTerritory, createSyntheticTerritory, deleteByPrefix } from './support/synthetic-territory.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('shape-sel');
let territory: SyntheticTerritory;

/** The Cypher queries one call sends, shortened to their first words. */
async function queriesOf<T>(call: (observer: (e: { cypher: string }) => void) => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const result = await call((e) => queries.push(e.cypher.replace(/\s+/g, ' ').trim()));
  return { result, queries };
}

beforeAll(async () => {
  territory = await createSyntheticTerritory(db, p, { actors: 120 });
});

afterAll(async () => {
  await deleteByPrefix(db, p);
  await db.close();
});

describe('networkShape computes what is asked', () => {
  it('turns the selected fields into what to compute, following the hub measure', () => {
    expect(needsOfFields([{ name: 'actorCount', args: {} }])).toEqual(NO_NEEDS);
    expect(needsOfFields([{ name: 'hubs', args: { by: 'PAGERANK' } }])).toEqual({ ...NO_NEEDS, pagerank: true });
    expect(needsOfFields([{ name: 'communities', args: {} }, { name: 'brokers', args: {} }])).toEqual({
      ...NO_NEEDS, communities: true, pagerank: true, degree: true, betweenness: true,
    });
  });

  it('runs no betweenness, Louvain, clustering or indicator query when only hubs are selected (GDS engine)', async () => {
    const { result, queries } = await queriesOf((observer) =>
      networkShape(db, { within: territory.regionId }, { engine: 'gds', cache: false, observer, needs: needsOfFields([{ name: 'hubs', args: {} }]) }),
    );
    const full = await networkShape(db, { within: territory.regionId }, { engine: 'gds', cache: false });
    expect(result.hubsByDegree).toEqual(full.hubsByDegree);
    expect(result.actorCount).toBe(full.actorCount);
    expect(result.linkCount).toBe(full.linkCount);
    const text = queries.join('\n');
    for (const skipped of ['gds.betweenness', 'gds.louvain', 'gds.pageRank', 'gds.localClusteringCoefficient', 'gds.articulationPoints', 'University', 'innovates'])
      expect(text, skipped).not.toContain(skipped);
    expect(text).toContain('gds.degree');
  });

  it('shows full actor records from the GDS engine, as the graphology engine does', async () => {
    const gds = await networkShape(db, { within: territory.regionId }, { engine: 'gds', cache: false });
    const graphology = await networkShape(db, { within: territory.regionId }, { engine: 'graphology', cache: false });
    expect(gds.hubsByDegree.slice(0, 5)).toEqual(graphology.hubsByDegree.slice(0, 5));
    expect(gds.isolated).toEqual(graphology.isolated);
    expect(gds.articulationPoints).toEqual(graphology.articulationPoints);
    expect(gds.isolated[0]?.properties.source).toBe('test');
  });

  it('through GraphQL, answers only the selected fields right', async () => {
    const res = await gql<{ networkShape: { actorCount: number; brokers: { rank: number }[]; betweennessSampleSize: number | null } }>(
      server,
      `query($w: ID, $skip: Boolean!) { networkShape(within: $w) { actorCount ...B communities @skip(if: $skip) { name } } }
       fragment B on NetworkShape { brokers(first: 2) { rank } betweennessSampleSize }`,
      { w: territory.regionId, skip: true },
    );
    expect(res.errors).toBeUndefined();
    const { actorCount } = await networkShape(db, { within: territory.regionId }, { cache: false, needs: NO_NEEDS });
    expect(actorCount).toBeGreaterThan(100);
    expect(res.data?.networkShape).toEqual({ actorCount, brokers: [{ rank: 1 }, { rank: 2 }], betweennessSampleSize: null });
  });
});

describe('betweenness sampling budget', () => {
  it('takes fewer sources as the graph grows, within bounds, and says how many', async () => {
    expect(betweennessSampleSize(10_000)).toBe(BETWEENNESS_MAX_SOURCES);
    expect(betweennessSampleSize(210_000)).toBeLessThan(BETWEENNESS_MAX_SOURCES);
    expect(betweennessSampleSize(2_100_000)).toBeLessThan(betweennessSampleSize(210_000));
    expect(betweennessSampleSize(1e12)).toBe(BETWEENNESS_MIN_SOURCES);
    const sampled = await networkShape(db, { within: territory.regionId }, { engine: 'gds', cache: false, betweennessExactMax: 50, betweennessSampleSize: 30 });
    expect(sampled).toMatchObject({ betweennessSampled: true, betweennessSampleSize: 30 });
  });
});

describe('networkShape cache', () => {
  it('answers again without computing while the data is unchanged, and recomputes after a write', async () => {
    const within = territory.regionId;
    // Other test files write to the same database meanwhile (each write changes the data version):
    // two calls in a row with no write between them are what is checked, so retry a few times.
    let cached = false;
    let first = await networkShape(db, { within });
    for (let attempt = 0; attempt < 5 && !cached; attempt += 1) {
      const { result: again, queries } = await queriesOf((observer) => networkShape(db, { within }, { observer }));
      if (queries.length === 1) {
        expect(queries[0]).toContain('DataVersion'); // the data version, nothing else
        expect(again).toEqual(first);
        cached = true;
      }
      first = again;
    }
    expect(cached).toBe(true);

    // Link two linked members that were not linked to each other: the next answer has one more link.
    const linked = territory.memberIds.filter((id) => !first.isolated.some((x) => x.id === id));
    const pairs = linked.flatMap((x, i) => linked.slice(i + 1).map((y) => [x, y] as const));
    const [a, b] = pairs.find(([x, y]) => !territory.expectedLinks.has(x < y ? `${x}|${y}` : `${y}|${x}`)) as readonly [string, string];
    await db.write(`MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) CREATE (a)-[:PARTNER_OF {source: 'test'}]->(b)`, { a, b });
    const changed = await networkShape(db, { within });
    expect(changed.linkCount).toBe(first.linkCount + 1);
  });
});

describe('actorGraph cache', () => {
  it('answers a territory again without its graph query while the data is unchanged, and again fresh after a write', async () => {
    const within = territory.regionId;
    let cached = false;
    let first = await cachedActorGraph(db, { within });
    // As above: other files' writes change the data version meanwhile, so retry a few times.
    for (let attempt = 0; attempt < 5 && !cached; attempt += 1) {
      const { result: again, queries } = await queriesOf((observer) => cachedActorGraph(db, { within }, { observer }));
      if (queries.length === 1) {
        expect(queries[0]).toContain('DataVersion');
        expect(again).toEqual(first);
        cached = true;
      }
      first = again;
    }
    expect(cached).toBe(true);
    // Other arguments are another entry: the 5 best-connected actors only.
    const top = await cachedActorGraph(db, { within, first: 5 });
    expect(top.nodes).toHaveLength(5);

    const [a, b] = territory.memberIds.filter((id) => first.nodes.some((n) => n.id === id));
    const before = first.links.filter((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a))[0]?.weight ?? 0;
    await db.write(`MATCH (a:Actor {id: $a}), (b:Actor {id: $b}) CREATE (a)-[:PARTNER_OF {source: 'test'}]->(b)`, { a, b });
    const changed = await cachedActorGraph(db, { within });
    const after = changed.links.find((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a))?.weight ?? 0;
    expect(after).toBe(before + 1);
  });
});
