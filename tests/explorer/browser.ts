/**
 * What the explorer's browser tests share: the service on a loopback port, Debian's Chromium
 * through playwright-core in a profile of its own, (the geography they seed: geographyPart in src/seed/geography.ts).
 *
 *   const rig = await openBrowser(server, { viewport: { width: 1280, height: 900 } }, WAIT);
 *   await rig.page.goto(`${rig.baseUrl}/explore/`);
 *   await rig.close();   // browser, profile and server
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU: software rendering, which sigma and the map need.
  '--enable-unsafe-swiftshader',
];

export interface BrowserRig {
  baseUrl: string;
  browser: BrowserContext;
  page: Page;
  /** Closes the browser, removes its profile and stops the server. */
  close(): Promise<void>;
}

export async function openBrowser(handler: RequestListener, context: BrowserContextOptions, waitMs: number): Promise<BrowserRig> {
  const http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'maillage-chromium-'));
  const close = async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  let browser: BrowserContext | undefined;
  try {
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, ...context, args: ARGS });
  } catch (error) {
    await close();
    throw error;
  }
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(waitMs);
  return { baseUrl, browser, page, close };
}
