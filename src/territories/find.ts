/**
 * One territory by id ("region:32", "department:80", "epci:248000747", "commune:80016").
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { type ProjectedNode, project, toTerritoryRecord } from '../domain/read-node.ts';
import type { TerritoryRecord } from '../domain/records.ts';

const FIND_TERRITORY = `MATCH (t:Territory {id: $id}) RETURN ${project('t')} AS t`;

export async function findTerritory(db: Database, id: string, options?: QueryOptions): Promise<TerritoryRecord | null> {
  const [row] = await db.read<{ t: ProjectedNode }>(FIND_TERRITORY, { id }, options);
  return row ? toTerritoryRecord(row.t) : null;
}
