/**
 * The explorer's upload page in a real browser (Debian's Chromium via playwright-core), against the
 * real service with API keys over the test run's Neo4j: a reader's key is refused in words; an
 * editor's key sees the dry run (counts, or each error with its line and column, in French) and
 * nothing is written until they confirm. The key stays in the tab (sessionStorage), never in the URL.
 * Screenshots go to test-results/explorer/.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExplorer } from '../../scripts/explorer-build.ts';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { type BrowserRig, openBrowser } from './browser.ts';
import { testDatabase, uniquePrefix } from '../support/harness.ts';

const ARTEFACTS = path.resolve('test-results', 'explorer');
const WAIT = 30_000;

const db = testDatabase();
const p = uniquePrefix('up');
const hash = (key: string) => createHash('sha256').update(key).digest('hex');
const config = loadConfig({ MAILLAGE_API_KEYS: `ed:editor:${hash('editor-key')},rd:reader:${hash('reader-key')}` });
let rig: BrowserRig | undefined;
let baseUrl: string;
let browser: BrowserContext;
let page: Page;

/** What French Excel writes: `;`, French column names. */
const GOOD = `identifiant;nature;nom\n${p}:a;COMPANY;Alpha\n${p}:b;CLUSTER;Bêta\n`;
const BAD = `identifiant;nature;nom\n${p}:x;PME;X\n${p}:y;COMPANY;\n`;

const written = async () => (await db.read<{ id: string }>('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN n.id AS id ORDER BY id', { p })).map((r) => r.id);

beforeAll(async () => {
  await buildExplorer({ ifStale: true });
  mkdirSync(ARTEFACTS, { recursive: true });
  rig = await openBrowser(createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits }), { viewport: { width: 1280, height: 900 } }, WAIT);
  ({ baseUrl, browser, page } = rig);
}, 240_000);

afterAll(async () => {
  await rig?.close();
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p DETACH DELETE n', { p });
  await db.close();
}, 60_000);

async function open(hashPart = ''): Promise<void> {
  await page.goto('about:blank'); // a new document each time, whatever the hash
  await page.goto(`${baseUrl}/explore/upload.html${hashPart}`);
  await page.locator('body[data-ready="true"]').waitFor();
}

async function send(key: string, name: string, content: string): Promise<void> {
  await page.locator('#api-key').fill(key);
  await page.locator('#api-key').dispatchEvent('change');
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
}

describe('the upload page', () => {
  it('is reached from the explorer, in French', async () => {
    await page.goto(`${baseUrl}/explore/`);
    const link = page.locator('#upload-link');
    await expect(link.textContent()).resolves.toBe('Importer ou exporter des données');
    await link.click();
    await page.locator('body[data-ready="true"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/explore/upload.html');
    await expect(page.locator('h1').textContent()).resolves.toContain('Importer un fichier');
  }, 60_000);

  it('without a key, asks for one; with a reader key, refuses in words; nothing is written', async () => {
    await open();
    await send('', 'acteurs.csv', GOOD);
    await page.locator('#result[data-state="refused"]').waitFor();
    await expect(page.locator('#result').textContent()).resolves.toContain('Donnez d’abord votre clé d’éditeur');
    await send('reader-key', 'acteurs.csv', GOOD);
    await page.locator('#result[data-state="refused"]', { hasText: 'clé de lecteur' }).waitFor();
    await expect(page.locator('#result').textContent()).resolves.toBe(
      'Cette clé est une clé de lecteur : elle permet de consulter le réseau, pas d’importer. Demandez une clé d’éditeur à l’administrateur.',
    );
    await expect(page.locator('#confirm').isHidden()).resolves.toBe(true);
    await page.screenshot({ path: path.join(ARTEFACTS, 'upload-reader.png') });
    expect(await written()).toEqual([]);
  }, 60_000);

  it('an editor sees every error with its line and column, in French, and nothing is written', async () => {
    await open();
    await send('editor-key', 'acteurs.csv', BAD);
    await page.locator('#result[data-state="problems"]').waitFor();
    await expect(page.locator('#result > p.error').textContent()).resolves.toBe(
      'acteurs.csv n’est pas importé : 2 erreurs. Rien n’a été écrit ; corrigez le fichier et renvoyez-le.',
    );
    const items = await page.locator('.problems li').evaluateAll((lis) => lis.map((li) => ({ text: li.textContent, ...(li as HTMLElement).dataset })));
    expect(items).toEqual([
      { text: expect.stringMatching(/^ligne 2, colonne « kind » : valeur « PME » inconnue ; attendu l’une de : .*COMPANY.*$/), line: '2', column: 'kind' },
      { text: 'ligne 3, colonne « name » : valeur manquante', line: '3', column: 'name' },
    ]);
    await expect(page.locator('#confirm').isHidden()).resolves.toBe(true);
    await page.screenshot({ path: path.join(ARTEFACTS, 'upload-problems.png') });
    expect(await written()).toEqual([]);
  }, 60_000);

  it('an editor sees the dry run, then confirms; the key stays in the tab, never in the URL', async () => {
    await open();
    await send('editor-key', 'acteurs.csv', GOOD);
    await page.locator('#result[data-state="preview"]').waitFor();
    await expect(page.locator('#result > p').first().textContent()).resolves.toBe(
      'acteurs.csv est valide. Voici ce que l’import changerait (rien n’est encore écrit) :',
    );
    const counts = await page.locator('.counts tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(counts).toEqual([
      ['Actor:Cluster', '1', '0', '0'],
      ['Actor:Company', '1', '0', '0'],
    ]);
    expect(await written()).toEqual([]);
    await page.screenshot({ path: path.join(ARTEFACTS, 'upload-preview.png') });

    await page.locator('#confirm').click();
    await page.locator('#result[data-state="done"]').waitFor();
    await expect(page.locator('#result > p').first().textContent()).resolves.toBe('acteurs.csv est importé. Ce qui a été écrit :');
    expect(await written()).toEqual([`${p}:a`, `${p}:b`]);
    await expect(page.locator('#confirm').isHidden()).resolves.toBe(true);

    expect(page.url()).not.toContain('editor-key');
    await expect(page.evaluate(() => sessionStorage.getItem('maillage-editor-key'))).resolves.toBe('editor-key');
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    await expect(page.locator('#api-key').inputValue()).resolves.toBe('editor-key');
    await page.locator('#forget-key').click();
    await expect(page.evaluate(() => sessionStorage.getItem('maillage-editor-key'))).resolves.toBeNull();
  }, 60_000);

  it('speaks English with #l=en', async () => {
    await open('#l=en');
    await send('reader-key', 'actors.csv', GOOD);
    await page.locator('#result[data-state="refused"]').waitFor();
    await expect(page.locator('#result').textContent()).resolves.toBe(
      'This is a reader key: it lets you look at the network, not import. Ask the administrator for an editor key.',
    );
    await expect(page.locator('#confirm').textContent()).resolves.toBe('Import this file');
  }, 60_000);
});
