/**
 * The article's network as `npm start` loads it (France's geography, seeds/article/network.json and
 * the competency framework, through seedOnStart), in a Neo4j of this file's own: the checks are about
 * exactly that data, with no other test's actors around. Every assertion is a fact the article states
 * (the 2019 tour of InnovENT-E, the Albert workshop organised by UTC and co-led by ALTYTUD and the CC
 * du Pays du Coquelicot, its national supporters, one company in two exporting when it innovates
 * against one in twenty when it does not), not a property of a hand-built replica.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLServer } from '../../src/graphql/server.ts';
import { ACTOR_KINDS } from '../../src/domain/model.ts';
import { createLogger } from '../../src/logger.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { seed } from '../../src/seed/load.ts';
import { seedOnStart } from '../../src/seed/on-start.ts';
import { SHAPE, type Shape, expectArticleShape } from '../shape/support/article-shape.ts';
import { gql, testServer } from '../support/harness.ts';
import { type PrivateNeo4j, privateNeo4j } from '../support/private-neo4j.ts';

let own: PrivateNeo4j | undefined;
let server: GraphQLServer;

beforeAll(async () => {
  // A Neo4j of its own, beside the run's shared one: on a loaded machine its start can take minutes.
  own = await privateNeo4j('maillage-article-', { heap: '1g', pagecache: '256m', startTimeoutMs: 600_000 });
  expect(await seedOnStart(own.db, createLogger('silent'))).toBe(true);
  server = testServer(own.db);
}, 900_000);

afterAll(async () => {
  await own?.close();
});

const ARTICLE = { innovente: 'innovent-e', utc: 'utc', altytud: 'altytud', coquelicot: 'epci:248000747' };
/**
 * The actors the article places in the Hauts-de-France: UTC (Compiègne), ALTYTUD and the CC (Albert-Méaulte), the CCI de l'Aisne, the région,
 * and InnovENT-E, whose tour had four of its stops there (presence ACTIVE, src/territories/presence.ts).
 */
const IN_HAUTS_DE_FRANCE = ['utc', 'altytud', 'epci:248000747', 'cci-aisne', 'region:32', 'innovent-e'];

interface PathResult {
  nodes: { id: string }[];
  explanation: string;
}
const PATHS = `query($from: ID!, $to: ID!) { synergyPaths(from: $from, to: $to, k: 3, maxHops: 4) { nodes { id } explanation } }`;

describe("the article's network, as npm start loads it", () => {
  it('reads as the article tells it: InnovENT-E the hub, the Albert workshop joining UTC, ALTYTUD and the Pays du Coquelicot', async () => {
    await expectArticleShape(server, { within: null, ...ARTICLE });
  });

  it('places in the Hauts-de-France only actors the article puts there, UTC among them', async () => {
    const res = await gql<{ actorGraph: { nodes: { id: string }[] } }>(server, `{ actorGraph(within: "region:32") { nodes { id } } }`);
    expect(res.errors).toBeUndefined();
    const ids = res.data!.actorGraph.nodes.map((n) => n.id);
    expect(ids).toContain('utc');
    for (const id of ids) expect(IN_HAUTS_DE_FRANCE, `${id} is placed in the Hauts-de-France`).toContain(id);
  });

  it('ALTYTUD reaches Bpifrance and the ministry through the Albert workshop and the tour they supported, and says so', async () => {
    for (const funder of ['bpifrance', 'mesri']) {
      const res = await gql<{ synergyPaths: PathResult[] }>(server, PATHS, { from: 'altytud', to: funder });
      expect(res.errors).toBeUndefined();
      const paths = res.data!.synergyPaths;
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) {
        const ids = p.nodes.map((n) => n.id);
        expect(ids.slice(0, 2)).toEqual(['altytud', 'event:albert-workshop-2019']);
        expect(ids.slice(-2)).toEqual(['event:tour-2019', funder]);
        expect(p.explanation).toMatch(/^ALTYTUD co-led the Atelier-débat d'Albert\b.*Tournée de l'innovation.*, supported by /);
      }
    }
  });

  it("suggests to ALTYTUD the workshop's other leaders, UTC and the CC, for the event they share", async () => {
    const res = await gql<{ synergies: { actor: { id: string }; reasons: { factor: string; related: { id: string }[] }[] }[] }>(
      server,
      `{ synergies(actorId: "altytud", first: 10) { actor { id } reasons { factor related { id } } } }`,
    );
    expect(res.errors).toBeUndefined();
    for (const partner of ['utc', 'epci:248000747']) {
      const found = res.data!.synergies.find((s) => s.actor.id === partner);
      expect(found, `${partner} is suggested`).toBeDefined();
      const shared = found!.reasons.find((r) => r.factor === 'SHARED_EVENTS');
      expect(shared?.related.map((n) => n.id)).toContain('event:albert-workshop-2019');
    }
  });

  it("states the article's export figures on the tour and measures none: the seed holds no SME", async () => {
    const [tour] = await own!.db.read<{ with: number; without: number }>(
      `MATCH (t:Event {id: 'event:tour-2019'}) RETURN t.exportRateWithInnovation AS with, t.exportRateWithoutInnovation AS without`,
    );
    expect(tour).toEqual({ with: 0.5, without: 0.05 });
    const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: null });
    expect(res.data!.networkShape.innovationExport).toMatchObject({ innovatingCount: 0, otherCount: 0 });
  });
});

describe('the 1 in 2 against 1 in 20, measured on a generated network', () => {
  it('networkShape finds about 1 in 2 innovating SMEs exporting against 1 in 20 of the others, on data not built with that exact split', async () => {
    // The synthetic generator draws each company's exports with those odds (src/seed/synthetic.ts);
    // loaded as `npm run seed -- synthetic --size 2000` would, it is counted back through the API.
    await seed(own!.db, resolveSource('synthetic', { seed: 7, actors: 2000 }));
    const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: null });
    expect(res.errors).toBeUndefined();
    const found = res.data!.networkShape.innovationExport;
    expect(found.innovatingCount).toBeGreaterThan(100);
    expect(found.otherCount).toBeGreaterThan(500);
    expect(found.innovatingShareExporting).not.toBe(0.5); // not the exact split of a hand-built replica
    expect(found.innovatingShareExporting).toBeGreaterThan(0.4);
    expect(found.innovatingShareExporting).toBeLessThan(0.6);
    expect(found.otherShareExporting).toBeGreaterThan(0.02);
    expect(found.otherShareExporting).toBeLessThan(0.08);
  }, 240_000);
});

describe('actors(kinds) over the whole network', () => {
  const PAGE = `query($kinds: [ActorKind!], $first: Int, $after: String) {
    actors(kinds: $kinds, first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
  }`;
  type Page = { actors: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

  // The pages read actors by the labels of their kinds (src/fetch/cypher.ts, kindPage); the
  // definition reads the kind property and leaves idle territories out (18 régions, 6 of them act).
  it('every kind, several and none: the count and every page, walked a few at a time, are the acting actors of the kinds in id order', async () => {
    const cases: (string[] | null)[] = [...ACTOR_KINDS.map((k) => [k]), ['REGION', 'LOCAL_AUTHORITY'], ['COMPANY', 'CLUSTER', 'FUNDER'], null];
    for (const kinds of cases) {
      const [expected] = await own!.db.read<{ ids: string[] }>(
        `MATCH (a:Actor) WHERE ($kinds IS NULL OR a.kind IN $kinds)
           AND (NOT a:Territory OR EXISTS { (a)-[r]-() WHERE NOT type(r) IN ['PART_OF', 'HELD_IN', 'LOCATED_IN'] })
         WITH a ORDER BY a.id RETURN collect(a.id) AS ids`,
        { kinds },
      );
      // About twenty pages each (the régions one at a time), so idle ones fall inside pages and at their ends.
      const first = Math.min(100, Math.max(1, Math.ceil(expected!.ids.length / 20)));
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 1000; pages += 1) {
        const res: { data?: Page | null; errors?: unknown } = await gql<Page>(server, PAGE, { kinds, first, after });
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        const page: Page['actors'] = res.data!.actors;
        expect(page.totalCount, `totalCount of ${JSON.stringify(kinds)}`).toBe(expected!.ids.length);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen, `pages of ${JSON.stringify(kinds)}`).toEqual(expected!.ids);
    }
    // Not vacuous: idle régions stand between the acting ones.
    const [regions] = await own!.db.read<{ all: number }>('MATCH (r:Region) RETURN count(r) AS all');
    expect(regions!.all).toBeGreaterThan(6);
  });
});
