/**
 * The report at a stable URL, from the same server as /graphql:
 *
 *   GET /report/network                      the whole network, HTML (French)
 *   GET /report/department:80?lang=en        the Somme, HTML in English
 *   GET /report/department:80.pdf            the same as PDF (Chromium; 503 PDF_UNAVAILABLE without it)
 *   GET /report/department:80.xlsx           every table of the report, one sheet each
 *   GET /report/department:80/gaps.csv       one table (names: src/report/tables.ts TABLE_NAMES)
 *
 * The content is territoryReport(within, lang), so the document says what the API says. With
 * MAILLAGE_READS=key the report needs an `x-api-key` header, as GraphQL reads do. A report is heavy
 * work: it counts in the client's HEAVY_PER_CLIENT, with the heavy GraphQL fields (429 beyond).
 */
import type { Plugin } from 'graphql-yoga';
import { findApiKey } from '../access/api-keys.ts';
import { clientKeyOf } from '../access/client-key.ts';
import { HeavyWork, heavyRefusalMessage } from '../access/heavy-work.ts';
import { socketAddressOf } from '../graphql/plugins/rate-limit.ts';
import type { SecurityConfig } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { cachedReport } from './cache.ts';
import { type TerritoryReportRecord, territoryReport } from './content.ts';
import { reportHtml } from './html.ts';
import { type Lang, langOf, messages } from './i18n.ts';
import { htmlToPdf, launchPdfBrowserEarly } from './pdf.ts';
import { TABLE_NAMES, reportTables, toCsv, toXlsx } from './tables.ts';

/** The URL segment that names the whole network. */
export const WHOLE_NETWORK = 'network';

export type ReportFormat = 'html' | 'pdf' | 'xlsx' | { csv: string };

export interface ReportRequest {
  within: string | null;
  format: ReportFormat;
}

/** Reads /report/<id>[.pdf|.xlsx|.html] and /report/<id>/<table>.csv; undefined when not a report URL. */
export function parseReportPath(pathname: string): ReportRequest | undefined {
  if (pathname !== '/report' && !pathname.startsWith('/report/')) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice('/report'.length).replace(/^\//, ''));
  } catch {
    return undefined;
  }
  const csv = /^(.+)\/([a-z-]+)\.csv$/.exec(rest);
  if (csv) return { within: csv[1] === WHOLE_NETWORK ? null : csv[1]!, format: { csv: csv[2]! } };
  const match = /^(.*?)(?:\.(pdf|xlsx|html))?$/.exec(rest);
  const id = match?.[1] ?? '';
  const format = (match?.[2] ?? 'html') as 'html' | 'pdf' | 'xlsx';
  return { within: id === '' || id === WHOLE_NETWORK ? null : id, format };
}

export function reportPath(within: string | null): string {
  return `/report/${encodeURIComponent(within ?? WHOLE_NETWORK).replace(/%3A/g, ':')}`;
}

interface Rendered {
  body: Uint8Array | string;
  type: string;
  filename?: string;
}

function filenameOf(report: TerritoryReportRecord, extension: string, suffix = ''): string {
  const base = (report.within ?? WHOLE_NETWORK).replace(/[^a-zA-Z0-9-]+/g, '-');
  return `maillage-${base}${suffix}-${report.lang.toLowerCase()}.${extension}`;
}

/**
 * Each stage is cached and shared by the requests asking the same territory: a stage's work runs on
 * the handle the cache gives it (`shared`), which stops only when every request waiting for it has
 * been abandoned (src/neo4j/versioned-cache.ts).
 */
async function render(db: Database, request: ReportRequest, lang: Lang, pdfPages: number | undefined): Promise<Rendered> {
  const content = (on: Database) =>
    cachedReport(on, `${request.within}|${lang}|content`, (shared) => territoryReport(shared, { within: request.within, lang }));
  const base = reportPath(request.within);
  const html = (on: Database) =>
    cachedReport(on, `${request.within}|${lang}|html`, async (shared) => reportHtml(await content(shared), { base, generatedAt: new Date().toISOString() }));
  const format = request.format;
  if (format === 'html') return { body: await html(db), type: 'text/html; charset=utf-8' };
  if (format === 'pdf') {
    // The browser starts while the content is computed (a no-op when it runs already).
    launchPdfBrowserEarly();
    const report = await content(db);
    const t = messages(lang);
    const pdf = await cachedReport(db, `${request.within}|${lang}|pdf`, async (shared) =>
      htmlToPdf(await html(shared), `${t.documentTitle} · ${report.title}`, { pages: pdfPages }),
    );
    return { body: pdf, type: 'application/pdf', filename: filenameOf(report, 'pdf') };
  }
  const report = await content(db);
  const tables = reportTables(report, messages(lang));
  if (format === 'xlsx') {
    const xlsx = await cachedReport(db, `${request.within}|${lang}|xlsx`, () => toXlsx(report, tables));
    return { body: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: filenameOf(report, 'xlsx') };
  }
  const table = tables.find((x) => x.name === format.csv);
  if (!table) throw new UnknownTableError(format.csv);
  return { body: toCsv(table), type: 'text/csv; charset=utf-8', filename: filenameOf(report, 'csv', `-${table.name}`) };
}

export class UnknownTableError extends DomainError {
  constructor(name: string) {
    super('NOT_FOUND', `No table "${name}" in the report; the tables are: ${TABLE_NAMES.join(', ')}.`);
  }
}

const STATUS: Record<string, number> = { NOT_FOUND: 404, PDF_UNAVAILABLE: 503, BAD_USER_INPUT: 400, QUERY_TOO_COMPLEX: 503, SERVICE_UNAVAILABLE: 503 };

/** A French message for the errors a report request can meet (the API's own are in English). */
function frenchMessage(error: DomainError): string {
  if (error.code === 'NOT_FOUND' && !(error instanceof UnknownTableError)) return `Aucun territoire ne porte l’identifiant demandé. ${error.message}`;
  if (error.code === 'PDF_UNAVAILABLE') return `Le PDF demande Chromium, absent de ce serveur ; la version HTML du rapport reste disponible. ${error.message}`;
  return error.message;
}

export function useReport(deps: { db: Database; logger: Logger; security: SecurityConfig; heavy?: HeavyWork; pdfPages?: number }): Plugin {
  const heavy = deps.heavy ?? new HeavyWork({ perClient: Number.POSITIVE_INFINITY, atOnce: Number.POSITIVE_INFINITY, perMinute: Number.POSITIVE_INFINITY, secondsPerMinute: Number.POSITIVE_INFINITY });
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const parsed = parseReportPath(url.pathname);
      if (!parsed) return;
      const lang = langOf(url.searchParams.get('lang'));
      const text = (status: number, message: string) =>
        endResponse(new fetchAPI.Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
      if (deps.security.reads === 'key') {
        const key = request.headers.get('x-api-key');
        if (!key || !findApiKey(deps.security.apiKeys, key)) {
          return text(401, lang === 'FR' ? 'Ce rapport demande une clé d’API (en-tête x-api-key).' : 'This report needs an API key (x-api-key header).');
        }
      }
      const client = clientKeyOf(request, socketAddressOf(serverContext), deps.security);
      const ticket = heavy.enter(client, request.signal);
      if ('why' in ticket) {
        return endResponse(
          new fetchAPI.Response(heavyRefusalMessage(ticket, lang), {
            status: 429,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(ticket.retryAfterS) },
          }),
        );
      }
      // A reader who closes the tab: its share of the work stops (and its place is free: enter above).
      try {
        const rendered = await render(deps.db.scoped({ signal: request.signal }), parsed, lang, deps.pdfPages);
        const headers: Record<string, string> = { 'content-type': rendered.type, 'cache-control': 'no-cache', 'content-language': lang.toLowerCase() };
        if (rendered.filename) headers['content-disposition'] = `${rendered.type.startsWith('text/csv') ? 'attachment' : 'inline'}; filename="${rendered.filename}"`;
        const body = typeof rendered.body === 'string' ? rendered.body : new Uint8Array(rendered.body);
        endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
      } catch (error) {
        if (error instanceof DomainError) {
          return text(STATUS[error.code] ?? 500, lang === 'FR' ? frenchMessage(error) : error.message);
        }
        deps.logger.error({ err: error, path: url.pathname }, 'report failed');
        return text(500, lang === 'FR' ? 'Erreur inattendue en produisant le rapport.' : 'Unexpected error while producing the report.');
      } finally {
        ticket.leave();
      }
    },
  };
}
