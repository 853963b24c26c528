// Every figure and date of the article, read through GraphQL on the database as `npm start` seeds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { seedAsStart } from './seeded.ts';

const db = testDatabase();
const server = testServer(db);

beforeAll(async () => {
  await seedAsStart(db);
}, 240_000);

afterAll(async () => {
  await db.close();
});

async function query<T>(text: string): Promise<T> {
  const res = await gql<T>(server, text);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const FACTS = `{
  tour: node(id: "event:tour-2019") {
    ... on Event {
      name kind edition startDate endDate goal output stops stopsInHautsDeFrance establishments establishmentsNote
      companies questionnaires questionnairesNote localSupporters
      exportRateWithoutInnovation exportRateWithInnovation exportNote
    }
  }
  closing: node(id: "event:tour-2019-closing") { ... on Event { date venue } }
  workshop: node(id: "event:albert-workshop-2019") { ... on Event { date topics } }
  innovent: actor(id: "innovent-e") { ... on Institute { shortName founded legalForm purpose mission trainingThemes approachStarted } }
  bpi: actor(id: "bpifrance") { name ... on Funder { shortName category } }
  pascal: node(id: "person:pascal-alberti") { ... on Person { name title } }
  programs(first: 10) { totalCount edges { node { id name shortName fullName started launched } } }
}`;

interface Facts {
  tour: Record<string, unknown>;
  closing: { date: string; venue: string };
  workshop: { date: string; topics: string[] };
  innovent: Record<string, unknown>;
  bpi: { name: string; shortName: string | null; category: string };
  pascal: { name: string; title: string };
  programs: { totalCount: number; edges: { node: { id: string; name: string; shortName: string | null; fullName: string | null; started: number | null } }[] };
}

describe("the article's facts through GraphQL", () => {
  it('the tour: 40 stops, 4 in the Hauts-de-France, about 30 establishments, 1,000 companies, 10,000 questionnaires, June to October 2019', async () => {
    const { tour } = await query<Facts>(FACTS);
    expect(tour).toMatchObject({
      kind: 'tour',
      edition: 1,
      startDate: '2019-06',
      endDate: '2019-10',
      stops: 40,
      stopsInHautsDeFrance: 4,
      establishments: 30,
      companies: 1000,
      questionnaires: 10000,
    });
    expect(tour.establishmentsNote).toMatch(/trentaine/);
    expect(tour.questionnairesNote).toMatch(/dix mille/);
    expect(tour.goal).toMatch(/recenser les besoins des PME-PMI/);
    expect(tour.output).toMatch(/ministère de l'Économie/);
  });

  it('1 in 20 companies exports without innovating, 1 in 2 with', async () => {
    const { tour } = await query<Facts>(FACTS);
    expect(tour.exportRateWithoutInnovation).toBe(1 / 20);
    expect(tour.exportRateWithInnovation).toBe(1 / 2);
    expect(tour.exportNote).toMatch(/une entreprise sur vingt.*une sur deux/);
  });

  it('the closing on 7 October 2019 at the CCI de l\'Aisne; the Albert workshop in September 2019', async () => {
    const { closing, workshop } = await query<Facts>(FACTS);
    expect(closing).toEqual({ date: '2019-10-07', venue: "CCI de l'Aisne" });
    expect(workshop.date).toBe('2019-09');
    expect(workshop.topics).toHaveLength(3);
  });

  it('InnovENT-E: founded in 2018, its purpose and mission, ICE themes, the approach started in 2012', async () => {
    const { innovent } = await query<Facts>(FACTS);
    expect(innovent).toMatchObject({
      shortName: 'InnovENT-E',
      founded: 2018,
      legalForm: 'fondation partenariale',
      trainingThemes: ['innovation', 'creativity', 'entrepreneurship'],
      approachStarted: 2012,
    });
    expect(innovent.purpose).toMatch(/^promouvoir le développement des compétences en innovation/);
    expect(innovent.mission).toMatch(/maillage de réseaux territoriaux/);
  });

  it('programmes: the IDEFI of 2011 in the PIA, Territoires d\'industrie of 2018', async () => {
    const { programs } = await query<Facts>(FACTS);
    const byId = new Map(programs.edges.map((e) => [e.node.id, e.node]));
    expect(byId.get('program:idefi-innovent-e')).toMatchObject({ started: 2011, fullName: expect.stringContaining('Formations Innovantes') });
    expect(byId.get('program:territoires-industrie')).toMatchObject({ started: 2018 });
    expect(byId.get('program:pia')).toMatchObject({ shortName: 'PIA' });
  });

  it('funders: Bpifrance is named Bpifrance, a public bank; Pascal Alberti has his title', async () => {
    const { bpi, pascal } = await query<Facts>(FACTS);
    expect(bpi).toEqual({ name: 'Bpifrance', shortName: null, category: 'public bank' });
    expect(pascal.title).toMatch(/^directeur de l'innovation/);
  });

  it('events(within: "region:32"): the tour and its stops held in the Hauts-de-France', async () => {
    const res = await query<{ events: { totalCount: number; edges: { node: { id: string } }[] }; stops: { totalCount: number } }>(
      `{ events(within: "region:32") { totalCount edges { node { id } } } stops: events(kind: "stop") { totalCount } }`,
    );
    expect(res.events.edges.map((e) => e.node.id)).toEqual([
      'event:albert-workshop-2019',
      'event:tour-2019',
      'event:tour-2019-albert',
      'event:tour-2019-saint-quentin',
    ]);
    expect(res.stops.totalCount).toBe(2);
  });

  it('competencies: the framework by theme, with keyset pages', async () => {
    const all = await query<{ competencies: { totalCount: number; edges: { node: { id: string; theme: string } }[] } }>(
      `{ competencies(theme: "international", first: 100) { totalCount edges { node { id theme } } } }`,
    );
    expect(all.competencies.totalCount).toBeGreaterThan(1);
    expect(all.competencies.edges.every((e) => e.node.theme === 'international')).toBe(true);
    const first = await query<{ competencies: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
      `{ competencies(first: 2) { edges { node { id } } pageInfo { endCursor } } }`,
    );
    const next = await gql<{ competencies: { edges: { node: { id: string } }[] } }>(
      server,
      `query($after: String) { competencies(first: 2, after: $after) { edges { node { id } } } }`,
      { after: first.competencies.pageInfo.endCursor },
    );
    const ids = [...first.competencies.edges, ...next.data!.competencies.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual([...ids].sort());
  });
});
