/**
 * What the article says about its network's shape, as checks any server can be put through: the
 * hand-built miniature (tests/shape/article-shape.test.ts) and the seed `npm start` loads
 * (tests/synergy/article-network.test.ts) both run them.
 */
import { expect } from 'vitest';
import type { GraphQLServer } from '../../../src/graphql/server.ts';
import { gql } from '../../support/harness.ts';

export interface ArticleIds {
  /** The scope to read the shape in (a territory id), or null for the whole network. */
  within: string | null;
  innovente: string;
  utc: string;
  altytud: string;
  coquelicot: string;
}

export const SHAPE = `query($w: ID) { networkShape(within: $w) {
  engine actorCount componentCount
  hubs(first: 3) { actor { id } rank }
  pageRank: hubs(first: 1, by: PAGERANK) { actor { id } }
  brokers(first: 3) { actor { id } }
  communities { name members(first: 100) { id } }
  coverage { companyCount coveredCount share uncovered(first: 2) { id } }
  innovationExport { innovatingCount otherCount innovatingShareExporting otherShareExporting }
} }`;

export interface Shape {
  engine: string;
  actorCount: number;
  componentCount: number;
  hubs: { actor: { id: string }; rank: number }[];
  pageRank: { actor: { id: string } }[];
  brokers: { actor: { id: string } }[];
  communities: { name: string; members: { id: string }[] }[];
  coverage: { companyCount: number; coveredCount: number; share: number; uncovered: { id: string }[] };
  innovationExport: { innovatingCount: number; otherCount: number; innovatingShareExporting: number; otherShareExporting: number };
}

/**
 * InnovENT-E, which initiated the tour, is the hub (by degree and by PageRank); the Albert workshop
 * links UTC (its organiser), ALTYTUD and the CC du Pays du Coquelicot (its co-leaders) pairwise, and
 * puts ALTYTUD and the CC in one community.
 */
export async function expectArticleShape(server: GraphQLServer, article: ArticleIds): Promise<Shape> {
  const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: article.within });
  expect(res.errors).toBeUndefined();
  const shape = res.data!.networkShape;
  expect(shape.hubs[0]?.actor.id).toBe(article.innovente);
  expect(shape.pageRank[0]?.actor.id).toBe(article.innovente);
  const graph = await gql<{ actorGraph: { links: { source: string; target: string; types: string[] }[] } }>(
    server,
    `query($w: ID) { actorGraph(within: $w) { links { source target types } } }`,
    { w: article.within },
  );
  expect(graph.errors).toBeUndefined();
  const linked = (x: string, y: string) =>
    graph.data?.actorGraph.links.find((l) => (l.source === x && l.target === y) || (l.source === y && l.target === x));
  for (const [x, y] of [[article.utc, article.altytud], [article.utc, article.coquelicot], [article.altytud, article.coquelicot]] as const) {
    expect(linked(x, y)?.types, `${x} and ${y} are linked by the Albert workshop`).toContain('CO_PARTICIPATED');
  }
  const communityOf = (actor: string) => shape.communities.find((c) => c.members.some((m) => m.id === actor))?.name;
  expect(communityOf(article.altytud)).toBeDefined();
  expect(communityOf(article.altytud)).toBe(communityOf(article.coquelicot));
  return shape;
}
