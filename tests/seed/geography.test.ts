import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { totals } from '../../src/seed/report.ts';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { storedState } from '../support/stored-state.ts';

const db = testDatabase();
const server = testServer(db);
const data = loadGeographyData();

beforeAll(async () => {
  // All of France (~36,000 nodes, ~71,000 relationships); idempotent, so safe in the shared database.
  await seed(db, geographySource(data));
}, 240_000);

afterAll(async () => {
  await db.close();
});

async function countIds(label: string, ids: string[]): Promise<number> {
  const [row] = await db.read<{ n: number }>(`UNWIND $ids AS id MATCH (t:Territory:${label} {id: id}) RETURN count(t) AS n`, { ids });
  return row?.n ?? 0;
}

describe("France's geography", () => {
  it('has every région, département, EPCI and current commune of the package', async () => {
    expect(data.regions).toHaveLength(26);
    expect(await countIds('Region', data.regions.map((r) => `region:${r.code}`))).toBe(data.regions.length);
    expect(await countIds('Department', data.departements.map((d) => `department:${d.code}`))).toBe(data.departements.length);
    expect(await countIds('Epci', data.epci.map((e) => `epci:${e.code}`))).toBe(data.epci.length);
    expect(data.communes.length).toBeGreaterThan(34_000);
    expect(await countIds('Commune', data.communes.map((c) => `commune:${c.code}`))).toBe(data.communes.length);
  });

  it('links every EPCI member commune to its EPCI, and every commune to its département', async () => {
    const members = data.epci.reduce((n, e) => n + e.membres.length, 0);
    const [row] = await db.read<{ toEpci: number; toDep: number }>(
      `MATCH (c:Commune {source: 'geography'})
       RETURN sum(COUNT { (c)-[:PART_OF]->(:Epci) }) AS toEpci, sum(COUNT { (c)-[:PART_OF]->(:Department) }) AS toDep`,
    );
    expect(row).toEqual({ toEpci: members, toDep: data.communes.length });
  });

  it('places Albert (80016) in the CC du Pays du Coquelicot, Somme, Hauts-de-France', async () => {
    const rows = await db.read<{ epci: string; viaEpci: string; direct: string; region: string; population: number }>(
      `MATCH (c:Commune {id: 'commune:80016'})-[:PART_OF]->(e:Epci)-[:PART_OF]->(d:Department)-[:PART_OF]->(r:Region)
       MATCH (c)-[:PART_OF]->(d2:Department)
       RETURN e.id AS epci, d.id AS viaEpci, d2.id AS direct, r.id AS region, c.population AS population`,
    );
    expect(rows).toEqual([{ epci: 'epci:248000747', viaEpci: 'department:80', direct: 'department:80', region: 'region:32', population: 9521 }]);
    const res = await gql<{ territory: Record<string, unknown> }>(server, `{ territory(id: "epci:248000747") { name level code } }`);
    expect(res.data?.territory).toEqual({ name: 'CC du Pays du Coquelicot', level: 'EPCI', code: '248000747' });
  });

  it('puts an EPCI that straddles départements in the one with most of its population', async () => {
    // The CA de Beaune spans Côte-d'Or (Beaune) and Saône-et-Loire (Chagny).
    const [row] = await db.read<{ deps: string[]; main: string }>(
      `MATCH (e:Epci {id: 'epci:200006682'})-[:PART_OF]->(d:Department) RETURN e.departments AS deps, d.code AS main`,
    );
    expect(row).toEqual({ deps: ['21', '71'], main: '21' });
  });

  it('seeding it again changes nothing', async () => {
    const source = geographySource(data);
    const scope = { ids: [...source.nodes()].map((n) => n.id) };
    const before = await storedState(db, scope);
    expect(before.nodes).toHaveLength(scope.ids.length);
    const report = await seed(db, geographySource(data));
    // Read back from the database, not from the loader's report.
    expect(await storedState(db, scope)).toEqual(before);
    expect(totals(report.nodes).created + totals(report.nodes).updated).toBe(0);
    expect(totals(report.relationships).created + totals(report.relationships).updated).toBe(0);
  }, 240_000); // all of France again, and read back twice
});
