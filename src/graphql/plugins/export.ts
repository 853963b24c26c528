/**
 * Exports as downloads: `GET /export/<format>?within=<territory>&source=<name>` streams the actor
 * graph (src/exchange/formats.ts) with a file name. Formats: gexf, graphml, csv-actors, csv-links,
 * json, xlsx. Reads the same data as `actorGraph`, so the same access rule applies: with
 * MAILLAGE_READS=key, an `x-api-key` of any role is needed (401 otherwise).
 *
 *   GET /export/gexf?within=department:80   -> 200, application/gexf+xml, maillage-department-80.gexf
 *   GET /export/pdf                          -> 404 {"errors":[{"message":"...","extensions":{"code":"NOT_FOUND"}}]}
 */
import { Readable } from 'node:stream';
import type { Plugin } from 'graphql-yoga';
import { findApiKey } from '../../access/api-keys.ts';
import type { SecurityConfig } from '../../config.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat, FILE_EXTENSIONS, exportChunks } from '../../exchange/formats.ts';
import type { Database } from '../../neo4j/database.ts';

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function useExport(db: Database, security: SecurityConfig): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const m = /^\/export\/([a-z-]+)$/.exec(url.pathname);
      if (!m) return;
      if (request.method !== 'GET') return endResponse(errorResponse(fetchAPI, 405, 'BAD_REQUEST', 'Exports are GET requests.'));
      const format = m[1] as ExportFormat;
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        return endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', `No export format "${format}"; expected one of ${EXPORT_FORMATS.join(', ')}.`));
      const key = request.headers.get('x-api-key');
      const principal = key === null ? null : findApiKey(security.apiKeys, key);
      if (key !== null && !principal) return endResponse(errorResponse(fetchAPI, 401, 'UNAUTHENTICATED', 'The API key is not valid.'));
      if (security.reads === 'key' && !principal)
        return endResponse(errorResponse(fetchAPI, 401, 'UNAUTHENTICATED', 'Reading needs credentials: send an x-api-key header.'));
      const within = url.searchParams.get('within');
      const source = url.searchParams.get('source');
      const scope = { within: within || null, source: source || null };
      // Start reading before answering, so that an unknown territory is a 404, not a broken download.
      const iterator = exportChunks(db, format, scope)[Symbol.asyncIterator]();
      let first: IteratorResult<string | Uint8Array>;
      try {
        first = await iterator.next();
      } catch (err) {
        if (err instanceof NotFoundError) return endResponse(errorResponse(fetchAPI, 404, 'NOT_FOUND', err.message));
        throw err;
      }
      const rest = async function* () {
        if (!first.done) yield first.value;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      };
      const name = `maillage-${(scope.within ?? 'reseau').replace(/[^A-Za-z0-9-]+/g, '-')}.${FILE_EXTENSIONS[format]}`;
      const body = Readable.toWeb(Readable.from(rest())) as ReadableStream<Uint8Array>;
      endResponse(
        new fetchAPI.Response(body, {
          status: 200,
          headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${name}"` },
        }),
      );
    },
  };
}
