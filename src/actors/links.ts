/**
 * The direct links of an actor, both directions.
 *
 *   await listLinks(db, 'utc', { types: ['ORGANIZED'], first: 10 })
 *   // [{ type: 'ORGANIZED', direction: 'OUT', other: { id: 'event:albert-workshop-2019', ... }, properties: {...} }]
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError } from '../domain/errors.ts';
import { type ProjectedNode, project, toNodeRecord } from '../domain/read-node.ts';
import type { LinkRecord } from '../domain/records.ts';

export const MAX_LINKS = 500;

const LIST_LINKS = `
MATCH (a:Entity {id: $id})-[r]-(other)
WHERE $types IS NULL OR type(r) IN $types
WITH r, other, CASE WHEN startNode(r) = a THEN 'OUT' ELSE 'IN' END AS direction
ORDER BY type(r), other.id
LIMIT toInteger($first)
RETURN type(r) AS type, direction, properties(r) AS properties, ${project('other')} AS other`;

export async function listLinks(
  db: Database,
  id: string,
  args: { types?: readonly string[] | null | undefined; first?: number | null | undefined },
  options?: QueryOptions,
): Promise<LinkRecord[]> {
  const first = args.first ?? 50;
  if (first < 0 || first > MAX_LINKS) throw new BadInputError(`\`first\` must be between 0 and ${MAX_LINKS}.`, ['first']);
  const rows = await db.read<{ type: string; direction: 'OUT' | 'IN'; properties: Record<string, unknown>; other: ProjectedNode }>(
    LIST_LINKS,
    { id, types: args.types?.length ? args.types : null, first },
    options,
  );
  return rows.map((row) => ({ type: row.type, direction: row.direction, properties: row.properties, other: toNodeRecord(row.other) }));
}
