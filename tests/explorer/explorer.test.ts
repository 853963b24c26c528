/**
 * The explorer in a real browser: Debian's Chromium driven by playwright-core, against the real
 * service (yoga on a socket) over the test run's Neo4j, with the article's network, the competency
 * framework and the geography of Hauts-de-France seeded, then a synthetic network for a département.
 * Screenshots go to test-results/explorer/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/explorer-build.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { type GeographyData, geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { syntheticSource } from '../../src/seed/synthetic.ts';
import { testDatabase, testServer, uniquePrefix } from '../support/harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTEFACTS = path.resolve('test-results', 'explorer');
/** Bounded waits: a loaded CI machine computes shapes in seconds, never in minutes. */
const WAIT = 45_000;

const db = testDatabase();
const prefix = `${uniquePrefix('xp')}:`;
let http: Server;
let baseUrl: string;
let profile: string;
let browser: BrowserContext;
let page: Page;

/** Only Hauts-de-France (the article's région): the whole of France would take minutes to seed. */
function hautsDeFrance(data: GeographyData): GeographyData {
  const communes = data.communes.filter((c) => c.region === '32');
  const codes = new Set(communes.map((c) => c.code));
  return {
    regions: data.regions.filter((r) => r.code === '32'),
    departements: data.departements.filter((d) => d.region === '32'),
    communes,
    epci: data.epci.filter((e) => e.membres.some((m) => codes.has(m.code))),
  };
}

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  // Idempotent sets, safe in the database other tests share.
  await seed(db, geographySource(hautsDeFrance(loadGeographyData())));
  await seed(db, resolveSource('framework'));
  await seed(db, resolveSource('article'));

  http = createServer(testServer(db));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  mkdirSync(ARTEFACTS, { recursive: true });
  profile = mkdtempSync(path.join(os.tmpdir(), 'maillage-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // WebGL without a GPU: software rendering, which sigma needs.
      '--enable-unsafe-swiftshader',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(WAIT);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  await db.write(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.id STARTS WITH $answers
     CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS`,
    { prefix, answers: `answer:${prefix}` },
  ).catch(async () => {
    // CALL IN TRANSACTIONS needs an implicit transaction; fall back to batches in managed ones.
    for (;;) {
      const [row] = await db.write<{ n: number }>(
        `MATCH (n:Entity) WHERE n.id STARTS WITH $prefix OR n.id STARTS WITH $answers
         WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS n`,
        { prefix, answers: `answer:${prefix}` },
      );
      if (!row || row.n === 0) break;
    }
  });
  await db.close();
}, 120_000);

async function pickOption(inputId: string, text: string, optionText: RegExp): Promise<void> {
  const input = page.locator(`#${inputId}`);
  await input.fill('');
  await input.pressSequentially(text, { delay: 20 });
  const option = page.locator(`#${await input.getAttribute('aria-controls')} li[role=option]`, { hasText: optionText }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
}

const graphState = async () =>
  page.locator('#graph').evaluate((el: HTMLElement) => ({ ...el.dataset }) as Record<string, string | undefined>);

describe('the network explorer, in Chromium', () => {
  it('serves a landing page linking the API and the explorer, and the page from /explore', async () => {
    await page.goto(`${baseUrl}/`);
    await expect(page.locator('a[href="/explore/"]').count()).resolves.toBe(1);
    await expect(page.locator('a[href="/graphql"]').count()).resolves.toBe(1);
    const response = await page.goto(`${baseUrl}/explore`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}/explore/`); // no state yet: no hash
    // The whole network: in a full test run other suites' data is there too, hence a longer bound.
    await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 2 * WAIT });
    expect(Number((await graphState()).nodes)).toBeGreaterThan(10);
    await expect(page.locator('#status').textContent()).resolves.toMatch(/the whole network: [\d,]+ actors/);
    // Every control has a label a screen reader reads.
    for (const id of ['territory-input', 'actor-search', 'colour-by', 'size-by', 'path-from', 'path-to']) {
      await expect(page.locator(`label[for="${id}"]`).count()).resolves.toBe(1);
    }
  });

  it('finds UTC by its short name and shows its card and suggested partners', async () => {
    await pickOption('actor-search', 'UTC', /Compiègne/);
    const card = page.locator('#actor-card .card[data-actor-id="utc"]');
    await card.waitFor();
    await expect(card.locator('#actor-name').textContent()).resolves.toBe('Université de technologie de Compiègne');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('University');
    expect(text).toContain('Compiègne');
    expect(text).toMatch(/\d+ partners? in this graph/);
    await page.locator('#partners li').first().waitFor();
    expect(await page.locator('#partners li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTEFACTS, 'utc-card.png') });
  });

  it('draws the synergy path from ALTYTUD to Bpifrance, highlighted, with its explanation beside it', async () => {
    await pickOption('path-from', 'altytud', /ALTYTUD/);
    await pickOption('path-to', 'bpifrance', /Bpifrance/);
    await page.locator('#path-go').click();
    const explanation = page.locator('#paths li.first .explanation');
    await explanation.waitFor();
    const sentence = (await explanation.textContent()) ?? '';
    expect(sentence).toMatch(/ALTYTUD/);
    expect(sentence).toMatch(/Bpifrance|BPI France/); // the sentence may use the short name
    expect(await page.locator('#paths li.first .steps li').count()).toBeGreaterThan(0);
    // The path's nodes are lit on the graph (both ends and what lies between).
    await page.waitForFunction(() => Number(document.getElementById('graph')?.dataset.highlighted) >= 2);
    await page.waitForTimeout(600); // the camera's move to the path
    await page.screenshot({ path: path.join(ARTEFACTS, 'article-network-path.png') });
  });

  it('switches to a synthetic département: the graph and the shape panel change', async () => {
    // 3,000 synthetic actors placed by population: the Nord (2.6 M people) gets about a hundred.
    await seed(db, syntheticSource({ seed: 11, actors: 3000, prefix }));
    const before = await graphState();
    const actorsBefore = await page.locator('#shape dd[data-measure="Actors"]').textContent();
    await page.locator('#path-clear').click();
    await pickOption('territory-input', 'Nord', /département 59/);
    await page.locator('#graph[data-state="ready"][data-territory="department:59"]').waitFor();
    const after = await graphState();
    expect(after.territory).toBe('department:59');
    expect(Number(after.nodes)).toBeGreaterThan(20);
    expect(after.nodes).not.toBe(before.nodes);
    await expect(page.locator('#status').textContent()).resolves.toContain('Nord (département)');
    // The shape panel now describes the département. (Its count is not compared with the drawn
    // graph's: other suites may add actors in the Nord between the two queries.)
    await page.locator('#shape[data-territory="department:59"] #shape-numbers').waitFor();
    const actorsAfter = (await page.locator('#shape dd[data-measure="Actors"]').textContent()) ?? '';
    expect(actorsAfter).not.toBe(actorsBefore);
    expect(Number(actorsAfter.replace(/,/g, ''))).toBeGreaterThan(20);
    await page.locator('#gaps .bar-row, #gaps .hint').first().waitFor();
    expect(await page.locator('#gaps .bar-row').count()).toBeGreaterThan(0);
    await page.selectOption('#colour-by', 'community');
    await page.waitForFunction(() => document.getElementById('graph')?.dataset.layout === 'done', undefined, { timeout: 15_000 });
    await page.locator('#shape-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTEFACTS, 'synthetic-department.png') });
  }, 180_000);

  it('explains that /explore needs a build when there is none', async () => {
    expect(existsSync(path.resolve('explorer', 'dist', 'index.html'))).toBe(true);
    const { useExplorer } = await import('../../src/graphql/plugins/explorer.ts');
    const { createYoga } = await import('graphql-yoga');
    const { buildSchema } = await import('../../src/graphql/schema.ts');
    const yoga = createYoga({ schema: buildSchema(), plugins: [useExplorer(path.join(os.tmpdir(), 'no-such-explorer-build'))], logging: false });
    const response = await yoga.fetch('http://maillage.test/explore/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:explorer');
  });

  it('serves built files with their content types, and nothing outside the build', async () => {
    const yoga = testServer(db);
    const index = await yoga.fetch('http://maillage.test/explore/');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = (await index.text()).match(/src="\.\/(assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await yoga.fetch(`http://maillage.test/explore/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const escape = await yoga.fetch('http://maillage.test/explore/%2e%2e/%2e%2e/package.json');
    expect(escape.status).toBe(404);
    expect((await yoga.fetch('http://maillage.test/explore/no-such-file.js')).status).toBe(404);
  });
});
