/**
 * territoryReport says the same numbers as the fields it comes from: on the article's network
 * (the Somme, Hauts-de-France, the CC du Pays du Coquelicot, the whole network) and on a synthetic
 * département. GraphQL in, JSON out: each report number is compared with the answer of the field a
 * user would ask (networkShape, competencyGaps, synergies, synergyPaths).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSource } from '../../src/seed/builtin.ts';
import { geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { prepareReports } from '../../src/report/prepare.ts';
import { gql, testDatabase, testServer, uniquePrefix } from '../support/harness.ts';
import { createSyntheticTerritory, deleteByPrefix } from '../shape/support/synthetic-territory.ts';
import { hautsDeFrance } from './support.ts';

const db = testDatabase();
const server = testServer(db);
const p = uniquePrefix('report-eq');
let syntheticDepartment: string;

beforeAll(async () => {
  await seed(db, geographySource(hautsDeFrance(loadGeographyData())));
  await seed(db, resolveSource('framework'));
  await seed(db, resolveSource('article'));
  const territory = await createSyntheticTerritory(db, p, { actors: 240, seed: 5 });
  syntheticDepartment = territory.departmentId;
  // Needs and teachings, so the synthetic département has gaps and suggestions to compare.
  await db.write(
    `MATCH (d:Department {id: $dept})<-[:PART_OF]-(:Commune)<-[:LOCATED_IN]-(a:Actor)
     WITH a ORDER BY a.id
     WITH collect(a) AS actors
     MATCH (k:Competency) WHERE k.level = 'competency'
     WITH actors, collect(k) AS ks
     UNWIND range(0, size(actors) - 1) AS i
     WITH actors[i] AS a, ks[i % size(ks)] AS k, ks[(i * 7) % size(ks)] AS k2, i
     FOREACH (_ IN CASE WHEN a.kind = 'COMPANY' THEN [1] ELSE [] END |
       MERGE (a)-[n:NEEDS]->(k) SET n.weight = 0.2 + (i % 5) * 0.2, n.responses = 1 + i % 4, n.source = 'test'
       MERGE (a)-[m:NEEDS]->(k2) SET m.weight = 0.6, m.responses = 2, m.source = 'test')
     FOREACH (_ IN CASE WHEN a.kind = 'UNIVERSITY' THEN [1] ELSE [] END |
       MERGE (a)-[t:TEACHES]->(k) SET t.source = 'test')`,
    { dept: syntheticDepartment },
  );
}, 240_000);

afterAll(async () => {
  await deleteByPrefix(db, p);
  await db.close();
});

const RANKED = 'actor { id name } score rank';
const ACTOR = 'id name';
const GAP = `competency { id name } demand supply gap companyCount responses
  teachers { id } teachersWithinReach { id } exposedCompanies(first: 20) { id }`;
const SYNERGY = 'actor { id } score reasons { factor share value weight sentence }';
const PATH = 'hops cost explanation nodes { id } steps { type direction cost }';

const REPORT = `query($w: ID, $lang: Lang) { territoryReport(within: $w, lang: $lang) {
  within lang title dataDate
  figures {
    actorCount linkCount countsByKind { kind count } companyCount companiesMet surveyResponses eventsHeld
    innovationExport { innovatingShareExporting otherShareExporting innovatingCount otherCount }
    innovatingExportingCount otherExportingCount syntheticActorCount actorsBySource { source count synthetic } sentences
  }
  map { level indicator subTerritories { territory { id } actorCount companyCount } departmentCodes highlightedDepartmentCodes }
  network {
    hubs { ${RANKED} } brokers { ${RANKED} }
    communities { id name size countsByKind { kind count } members(first: 5) { id } } communityCount
    isolated { ${ACTOR} } density componentCount
    coverage { share coveredCount companyCount uncovered(first: 10) { id } }
    comparisons { within name actorCount companyCount coverageShare innovatingShareExporting otherShareExporting }
    departmentRank departmentCount sentences
  }
  competencies { themes { theme demand supply companyCount responses competencyCount } gaps { ${GAP} } sentences }
  partnerships {
    suggestions { company { id } synergies { ${SYNERGY} } }
    fundingPaths { from { id } funder { id } paths { ${PATH} } sentence }
    sentences
  }
  method { definitions sources { name licence usedFor } }
} }`;

const FIELDS = `query($w: ID) {
  networkShape(within: $w) {
    actorCount linkCount countsByKind { kind count } density componentCount
    hubs(first: 5) { ${RANKED} } brokers(first: 100) { ${RANKED} }
    communities { id name size countsByKind { kind count } members(first: 5) { id } }
    isolated { ${ACTOR} }
    coverage { share coveredCount companyCount uncovered(first: 10) { id } }
    innovationExport { innovatingShareExporting otherShareExporting innovatingCount otherCount }
  }
  competencyGaps(within: $w) { ${GAP} }
}`;

interface Report {
  figures: Record<string, unknown> & { actorCount: number; companyCount: number; surveyResponses: number };
  network: Record<string, unknown> & {
    hubs: unknown[];
    brokers: { score: number }[];
    communities: unknown[];
    communityCount: number;
    coverage: { uncovered: { id: string }[] };
    comparisons: { within: string | null; actorCount: number; companyCount: number; coverageShare: number }[];
  };
  competencies: {
    themes: { theme: string; demand: number; supply: number; companyCount: number; responses: number; competencyCount: number }[];
    gaps: { competency: { id: string }; demand: number; supply: number; companyCount: number; responses: number }[];
  };
  partnerships: {
    suggestions: { company: { id: string }; synergies: unknown[] }[];
    fundingPaths: { from: { id: string }; funder: { id: string }; paths: unknown[]; sentence: string }[];
  };
  map: { subTerritories: { territory: { id: string }; actorCount: number }[] };
}

interface Fields {
  networkShape: Record<string, unknown> & {
    actorCount: number;
    communities: unknown[];
    hubs: unknown[];
    brokers: { score: number }[];
    coverage: { companyCount: number; share: number };
  };
  competencyGaps: { competency: { id: string; properties?: unknown }; demand: number; responses: number }[];
}

async function reportAndFields(within: string | null) {
  const report = await gql<{ territoryReport: Report }>(server, REPORT, { w: within, lang: 'FR' });
  expect(report.errors).toBeUndefined();
  const fields = await gql<Fields>(server, FIELDS, { w: within });
  expect(fields.errors).toBeUndefined();
  return { report: report.data!.territoryReport, fields: fields.data! };
}

async function expectEqualToFields(within: string | null): Promise<Report> {
  const { report, fields } = await reportAndFields(within);
  const shape = fields.networkShape;
  const figures = report.figures;
  expect(figures.actorCount).toBe(shape.actorCount);
  expect(figures.linkCount).toBe(shape.linkCount);
  expect(figures.countsByKind).toEqual(shape.countsByKind);
  expect(figures.innovationExport).toEqual(shape.innovationExport);
  expect(figures.companyCount).toBe(shape.coverage.companyCount);
  expect(figures.surveyResponses).toBe(fields.competencyGaps.reduce((sum, gap) => sum + gap.responses, 0));

  const network = report.network;
  expect(network.hubs).toEqual(shape.hubs);
  // The report lists brokers that broker something (score > 0), in the field's order.
  expect(network.brokers).toEqual(shape.brokers.filter((b) => b.score > 0).slice(0, 5));
  expect(network.communities).toEqual(shape.communities.slice(0, 5));
  expect(network.communityCount).toBe(shape.communities.length);
  expect(network.isolated).toEqual(shape.isolated);
  expect(network.coverage).toEqual(shape.coverage);
  expect(network.density).toBe(shape.density);
  expect(network.componentCount).toBe(shape.componentCount);

  expect(report.competencies.gaps).toEqual(fields.competencyGaps);
  // Themes: the sums of their competencies' figures, every competency counted once.
  const themes = report.competencies.themes;
  expect(themes.reduce((sum, t) => sum + t.competencyCount, 0)).toBe(fields.competencyGaps.length);
  expect(themes.reduce((sum, t) => sum + t.responses, 0)).toBe(figures.surveyResponses);
  expect(themes.reduce((sum, t) => sum + t.demand, 0)).toBeCloseTo(fields.competencyGaps.reduce((sum, g) => sum + g.demand, 0), 3);

  // Suggestions: the synergies field for each SME the report names, the largest uncovered ones.
  expect(report.partnerships.suggestions.map((s) => s.company.id)).toEqual(network.coverage.uncovered.slice(0, 3).map((a) => a.id));
  for (const suggestion of report.partnerships.suggestions) {
    const answer = await gql<{ synergies: unknown[] }>(
      server,
      `query($id: ID!) { synergies(actorId: $id, kinds: [UNIVERSITY], first: 3) { ${SYNERGY} } }`,
      { id: suggestion.company.id },
    );
    expect(suggestion.synergies).toEqual(answer.data!.synergies);
  }
  for (const route of report.partnerships.fundingPaths) {
    const answer = await gql<{ synergyPaths: unknown[] }>(
      server,
      `query($from: ID!, $to: ID!) { synergyPaths(from: $from, to: $to, k: 1, maxHops: 4, lang: FR) { ${PATH} } }`,
      { from: route.from.id, to: route.funder.id },
    );
    expect(route.paths).toEqual(answer.data!.synergyPaths);
    // The route's sentence is the path's own explanation, in the report's language.
    if (route.paths.length) expect(route.sentence).toBe((answer.data!.synergyPaths[0] as { explanation: string }).explanation);
  }

  // Comparisons: each peer's numbers are its own networkShape's.
  for (const peer of network.comparisons) {
    const answer = await gql<Fields>(
      server,
      `query($w: ID) { networkShape(within: $w) { actorCount coverage { companyCount share } } }`,
      { w: peer.within },
    );
    expect(peer.actorCount).toBe(answer.data!.networkShape.actorCount);
    expect(peer.companyCount).toBe(answer.data!.networkShape.coverage.companyCount);
    expect(peer.coverageShare).toBe(answer.data!.networkShape.coverage.share);
  }
  // The map's sub-territories: each value is that sub-territory's own actor count.
  for (const sub of report.map.subTerritories.slice(0, 5)) {
    const answer = await gql<Fields>(server, `query($w: ID) { networkShape(within: $w) { actorCount } }`, { w: sub.territory.id });
    expect(sub.actorCount).toBe(answer.data!.networkShape.actorCount);
  }
  return report;
}

// Each case compares a whole report with several fields, and the first pays the planning of every
// query on a fresh Neo4j: on a loaded machine that is more than the default minute.
describe('territoryReport equals the fields it comes from', { timeout: 240_000 }, () => {
  it('on the Somme (article network)', async () => {
    const report = await expectEqualToFields('department:80');
    expect(report.network.departmentRank).toBeGreaterThanOrEqual(1);
  });

  it('on Hauts-de-France (article network)', async () => {
    const report = await expectEqualToFields('region:32');
    expect(report.map.subTerritories.length).toBeGreaterThan(0);
    expect(report.network.comparisons.map((c) => c.within)).toEqual([null]);
  });

  it('on the CC du Pays du Coquelicot, where the Albert workshop was held', async () => {
    await expectEqualToFields('epci:248000747');
  });

  it('on the whole network', async () => {
    await expectEqualToFields(null);
  });

  it('on a synthetic département', async () => {
    const report = await expectEqualToFields(syntheticDepartment);
    expect(report.figures.actorCount).toBe(240);
    expect(report.competencies.gaps.length).toBeGreaterThan(0);
    expect(report.partnerships.suggestions.length).toBe(3);
  });

  it('is made ready at start by the report of a small département', async () => {
    const done = await prepareReports(db);
    expect(done?.within).toMatch(/^department:/);
    expect(done?.ms).toBeGreaterThan(0);
  });

  it('says NOT_FOUND for an unknown territory, in the words of the other fields', async () => {
    const answer = await gql(server, `{ territoryReport(within: "department:999") { title } }`);
    expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(answer.errors?.[0]?.message).toBe('No territory with id "department:999".');
  });

  it('writes its sentences in French by default and in English on request', async () => {
    const query = `query($lang: Lang) { territoryReport(within: "region:32", lang: $lang) { lang title figures { sentences } } }`;
    const fr = await gql<{ territoryReport: { lang: string; title: string; figures: { sentences: string[] } } }>(server, query, {});
    expect(fr.data!.territoryReport.lang).toBe('FR');
    expect(fr.data!.territoryReport.title).toBe('Hauts-de-France (région)');
    expect(fr.data!.territoryReport.figures.sentences[0]).toMatch(/acteurs? .* reliés? par .* liens?/);
    const en = await gql<{ territoryReport: { lang: string; figures: { sentences: string[] } } }>(server, query, { lang: 'EN' });
    expect(en.data!.territoryReport.figures.sentences[0]).toMatch(/actors? .* joined by .* links?/);
  });
});
