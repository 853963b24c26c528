/**
 * Turns the `{labels, properties}` maps our Cypher returns into domain records.
 *
 *   MATCH (n:Entity {id: $id}) RETURN n { .*, labels: labels(n) } AS n    ->   toNodeRecord(row.n)
 */
import {
  type ActorRecord,
  type NodeRecord,
  type TerritoryRecord,
  isActorKind,
  territoryLevel,
} from './records.ts';

/** The Cypher projection every query uses to return a node: all properties plus its labels. */
export const NODE_PROJECTION = '{ .*, labels: labels(%) }';

export function project(variable: string): string {
  return `${variable} ${NODE_PROJECTION.replace('%', variable)}`;
}

export interface ProjectedNode {
  id: string;
  labels: string[];
  [property: string]: unknown;
}

export function toNodeRecord(node: ProjectedNode): NodeRecord {
  const { labels, ...properties } = node;
  return { id: node.id, labels, properties };
}

export function isActor(node: NodeRecord): boolean {
  return node.labels.includes('Actor') && isActorKind(node.properties.kind);
}

export function toActorRecord(node: ProjectedNode): ActorRecord {
  const record = toNodeRecord(node);
  const kind = record.properties.kind;
  if (!isActorKind(kind)) throw new Error(`Node ${record.id} is not an actor (kind ${String(kind)})`);
  return { ...record, kind, name: String(record.properties.name ?? record.id) };
}

export function toTerritoryRecord(node: ProjectedNode): TerritoryRecord {
  const record = toNodeRecord(node);
  const level = territoryLevel(record.labels);
  if (!level) throw new Error(`Node ${record.id} is not a territory (labels ${record.labels.join(',')})`);
  return { ...record, level, name: String(record.properties.name ?? record.id) };
}
