/**
 * Competency gaps of a territory: what its SMEs need against what universities teach within reach.
 *
 *   await competencyGaps(db, 'department:80')
 *   // [{ competency: { id: 'competency:export-markets', ... }, demand: 3.4, supply: 0.5, gap: 2.27,
 *   //    companyCount: 4, responses: 52, teachers: [], teachersWithinReach: [UTC], exposedCompanies: [...] }, ...]
 *
 * "Inside" is presence in the territory (src/territories/presence.ts; ACTIVE unless asked otherwise).
 * - demand: the sum of the NEEDS weights (0..1, 1 when missing) of the companies inside;
 * - supply: 1 per university inside the territory teaching it, 0.5 per university "within reach",
 *   that is present in the same région(s) as the territory but not inside it (a student or a trainer
 *   crosses a région, rarely more); `within: null` means everywhere, so everything is inside;
 * - gap: demand / (1 + supply), weighted SMEs per teaching university: with no teacher the gap is
 *   the whole demand, each teacher divides it;
 * - exposed companies: those needing it (heaviest need first) that collaborate with no university
 *   teaching it.
 * Exported for the network-shape code, which reports the same gaps beside the shape.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord, toNodeRecord } from '../domain/read-node.ts';
import type { ActorRecord, NodeRecord } from '../domain/records.ts';
import { asTooComplex, planOnce } from './budget.ts';
import { round } from '../domain/shared.ts';
import { DEFAULT_PRESENCE, type Presence, membersOf } from '../territories/presence.ts';

export const INSIDE_SUPPLY = 1;
export const WITHIN_REACH_SUPPLY = 0.5;
/** Exposed companies kept per competency (the field's `first` slices it). */
export const MAX_EXPOSED = 20;

export interface CompetencyGapRecord {
  competency: NodeRecord;
  demand: number;
  supply: number;
  gap: number;
  companyCount: number;
  responses: number;
  teachers: ActorRecord[];
  teachersWithinReach: ActorRecord[];
  exposedCompanies: ActorRecord[];
}

/** Rows (v): the actors with this label present in t (src/territories/presence.ts), or all when t is null. */
const INSIDE = (label: string, v: string, presence: Presence) => `
  CALL (t) {
    WITH t WHERE t IS NULL
    MATCH (${v}:${label}) RETURN ${v}
    UNION
    WITH t WHERE t IS NOT NULL
    ${membersOf('t', v, presence)}
    WITH ${v} WHERE ${v}:${label} RETURN ${v}
  }`;

const gapsQuery = (presence: Presence) => `
OPTIONAL MATCH (t:Entity:Territory {id: $within})
WITH t WHERE $within IS NULL OR t IS NOT NULL
CALL (t) {
  ${INSIDE('Company', 'co', presence)}
  MATCH (co)-[n:NEEDS]->(k:Competency)
  WITH k, co, coalesce(n.weight, 1.0) AS weight, coalesce(n.responses, 0) AS responses,
    EXISTS { (co)-[:COLLABORATES_WITH]-(:University)-[:TEACHES]->(k) } AS served
  ORDER BY weight DESC, responses DESC, co.id
  WITH k, sum(weight) AS demand, sum(responses) AS responses, count(DISTINCT co) AS companyCount,
    collect(CASE WHEN NOT served THEN ${project('co')} END)[..toInteger($maxExposed)] AS exposed
  RETURN collect({competency: ${project('k')}, demand: demand, responses: responses,
    companyCount: companyCount, exposed: exposed}) AS demands
}
CALL (t) {
  ${INSIDE('University', 'u', presence)}
  RETURN collect(u) AS inside
}
CALL (t, inside) {
  WITH t, inside, CASE WHEN t IS NULL THEN [] ELSE apoc.coll.toSet(
      [(t)-[:PART_OF*0..3]->(r:Region) | r] + [(t)<-[:PART_OF]-(:Epci)-[:PART_OF*1..2]->(r:Region) | r]) END AS regions
  UNWIND regions AS r
  ${membersOf('r', 'u', presence)}
  WITH u, inside WHERE u:University AND NOT u IN inside
  RETURN collect(DISTINCT u) AS reach
}
CALL (inside, reach) {
  UNWIND [u IN inside | {u: u, inside: true}] + [u IN reach | {u: u, inside: false}] AS entry
  WITH entry.u AS u, entry.inside AS isInside
  MATCH (u)-[:TEACHES]->(k:Competency)
  WITH k, u, isInside ORDER BY u.id
  RETURN collect({competency: ${project('k')}, university: ${project('u')}, inside: isInside}) AS teaching
}
RETURN demands, teaching`;

interface Row {
  demands: { competency: ProjectedNode; demand: number; responses: number; companyCount: number; exposed: ProjectedNode[] }[];
  teaching: { competency: ProjectedNode; university: ProjectedNode; inside: boolean }[];
}


/** The gaps of every competency needed or taught in `within` (null: everywhere), largest first. */
export async function competencyGaps(
  db: Database,
  within: string | null,
  options: QueryOptions = {},
  presence: Presence = DEFAULT_PRESENCE,
): Promise<CompetencyGapRecord[]> {
  const params = { within, maxExposed: MAX_EXPOSED };
  const GAPS = gapsQuery(presence);
  await planOnce(db, GAPS, params, options);
  const [row] = await db
    .read<Row>(GAPS, params, { timeoutMs: db.budgets.gapsMs, ...options })
    .catch((error: unknown) => {
      throw asTooComplex(error, 'Computing competency gaps took too long.');
    });
  if (!row) throw new NotFoundError('territory', within ?? '');
  const gaps = new Map<string, CompetencyGapRecord>();
  const entry = (competency: ProjectedNode): CompetencyGapRecord => {
    let gap = gaps.get(competency.id);
    if (!gap) {
      gap = {
        competency: toNodeRecord(competency),
        demand: 0,
        supply: 0,
        gap: 0,
        companyCount: 0,
        responses: 0,
        teachers: [],
        teachersWithinReach: [],
        exposedCompanies: [],
      };
      gaps.set(competency.id, gap);
    }
    return gap;
  };
  for (const d of row.demands) {
    const gap = entry(d.competency);
    gap.demand = d.demand;
    gap.responses = d.responses;
    gap.companyCount = d.companyCount;
    gap.exposedCompanies = d.exposed.map(toActorRecord);
  }
  for (const t of row.teaching) {
    const gap = entry(t.competency);
    const university = toActorRecord(t.university);
    if (t.inside) gap.teachers.push(university);
    else gap.teachersWithinReach.push(university);
    gap.supply += t.inside ? INSIDE_SUPPLY : WITHIN_REACH_SUPPLY;
  }
  for (const gap of gaps.values()) {
    gap.gap = round(gap.demand / (1 + gap.supply), 4);
    gap.demand = round(gap.demand, 4);
    gap.supply = round(gap.supply, 4);
  }
  return [...gaps.values()].sort(
    (a, b) => b.gap - a.gap || b.demand - a.demand || (a.competency.id < b.competency.id ? -1 : 1),
  );
}
