import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource, seedsDir } from '../../src/seed/builtin.ts';
import type { SeedFile } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { totals } from '../../src/seed/report.ts';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { storedState } from '../support/stored-state.ts';

const db = testDatabase();
const server = testServer(db);
const article = JSON.parse(readFileSync(path.join(seedsDir, 'article', 'network.json'), 'utf8')) as SeedFile;

beforeAll(async () => {
  // Idempotent: safe in a database other tests share.
  await seed(db, resolveSource('article'));
}, 120_000);

afterAll(async () => {
  await db.close();
});

interface LinkView {
  type: string;
  direction: string;
  other: { id: string };
}
const ACTOR = `query($id: ID!) { actor(id: $id) {
  id name kind __typename source
  links(first: 100) { type direction other { id } properties }
  ... on Institute { founded legalForm }
} }`;

async function actor(id: string) {
  const res = await gql<{ actor: { kind: string; name: string; source: string; links: LinkView[]; founded?: number; legalForm?: string } }>(
    server,
    ACTOR,
    { id },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.actor;
}
const linksOf = (a: { links: LinkView[] }) => a.links.map((l) => `${l.direction} ${l.type} ${l.other.id}`);

describe("the article's network, through GraphQL", () => {
  it('InnovENT-E: a fondation partenariale founded in 2018 that carries on the IDEFI and initiated the tour', async () => {
    const a = await actor('innovent-e');
    expect(a).toMatchObject({ kind: 'INSTITUTE', founded: 2018, legalForm: 'fondation partenariale', source: 'article' });
    expect(linksOf(a)).toEqual(expect.arrayContaining(['OUT CONTINUES program:idefi-innovent-e', 'OUT ORGANIZED event:tour-2019']));
  });

  it('the IDEFI (2011) is part of the PIA; the tour is part of Territoires d\'industrie (autumn 2018)', async () => {
    const rows = await db.read<{ idefi: number; pia: string; ti: number; tour: string }>(
      `MATCH (i:Program {id: 'program:idefi-innovent-e'})-[:PART_OF]->(pia:Program {id: 'program:pia'}),
             (t:Event {id: 'event:tour-2019'})-[:PART_OF]->(ti:Program {id: 'program:territoires-industrie'})
       RETURN i.started AS idefi, pia.name AS pia, ti.started AS ti, t.name AS tour`,
    );
    expect(rows).toEqual([{ idefi: 2011, pia: "Programme d'Investissements d'Avenir", ti: 2018, tour: expect.stringContaining('Tournée de l') }]);
  });

  it('the six régions are actors supporting the IDEFI', async () => {
    for (const code of ['28', '53', '24', '32', '44', '52']) {
      const a = await actor(`region:${code}`);
      expect(a.kind).toBe('REGION');
      expect(linksOf(a)).toContain('OUT SUPPORTS program:idefi-innovent-e');
    }
  });

  it('the tour: June to October 2019, its figures, the innovation/export figures', async () => {
    const res = await gql<{ node: Record<string, unknown> }>(server, `{ node(id: "event:tour-2019") { __typename ... on Event { kind date source } } }`);
    expect(res.data?.node).toEqual({ __typename: 'Event', kind: 'tour', date: '2019-06', source: 'article' });
    const [tour] = await db.read<Record<string, number | string>>(
      `MATCH (t:Event {id: 'event:tour-2019'}) RETURN t.endDate AS endDate, t.stops AS stops, t.stopsInHautsDeFrance AS hdf,
         t.establishments AS establishments, t.companies AS companies, t.questionnaires AS questionnaires,
         t.exportRateWithoutInnovation AS without, t.exportRateWithInnovation AS with`,
    );
    expect(tour).toEqual({ endDate: '2019-10', stops: 40, hdf: 4, establishments: 30, companies: 1000, questionnaires: 10000, without: 0.05, with: 0.5 });
  });

  it('its stops Albert-Méaulte and Saint-Quentin, held in their communes', async () => {
    const rows = await db.read<{ stop: string; communes: string[] }>(
      `MATCH (s:Event)-[:PART_OF]->(:Event {id: 'event:tour-2019'}) WHERE s.kind = 'stop'
       MATCH (s)-[:HELD_IN]->(c:Commune)
       WITH s, c ORDER BY c.id RETURN s.id AS stop, collect(c.id) AS communes ORDER BY stop`,
    );
    expect(rows).toEqual([
      { stop: 'event:tour-2019-albert', communes: ['commune:80016', 'commune:80523'] },
      { stop: 'event:tour-2019-saint-quentin', communes: ['commune:02691'] },
    ]);
  });

  it('the Albert workshop (September 2019): organised by UTC, co-led by Pascal Alberti, ALTYTUD and the CC du Pays du Coquelicot', async () => {
    const utc = await actor('utc');
    expect(utc).toMatchObject({ name: 'Université de technologie de Compiègne', kind: 'UNIVERSITY' });
    expect(linksOf(utc)).toEqual(
      expect.arrayContaining([
        'OUT ORGANIZED event:albert-workshop-2019',
        'OUT ORGANIZED event:tour-2019-albert',
        'OUT PARTICIPATED_IN event:tour-2019',
        'OUT LOCATED_IN commune:60159',
        'IN WORKS_AT person:pascal-alberti',
      ]),
    );
    expect(linksOf(await actor('altytud'))).toContain('OUT LED event:albert-workshop-2019');
    const cc = await actor('epci:248000747');
    expect(cc.kind).toBe('LOCAL_AUTHORITY');
    expect(linksOf(cc)).toContain('OUT LED event:albert-workshop-2019');
    const res = await gql<{ node: Record<string, unknown> }>(
      server,
      `{ node(id: "person:pascal-alberti") { __typename ... on Person { name title } } }`,
    );
    expect(res.data?.node).toEqual({ __typename: 'Person', name: 'Pascal Alberti', title: "directeur de l'innovation et du développement territorial de l'UTC" });
    const [workshop] = await db.read<{ date: string; leaders: string[] }>(
      `MATCH (w:Event {id: 'event:albert-workshop-2019'})<-[:LED]-(l) WITH w, l ORDER BY l.id RETURN w.date AS date, collect(l.id) AS leaders`,
    );
    expect(workshop).toEqual({ date: '2019-09', leaders: ['altytud', 'epci:248000747', 'person:pascal-alberti'] });
  });

  it('the closing on 7 October 2019 at the CCI de l\'Aisne', async () => {
    const cci = await actor('cci-aisne');
    expect(cci.kind).toBe('CHAMBER');
    expect(linksOf(cci)).toContain('OUT PARTICIPATED_IN event:tour-2019-closing');
    const res = await gql<{ node: Record<string, unknown> }>(server, `{ node(id: "event:tour-2019-closing") { ... on Event { kind date } } }`);
    expect(res.data?.node).toEqual({ kind: 'closing', date: '2019-10-07' });
  });

  it('every national supporter supports the tour', async () => {
    for (const id of ['delegation-territoires-industrie', 'bpifrance', 'mesri', 'cpme', 'pink-innov', 'fondation-mma', 'apec']) {
      const a = await actor(id);
      expect(a.kind).toBe('FUNDER');
      expect(linksOf(a)).toContain('OUT SUPPORTS event:tour-2019');
    }
  });

  it('every node the article defines and every relationship carries source "article"', async () => {
    const own = article.nodes.filter((n) => !('defaults' in n) || n.defaults === undefined).map((n) => n.id);
    const [row] = await db.read<{ nodes: number; articleNodes: number }>(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN count(n) AS nodes, sum(CASE WHEN n.source = 'article' THEN 1 ELSE 0 END) AS articleNodes`,
      { ids: own },
    );
    expect(row).toEqual({ nodes: own.length, articleNodes: own.length });
    const rels = await db.read<{ source: string | null }>(
      `UNWIND $rels AS rel MATCH (a:Entity {id: rel.from})-[r]->(b:Entity {id: rel.to}) WHERE type(r) = rel.type RETURN r.source AS source`,
      { rels: article.relationships.map((r) => ({ from: r.from, to: r.to, type: r.type })) },
    );
    expect(rels).toHaveLength(article.relationships.length);
    expect(new Set(rels.map((r) => r.source))).toEqual(new Set(['article']));
  });

  it('seeding the article again changes nothing', async () => {
    const scope = { ids: article.nodes.map((n) => n.id) };
    const before = await storedState(db, scope);
    expect(before.nodes).toHaveLength(scope.ids.length);
    const report = await seed(db, resolveSource('article'));
    // Read back from the database, not from the loader's report.
    expect(await storedState(db, scope)).toEqual(before);
    expect(totals(report.nodes)).toEqual({ created: 0, updated: 0, unchanged: article.nodes.length });
    expect(totals(report.relationships)).toEqual({ created: 0, updated: 0, unchanged: article.relationships.length });
  });
});
