/**
 * Any node a synergy answer names, as the record its GraphQL type expects: actors carry `kind` and
 * `name`, territories `level` (a région is both), other nodes their properties.
 *
 *   toSynergyNode({ id: 'commune:80016', labels: ['Entity', 'Territory', 'Commune'], name: 'Albert' })
 *   // { id: 'commune:80016', labels: [...], properties: {...}, name: 'Albert', level: 'COMMUNE' }
 */
import { type ProjectedNode, toNodeRecord } from '../domain/read-node.ts';
import { type NodeRecord, isActorKind, territoryLevel } from '../domain/records.ts';

export function toSynergyNode(node: ProjectedNode): NodeRecord {
  const record = toNodeRecord(node);
  const level = territoryLevel(record.labels);
  const kind = record.properties.kind;
  return {
    ...record,
    name: String(record.properties.name ?? record.id),
    ...(level ? { level } : {}),
    ...(record.labels.includes('Actor') && isActorKind(kind) ? { kind } : {}),
  } as NodeRecord;
}
