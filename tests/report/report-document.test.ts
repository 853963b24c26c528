/**
 * The report as a user gets it: GET /report/<territory> (HTML), .pdf (printed by Debian's Chromium),
 * .xlsx and /<table>.csv, on the article's network (Hauts-de-France's geography, the framework, the
 * article). The PDF's text (pdftotext) must hold the headings and the figures networkShape gives;
 * its pages, rendered by pdftoppm, must not be blank. Documents and page images are written to
 * test-results/report/ (the README's images come from there).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { closePdfBrowser, crashPdfBrowserForTest, htmlToPdf, pdfBrowserState } from '../../src/report/pdf.ts';
import { gql, testDatabase, testServer } from '../support/harness.ts';
import { hautsDeFrance } from './support.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTEFACTS = path.resolve('test-results', 'report');
const db = testDatabase();
const server = testServer(db);

beforeAll(async () => {
  await seed(db, geographySource(hautsDeFrance(loadGeographyData())));
  await seed(db, resolveSource('framework'));
  await seed(db, resolveSource('article'));
  mkdirSync(ARTEFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await closePdfBrowser();
  await db.close();
});

async function get(url: string): Promise<Response> {
  return server.fetch(`http://maillage.test${url}`, { method: 'GET' });
}

async function shapeOf(within: string | null) {
  const answer = await gql<{ networkShape: { actorCount: number; linkCount: number; hubs: { actor: { name: string } }[] } }>(
    server,
    `query($w: ID) { networkShape(within: $w) { actorCount linkCount hubs(first: 1) { actor { name } } } }`,
    { w: within },
  );
  return answer.data!.networkShape;
}

/** Share of pixels that are not white on a page rendered in grey (PGM: header, then one byte a pixel). */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('not a PGM image');
  const [, width, height] = header.map(Number) as [number, number, number];
  const pixels = pgm.subarray(pgm.length - width * height);
  let ink = 0;
  for (const value of pixels) if (value < 200) ink += 1;
  return ink / pixels.length;
}

const HEADINGS_FR = [
  'Synthèse territoriale',
  '1. Le territoire en chiffres',
  '2. Carte du territoire',
  '3. Le réseau',
  '4. Besoins et offre de compétences',
  '5. Partenariats recommandés',
  '6. Méthode, définitions et sources',
];

async function checkPdf(within: string, name: string, title: string) {
  const response = await get(`/report/${within}.pdf`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(ARTEFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);

  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const heading of HEADINGS_FR) expect(text).toContain(heading);
  expect(text).toContain(title);
  const shape = await shapeOf(within);
  // The figures of section 1, as networkShape gives them.
  // The table of section 1 (pdftotext -layout keeps a row on one line).
  expect(text).toMatch(new RegExp(`\\n\\s*Acteurs\\s+${shape.actorCount}\\n`));
  expect(text).toMatch(new RegExp(`\\n\\s*Liens\\s+${shape.linkCount}\\n`));
  if (shape.hubs[0]) expect(text).toContain(shape.hubs[0].actor.name);
  expect(text).toContain('Licence Ouverte');

  // Every page rendered, none blank.
  const prefix = path.join(ARTEFACTS, `${name}-page`);
  for (const old of readdirSync(ARTEFACTS).filter((f) => f.startsWith(`${name}-page`))) rmSync(path.join(ARTEFACTS, old));
  execFileSync('pdftoppm', ['-gray', '-r', '40', file, prefix]);
  const pages = readdirSync(ARTEFACTS).filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.pgm')).sort();
  expect(pages.length).toBeGreaterThanOrEqual(6);
  for (const page of pages) expect(inkShare(readFileSync(path.join(ARTEFACTS, page)))).toBeGreaterThan(0.005);
  // Colour images of the first pages, for people to look at.
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '3', file, path.join(ARTEFACTS, `${name}-png`)]);
  return text;
}

describe.skipIf(!existsSync(CHROMIUM))('the report as PDF (Chromium)', () => {
  it('Hauts-de-France (region:32): headings, figures, no blank page', async () => {
    const text = await checkPdf('region:32', 'hauts-de-france', 'Hauts-de-France (région)');
    // The map names the région's départements.
    expect(text).toContain('Somme');
  }, 120_000);

  it('the Somme (department:80): headings, figures, no blank page', async () => {
    const text = await checkPdf('department:80', 'somme', 'Somme (département)');
    expect(text).toMatch(/se classe (1er|\d+e) sur \d+ départements/);
  }, 120_000);

  it('prints every PDF in one warm Chromium, a bounded number at once, launched again when it dies', async () => {
    await closePdfBrowser();
    const page = (n: number) => `<!doctype html><html><body><h1>Page ${n}</h1></body></html>`;
    const before = pdfBrowserState().launches;
    // One page at a time: three PDFs asked together wait their turn in one browser.
    const three = [1, 2, 3].map((n) => htmlToPdf(page(n), 'test', { pages: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pdfBrowserState()).toMatchObject({ printing: 1, waiting: 2 });
    for (const pdf of await Promise.all(three)) expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBrowserState()).toMatchObject({ running: true, launches: before + 1, printing: 0, waiting: 0 });
    await crashPdfBrowserForTest();
    const after = await htmlToPdf(page(4), 'test');
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBrowserState().launches).toBe(before + 2);
    await closePdfBrowser();
    expect(pdfBrowserState().running).toBe(false);
  }, 120_000);

  it('in English on request', async () => {
    const response = await get('/report/region:32.pdf?lang=en');
    expect(response.status).toBe(200);
    const file = path.join(ARTEFACTS, 'hauts-de-france-en.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('1. The territory in figures');
    expect(text).toContain('6. Method, definitions and sources');
  }, 120_000);
});

describe('the report as HTML, CSV and XLSX', () => {
  it('serves the whole network and any territory as HTML, French by default', async () => {
    const whole = await get('/report/network');
    expect(whole.status).toBe(200);
    const html = await whole.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Ensemble du réseau');
    // Charts and map are SVG drawn by Vega (its renderer marks them class="marks").
    expect(html).toMatch(/<svg[^>]+class="marks"/);
    const somme = await (await get('/report/department:80?lang=en')).text();
    expect(somme).toContain('<html lang="en">');
    expect(somme).toContain('Somme (département)');
  });

  it('says in French what is missing: an unknown territory, an unknown table', async () => {
    const missing = await get('/report/department:999');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Aucun territoire ne porte l’identifiant demandé. No territory with id "department:999".');
    const table = await get('/report/region:32/nothing.csv');
    expect(table.status).toBe(404);
    expect(await table.text()).toContain('No table "nothing" in the report; the tables are: figures, kinds,');
  });

  it('gives each section\'s figures as CSV, equal to the API\'s', async () => {
    const response = await get('/report/region:32/figures.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('maillage-region-32-figures-fr.csv');
    const csv = (await response.text()).replace(/^\uFEFF/, '');
    const shape = await shapeOf('region:32');
    expect(csv.split(/\r?\n/)[0]).toBe('Indicateur,Valeur');
    expect(csv).toContain(`Acteurs,${shape.actorCount}`);
    expect(csv).toContain(`Liens,${shape.linkCount}`);
    const gaps = await (await get('/report/region:32/gaps.csv')).text();
    const api = await gql<{ competencyGaps: unknown[] }>(server, '{ competencyGaps(within: "region:32") { demand } }');
    expect(gaps.trim().split(/\r?\n/).length).toBe(1 + api.data!.competencyGaps.length);
  });

  it('gives every table in one XLSX workbook', async () => {
    const response = await get('/report/region:32.xlsx');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('1-figures')!;
    expect(sheet.getRow(2).values).toEqual([undefined, 'Acteurs', (await shapeOf('region:32')).actorCount]);
    expect(workbook.worksheets.map((w) => w.name)).toContain('4-gaps');
  });

  it('keeps the HTML where Chromium is missing, and says why the PDF is not there', async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const pdf = await get('/report/epci:248000747.pdf');
      expect(pdf.status).toBe(503);
      expect(await pdf.text()).toContain('Le PDF demande Chromium, absent de ce serveur ; la version HTML du rapport reste disponible.');
      expect((await get('/report/epci:248000747')).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('asks for an API key when reads need one (MAILLAGE_READS=key), as GraphQL does', async () => {
    const reader = newApiKey('report-reader', 'reader');
    const config = loadConfig({ MAILLAGE_API_KEYS: reader.entry, MAILLAGE_READS: 'key' });
    const closed = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
    const anonymous = await closed.fetch('http://maillage.test/report/region:32/figures.csv');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe('Ce rapport demande une clé d’API (en-tête x-api-key).');
    const wrong = await closed.fetch('http://maillage.test/report/region:32/figures.csv', { headers: { 'x-api-key': 'not-a-key' } });
    expect(wrong.status).toBe(401);
    const allowed = await closed.fetch('http://maillage.test/report/region:32/figures.csv', { headers: { 'x-api-key': reader.key } });
    expect(allowed.status).toBe(200);
  });
});
