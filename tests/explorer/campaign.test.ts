/**
 * The campaign page in a real browser (Debian's Chromium through playwright-core), against the real
 * service and the test run's Neo4j: an admin opens a campaign, sees no answer, a respondent answers,
 * and the page shows the answer in its département and commune without being reloaded; a reader's
 * key is refused in words. Screenshots go to test-results/campaign/.
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

const ARTEFACTS = path.resolve('test-results', 'campaign');
const WAIT = 45_000;
const db = testDatabase();
const admin = newApiKey('campaign-page-admin', 'admin');
const reader = newApiKey('campaign-page-reader', 'reader');
const config = loadConfig({ MAILLAGE_API_KEYS: `${admin.entry},${reader.entry}`, SURVEY_RATE_PER_CLIENT: '0' });
const server = createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), security: config.security, limits: config.limits });
const asAdmin = { 'x-api-key': admin.key };
const slug = uniquePrefix('camp');
const campaign = `campaign:${slug}`;
let rig: BrowserRig | undefined;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;
let token = '';

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  await seed(db, geographySource(geographyPart(loadGeographyData(), { departement: '80' })));
  await seed(db, resolveSource('framework'));
  ({ publicToken: token } = await openCampaign(server, asAdmin, { slug, name: 'Besoins des PME de la Somme (suivi)', territoryId: 'department:80' }));

  mkdirSync(ARTEFACTS, { recursive: true });
  rig = await openBrowser(server, { viewport: { width: 1100, height: 900 } }, WAIT);
  ({ baseUrl, browser, page } = rig);
}, 240_000);

afterAll(async () => {
  await rig?.close();
  await closeCampaign(db, server, asAdmin, campaign);
  await db.close();
}, 120_000);

describe('the campaign page', () => {
  it('an admin sees 0 answers, then the new answer in its département and commune without reloading', async () => {
    // Reached from the upload page, where an admin looks.
    await page.goto(`${baseUrl}/explore/upload.html`);
    await page.locator('#campaigns').click();
    await page.waitForURL(/\/explore\/campaign\.html$/);
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/explore/campaign.html#c=${encodeURIComponent(campaign)}`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#refusal').textContent()).toBe('Donnez votre clé d’administrateur pour voir les campagnes.');
    await page.locator('#api-key').fill(admin.key);
    await page.locator('#show').click();
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(page.url()).not.toContain(admin.key);
    expect(await page.locator('#campaign').inputValue()).toBe(campaign);
    expect(await page.locator('#campaign-name').textContent()).toBe('Besoins des PME de la Somme (suivi)');
    const details = await page.locator('#details').textContent();
    for (const part of ['Somme', 'maillage-1', 'du ', 'oui : son adresse a été donnée une seule fois']) expect(details).toContain(part);
    await expect.poll(() => page.locator('#total').textContent()).toBe('Aucune réponse pour l’instant.');
    expect(await page.locator('#total').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#by-commune tbody').textContent()).toBe('Rien à montrer avant la première réponse.');
    expect(await page.locator('#by-commune th[scope="col"]').allTextContents()).toEqual(['Commune', 'Réponses']);
    // Marks this document: still there after the answer arrives, so the page was not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    const sent = await gql(server, `mutation($token: String!, $answer: SurveyAnswerInput!) { submitSurveyAnswer(token: $token, answer: $answer) { respondentId } }`, {
      token,
      answer: {
        company: { name: 'Suivi Albert', communeId: 'commune:80016', size: 'SMALL', sector: 'aéronautique', innovates: true, exports: true },
        needs: [{ competencyId: 'competency:export-strategy', priority: 4 }],
      },
    });
    expect(sent.errors).toBeUndefined();

    await expect.poll(() => page.locator('#total').getAttribute('data-count'), { timeout: WAIT }).toBe('1');
    expect(await page.locator('#total').textContent()).toMatch(/^1 réponse \(dernière reçue le .+\)$/);
    expect(await page.locator('#by-department tbody tr[data-id="department:80"]').textContent()).toBe('Somme (80)1');
    expect(await page.locator('#by-commune tbody tr[data-id="commune:80016"] th[scope="row"]').textContent()).toBe('Albert (80016)');
    expect(await page.locator('#by-commune tbody tr[data-id="commune:80016"] td').textContent()).toBe('1');
    expect(await page.locator('#needs tbody tr[data-id="competency:export-strategy"] td').allTextContents()).toEqual(['1', '4']);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    // No name of a company on the page: counts only.
    expect(await page.locator('main').textContent()).not.toContain('Suivi Albert');
    await page.screenshot({ path: path.join(ARTEFACTS, 'campaign-fr.png'), fullPage: true });
  });

  it('speaks English with #l=en', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/explore/campaign.html#c=${encodeURIComponent(campaign)}&l=en`);
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1 span').textContent()).toBe('Follow a campaign');
    await expect.poll(() => page.locator('#total').textContent()).toMatch(/^1 answer \(latest received .+\)$/);
  });

  it('a reader key is refused in words, and sees no answers', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/explore/campaign.html#c=${encodeURIComponent(campaign)}`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await page.locator('#forget-key').click();
    await page.locator('#api-key').fill(reader.key);
    await page.locator('#show').click();
    await page.locator('body[data-state="refused"]').waitFor({ state: 'attached' });
    expect(await page.locator('#refusal').textContent()).toBe(
      'Cette clé ne permet pas de suivre les campagnes : seules les clés d’administrateur y ont accès, car les réponses concernent des entreprises. Demandez une clé d’administrateur.',
    );
    expect(await page.locator('#refusal').getAttribute('role')).toBe('alert');
    expect(await page.locator('#progress').isHidden()).toBe(true);
    expect(await page.locator('#picker').isHidden()).toBe(true);
  });

  it('an admin signed in on the explorer finds the campaign page in its bar, already signed in there and on the upload page', async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/explore/#t=department:80`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.locator('#sign-in').click();
    await page.locator('#editor-key').fill(admin.key);
    await page.locator('.edit-dialog button[type="submit"]').click();
    await page.locator('#campaigns-link').click();
    await page.waitForURL(/\/explore\/campaign\.html/);
    // The key the explorer kept: no second sign-in.
    await page.locator('#progress').waitFor({ state: 'visible' });
    expect(await page.locator('#api-key').inputValue()).toBe(admin.key);
    await page.goto(`${baseUrl}/explore/upload.html`);
    expect(await page.locator('#api-key').inputValue()).toBe(admin.key);
    expect(page.url()).not.toContain(admin.key);
  });
});
