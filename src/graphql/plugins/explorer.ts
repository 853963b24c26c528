/**
 * Serves the network explorer (the Vite build in `explorer/dist`) under /explore, and a small
 * landing page at /, from the same server as /graphql. The page itself only talks to /graphql.
 *
 *   GET /                      -> a landing page linking /graphql and /explore
 *   GET /explore               -> 308 to /explore/ (the build's asset URLs are relative to it)
 *   GET /explore/              -> explorer/dist/index.html
 *   GET /explore/assets/x.js   -> the file, its content type, cached for a year (names are hashed)
 *   GET /questionnaire/<token> -> explorer/dist/questionnaire.html (the page reads the token from its URL)
 *   GET /questionnaire/assets/x.js -> the build's asset (the page's URLs are relative to /questionnaire/)
 *   no build yet               -> 503 "run npm run build:explorer"
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { projectRoot } from '../../config.ts';

export const EXPLORER_DIST = path.join(projectRoot, 'explorer', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const LANDING = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Maillage</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1d2433}a{color:#1f5fbf}</style>
</head><body>
<h1>Maillage</h1>
<p>The territorial innovation network: actors, their links, synergy paths and the shape of the network.</p>
<ul>
<li><a href="/explore/">Explore the network</a>: pick a territory, find an actor, follow a synergy path.</li>
<li><a href="/graphql">GraphQL API</a> (POST /graphql; GraphiQL in a browser when enabled).</li>
</ul>
</body></html>`;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Explorer not built</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>The explorer is not built yet</h1>
<p>Run <code>npm run build:explorer</code> (it writes <code>explorer/dist/</code>), then reload this page.
<code>npm start</code> builds it when it is missing or stale.</p>
<p>The <a href="/graphql">GraphQL API</a> works without it.</p>
</body></html>`;

/** The file under `root` a URL path names, or undefined when it would leave `root`. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.replace(/^\/explore\/?/, ''));
  } catch {
    return undefined;
  }
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The pages are ours alone: no framing (clickjacking), no sniffing a JSON answer as HTML, scripts
 * and styles from this origin only (the build has no CDN), and the API on this origin only.
 * The landing page has one inline <style>, hence 'unsafe-inline' for styles; the explorer's graph
 * layout runs in a blob: worker.
 */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * `frameAncestors`: origins allowed to show the explorer in a frame (a partner's page, with
 * `#embed=1`, EXPLORER_FRAME_ANCESTORS); none listed, nobody may frame it.
 */
export function useExplorer(root: string = EXPLORER_DIST, frameAncestors: readonly string[] = []): Plugin {
  const headers: Record<string, string> =
    frameAncestors.length === 0
      ? PAGE_SECURITY_HEADERS
      : {
          ...Object.fromEntries(Object.entries(PAGE_SECURITY_HEADERS).filter(([name]) => name !== 'x-frame-options')),
          'content-security-policy': PAGE_SECURITY_HEADERS['content-security-policy']!.replace(
            "frame-ancestors 'none'",
            `frame-ancestors 'self' ${frameAncestors.join(' ')}`,
          ),
        };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const html = (body: string, status = 200) =>
        new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', ...PAGE_SECURITY_HEADERS } });
      if (url.pathname === '/') return endResponse(html(LANDING));
      if (url.pathname === '/explore') {
        return endResponse(new fetchAPI.Response(null, { status: 308, headers: { location: `/explore/${url.search}` } }));
      }
      const questionnaire = /^\/questionnaire\/([^/]+)$/.exec(url.pathname);
      if (questionnaire) {
        const page = path.join(root, 'questionnaire.html');
        if (!(await isFile(page))) return endResponse(html(NOT_BUILT, 503));
        // The token is in the path: no-store keeps the page out of shared caches, no-referrer (below) out of other sites' logs.
        return endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : await readFile(page), {
            status: 200,
            headers: { 'content-type': CONTENT_TYPES['.html']!, 'cache-control': 'no-store', ...PAGE_SECURITY_HEADERS },
          }),
        );
      }
      const pathname = url.pathname.replace(/^\/questionnaire\/(?=assets\/)/, '/explore/');
      if (!pathname.startsWith('/explore/')) return;
      if (!(await isFile(path.join(root, 'index.html')))) return endResponse(html(NOT_BUILT, 503));
      const file = fileFor(root, pathname);
      if (!file || !(await isFile(file))) {
        return endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', ...PAGE_SECURITY_HEADERS } }));
      }
      const body = await readFile(file);
      const hashed = file.includes(`${path.sep}assets${path.sep}`);
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
          status: 200,
          headers: {
            'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
            'content-length': String(body.length),
            'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
            ...headers,
          },
        }),
      );
    },
  };
}
