/**
 * The report's HTML printed to PDF by Chromium (Debian's, driven by playwright-core, as the browser
 * tests drive it). One short-lived headless browser per document: nothing stays running between
 * requests, and rendered documents are cached anyway (cache.ts).
 *
 *   const pdf = await htmlToPdf(html)   // Buffer starting with %PDF
 *
 * No Chromium on the machine: PdfUnavailableError (PDF_UNAVAILABLE, HTTP 503); the HTML report is
 * still served.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { REPORT_LIMITS, chromiumPath } from '../config.ts';
import { DomainError } from '../domain/errors.ts';


export class PdfUnavailableError extends DomainError {
  constructor(message: string) {
    super('PDF_UNAVAILABLE', message);
  }
}

export function pdfAvailable(): boolean {
  return existsSync(chromiumPath());
}

export async function htmlToPdf(html: string, footer: string, timeoutMs: number = REPORT_LIMITS.pdfTimeoutMs): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new PdfUnavailableError(
      `The PDF needs Chromium, not found at ${executablePath} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH); the HTML report is available without it.`,
    );
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'maillage-report-'));
  // A profile of its own, removed afterwards: two renderings never share (or lock) one.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    timeout: timeoutMs,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(timeoutMs);
    // The page is self-contained (inline CSS and SVG): nothing to fetch, so block any request.
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
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
