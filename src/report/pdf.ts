/**
 * The report's HTML printed to PDF by Chromium (Debian's, driven by playwright-core, as the browser
 * tests drive it). One warm headless Chromium per process: launched at the first PDF, reused by the
 * next ones (a launch costs 0.3 to 2 s, more than printing a report), launched again if it died,
 * closed after REPORT_LIMITS.pdfBrowserIdleMs without a PDF and when the service stops
 * (`closePdfBrowser`). Each PDF gets a context of its own (no shared cookies or storage), and at most
 * REPORT_PDF_PAGES are printed at once; the others wait their turn.
 *
 *   const pdf = await htmlToPdf(html, footer)   // Buffer starting with %PDF
 *   await closePdfBrowser()                       // at shutdown
 *
 * No Chromium on the machine: PdfUnavailableError (PDF_UNAVAILABLE, HTTP 503); the HTML report is
 * still served.
 */
import { existsSync } from 'node:fs';
import pLimit from 'p-limit';
import { type Browser, chromium } from 'playwright-core';
import { DEFAULT_REPORT_PDF_PAGES, REPORT_LIMITS, chromiumPath } from '../config.ts';
import { DomainError } from '../domain/errors.ts';

export class PdfUnavailableError extends DomainError {
  constructor(message: string) {
    super('PDF_UNAVAILABLE', message);
  }
}

export function pdfAvailable(): boolean {
  return existsSync(chromiumPath());
}

export interface PdfOptions {
  timeoutMs?: number;
  /** Pages printed at once in this process (REPORT_PDF_PAGES). */
  pages?: number;
}

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let launches = 0;
const queue = pLimit(DEFAULT_REPORT_PDF_PAGES);

function launch(executablePath: string, timeoutMs: number): Promise<Browser> {
  const launching = chromium.launch({
    executablePath,
    headless: true,
    timeout: timeoutMs,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  browser = launching;
  launches += 1;
  launching.then(
    (b) =>
      b.on('disconnected', () => {
        // Crashed or closed: the next PDF launches a new one.
        if (browser === launching) browser = null;
      }),
    () => {
      if (browser === launching) browser = null;
    },
  );
  return launching;
}

async function warmBrowser(executablePath: string, timeoutMs: number): Promise<Browser> {
  for (;;) {
    const pending = browser;
    if (!pending) return launch(executablePath, timeoutMs);
    const current = await pending.catch(() => null);
    if (current?.isConnected()) return current;
    // Dead: the first caller to see it launches the next one; the others wait for that one (no
    // second browser left running unseen).
    if (browser === pending) browser = null;
  }
}

/**
 * Starts the warm Chromium now if none runs (a PDF request calls it before computing its content, so
 * the launch overlaps the queries); never fails: htmlToPdf reports what went wrong.
 */
export function launchPdfBrowserEarly(timeoutMs: number = REPORT_LIMITS.pdfTimeoutMs): void {
  const executablePath = chromiumPath();
  if (browser || !existsSync(executablePath)) return;
  launch(executablePath, timeoutMs).catch(() => undefined);
  closeWhenIdle();
}

/** The warm Chromium now, and how many were launched since the process started; PDFs printing and waiting. */
export function pdfBrowserState(): { running: boolean; launches: number; printing: number; waiting: number } {
  return { running: browser !== null, launches, printing: queue.activeCount, waiting: queue.pendingCount };
}

/** Closes the warm Chromium as if it had crashed (tests: the next PDF must launch another). */
export async function crashPdfBrowserForTest(): Promise<void> {
  const b = browser ? await browser.catch(() => null) : null;
  await b?.close();
}

/** Closes the warm Chromium, if any (the service's shutdown; tests' afterAll). */
export async function closePdfBrowser(): Promise<void> {
  clearTimeout(idleTimer);
  const closing = browser;
  browser = null;
  const b = closing ? await closing.catch(() => null) : null;
  await b?.close().catch(() => undefined);
}

function closeWhenIdle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (queue.activeCount === 0 && queue.pendingCount === 0) void closePdfBrowser();
  }, REPORT_LIMITS.pdfBrowserIdleMs);
  // An idle browser must not keep the process alive.
  idleTimer.unref();
}

async function print(b: Browser, html: string, footer: string, timeoutMs: number): Promise<Buffer> {
  const context = await b.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    // The page is self-contained (inline CSS and SVG): nothing to fetch, so block any request, and
    // `load` is as far as waiting needs to go (no network to wait idle for).
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font: 8px sans-serif; color: #666; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;"><span>${footer.replace(/[&<>"']/g, '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    });
    return Buffer.from(pdf);
  } finally {
    await context.close().catch(() => undefined);
  }
}

export async function htmlToPdf(html: string, footer: string, options: PdfOptions = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? REPORT_LIMITS.pdfTimeoutMs;
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new PdfUnavailableError(
      `The PDF needs Chromium, not found at ${executablePath} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH); the HTML report is available without it.`,
    );
  }
  if (options.pages !== undefined && options.pages !== queue.concurrency) queue.concurrency = options.pages;
  clearTimeout(idleTimer);
  try {
    return await queue(async () => {
      const b = await warmBrowser(executablePath, timeoutMs);
      try {
        return await print(b, html, footer, timeoutMs);
      } catch (error) {
        // The browser died under this PDF (killed, out of memory): once more on a new one.
        if (b.isConnected()) throw error;
        return print(await warmBrowser(executablePath, timeoutMs), html, footer, timeoutMs);
      }
    });
  } finally {
    closeWhenIdle();
  }
}
