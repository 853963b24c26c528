/**
 * The few figures of the report that no API field gives yet, read with the shared fragments and
 * parameters (actorGraphParams) of
 * src/shape/actor-graph.ts (TERRITORY, MEMBERS), so that "the actors of a territory" means exactly
 * what it means for networkShape, coverage and innovationExport, whatever that definition becomes.
 *
 *   await territoryFacts(db, 'department:80')
 *   // { territory: { id: 'department:80', name: 'Somme', level: 'DEPARTMENT', ... }, regionIds: ['region:32'], ... }
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord, toTerritoryRecord } from '../domain/read-node.ts';
import type { ActorRecord, TerritoryLevel, TerritoryRecord } from '../domain/records.ts';
import { ACTOR_COUNT, MEMBERS, TERRITORY, actorGraphParams } from '../shape/actor-graph.ts';

export interface TerritoryFacts {
  territory: TerritoryRecord | null;
  /** The région(s) the territory lies in (itself for a région); empty for the whole network. */
  regions: TerritoryRecord[];
  /** INSEE codes of the territory's départements (all of a région's; none for the whole network). */
  departmentCodes: string[];
  companiesMet: number;
  eventsHeld: number;
  syntheticActorCount: number;
  actorsBySource: { source: string; count: number; synthetic: boolean }[];
  /** The most recent event date in the whole data (YYYY-MM or YYYY-MM-DD), null when none. */
  dataDate: string | null;
}

const FACTS = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  RETURN count(CASE WHEN a:Company AND EXISTS { (a)-[:PARTICIPATED_IN|ORGANIZED|LED]->(:Event) } THEN 1 END) AS companiesMet,
    count(CASE WHEN a.synthetic = true THEN 1 END) AS syntheticActorCount,
    collect(a) AS members
}
CALL (members) {
  UNWIND members AS a
  WITH coalesce(a.source, 'unknown') AS source, coalesce(a.synthetic, false) AS synthetic
  WITH source, synthetic, count(*) AS count ORDER BY count DESC, source
  RETURN collect({source: source, count: count, synthetic: synthetic}) AS actorsBySource
}
CALL (t) {
  WITH t WHERE t IS NULL
  MATCH (e:Event) RETURN count(e) AS eventsHeld
  UNION
  WITH t WHERE t IS NOT NULL
  OPTIONAL MATCH (t)<-[:PART_OF*0..3]-(:Commune)<-[:HELD_IN]-(e:Event)
  RETURN count(DISTINCT e) AS eventsHeld
}
CALL (t) {
  RETURN CASE WHEN t IS NULL THEN [] ELSE [(t)-[:PART_OF*0..3]->(r:Region:Territory) | ${project('r')}] END AS regions,
    CASE WHEN t IS NULL THEN [] ELSE
      [(t)-[:PART_OF*0..2]->(d:Department) | d.code] + [(d:Department)-[:PART_OF]->(t) | d.code] + coalesce(t.departments, [])
    END AS departmentCodes
}
CALL () {
  OPTIONAL MATCH (e:Event) WHERE e.date IS NOT NULL
  RETURN max(e.date) AS dataDate
}
RETURN CASE WHEN t IS NULL THEN null ELSE ${project('t')} END AS territory,
  regions, departmentCodes, companiesMet, syntheticActorCount, actorsBySource, eventsHeld, dataDate`;

interface FactsRow {
  territory: ProjectedNode | null;
  regions: ProjectedNode[];
  departmentCodes: (string | null)[];
  companiesMet: number;
  syntheticActorCount: number;
  actorsBySource: { source: string; count: number; synthetic: boolean }[];
  eventsHeld: number;
  dataDate: string | null;
}

export async function territoryFacts(db: Database, within: string | null, options: QueryOptions = {}): Promise<TerritoryFacts> {
  const [row] = await db.read<FactsRow>(FACTS, actorGraphParams({ within }), options);
  if (!row) throw new NotFoundError('territory', String(within));
  const codes = [...new Set(row.departmentCodes.filter((code): code is string => typeof code === 'string'))].sort();
  return {
    territory: row.territory ? toTerritoryRecord(row.territory) : null,
    regions: [...new Map(row.regions.map((r) => [r.id, toTerritoryRecord(r)])).values()].sort((x, y) => (x.id < y.id ? -1 : 1)),
    departmentCodes: codes,
    companiesMet: row.companiesMet,
    eventsHeld: row.eventsHeld,
    syntheticActorCount: row.syntheticActorCount,
    actorsBySource: row.actorsBySource,
    dataDate: row.dataDate,
  };
}

/** The level of the sub-territories a territory is shown by on the map. */
export function childLevel(level: TerritoryLevel | null): TerritoryLevel | null {
  switch (level) {
    case null:
      return 'REGION';
    case 'REGION':
      return 'DEPARTMENT';
    case 'DEPARTMENT':
    case 'INDUSTRIAL_TERRITORY':
      return 'EPCI';
    case 'EPCI':
      return 'COMMUNE';
    default:
      return null;
  }
}

const CHILD_LABEL: Record<TerritoryLevel, string> = {
  REGION: 'Region',
  DEPARTMENT: 'Department',
  EPCI: 'Epci',
  COMMUNE: 'Commune',
  INDUSTRIAL_TERRITORY: 'IndustrialTerritory',
};

export interface SubTerritoryRecord {
  territory: TerritoryRecord;
  actorCount: number;
  companyCount: number;
}

/** Each sub-territory with the actors (and SMEs) the shared definition places in it; empty ones left out. */
function subTerritoriesQuery(label: string): string {
  return `
OPTIONAL MATCH (p:Entity:Territory {id: $within})
WITH p WHERE $within IS NULL OR p IS NOT NULL
CALL (p) {
  WITH p WHERE p IS NULL
  MATCH (c:Territory:${label}) RETURN c
  UNION
  WITH p WHERE p IS NOT NULL
  MATCH (c:Territory:${label})-[:PART_OF]->(p) RETURN c
}
CALL (c) {
  WITH c AS t
  ${MEMBERS}
  RETURN count(a) AS actorCount, count(CASE WHEN a:Company THEN 1 END) AS companyCount
}
WITH c, actorCount, companyCount WHERE actorCount > 0
RETURN ${project('c')} AS territory, actorCount, companyCount
ORDER BY actorCount DESC, c.id`;
}

export async function subTerritories(
  db: Database,
  within: string | null,
  level: TerritoryLevel | null,
  options: QueryOptions = {},
): Promise<SubTerritoryRecord[]> {
  if (!level) return [];
  const rows = await db.read<{ territory: ProjectedNode; actorCount: number; companyCount: number }>(
    subTerritoriesQuery(CHILD_LABEL[level]),
    actorGraphParams({ within }),
    options,
  );
  return rows.map((row) => ({ territory: toTerritoryRecord(row.territory), actorCount: row.actorCount, companyCount: row.companyCount }));
}

/** Actors of every département (the shared definition), most first: the map's shading and the rank. */
export async function departmentCounts(
  db: Database,
  options: QueryOptions = {},
): Promise<{ id: string; code: string | null; name: string; region: string | null; actorCount: number }[]> {
  return db.read(
    `MATCH (t:Department)
     CALL (t) {
       ${MEMBERS}
       RETURN count(a) AS actorCount
     }
     RETURN t.id AS id, t.code AS code, t.name AS name, [(t)-[:PART_OF]->(r:Region) | r.id][0] AS region, actorCount
     ORDER BY actorCount DESC, t.id`,
    actorGraphParams({ within: null }),
    options,
  );
}

/** networkShape's actorCount for another territory, without measuring its whole shape. */
export async function actorCount(db: Database, within: string | null, options: QueryOptions = {}): Promise<number> {
  const [row] = await db.read<{ actorCount: number }>(ACTOR_COUNT, actorGraphParams({ within }), options);
  if (!row) throw new NotFoundError('territory', String(within));
  return row.actorCount;
}

/**
 * The key funders a territory's partnerships should reach: its région(s) when they act as
 * funders, then the funders with the most relationships in the whole network.
 */
export async function keyFunders(db: Database, regionIds: readonly string[], first: number, options: QueryOptions = {}): Promise<ActorRecord[]> {
  const rows = await db.read<{ f: ProjectedNode }>(
    `CALL () {
       UNWIND $regionIds AS rid
       MATCH (f:Entity:Actor:Region {id: rid})
       RETURN f, 0 AS rank, 0 AS degree
       UNION
       MATCH (f:Actor:Funder)
       WITH f, COUNT { (f)--() } AS degree ORDER BY degree DESC, f.id LIMIT toInteger($first)
       RETURN f, 1 AS rank, degree
     }
     WITH f, rank, degree ORDER BY rank, degree DESC, f.id
     RETURN ${project('f')} AS f LIMIT toInteger($first)`,
    { regionIds, first },
    options,
  );
  return rows.map((row) => toActorRecord(row.f));
}
