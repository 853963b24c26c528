/**
 * University coverage of the SMEs of a territory: the share of companies linked (COLLABORATES_WITH
 * or any other direct relationship) to at least one university present (ACTIVE,
 * src/territories/presence.ts) in the région of their seat, and the largest
 * companies that are not, by employees.
 *
 *   await coverage(db, { within: 'department:80' })
 *   // { companyCount: 40, coveredCount: 12, share: 0.3, uncovered: [{ id: 'syn:company:7', ... }, ...] }
 *
 * The companies are those of the actor graph (actor-graph.ts: located inside the territory, or all).
 * A company without a commune has no known région, so no university of its région: uncovered.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorRecord } from '../domain/records.ts';
import { MEMBERS, TERRITORY } from './actor-graph.ts';
import { DEFAULT_PRESENCE, type Presence, presentIn } from '../territories/presence.ts';

export interface CoverageRecord {
  companyCount: number;
  coveredCount: number;
  share: number;
  /** Largest first (employees, unknown last), then by id. */
  uncovered: ActorRecord[];
}

export const MAX_UNCOVERED = 100;

const QUERY = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  WITH a WHERE a:Company
  WITH a, EXISTS {
    MATCH (a)-[:LOCATED_IN]->(:Commune)-[:PART_OF*1..3]->(r:Region)
    MATCH (a)--(u:University)
    WHERE ${presentIn('u', 'r', 'ACTIVE')}
  } AS covered
  RETURN count(a) AS companyCount, count(CASE WHEN covered THEN 1 END) AS coveredCount,
    collect(CASE WHEN NOT covered THEN a END) AS uncovered
}
CALL (uncovered) {
  UNWIND uncovered AS c
  WITH c ORDER BY coalesce(c.employees, -1) DESC, c.id LIMIT toInteger($limit)
  RETURN collect(${project('c')}) AS largest
}
RETURN companyCount, coveredCount, largest`;

export async function coverage(
  db: Database,
  args: { within?: string | null | undefined; presence?: Presence | null | undefined },
  options?: QueryOptions,
): Promise<CoverageRecord> {
  const [row] = await db.read<{ companyCount: number; coveredCount: number; largest: ProjectedNode[] }>(
    QUERY,
    { within: args.within ?? null, presence: args.presence ?? DEFAULT_PRESENCE, kinds: ['COMPANY'], limit: MAX_UNCOVERED },
    options,
  );
  if (!row) throw new NotFoundError('territory', String(args.within));
  return {
    companyCount: row.companyCount,
    coveredCount: row.coveredCount,
    share: row.companyCount === 0 ? 0 : row.coveredCount / row.companyCount,
    uncovered: row.largest.map(toActorRecord),
  };
}
