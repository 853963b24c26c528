/**
 * The article's network in miniature, hand-built (the 2019 tour of InnovENT-E in the Hauts-de-France,
 * with 22 invented SMEs): the shape computations on a graph whose every number is known. The same
 * article checks (`expectArticleShape`) run on the seed `npm start` loads in
 * tests/synergy/article-network.test.ts; this file proves the arithmetic, not the article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { deleteByPrefix } from './support/synthetic-territory.ts';
import { type ArticleIds, type Shape, SHAPE, expectArticleShape } from './support/article-shape.ts';
import { refreshAllPresence } from '../../src/territories/stored-presence.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('shape-art');
const id = (slug: string) => `${p}-${slug}`;

const ids: ArticleIds & { region: string } = {
  within: id('region-32'),
  region: id('region-32'),
  innovente: id('innovent-e'),
  utc: id('utc'),
  altytud: id('altytud'),
  coquelicot: id('epci-coquelicot'),
};

beforeAll(async () => {
  const actors = [
    { slug: 'innovent-e', kind: 'INSTITUTE', label: 'Institute', name: 'Institut InnovENT-E', commune: 'compiegne' },
    { slug: 'utc', kind: 'UNIVERSITY', label: 'University', name: 'UTC', commune: 'compiegne' },
    { slug: 'upjv', kind: 'UNIVERSITY', label: 'University', name: 'UPJV', commune: 'amiens' },
    { slug: 'insa-hdf', kind: 'UNIVERSITY', label: 'University', name: 'INSA HdF', commune: 'saint-quentin' },
    { slug: 'altytud', kind: 'CLUSTER', label: 'Cluster', name: 'ALTYTUD', commune: 'meaulte' },
    { slug: 'cci-aisne', kind: 'CHAMBER', label: 'Chamber', name: "CCI de l'Aisne", commune: 'laon' },
    { slug: 'bpifrance', kind: 'FUNDER', label: 'Funder', name: 'Bpifrance', commune: null },
    // SMEs: 2 that innovate (1 exports), 20 that do not (1 exports): the article's 1 in 2 against 1 in 20.
    ...Array.from({ length: 22 }, (_, i) => ({
      slug: `pme-${i}`, kind: 'COMPANY', label: 'Company', name: `PME ${i}`,
      commune: i < 8 ? 'meaulte' : i < 14 ? 'albert' : 'saint-quentin',
      innovates: i < 2, exports: i === 0 || i === 2, employees: 10 * (i + 1),
    })),
  ];
  await db.write(
    `CREATE (r:Entity:Territory:Region {id: $region, name: 'Hauts-de-France'})
     CREATE (other:Entity:Territory:Region {id: $p + '-region-11', name: 'Île-de-France'})
     CREATE (d80:Entity:Territory:Department {id: $p + '-department-80', name: 'Somme'})-[:PART_OF]->(r)
     CREATE (d60:Entity:Territory:Department {id: $p + '-department-60', name: 'Oise'})-[:PART_OF]->(r)
     CREATE (d02:Entity:Territory:Department {id: $p + '-department-02', name: 'Aisne'})-[:PART_OF]->(r)
     CREATE (epci:Entity:Territory:Epci:Actor:LocalAuthority {id: $coquelicot, name: 'CC du Pays du Coquelicot', kind: 'LOCAL_AUTHORITY'})-[:PART_OF]->(d80)
     CREATE (albert:Entity:Territory:Commune {id: $p + '-commune-albert', name: 'Albert'})-[:PART_OF]->(epci)
     CREATE (albert)-[:PART_OF]->(d80)
     CREATE (meaulte:Entity:Territory:Commune {id: $p + '-commune-meaulte', name: 'Méaulte'})-[:PART_OF]->(epci)
     CREATE (meaulte)-[:PART_OF]->(d80)
     CREATE (epci)-[:LOCATED_IN]->(albert)
     CREATE (:Entity:Territory:Commune {id: $p + '-commune-amiens', name: 'Amiens'})-[:PART_OF]->(d80)
     CREATE (:Entity:Territory:Commune {id: $p + '-commune-compiegne', name: 'Compiègne'})-[:PART_OF]->(d60)
     CREATE (:Entity:Territory:Commune {id: $p + '-commune-laon', name: 'Laon'})-[:PART_OF]->(d02)
     CREATE (:Entity:Territory:Commune {id: $p + '-commune-saint-quentin', name: 'Saint-Quentin'})-[:PART_OF]->(d02)
     CREATE (:Entity:Territory:Commune {id: $p + '-commune-paris', name: 'Paris'})-[:PART_OF]->(other)`,
    { p, region: ids.region, coquelicot: ids.coquelicot },
  );
  await db.write(
    `UNWIND $actors AS row
     CREATE (a:Entity:Actor {id: $p + '-' + row.slug, name: row.name, kind: row.kind, source: 'test',
       innovates: row.innovates, exports: row.exports, employees: row.employees})
     WITH a, row CALL apoc.create.addLabels(a, [row.label]) YIELD node
     WITH a, row WHERE row.commune IS NOT NULL
     MATCH (c:Commune {id: $p + '-commune-' + row.commune}) CREATE (a)-[:LOCATED_IN]->(c)`,
    { p, actors },
  );
  await db.write(
    `MATCH (paris:Commune {id: $p + '-commune-paris'})
     CREATE (:Entity:Actor:University {id: $p + '-sorbonne', name: 'Sorbonne', kind: 'UNIVERSITY', source: 'test'})-[:LOCATED_IN]->(paris)`,
    { p },
  );
  const rel = (from: string, type: string, to: string) => ({ from: id(from), type, to: id(to) });
  const events = ['event-tour-2019', 'event-albert', 'event-albert-workshop', 'event-saint-quentin', 'event-closing'];
  const rels = [
    // The tour: organised by InnovENT-E, with some thirty schools (here three) and the CCI at its closing.
    rel('innovent-e', 'ORGANIZED', 'event-tour-2019'),
    ...['utc', 'upjv', 'insa-hdf'].map((u) => rel(u, 'PARTICIPATED_IN', 'event-tour-2019')),
    ...['utc', 'upjv', 'insa-hdf'].map((u) => rel(u, 'MEMBER_OF', 'innovent-e')),
    rel('bpifrance', 'SUPPORTS', 'innovent-e'),
    // Albert-Méaulte: the stop organised by UTC; the workshop co-led by UTC, ALTYTUD and the CC.
    rel('innovent-e', 'ORGANIZED', 'event-albert'),
    rel('utc', 'ORGANIZED', 'event-albert'),
    rel('utc', 'LED', 'event-albert-workshop'),
    rel('altytud', 'LED', 'event-albert-workshop'),
    rel('epci-coquelicot', 'LED', 'event-albert-workshop'),
    ...[0, 1, 2, 3, 8, 9].map((i) => rel(`pme-${i}`, 'PARTICIPATED_IN', 'event-albert-workshop')),
    ...[0, 1, 2, 3, 8, 9].map((i) => rel(`pme-${i}`, 'PARTICIPATED_IN', 'event-albert')), // the stop that held it
    ...[0, 1, 2, 3, 4, 5].map((i) => rel(`pme-${i}`, 'MEMBER_OF', 'altytud')),
    // Saint-Quentin: another stop; the closing at the CCI de l'Aisne.
    rel('innovent-e', 'ORGANIZED', 'event-saint-quentin'),
    rel('insa-hdf', 'PARTICIPATED_IN', 'event-saint-quentin'),
    ...[14, 15, 16, 17].map((i) => rel(`pme-${i}`, 'PARTICIPATED_IN', 'event-saint-quentin')),
    rel('innovent-e', 'ORGANIZED', 'event-closing'),
    rel('cci-aisne', 'ORGANIZED', 'event-closing'),
    ...['utc', 'upjv', 'insa-hdf'].map((u) => rel(u, 'PARTICIPATED_IN', 'event-closing')),
    // Coverage: pme-0 and pme-1 work with UTC (same région); pme-20 only with a Paris university.
    rel('pme-0', 'COLLABORATES_WITH', 'utc'),
    rel('pme-1', 'COLLABORATES_WITH', 'utc'),
    rel('pme-14', 'COLLABORATES_WITH', 'insa-hdf'),
    rel('pme-20', 'COLLABORATES_WITH', 'sorbonne'),
  ];
  await db.write(
    `UNWIND $events AS e CREATE (:Entity:Event {id: $p + '-' + e, name: e, source: 'test'})`,
    { p, events },
  );
  await db.write(
    `UNWIND $rels AS rel MATCH (a:Entity {id: rel.from}), (b:Entity {id: rel.to})
     CALL apoc.create.relationship(a, rel.type, {source: 'test'}, b) YIELD rel AS r RETURN count(r)`,
    { rels },
  );
  // Written by hand in Cypher: give the actors their stored presence, as a write path would.
  await refreshAllPresence(db);
}, 120_000);

afterAll(async () => {
  await deleteByPrefix(db, p);
  await db.close();
});

describe("the article's network", () => {
  it('reads as the article tells it: InnovENT-E the hub, the Albert workshop joining UTC, ALTYTUD and the Pays du Coquelicot', async () => {
    const shape = await expectArticleShape(server, ids);
    expect(shape.engine).toBe('graphology');
    expect(shape.actorCount).toBe(29); // InnovENT-E, 3 universities, ALTYTUD, the CCI, the CC and 22 SMEs (Bpifrance has no commune)
    expect(shape.communities.find((c) => c.members.some((m) => m.id === ids.altytud))?.members.map((m) => m.id)).toEqual(
      expect.arrayContaining([ids.altytud, ids.coquelicot, id('pme-0')]),
    );
  });

  it('measures how well SMEs are covered by a university of their région', async () => {
    const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: ids.region });
    // pme-0, pme-1 (UTC) and pme-14 (INSA) are covered; pme-20 works only with a Paris university.
    expect(res.data?.networkShape.coverage).toEqual({
      companyCount: 22,
      coveredCount: 3,
      share: 3 / 22,
      uncovered: [{ id: id('pme-21') }, { id: id('pme-20') }], // the largest by employees
    });
  });

  it('computes the shares of exporting SMEs on a hand-built split (1 of 2 innovating, 1 of 20 others)', async () => {
    const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: ids.region });
    expect(res.data?.networkShape.innovationExport).toEqual({
      innovatingCount: 2,
      otherCount: 20,
      innovatingShareExporting: 0.5,
      otherShareExporting: 0.05,
    });
  });

  it('narrows to the Pays du Coquelicot: the workshop and the SMEs of Albert and Méaulte', async () => {
    const res = await gql<{ networkShape: Shape }>(server, SHAPE, { w: ids.coquelicot });
    expect(res.errors).toBeUndefined();
    // ALTYTUD, the CC itself, and the 14 SMEs of Albert and Méaulte.
    expect(res.data?.networkShape.actorCount).toBe(16);
  });
});
