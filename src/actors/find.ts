/**
 * One node or actor by id.
 *
 *   await findNode(db, 'commune:80016')   // { id: 'commune:80016', labels: ['Entity','Territory','Commune'], ... }
 *   await findActor(db, 'utc')            // { id: 'utc', kind: 'UNIVERSITY', name: 'UTC', ... } or null
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { type ProjectedNode, isActor, project, toActorRecord, toNodeRecord } from '../domain/read-node.ts';
import type { ActorRecord, NodeRecord } from '../domain/records.ts';

const FIND_NODE = `MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS n`;

export async function findNode(db: Database, id: string, options?: QueryOptions): Promise<NodeRecord | null> {
  const [row] = await db.read<{ n: ProjectedNode }>(FIND_NODE, { id }, options);
  return row ? toNodeRecord(row.n) : null;
}

export async function findActor(db: Database, id: string, options?: QueryOptions): Promise<ActorRecord | null> {
  const node = await findNode(db, id, options);
  return node && isActor(node) ? toActorRecord({ ...node.properties, id: node.id, labels: node.labels }) : null;
}
