/**
 * Every metric of networkShape against networkx on the same graph: a few hundred generated actors
 * inside their own fictional région, measured by both engines.
 *
 * Tolerances (stated): counts, components, density, degree, clustering, articulation points and
 * exact betweenness match to floating-point rounding (1e-9); PageRank within 1e-6 (graphology) and
 * 1e-4 (GDS, whose iteration stops earlier); the modularity our engines report is the networkx
 * modularity of their partition (1e-9), and within 0.03 of networkx's own Louvain partition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorGraphRecord, actorGraph } from '../../src/shape/actor-graph.ts';
import { computeWithGds } from '../../src/shape/engine-gds.ts';
import { computeWithGraphology } from '../../src/shape/engine-graphology.ts';
import type { NodeMetrics } from '../../src/shape/node-metrics.ts';
import { networkShape } from '../../src/shape/network-shape.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { type NetworkxReference, networkxReference } from './support/networkx.ts';
import { type SyntheticTerritory, createSyntheticTerritory, deleteByPrefix } from './support/synthetic-territory.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('shape-nx');
const EXACT = 1e-9;
const MODULARITY_TOLERANCE = 0.03;

let territory: SyntheticTerritory;
let graph: ActorGraphRecord;
let reference: NetworkxReference;

function partitionOf(m: NodeMetrics): string[][] {
  const groups = new Map<number, string[]>();
  m.community.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), (m.actors[i] as { id: string }).id]));
  return [...groups.values()];
}

function expectMatchesNetworkx(m: NodeMetrics, pagerankTolerance: number) {
  const ids = m.actors.map((actor) => actor.id);
  expect(ids.length).toBe(reference.actorCount);
  expect(m.linkCount).toBe(reference.linkCount);
  ids.forEach((id, i) => {
    expect({ id, degree: m.degree[i] }).toEqual({ id, degree: reference.degree[id] });
    expect(Math.abs((m.clustering[i] ?? NaN) - (reference.clustering[id] ?? NaN)), `clustering of ${id}`).toBeLessThan(EXACT);
    expect(Math.abs((m.betweenness[i] ?? NaN) - (reference.betweenness[id] ?? NaN)), `betweenness of ${id}`).toBeLessThan(EXACT);
    expect(Math.abs((m.pagerank[i] ?? NaN) - (reference.pagerank[id] ?? NaN)), `pagerank of ${id}`).toBeLessThan(pagerankTolerance);
  });
  // Components: the same partition of actors, whatever the labels.
  const components = new Map<number, string[]>();
  m.component.forEach((label, i) => components.set(label, [...(components.get(label) ?? []), ids[i] as string]));
  expect(components.size).toBe(reference.componentCount);
  expect(Math.max(...[...components.values()].map((c) => c.length))).toBe(reference.largestComponentSize);
  expect(m.articulationPoints.map((i) => ids[i]).sort()).toEqual(reference.articulationPoints);
  expect(m.betweennessSampled).toBe(false);
}

beforeAll(async () => {
  territory = await createSyntheticTerritory(db, p, { actors: 300 });
  graph = await actorGraph(db, { within: territory.regionId });
  reference = networkxReference({
    nodes: graph.nodes.map((n) => n.id),
    links: graph.links,
    partition: partitionOf(computeWithGraphology(graph)),
  });
}, 240_000);

afterAll(async () => {
  await deleteByPrefix(db, p);
  await db.close();
});

describe('the actor graph of a territory', () => {
  it('holds exactly the actors located inside it and one link per related pair, with its ties', () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([...territory.memberIds].sort());
    const links = new Map(graph.links.map((l) => [`${l.source}|${l.target}`, { weight: l.weight, types: l.types }]));
    expect(links.size).toBe(graph.links.length); // one link per pair
    expect(Object.fromEntries(links)).toEqual(Object.fromEntries(territory.expectedLinks));
    expect(graph.links.some((l) => l.types.includes('CO_PARTICIPATED'))).toBe(true);
    expect(graph.links.some((l) => l.types.includes('CO_PROGRAM'))).toBe(true);
    expect(graph.links.some((l) => l.weight > 1)).toBe(true);
  });

  it('keeps only the asked kinds, through GraphQL', async () => {
    const res = await gql<{ actorGraph: { nodes: { id: string; kind: string }[]; links: { source: string; target: string }[] } }>(
      server,
      `query($within: ID, $kinds: [ActorKind!]) { actorGraph(within: $within, kinds: $kinds) { nodes { id kind } links { source target } } }`,
      { within: territory.departmentId, kinds: ['UNIVERSITY', 'CLUSTER'] },
    );
    expect(res.errors).toBeUndefined();
    const expectedIds = territory.memberIds.filter((id) => ['UNIVERSITY', 'CLUSTER'].includes(territory.kindOf.get(id) ?? '')).sort();
    expect(res.data?.actorGraph.nodes.map((n) => n.id)).toEqual(expectedIds);
    const expectedLinks = [...territory.expectedLinks.keys()].filter((key) => key.split('|').every((id) => expectedIds.includes(id)));
    expect(res.data?.actorGraph.links.map((l) => `${l.source}|${l.target}`).sort()).toEqual(expectedLinks.sort());
  });

  it('gives the first N best-connected actors and exactly the links among them, for drawing a large territory', async () => {
    const res = await gql<{ actorGraph: { nodes: { id: string }[]; links: { source: string; target: string; weight: number; types: string[] }[] } }>(
      server,
      `query($within: ID) { actorGraph(within: $within, first: 20) { nodes { id } links { source target weight types } } }`,
      { within: territory.regionId },
    );
    expect(res.errors).toBeUndefined();
    // Most relationships of any kind first, then by id.
    const degrees = await db.read<{ id: string; degree: number }>('MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id, COUNT { (a)--() } AS degree', {
      ids: graph.nodes.map((n) => n.id),
    });
    const best = degrees.sort((x, y) => y.degree - x.degree || (x.id < y.id ? -1 : 1)).slice(0, 20).map((d) => d.id).sort();
    expect(res.data?.actorGraph.nodes.map((n) => n.id)).toEqual(best);
    const among = graph.links.filter((l) => best.includes(l.source) && best.includes(l.target));
    expect(among.length).toBeGreaterThan(0);
    const key = (l: { source: string; target: string }) => `${l.source}|${l.target}`;
    expect([...(res.data?.actorGraph.links ?? [])].sort((x, y) => (key(x) < key(y) ? -1 : 1))).toEqual([...among].sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    const refused = await gql(server, `{ actorGraph(within: null, first: -1) { nodes { id } } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('holds actors without a commune only in the whole network', async () => {
    const whole = await actorGraph(db, { within: null });
    const ids = new Set(whole.nodes.map((n) => n.id));
    expect(ids.has(`${p}-homeless`)).toBe(true);
    expect(ids.has(`${p}-out-0`)).toBe(true);
    expect(whole.links).toContainEqual({ source: `${p}-a-0000`, target: `${p}-homeless`, weight: 1, types: ['PARTNER_OF'] });
    expect(graph.nodes.some((n) => n.id === `${p}-homeless`)).toBe(false);
  });

  it('answers NOT_FOUND for an unknown territory', async () => {
    for (const query of [
      `query($w: ID) { actorGraph(within: $w) { nodes { id } } }`,
      `query($w: ID) { networkShape(within: $w) { actorCount } }`,
    ]) {
      const res = await gql(server, query, { w: `${p}-nowhere` });
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['NOT_FOUND', `No territory with id "${p}-nowhere".`]]);
    }
  });
});

describe('networkShape against networkx', () => {
  it('graphology: every metric as networkx computes it', () => {
    const m = computeWithGraphology(graph);
    expectMatchesNetworkx(m, 1e-6);
    expect(Math.abs(m.modularity - (reference.partitionModularity ?? NaN))).toBeLessThan(EXACT);
    expect(m.modularity).toBeGreaterThan(reference.louvainModularity - MODULARITY_TOLERANCE);
  });

  it('GDS: every metric as networkx computes it, on the projection of the same graph', async () => {
    const m = await computeWithGds(db, { within: territory.regionId });
    expectMatchesNetworkx(m, 1e-4);
    const own = networkxReference({ nodes: graph.nodes.map((n) => n.id), links: graph.links, partition: partitionOf(m) });
    expect(Math.abs(m.modularity - (own.partitionModularity ?? NaN))).toBeLessThan(1e-6);
    expect(m.modularity).toBeGreaterThan(reference.louvainModularity - MODULARITY_TOLERANCE);
  });

  it('GDS samples betweenness with a fixed seed on large graphs, and says so', async () => {
    const first = await computeWithGds(db, { within: territory.regionId }, { betweennessExactMax: 100, betweennessSampleSize: 100 });
    const again = await computeWithGds(db, { within: territory.regionId }, { betweennessExactMax: 100, betweennessSampleSize: 100 });
    expect(first.betweennessSampled).toBe(true);
    expect(again.betweenness).toEqual(first.betweenness);
    // An estimate of the same quantity: the total stays within a third of the exact one.
    const total = (values: number[]) => values.reduce((s, v) => s + v, 0);
    const exact = total(Object.values(reference.betweenness));
    expect(Math.abs(total(first.betweenness) - exact) / exact).toBeLessThan(0.34);
  });

  it('the two engines give the same shape on the same graph', async () => {
    const small = await networkShape(db, { within: territory.regionId }, { engine: 'graphology' });
    const large = await networkShape(db, { within: territory.regionId }, { engine: 'gds' });
    expect([small.engine, large.engine]).toEqual(['graphology', 'gds']);
    const exact = (s: typeof small) => ({
      actorCount: s.actorCount,
      linkCount: s.linkCount,
      countsByKind: s.countsByKind,
      density: s.density,
      averageDegree: s.averageDegree,
      componentCount: s.componentCount,
      largestComponentSize: s.largestComponentSize,
      isolated: s.isolated.map((a) => a.id),
      articulationPoints: s.articulationPoints.map((a) => a.id),
      hubsByDegree: s.hubsByDegree.map((r) => [r.actor.id, r.score, r.rank]),
      coverage: s.coverage,
      innovationExport: s.innovationExport,
    });
    expect(exact(large)).toEqual(exact(small));
    expect(large.averageClustering).toBeCloseTo(small.averageClustering, 12);
    const top = (s: typeof small, list: 'hubsByPageRank' | 'brokers') => s[list].slice(0, 5).map((r) => r.actor.id);
    expect(top(large, 'hubsByPageRank')).toEqual(top(small, 'hubsByPageRank'));
    expect(top(large, 'brokers')).toEqual(top(small, 'brokers'));
    large.hubsByPageRank.slice(0, 20).forEach((r, i) => expect(Math.abs(r.score - (small.hubsByPageRank[i]?.score ?? NaN))).toBeLessThan(1e-4));
    large.brokers.slice(0, 20).forEach((r, i) => expect(Math.abs(r.score - (small.brokers[i]?.score ?? NaN))).toBeLessThan(EXACT));
    expect(Math.abs(large.modularity - small.modularity)).toBeLessThan(MODULARITY_TOLERANCE);
  });

  it('answers the shape through GraphQL with networkx figures', async () => {
    const res = await gql<{ networkShape: Record<string, unknown> & { isolated: { id: string }[]; hubs: { actor: { id: string }; score: number; rank: number }[] } }>(
      server,
      `query($w: ID) { networkShape(within: $w) {
         engine actorCount linkCount density averageDegree componentCount largestComponentSize
         isolated { id } averageClustering betweennessSampled modularity
         articulationPoints { id }
         countsByKind { kind count }
         hubs(first: 3) { actor { id } score rank }
         pr: hubs(first: 1, by: PAGERANK) { actor { id } score }
         brokers(first: 1) { actor { id } score }
         communities { id name size countsByKind { kind count } members(first: 2) { id } }
         coverage { share coveredCount companyCount uncovered(first: 3) { id } }
         innovationExport { innovatingShareExporting otherShareExporting innovatingCount otherCount }
       } }`,
      { w: territory.regionId },
    );
    expect(res.errors).toBeUndefined();
    const shape = res.data?.networkShape as Record<string, unknown> & {
      isolated: { id: string }[];
      articulationPoints: { id: string }[];
      hubs: { actor: { id: string }; score: number; rank: number }[];
      pr: { actor: { id: string }; score: number }[];
      brokers: { actor: { id: string }; score: number }[];
      communities: { size: number }[];
    };
    expect(shape.engine).toBe('graphology');
    expect(shape.actorCount).toBe(reference.actorCount);
    expect(shape.linkCount).toBe(reference.linkCount);
    expect(Math.abs((shape.density as number) - reference.density)).toBeLessThan(EXACT);
    expect(Math.abs((shape.averageDegree as number) - reference.averageDegree)).toBeLessThan(EXACT);
    expect(shape.componentCount).toBe(reference.componentCount);
    expect(shape.largestComponentSize).toBe(reference.largestComponentSize);
    expect(shape.isolated.map((a) => a.id)).toEqual(reference.isolated);
    expect(shape.isolated.length).toBeGreaterThanOrEqual(8); // the 8 generated without any tie
    expect(Math.abs((shape.averageClustering as number) - reference.averageClustering)).toBeLessThan(EXACT);
    expect(shape.articulationPoints.map((a) => a.id)).toEqual(reference.articulationPoints);
    const maxDegree = Math.max(...Object.values(reference.degree));
    expect(shape.hubs[0]).toMatchObject({ score: maxDegree, rank: 1 });
    expect(reference.degree[shape.hubs[0]?.actor.id ?? '']).toBe(maxDegree);
    const topRank = Object.entries(reference.pagerank).sort((x, y) => y[1] - x[1])[0];
    expect(shape.pr[0]?.actor.id).toBe(topRank?.[0]);
    const topBroker = Object.entries(reference.betweenness).sort((x, y) => y[1] - x[1])[0];
    expect(shape.brokers[0]?.actor.id).toBe(topBroker?.[0]);
    expect(shape.betweennessSampled).toBe(false);
    expect(shape.communities.reduce((s, c) => s + c.size, 0)).toBe(reference.actorCount);
  });
});
