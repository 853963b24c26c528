/**
 * The explorer's only door to the data: POST /graphql (the public API), typed by hand for the
 * fields the page reads; ./schema-check.ts checks those types against the ones `npm run codegen`
 * generates from schema/ (./generated/schema.ts).
 *
 *   const data = await graphql<{ actor: ActorCard }>(ACTOR_CARD, { id: 'utc' });
 */
import type { ActorKind } from './generated/schema.ts';
export class ApiError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

/** Same origin: the page is served by the server that answers GraphQL. */
const ENDPOINT = '/graphql';

/** `signal`: aborting it abandons the request, and the server stops its work (docs/production.md). */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-graphql-yoga-csrf': 'explorer' },
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The server answered ${response.status} without JSON.`, undefined);
  }
  const first = body.errors?.[0];
  if (first || !body.data) throw new ApiError(first?.message ?? `The server answered ${response.status}.`, first?.extensions?.code);
  return body.data;
}

export type { ActorKind };

export interface ActorRef {
  id: string;
  name: string;
  kind: ActorKind;
}
export interface NodeRef {
  id: string;
  __typename: string;
  name?: string;
  kind?: ActorKind | string;
}
export interface TerritoryRef {
  id: string;
  name: string;
  level: string;
  code?: string | null;
}

export const ACTOR_GRAPH = `query ExplorerGraph($within: ID, $first: Int) {
  actorGraph(within: $within, first: $first) { nodes { id name kind } links { source target weight types } }
}`;
export interface ActorGraphData {
  actorGraph: { nodes: ActorRef[]; links: { source: string; target: string; weight: number; types: string[] }[] };
}

export const NETWORK_SHAPE = `query ExplorerShape($within: ID) {
  networkShape(within: $within) {
    actorCount linkCount density averageDegree componentCount largestComponentSize modularity engine
    countsByKind { kind count }
    isolated { id }
    hubs(first: 5) { rank score actor { id name kind } }
    brokers(first: 5) { rank score actor { id name kind } }
    communities { id name size members(first: 100) { id } }
    coverage { share coveredCount companyCount }
  }
}`;
export interface Ranked {
  rank: number;
  score: number;
  actor: ActorRef;
}
export interface NetworkShapeData {
  networkShape: {
    actorCount: number;
    linkCount: number;
    density: number;
    averageDegree: number;
    componentCount: number;
    largestComponentSize: number;
    modularity: number;
    engine: string;
    countsByKind: { kind: ActorKind; count: number }[];
    isolated: { id: string }[];
    hubs: Ranked[];
    brokers: Ranked[];
    communities: { id: string; name: string; size: number; members: { id: string }[] }[];
    coverage: { share: number; coveredCount: number; companyCount: number };
  };
}

export const COMPETENCY_GAPS = `query ExplorerGaps($within: ID) {
  competencyGaps(within: $within) { competency { id name } demand supply gap companyCount }
}`;
export interface CompetencyGapsData {
  competencyGaps: { competency: { id: string; name: string }; demand: number; supply: number; gap: number; companyCount: number }[];
}

export const ACTOR_SEARCH = `query ExplorerActorSearch($search: String!) {
  actors(search: $search, first: 8) { totalCount edges { node { id name kind commune { name } } } }
}`;
export interface ActorSearchData {
  actors: { totalCount: number; edges: { node: ActorRef & { commune: { name: string } | null } }[] };
}

const NODE_NAME = `id __typename ... on Actor { name kind } ... on Territory { name } ... on Event { name }
  ... on Program { name } ... on Person { name } ... on Competency { name }`;

export const ACTOR_CARD = `query ExplorerActor($id: ID!) {
  actor(id: $id) {
    id name kind source
    commune { id name level parents { id name level } }
    links(first: 500) { type direction other { ${NODE_NAME} } }
    ... on Company { sector size employees innovates exports }
    ... on University { category }
    ... on Funder { category }
    ... on Cluster { sector }
    ... on Institute { founded legalForm }
  }
}`;
export interface ActorCardData {
  actor:
    | (ActorRef & {
        source: string | null;
        commune: (TerritoryRef & { parents: TerritoryRef[] }) | null;
        links: { type: string; direction: 'OUT' | 'IN'; other: NodeRef }[];
        sector?: string | null;
        size?: string | null;
        employees?: number | null;
        innovates?: boolean | null;
        exports?: boolean | null;
        category?: string | null;
        founded?: number | null;
        legalForm?: string | null;
      })
    | null;
}

export const SYNERGIES = `query ExplorerSynergies($id: ID!, $lang: Lang) {
  synergies(actorId: $id, first: 5, lang: $lang) { score actor { id name kind } reasons { factor share sentence } }
}`;
export interface SynergiesData {
  synergies: { score: number; actor: ActorRef; reasons: { factor: string; share: number; sentence: string }[] }[];
}

export const SYNERGY_PATHS = `query ExplorerPaths($from: ID!, $to: ID!, $lang: Lang) {
  synergyPaths(from: $from, to: $to, k: 3, maxHops: 4, lang: $lang) {
    hops cost explanation
    nodes { ${NODE_NAME} }
    steps { from { id } to { id } type sentence }
  }
}`;
export interface SynergyPathsData {
  synergyPaths: {
    hops: number;
    cost: number;
    explanation: string;
    nodes: NodeRef[];
    steps: { from: { id: string }; to: { id: string }; type: string; sentence: string }[];
  }[];
}

export const REGIONS = `query ExplorerRegions { actors(kinds: [REGION], first: 50) { edges { node { id name } } } }`;
export interface RegionsData {
  actors: { edges: { node: { id: string; name: string } }[] };
}

export const CHILDREN = `query ExplorerChildren($id: ID!, $level: TerritoryLevel!, $first: Int!) {
  territory(id: $id) { id name level children(level: $level, first: $first) { id name level code } }
}`;
export interface ChildrenData {
  territory: (TerritoryRef & { children: TerritoryRef[] }) | null;
}

export const TERRITORY = `query ExplorerTerritory($id: ID!) { territory(id: $id) { id name level code } }`;
export interface TerritoryData {
  territory: TerritoryRef | null;
}

/** Every level's places by name or postal code, from the first keystroke (the API's territory search). */
export const TERRITORY_SEARCH = `query ExplorerTerritorySearch($search: String!, $first: Int!) {
  territories(search: $search, first: $first) { edges { node { id name displayName level code } } }
}`;
export interface TerritorySearchData {
  territories: { edges: { node: TerritoryRef & { displayName: string } }[] };
}

/** What the map needs of a territory's actors: their commune (placed at its town hall). */
export const ACTOR_PLACES = `query ExplorerPlaces($within: ID, $first: Int!, $after: String) {
  actors(within: $within, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id commune { code } } }
  }
}`;
export interface ActorPlacesData {
  actors: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; commune: { code: string | null } | null } }[] };
}

