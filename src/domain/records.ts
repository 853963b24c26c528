/**
 * What domain functions return and resolvers receive: plain objects read from Neo4j, named in the
 * domain's words. GraphQL types map onto these (see codegen.ts `mappers`).
 */
export const ACTOR_KINDS = [
  'INSTITUTE',
  'UNIVERSITY',
  'COMPANY',
  'CLUSTER',
  'FUNDER',
  'CHAMBER',
  'LOCAL_AUTHORITY',
  'REGION',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The Neo4j label of each actor kind, and the GraphQL type that shows it. */
export const KIND_LABEL: Record<ActorKind, string> = {
  INSTITUTE: 'Institute',
  UNIVERSITY: 'University',
  COMPANY: 'Company',
  CLUSTER: 'Cluster',
  FUNDER: 'Funder',
  CHAMBER: 'Chamber',
  LOCAL_AUTHORITY: 'LocalAuthority',
  REGION: 'Region',
};

export const TERRITORY_LEVELS = ['REGION', 'DEPARTMENT', 'EPCI', 'COMMUNE', 'INDUSTRIAL_TERRITORY'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

export const LEVEL_LABEL: Record<TerritoryLevel, string> = {
  REGION: 'Region',
  DEPARTMENT: 'Department',
  EPCI: 'Epci',
  COMMUNE: 'Commune',
  INDUSTRIAL_TERRITORY: 'IndustrialTerritory',
};

/** Any node: its labels say what it is, its properties are as stored. */
export interface NodeRecord {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
  /**
   * What the request's one Cypher query already fetched beneath this node, by GraphQL response key
   * (see src/fetch/plan.ts); field resolvers read it instead of querying again.
   */
  fetched?: Record<string, unknown>;
}

export interface ActorRecord extends NodeRecord {
  name: string;
  kind: ActorKind;
}

export interface TerritoryRecord extends NodeRecord {
  name: string;
  level: TerritoryLevel;
}

export interface LinkRecord {
  type: string;
  direction: 'OUT' | 'IN';
  other: NodeRecord;
  properties: Record<string, unknown>;
}

export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === 'string' && (ACTOR_KINDS as readonly string[]).includes(value);
}

/** Reads the territory level from a node's labels. */
export function territoryLevel(labels: readonly string[]): TerritoryLevel | undefined {
  return TERRITORY_LEVELS.find((level) => labels.includes(LEVEL_LABEL[level]));
}
