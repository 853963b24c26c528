/**
 * The questionnaire in a real browser (Debian's Chromium through playwright-core) on a phone-sized
 * viewport, against the real service and the test run's Neo4j: a respondent answers, and the
 * territory's competencyGaps change accordingly. Screenshots go to test-results/questionnaire/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/explorer-build.ts';
import { newApiKey } from '../../src/access/api-keys.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { geographyPart, geographySource, loadGeographyData } from '../../src/seed/geography.ts';
import { seed } from '../../src/seed/load.ts';
import { type BrowserRig, openBrowser } from './browser.ts';
import { closeCampaign, openCampaign } from '../support/campaign.ts';
import { gql, testDatabase, uniquePrefix } from '../support/harness.ts';

const ARTEFACTS = path.resolve('test-results', 'questionnaire');
const WAIT = 45_000;
const db = testDatabase();
const admin = newApiKey('questionnaire-admin', 'admin');
const config = loadConfig({ MAILLAGE_API_KEYS: admin.entry });
const server = createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), security: config.security, limits: config.limits });
const asAdmin = { 'x-api-key': admin.key };
const slug = uniquePrefix('q');
const NEED = 'competency:export-strategy';
let rig: BrowserRig | undefined;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;
let token = '';

async function gap(): Promise<{ demand: number; companyCount: number } | undefined> {
  const res = await gql<{ competencyGaps: { competency: { id: string }; demand: number; companyCount: number }[] }>(
    server,
    `{ competencyGaps(within: "department:80") { competency { id } demand companyCount } }`,
    {},
    asAdmin,
  );
  expect(res.errors).toBeUndefined();
  const found = res.data!.competencyGaps.find((g) => g.competency.id === NEED);
  return found && { demand: found.demand, companyCount: found.companyCount };
}

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  await seed(db, geographySource(geographyPart(loadGeographyData(), { departement: '80' })));
  await seed(db, resolveSource('framework'));
  ({ publicToken: token } = await openCampaign(server, asAdmin, { slug, name: 'Besoins des PME de la Somme', territoryId: 'department:80' }));

  mkdirSync(ARTEFACTS, { recursive: true });
  rig = await openBrowser(server, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, WAIT);
  ({ baseUrl, browser, page } = rig);
}, 240_000);

afterAll(async () => {
  await rig?.close();
  const campaign = `campaign:${slug}`;
  await closeCampaign(db, server, asAdmin, campaign);
  await db.close();
}, 120_000);

describe('the questionnaire on a phone', () => {
  it('a respondent answers at 390 px, with errors beside the fields first, and the territory gaps change', async () => {
    const before = (await gap()) ?? { demand: 0, companyCount: 0 };
    await page.goto(`${baseUrl}/questionnaire/${token}`);
    await page.locator('#survey').waitFor({ state: 'visible' });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vos besoins en compétences');
    expect(await page.locator('#intro').textContent()).toContain('Besoins des PME de la Somme (Somme)');
    expect(await page.locator('.privacy').textContent()).toContain('Ce que nous conservons, et pourquoi');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Sent empty: a summary takes the focus, each error is beside its field and tied to it.
    await page.locator('#send').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.locator('#name-error').textContent()).toBe('Cette réponse est nécessaire.');
    expect(await page.locator('#name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#name').getAttribute('aria-describedby')).toContain('name-error');
    expect(await page.locator('#needs-error').textContent()).toBe('Choisissez au moins une compétence.');
    await page.screenshot({ path: path.join(ARTEFACTS, 'questionnaire-errors-390.png'), fullPage: false });

    // Answered from the keyboard where a phone user would type.
    await page.locator('#name').fill('Aéro Albert');
    await page.locator('#commune').pressSequentially('Albert', { delay: 30 });
    await page.locator('#commune-options option[value="Albert (80016)"]').waitFor({ state: 'attached' });
    await page.locator('#commune').fill('Albert (80016)');
    await page.getByLabel('10 à 49 personnes').check();
    await page.locator('#sector').fill('aéronautique');
    await page.locator('#innovates').getByLabel('oui').check();
    await page.locator('#exports').getByLabel('non').check();
    await page.locator('#need-competency_export-strategy').selectOption('5');
    await page.locator('#comment').fill('Nous visons le Canada.');
    await page.locator('#send').focus();
    await page.keyboard.press('Enter');
    await page.locator('#done').waitFor({ state: 'visible' });
    expect(await page.locator('#done').getAttribute('role')).toBe('status');
    expect(await page.locator('#done').textContent()).toMatch(/^Merci, votre réponse est enregistrée\. Numéro de réponse .*respondent:/);
    await page.screenshot({ path: path.join(ARTEFACTS, 'questionnaire-done-390.png'), fullPage: false });

    const after = await gap();
    expect(after).toEqual({ demand: before.demand + 1, companyCount: before.companyCount + 1 });
  });

  it('speaks English with #l=en, and says so when a link is unknown', async () => {
    // Another document first: a hash change alone would not load the page again.
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/questionnaire/${token}#l=en`);
    await page.locator('#survey').waitFor({ state: 'visible' });
    expect(await page.locator('h1').textContent()).toBe('Your competency needs');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${baseUrl}/questionnaire/not-a-real-token`);
    await page.locator('#load-error').waitFor({ state: 'visible' });
    expect(await page.locator('#load-error').textContent()).toBe('Ce lien de questionnaire n’existe pas. Vérifiez l’adresse reçue.');
  });
});
