/**
 * The explorer in a real browser: Debian's Chromium driven by playwright-core, against the real
 * service (yoga on a socket) over the test run's Neo4j, with the article's network, the competency
 * framework and the geography of Hauts-de-France seeded, then a synthetic network for a département.
 * Screenshots go to test-results/explorer/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/explorer-build.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { geographyPart, geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { syntheticSource } from '../../src/seed/synthetic.ts';
import { type BrowserRig, openBrowser } from './browser.ts';
import { testDatabase, testServer, uniquePrefix } from '../support/harness.ts';

const ARTEFACTS = path.resolve('test-results', 'explorer');
/** Bounded waits: a loaded CI machine computes shapes in seconds, never in minutes. */
const WAIT = 45_000;

const db = testDatabase();
const prefix = `${uniquePrefix('xp')}:`;
let rig: BrowserRig | undefined;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;

/**
 * Nine actors of Albert (Somme, commune 80016) with long names, one of them linked to the eight
 * others: a small graph whose labels must all show without overlap, a card with 8 links, and actors
 * the map must draw inside the Somme.
 */
const ALBERT = 'commune:80016';
const albertIds = Array.from({ length: 9 }, (_, i) => `${prefix}albert-${i}`);
const ALBERT_NAMES = [
  'Délégation interministérielle aux restructurations d’entreprises',
  'CPME',
  'Chambre de commerce et d’industrie Amiens-Picardie',
  'Aérolia Méaulte',
  'Lycée professionnel Pierre Mendès France',
  'Communauté de communes du Pays du Coquelicot',
  'Agence de développement économique de la Somme',
  'Pôle de compétitivité aéronautique',
  'Maison de l’emploi',
];
function albertSource() {
  return arraySource('explorer-test-albert', {
    nodes: albertIds.map((id, i) => ({
      id,
      labels: ['Actor', i === 3 ? 'Company' : 'LocalAuthority'],
      properties: { name: ALBERT_NAMES[i]!, kind: i === 3 ? 'COMPANY' : 'LOCAL_AUTHORITY', source: 'explorer-test' },
      origin: `explorer test ${i}`,
    })),
    relationships: [
      ...albertIds.map((id) => ({ type: 'LOCATED_IN', from: id, to: ALBERT, properties: {}, origin: 'explorer test' })),
      ...albertIds.slice(1).map((id) => ({ type: 'PARTNER_OF', from: albertIds[0]!, to: id, properties: {}, origin: 'explorer test' })),
    ],
  });
}

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  // Idempotent sets, safe in the database other tests share.
  // Hauts-de-France only (the article's région): the whole of France would take minutes to seed.
  await seed(db, geographySource(geographyPart(loadGeographyData(), { region: '32' })));
  await seed(db, resolveSource('framework'));
  await seed(db, resolveSource('article'));
  await seed(db, albertSource());


  mkdirSync(ARTEFACTS, { recursive: true });
  rig = await openBrowser(testServer(db), { viewport: { width: 1440, height: 900 } }, WAIT);
  ({ baseUrl, browser, page } = rig);
}, 240_000);

afterAll(async () => {
  await rig?.close();
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

/** A fresh tab on a URL, as a person opening a shared link would. */
async function freshPage(url: string): Promise<Page> {
  const fresh = await browser.newPage();
  fresh.setDefaultTimeout(WAIT);
  await fresh.goto(url);
  return fresh;
}

/** Waits for the drawing to be ready and the layout to have stopped (then the camera stays put). */
async function settled(on: Page, territory: string): Promise<void> {
  await on.locator(`#graph[data-state="ready"][data-territory="${territory}"]`).waitFor();
  // The communities arrive with the shape and lay the graph out again: wait for that layout too.
  await on.locator(`#shape[data-territory="${territory}"]`).waitFor({ state: 'attached' });
  await on.waitForFunction(() => document.getElementById('graph')?.dataset.layout === 'done', undefined, { timeout: 20_000 });
  await on.waitForTimeout(700); // the camera's last move (400 ms)
}

interface Shown {
  focused: string | undefined;
  at: { x: number; y: number; width: number; height: number } | undefined;
}
const shownActor = (on: Page, id: string): Promise<Shown> =>
  on.evaluate((actor) => {
    const view = (window as unknown as { explorer: { view: { viewportOf(id: string): Shown['at'] } } }).explorer.view;
    return { focused: document.getElementById('graph')?.dataset.focused, at: view.viewportOf(actor) };
  }, id);

/** The actor is the focus, and drawn in the middle third of the drawing. */
function expectCentred(shown: Shown, id: string): void {
  expect(shown.focused).toBe(id);
  expect(shown.at).toBeDefined();
  const { x, y, width, height } = shown.at!;
  expect(Math.abs(x - width / 2)).toBeLessThan(width / 6);
  expect(Math.abs(y - height / 2)).toBeLessThan(height / 6);
}

describe('links that name a view open it, in a fresh page', () => {
  for (const hash of ['#a=utc', '#t=region:32&a=utc', '#t=department:80&a=utc']) {
    it(`${hash} opens with UTC centred and highlighted, and its card`, async () => {
      const tab = await freshPage(`${baseUrl}/explore/${hash}`);
      try {
        const territory = new URLSearchParams(hash.slice(1)).get('t') ?? '';
        await settled(tab, territory);
        await tab.locator('#actor-card .card[data-actor-id="utc"]').waitFor();
        await tab.waitForTimeout(700); // a visitor (UTC is not in the Somme) is added with the card
        expectCentred(await shownActor(tab, 'utc'), 'utc');
        await tab.screenshot({ path: path.join(ARTEFACTS, `deep-link-${territory || 'all'}.png`) });
      } finally {
        await tab.close();
      }
    }, 120_000);
  }

  it('applies a hash changed in the same tab', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=department:80`);
    try {
      await settled(tab, 'department:80');
      await tab.evaluate(() => (window.location.hash = '#t=region:32&a=utc'));
      await settled(tab, 'region:32');
      await tab.locator('#actor-card .card[data-actor-id="utc"]').waitFor();
      expectCentred(await shownActor(tab, 'utc'), 'utc');
      await tab.evaluate(() => (window.location.hash = '#t=region:32&a=altytud'));
      await tab.locator('#actor-card .card[data-actor-id="altytud"]').waitFor();
      await tab.waitForTimeout(700);
      expect((await shownActor(tab, 'altytud')).focused).toBe('altytud');
    } finally {
      await tab.close();
    }
  }, 120_000);

  it('reopens a synergy path, the colouring and the language from the URL', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=region:32&from=altytud&to=bpifrance&c=community&l=en`);
    try {
      await tab.locator('#paths li.first .explanation').waitFor();
      await expect(tab.locator('label[for="territory-input"]').textContent()).resolves.toBe('Territory');
      await expect(tab.locator('#colour-by').inputValue()).resolves.toBe('community');
      await tab.waitForFunction(() => Number(document.getElementById('graph')?.dataset.highlighted) >= 2);
      expect(await tab.locator('#path-from').inputValue()).toMatch(/ALTYTUD/);
    } finally {
      await tab.close();
    }
  }, 120_000);
});

describe('the territory box', () => {
  it('finds communes, EPCIs and régions from the first keystrokes, before any département is opened', async () => {
    const tab = await freshPage(`${baseUrl}/explore/`);
    try {
      const input = tab.locator('#territory-input');
      for (const [typed, expected] of [
        ['amiens', /^Amiens/],
        ['Compiegne', /^Compiègne/],
        ['Coquelicot', /Coquelicot/],
        ['Hauts de France', /^Hauts-de-France/],
      ] as const) {
        await input.fill('');
        await input.pressSequentially(typed, { delay: 20 });
        await tab.locator('#territory-options li[role=option] .option-label', { hasText: expected }).first().waitFor();
      }
      await tab.locator('#territory-options li[role=option]', { hasText: /^Hauts-de-France/ }).first().click();
      await settled(tab, 'region:32');
    } finally {
      await tab.close();
    }
  }, 120_000);
});

describe('readable at every size', () => {
  it('labels every actor of a small graph without overlap, nothing clipped', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=${ALBERT}`);
    try {
      await settled(tab, ALBERT);
      const drawing = await tab.evaluate(() => {
        const view = (window as unknown as {
          explorer: { view: { graph: { order: number; nodes(): string[]; getNodeAttribute(n: string, k: string): number }; drawnLabels(): { id: string; x: number; y: number; width: number; height: number }[]; viewportOf(id: string): { x: number; y: number; width: number; height: number } } };
        }).explorer.view;
        return {
          order: view.graph.order,
          labels: view.drawnLabels(),
          nodes: view.graph.nodes().map((id) => ({ id, size: view.graph.getNodeAttribute(id, 'size'), ...view.viewportOf(id) })),
        };
      });
      expect(drawing.order).toBeGreaterThan(2);
      expect(drawing.order).toBeLessThan(80);
      // Every actor has its label, exactly once: beside its node when one of the four places there
      // is free, else at the nearest free place with a leader line (a force layout of a dozen actors
      // left one or two unlabelled before, seen in CI: 12 and 11 of 13)...
      const labelled = drawing.labels.map((l) => l.id).sort();
      expect(labelled).toEqual(drawing.nodes.map((n) => n.id).sort());
      // ...no two labels overlap, and labels and nodes stay inside the drawing.
      for (const [i, a] of drawing.labels.entries()) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.y).toBeGreaterThanOrEqual(0);
        for (const b of drawing.labels.slice(i + 1)) {
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap, `${JSON.stringify(a)} over ${JSON.stringify(b)}`).toBe(false);
        }
      }
      for (const n of drawing.nodes) {
        expect(n.x - n.size).toBeGreaterThanOrEqual(0);
        expect(n.y - n.size).toBeGreaterThanOrEqual(0);
        expect(n.x + n.size).toBeLessThanOrEqual(n.width);
        expect(n.y + n.size).toBeLessThanOrEqual(n.height);
      }
      await tab.screenshot({ path: path.join(ARTEFACTS, 'albert-labels.png') });
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("says how many links an actor has and shows them all", async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=${ALBERT}&a=${encodeURIComponent(albertIds[0]!)}`);
    try {
      const card = tab.locator(`#actor-card .card[data-actor-id="${albertIds[0]}"]`);
      await card.waitFor();
      const heading = (await card.locator('#links-heading').textContent()) ?? '';
      const count = Number(heading.match(/Liens \((\d+)\)/)?.[1]);
      expect(count).toBe(9); // 8 partners and its commune
      const list = card.locator('ul.links');
      expect(await list.locator('li').count()).toBe(count);
      // Nothing hidden in an inner scroll box: the list is as tall as its content.
      const box = await list.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
      expect(box.scroll).toBeLessThanOrEqual(box.client + 1);
    } finally {
      await tab.close();
    }
  }, 120_000);
});

interface MapProbe {
  inspect(id: string): { x: number; y: number; department: string | undefined } | undefined;
  pointIn(code: string): { x: number; y: number } | undefined;
}
const mapOf = (on: Page) => ({
  inspect: (id: string) => on.evaluate((a) => (window as unknown as { explorer: { map: MapProbe } }).explorer.map.inspect(a), id),
  pointIn: (code: string) => on.evaluate((c) => (window as unknown as { explorer: { map: MapProbe } }).explorer.map.pointIn(c), code),
});

describe('the map of France', () => {
  it('draws an actor of Albert inside the Somme, and clicking the Somme opens it', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=region:32&v=map`);
    try {
      await tab.locator('#map[data-state="ready"][data-territory="region:32"]').waitFor();
      await tab.waitForTimeout(500);
      const albert = await mapOf(tab).inspect(albertIds[3]!);
      expect(albert).toBeDefined();
      expect(albert!.department).toBe('80');
      // The network's links are drawn between places, and the layout switch keeps the page's state.
      expect(Number(await tab.locator('#map').getAttribute('data-actors'))).toBeGreaterThanOrEqual(9);
      const somme = await mapOf(tab).pointIn('80');
      expect(somme).toBeDefined();
      const box = (await tab.locator('#map').boundingBox())!;
      await tab.mouse.click(box.x + somme!.x, box.y + somme!.y);
      await tab.locator('#map[data-state="ready"][data-territory="department:80"]').waitFor();
      expect(tab.url()).toContain('t=department%3A80');
      expect(tab.url()).toContain('v=map');
      await expect(tab.locator('#status').textContent()).resolves.toMatch(/^Somme \(département\) sur la carte/);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it('keeps the selected actor when switching between the network and the map', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=${ALBERT}&a=${encodeURIComponent(albertIds[0]!)}`);
    try {
      await settled(tab, ALBERT);
      await tab.selectOption('#view-by', 'map');
      await tab.locator(`#map[data-state="ready"][data-focused="${albertIds[0]}"]`).waitFor();
      expect(tab.url()).toContain('v=map');
      await tab.selectOption('#view-by', 'network');
      expect((await shownActor(tab, albertIds[0]!)).focused).toBe(albertIds[0]);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it('colours the départements of Hauts-de-France by their largest competency gap, with a legend', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=region:32&v=map&i=gap`);
    try {
      await tab.locator('#map[data-indicator="gap"]').waitFor();
      // The five départements of the région: Aisne, Nord, Oise, Pas-de-Calais, Somme.
      await expect(tab.locator('#map').getAttribute('data-choropleth')).resolves.toBe('5');
      await expect(tab.locator('#map-legend').textContent()).resolves.toContain('Plus grand manque de compétence par département');
      await tab.screenshot({ path: path.join(ARTEFACTS, 'choropleth-gaps.png') });
    } finally {
      await tab.close();
    }
  }, 120_000);
});

describe('embed mode', () => {
  it('shows the drawing and the card without the toolbar, and says which sites may frame it', async () => {
    const tab = await freshPage(`${baseUrl}/explore/#t=${ALBERT}&a=${encodeURIComponent(albertIds[0]!)}&embed=1`);
    try {
      await settled(tab, ALBERT);
      await tab.locator(`#actor-card .card[data-actor-id="${albertIds[0]}"]`).waitFor();
      expect(await tab.locator('.toolbar').isVisible()).toBe(false);
      expect(await tab.locator('#graph').isVisible()).toBe(true);
      expect(tab.url()).toContain('embed=1');
    } finally {
      await tab.close();
    }
    const { useExplorer } = await import('../../src/graphql/plugins/explorer.ts');
    const { createYoga } = await import('graphql-yoga');
    const { buildSchema } = await import('../../src/graphql/schema.ts');
    const partner = createYoga({ schema: buildSchema(), plugins: [useExplorer(undefined, ['https://partenaire.example'])], logging: false });
    const framed = await partner.fetch('http://maillage.test/explore/');
    expect(framed.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://partenaire.example;");
    expect(framed.headers.get('x-frame-options')).toBeNull();
    const own = await testServer(db).fetch('http://maillage.test/explore/');
    expect(own.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  }, 120_000);
});

describe('GraphiQL', () => {
  it('comes from our own bundle, with its title, and works with no other server reachable', async () => {
    const tab = await browser.newPage();
    const elsewhere: string[] = [];
    try {
      // Offline but for our server: any other request fails, and is recorded.
      await tab.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(baseUrl) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
        elsewhere.push(url);
        return route.abort();
      });
      await tab.goto(`${baseUrl}/graphql`);
      await expect(tab.title()).resolves.toBe('Maillage: GraphQL over the territorial innovation network');
      await tab.locator('.graphiql-container').first().waitFor({ timeout: 30_000 });
      expect(await tab.content()).not.toContain('__TITLE__');
      expect(elsewhere).toEqual([]);
    } finally {
      await tab.close();
    }
  }, 120_000);
});

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
    // French by default: the users are French territorial staff.
    await expect(page.locator('#status').textContent()).resolves.toMatch(/tout le réseau : [\d\s\u202f]+ acteurs/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.locator('label[for="territory-input"]').textContent()).resolves.toBe('Territoire');
    await expect(page.locator('#intro').textContent()).resolves.toMatch(/^Chaque point est un acteur/);
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
    expect(text).toContain('Université');
    expect(text).toContain('Compiègne');
    expect(text).toMatch(/\d+ partenaires? dans ce graphe/);
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
    // In French, as the interface: no English verb, French ones and elisions.
    expect(sentence).not.toMatch(/ organised | supported by | which | is a partner of /);
    expect(sentence).toMatch(/ (a codirigé|a organisé|soutenu|partenaire|qui) /);
    expect(await page.locator('#paths li.first .steps li').first().textContent()).toMatch(/\.$/);
    expect(await page.locator('#paths li.first .steps li').count()).toBeGreaterThan(0);
    // The path's nodes are lit on the graph (both ends and what lies between).
    await page.waitForFunction(() => Number(document.getElementById('graph')?.dataset.highlighted) >= 2);
    await page.waitForTimeout(600); // the camera's move to the path
    await page.screenshot({ path: path.join(ARTEFACTS, 'article-network-path.png') });
    // The README's picture (copied by hand to docs/img/): the path ALTYTUD -> Bpifrance, in French.
    await page.screenshot({ path: path.join(ARTEFACTS, 'explorer-path-fr.png') });
  });

  it('switches to a synthetic département: the graph and the shape panel change', async () => {
    // 3,000 synthetic actors placed by population: the Nord (2.6 M people) gets about a hundred.
    await seed(db, syntheticSource({ seed: 11, actors: 3000, prefix }));
    const before = await graphState();
    const actorsBefore = await page.locator('#shape dd[data-measure="actors"]').textContent();
    await page.locator('#path-clear').click();
    await pickOption('territory-input', 'Nord', /département 59/);
    await page.locator('#graph[data-state="ready"][data-territory="department:59"]').waitFor();
    const after = await graphState();
    expect(after.territory).toBe('department:59');
    expect(Number(after.nodes)).toBeGreaterThan(20);
    expect(after.nodes).not.toBe(before.nodes);
    await expect(page.locator('#status').textContent()).resolves.toContain('Nord (département)');
    expect(page.url()).toContain('#t=department%3A59');
    // The shape panel now describes the département. (Its count is not compared with the drawn
    // graph's: other suites may add actors in the Nord between the two queries.)
    await page.locator('#shape[data-territory="department:59"] #shape-numbers').waitFor();
    const actorsAfter = (await page.locator('#shape dd[data-measure="actors"]').textContent()) ?? '';
    expect(actorsAfter).not.toBe(actorsBefore);
    expect(Number(actorsAfter.replace(/[\s\u202f]/g, ''))).toBeGreaterThan(20);
    await page.locator('#gaps .bar-row, #gaps .hint').first().waitFor();
    expect(await page.locator('#gaps .bar-row').count()).toBeGreaterThan(0);
    await page.selectOption('#colour-by', 'community');
    await page.waitForFunction(() => document.getElementById('graph')?.dataset.layout === 'done', undefined, { timeout: 15_000 });
    await page.locator('#shape-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTEFACTS, 'synthetic-department.png') });
    // The README's pictures (copied by hand to docs/img/): Hauts-de-France on the map, then by largest competency gap.
    await page.goto(`${baseUrl}/explore/#t=region:32&v=map`);
    await page.locator('#map[data-state="ready"][data-territory="region:32"][data-indicator="actors"]').waitFor({ timeout: 2 * WAIT });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ARTEFACTS, 'explorer-map.png') });
    await page.goto(`${baseUrl}/explore/#t=region:32&v=map&i=gap`);
    await page.locator('#map[data-indicator="gap"]').waitFor({ timeout: 2 * WAIT });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ARTEFACTS, 'explorer-map-gaps.png') });
  }, 300_000);

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
