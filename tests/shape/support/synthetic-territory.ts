/**
 * A generated network inside its own fictional territory (every id starts with the test's prefix),
 * and the actor graph it must give, computed here independently of the Cypher under test.
 *
 *   const territory = await createSyntheticTerritory(db, 'shape-1a2b3c4d', { actors: 300 });
 *   territory.regionId          // 'shape-1a2b3c4d-region'
 *   territory.expectedLinks     // Map 'a|b' -> { weight: 2, types: ['CO_PARTICIPATED', 'PARTNER_OF'] }
 */
import type { Database } from '../../../src/neo4j/database.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { refreshAllPresence } from '../../../src/territories/stored-presence.ts';

const KINDS: [string, string][] = [
  ['COMPANY', 'Company'], ['COMPANY', 'Company'], ['COMPANY', 'Company'], ['COMPANY', 'Company'],
  ['UNIVERSITY', 'University'], ['CLUSTER', 'Cluster'], ['FUNDER', 'Funder'], ['CHAMBER', 'Chamber'],
];
const DIRECT_TYPES = ['PARTNER_OF', 'COLLABORATES_WITH', 'MEMBER_OF'];

export interface SyntheticTerritory {
  regionId: string;
  departmentId: string;
  memberIds: string[];
  /** key `${smallerId}|${largerId}` */
  expectedLinks: Map<string, { weight: number; types: string[] }>;
  kindOf: Map<string, string>;
}

export async function createSyntheticTerritory(
  db: Database,
  p: string,
  { actors = 300, groups = 6, seed = 7 } = {},
): Promise<SyntheticTerritory> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const regionId = `${p}-region`;
  const departmentId = `${p}-dept`;
  const communes = [0, 1, 2, 3].map((i) => `${p}-commune-${i}`);
  const outsideCommune = `${p}-commune-outside`;
  await db.write(
    `CREATE (r:Entity:Territory:Region {id: $region, name: $region})
     CREATE (d:Entity:Territory:Department {id: $dept, name: $dept})-[:PART_OF]->(r)
     CREATE (:Entity:Territory:Region {id: $outsideRegion, name: $outsideRegion})
       <-[:PART_OF]-(:Entity:Territory:Commune {id: $outsideCommune, name: $outsideCommune})
     WITH d UNWIND $communes AS c CREATE (:Entity:Territory:Commune {id: c, name: c})-[:PART_OF]->(d)`,
    { region: regionId, dept: departmentId, communes, outsideCommune, outsideRegion: `${p}-region-outside` },
  );

  const kindOf = new Map<string, string>();
  const rows: Record<string, unknown>[] = [];
  const groupOf = new Map<string, number>();
  const memberIds: string[] = [];
  for (let i = 0; i < actors; i += 1) {
    const id = `${p}-a-${String(i).padStart(4, '0')}`;
    const [kind, label] = pick(KINDS);
    kindOf.set(id, kind);
    groupOf.set(id, i % groups);
    memberIds.push(id);
    rows.push({ id, kind, label, commune: pick(communes), employees: Math.floor(random() * 500),
      innovates: random() < 0.3, exports: random() < 0.3 });
  }
  const outsiders = [0, 1, 2, 3, 4].map((i) => `${p}-out-${i}`);
  for (const id of outsiders) rows.push({ id, kind: 'COMPANY', label: 'Company', commune: outsideCommune });
  const homeless = `${p}-homeless`;
  rows.push({ id: homeless, kind: 'COMPANY', label: 'Company', commune: null });
  await db.write(
    `UNWIND $rows AS row
     CREATE (a:Entity:Actor {id: row.id, name: 'Actor ' + row.id, kind: row.kind, source: 'test',
       employees: row.employees, innovates: row.innovates, exports: row.exports})
     WITH a, row CALL apoc.create.addLabels(a, [row.label]) YIELD node
     WITH a, row WHERE row.commune IS NOT NULL
     MATCH (c:Commune {id: row.commune}) CREATE (a)-[:LOCATED_IN]->(c)`,
    { rows },
  );

  const expected = new Map<string, { direct: number; events: number; programs: number; types: Set<string> }>();
  const tie = (x: string, y: string) => {
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    const entry = expected.get(key) ?? { direct: 0, events: 0, programs: 0, types: new Set<string>() };
    expected.set(key, entry);
    return entry;
  };
  // Direct relationships: dense inside groups, sparse between; the last 8 actors stay isolated.
  const linked = memberIds.slice(0, actors - 8);
  const rels: { from: string; to: string; type: string }[] = [];
  for (let i = 0; i < linked.length; i += 1) {
    for (let j = i + 1; j < linked.length; j += 1) {
      const a = linked[i] as string;
      const b = linked[j] as string;
      const same = groupOf.get(a) === groupOf.get(b);
      if (random() < (same ? 0.07 : 0.003)) {
        const count = random() < 0.1 ? 2 : 1;
        for (let k = 0; k < count; k += 1) {
          const type = pick(DIRECT_TYPES);
          const [from, to] = random() < 0.5 ? [a, b] : [b, a];
          rels.push({ from, to, type });
          const entry = tie(a, b);
          entry.direct += 1;
          entry.types.add(type);
        }
      }
    }
  }
  // Outsiders are linked to members but are not in the territory's graph.
  for (const out of outsiders) rels.push({ from: out, to: pick(linked), type: 'PARTNER_OF' });
  rels.push({ from: homeless, to: linked[0] as string, type: 'PARTNER_OF' });
  await db.write(
    `UNWIND $rels AS rel MATCH (a:Actor {id: rel.from}), (b:Actor {id: rel.to})
     CALL apoc.create.relationship(a, rel.type, {source: 'test'}, b) YIELD rel AS r RETURN count(r)`,
    { rels },
  );

  // Events and programmes: a few participants each, from one group, plus one outsider.
  const participations: { actor: string; target: string; type: string }[] = [];
  const containers: { id: string; label: string }[] = [];
  for (let e = 0; e < 24; e += 1) {
    const isEvent = e < 18;
    const id = `${p}-${isEvent ? 'event' : 'program'}-${e}`;
    containers.push({ id, label: isEvent ? 'Event' : 'Program' });
    const group = e % groups;
    const pool = linked.filter((x) => groupOf.get(x) === group);
    const chosen = new Set<string>();
    const size = 2 + Math.floor(random() * 4);
    while (chosen.size < size) chosen.add(pick(pool));
    const types = isEvent ? ['ORGANIZED', 'PARTICIPATED_IN', 'LED', 'SUPPORTS'] : ['SUPPORTS', 'MEMBER_OF', 'CONTINUES'];
    for (const actor of chosen) participations.push({ actor, target: id, type: pick(types) });
    participations.push({ actor: pick(outsiders), target: id, type: 'PARTICIPATED_IN' });
    const list = [...chosen];
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        const entry = tie(list[i] as string, list[j] as string);
        if (isEvent) entry.events += 1;
        else entry.programs += 1;
      }
    }
  }
  await db.write(
    `UNWIND $containers AS c CALL apoc.create.node(['Entity', c.label], {id: c.id, name: c.id, source: 'test'}) YIELD node RETURN count(node)`,
    { containers },
  );
  await db.write(
    `UNWIND $participations AS p MATCH (a:Actor {id: p.actor}), (e:Entity {id: p.target})
     CALL apoc.create.relationship(a, p.type, {source: 'test'}, e) YIELD rel RETURN count(rel)`,
    { participations },
  );

  const expectedLinks = new Map<string, { weight: number; types: string[] }>();
  for (const [key, entry] of expected) {
    const types = [...entry.types];
    if (entry.events > 0) types.push('CO_PARTICIPATED');
    if (entry.programs > 0) types.push('CO_PROGRAM');
    expectedLinks.set(key, { weight: entry.direct + entry.events + entry.programs, types: types.sort() });
  }
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
  return { regionId, departmentId, memberIds, expectedLinks, kindOf };
}

export async function deleteByPrefix(db: Database, p: string): Promise<void> {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
}
