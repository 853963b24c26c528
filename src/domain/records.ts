/**
 * What domain functions return and resolvers receive: plain objects read from Neo4j, named in the
 * domain's words. GraphQL types map onto these (see codegen.ts `mappers`).
 */
export {
  ACTOR_KINDS,
  type ActorKind,
  KIND_LABEL,
  LEVEL_LABEL,
  TERRITORY_LEVELS,
  type TerritoryLevel,
  isActorKind,
  territoryLevel,
} from './model.ts';
import type { ActorKind, TerritoryLevel } from './model.ts';

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
