/**
 * Editing in the explorer, in a real browser (Debian's Chromium through playwright-core): an editor
 * signs in, creates an SME in Albert, links it to ALTYTUD, sees it in the graph and in the change
 * list, undoes the link; a reader sees no controls. The key stays out of the URL.
 */
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
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const WAIT = 45_000;
const db = testDatabase();
const editor = newApiKey('explorer-editor', 'editor');
const reader = newApiKey('explorer-reader', 'reader');
const config = loadConfig({ MAILLAGE_API_KEYS: `${editor.entry},${reader.entry}` });
const server = createGraphQLServer({ db, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), security: config.security, limits: config.limits });
const NAME = `Aéro Albert ${uniquePrefix('ed')}`;
let rig: BrowserRig | undefined;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;

async function createdId(): Promise<string | undefined> {
  const [row] = await db.read<{ id: string }>('MATCH (a:Actor {name: $name}) RETURN a.id AS id', { name: NAME });
  return row?.id;
}

async function signIn(key: string): Promise<void> {
  await page.locator('#sign-in').click();
  await page.locator('#editor-key').fill(key);
  await page.locator('.edit-dialog button[type="submit"]').click();
  await page.locator('#sign-out').waitFor({ state: 'visible' });
}

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  await seed(db, geographySource(geographyPart(loadGeographyData(), { departement: '80' })));
  await seed(db, resolveSource('framework'));
  await seed(db, resolveSource('article'));
  rig = await openBrowser(server, { viewport: { width: 1440, height: 900 } }, WAIT);
  ({ baseUrl, browser, page } = rig);
}, 240_000);

afterAll(async () => {
  await rig?.close();
  const id = await createdId();
  if (id) {
    await db.write('MATCH (c:Change) WHERE c.actorId = $id OR c.otherId = $id DELETE c', { id });
    await db.write('MATCH (a:Entity {id: $id}) DETACH DELETE a', { id });
  }
  await db.close();
}, 120_000);

describe('editing in the explorer', () => {
  it('a reader sees no editing control, and the key never goes into the URL', async () => {
    await page.goto(`${baseUrl}/explore/#t=department:80&a=altytud`);
    await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await signIn(reader.key);
    expect(await page.locator('#new-actor').count()).toBe(0);
    await page.goto(`${baseUrl}/explore/#t=department:80&a=altytud&l=fr`);
    await page.locator('#actor-heading').waitFor({ state: 'visible' });
    await page.waitForTimeout(500);
    expect(await page.locator('#edit-section').count()).toBe(0);
    expect(page.url()).not.toContain(reader.key);
    expect(await page.evaluate(() => sessionStorage.getItem('maillage-editor-key'))).toBe(reader.key);
    await page.locator('#sign-out').click();
  });

  it('an editor creates an SME in Albert, links it to ALTYTUD, sees it in the graph and the change list, and undoes the link', async () => {
    await signIn(editor.key);
    await page.locator('#new-actor').click();
    // Saved empty: the message is beside the field.
    await page.locator('.edit-dialog button[type="submit"]').click();
    expect(await page.locator('#edit-name-error').textContent()).toBe('Ce champ est nécessaire.');
    await page.locator('#edit-name').fill(NAME);
    await page.locator('#edit-kind').selectOption('COMPANY');
    await page.locator('#edit-commune').pressSequentially('Albert', { delay: 30 });
    await page.locator('.edit-dialog datalist option[value="Albert (80016)"]').waitFor({ state: 'attached' });
    await page.locator('#edit-commune').fill('Albert (80016)');
    await page.locator('.edit-dialog button[type="submit"]').click();
    await expect.poll(createdId, { timeout: WAIT }).toBeDefined();
    const id = (await createdId())!;
    await expect.poll(() => page.locator('#actor-card').textContent(), { timeout: WAIT }).toContain(NAME);
    await page.locator('#edit-section').waitFor({ state: 'visible' });

    await page.locator('#link-to').pressSequentially('ALTYTUD', { delay: 30 });
    await page.locator('.edit-link datalist option[value="ALTYTUD (cluster)"]').waitFor({ state: 'attached' });
    await page.locator('#link-to').fill('ALTYTUD (cluster)');
    const offered = await page.locator('#link-type option').allTextContents();
    expect(offered).toContain('MEMBER_OF');
    expect(offered).not.toContain('TEACHES');
    await page.locator('#link-type').selectOption('MEMBER_OF');
    await page.locator('.edit-link button[type="submit"]').click();
    await expect
      .poll(async () => (await db.read<{ n: number }>("MATCH (:Entity {id: $id})-[r:MEMBER_OF]->(:Entity {id: 'altytud'}) RETURN count(r) AS n", { id }))[0]!.n, { timeout: WAIT })
      .toBe(1);
    await expect.poll(() => page.evaluate((actor) => (window as unknown as { explorer: { view: { has(id: string): boolean } } }).explorer.view.has(actor), id), { timeout: WAIT }).toBe(true);
    await expect.poll(() => page.locator('#change-list li').first().textContent(), { timeout: WAIT }).toContain('lien MEMBER_OF altytud');
    expect(await page.locator('#change-list li').nth(1).textContent()).toContain('création');

    await page.locator('#change-list li').first().locator('button.undo').click();
    await expect
      .poll(async () => (await db.read<{ n: number }>("MATCH (:Entity {id: $id})-[r:MEMBER_OF]->(:Entity {id: 'altytud'}) RETURN count(r) AS n", { id }))[0]!.n, { timeout: WAIT })
      .toBe(0);
    await expect.poll(() => page.locator('#change-list li').first().textContent(), { timeout: WAIT }).toContain('lien retiré MEMBER_OF altytud');
    expect(page.url()).not.toContain(editor.key);
  });

  it("an editor edits the SME's other fields, each wrong value told beside its field", async () => {
    const id = (await createdId())!;
    await page.locator('#edit-actor').click();
    // A company's fields, not an institute's.
    await page.locator('#edit-employees').waitFor({ state: 'visible' });
    expect(await page.locator('#edit-founded').count()).toBe(0);
    expect(await page.locator('label[for="edit-innovates"]').textContent()).toBe('Innove');
    await page.locator('#edit-employees').fill('-3');
    await page.locator('#edit-sector').fill('Aéro\u202Enautique');
    await page.locator('.edit-dialog button[type="submit"]').click();
    // Checked in the page first: the number.
    expect(await page.locator('#edit-employees-error').textContent()).toBe('Un nombre entier, 0 ou plus.');
    expect(await page.locator('#edit-employees').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#edit-employees').getAttribute('aria-describedby')).toContain('edit-employees-error');
    // Then by the API: the hidden direction override, beside the field the API names.
    await page.locator('#edit-employees').fill('1 200');
    await page.locator('.edit-dialog button[type="submit"]').click();
    await expect.poll(() => page.locator('#edit-sector-error').textContent(), { timeout: WAIT }).toContain('bidirectional overrides');
    expect(await page.locator('#edit-employees-error').textContent()).toBe('');
    expect(await page.locator('#edit-employees').getAttribute('aria-invalid')).toBeNull();

    await page.locator('#edit-sector').fill('aéronautique');
    await page.locator('#edit-size').fill('SMALL');
    await page.locator('#edit-innovates').selectOption('true');
    await page.locator('#edit-exports').selectOption('false');
    // Another kind shows its own fields; back to the SME, what was typed is still there.
    await page.locator('#edit-kind').selectOption('INSTITUTE');
    await page.locator('#edit-founded').waitFor({ state: 'visible' });
    expect(await page.locator('#edit-employees').count()).toBe(0);
    await page.locator('#edit-kind').selectOption('COMPANY');
    expect(await page.locator('#edit-employees').inputValue()).toBe('1 200');
    await page.locator('.edit-dialog button[type="submit"]').click();
    await expect
      .poll(async () => (await db.read<{ a: Record<string, unknown> }>('MATCH (a:Company {id: $id}) RETURN a {.sector, .size, .innovates, .exports, .employees} AS a', { id }))[0]?.a, { timeout: WAIT })
      .toEqual({ sector: 'aéronautique', size: 'SMALL', innovates: true, exports: false, employees: 1200 });
    await expect.poll(() => page.locator('#change-list li').first().textContent(), { timeout: WAIT }).toContain('modification');
    // Opened again, the dialog shows the stored values.
    await page.locator('#edit-actor').click();
    expect(await page.locator('#edit-sector').inputValue()).toBe('aéronautique');
    expect(await page.locator('#edit-innovates').inputValue()).toBe('true');
    await page.locator('.edit-dialog button[type="button"]').click();
  });
});
