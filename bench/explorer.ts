/**
 * The explorer's ready-to-use time in a real browser (Debian's Chromium), for a département of N
 * synthetic actors, in a Neo4j this script owns: the network view (data fetched, drawn, layout
 * stopped) and the map view (places fetched, drawn, choropleth coloured), each run fresh, with the
 * actorGraph answer's size. The map is printed as a ratio of the network view of the same run.
 *
 *   flock /tmp/maillage-bench.lock node bench/explorer.ts          # 3,000 actors in the Somme
 *   flock /tmp/maillage-bench.lock node bench/explorer.ts 10000    # other sizes
 *   flock /tmp/maillage-bench.lock node bench/explorer.ts 3000 10000 whole   # and the whole network of 125,000 actors
 *
 * Progress, each phase's time and, on a page that is not ready in time (BENCH_READY_TIMEOUT s,
 * default 300), what it shows go to stderr; the figures and where the first run's time went (each
 * GraphQL request's end and size, when the page drew, laid out, showed the shape) to stdout.
 *
 * Every actor is placed in the Somme (the synthetic generator is given the Somme's communes only),
 * so `department:80` holds all N. Needs `npm run build:explorer` (done here when stale).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { buildExplorer } from '../scripts/explorer-build.ts';
import { projectRoot } from '../src/config.ts';
import { createGraphQLServer } from '../src/graphql/server.ts';
import { createLogger } from '../src/logger.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { geographyPart, geographySource, loadGeographyData } from '../src/seed/geography.ts';
import { seed } from '../src/seed/load.ts';
import { syntheticSource } from '../src/seed/synthetic.ts';
import { helpIfAsked, invocation, loadAverage, provenance } from './support.ts';

helpIfAsked(`The explorer's ready-to-use time in Debian's Chromium (network view and map view) for a département of N synthetic actors.

  flock /tmp/maillage-bench.lock npx node bench/explorer.ts [N=3000 ...] [whole]
    N      a département (the Somme) of N synthetic actors; several sizes: each adds to the previous
    whole  the whole synthetic network, 125,000 actors and about 1,000,000 relationships, no territory chosen
  BENCH_RUNS=3           fresh pages per view (the median is printed)
  BENCH_READY_TIMEOUT=300  seconds a page may take to be ready before the run fails, saying where it stopped`);

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** `whole`: the whole synthetic network (125,000 actors, about 1,000,000 relationships), shown with no territory chosen. */
const WHOLE_ACTORS = 125_000;
/** Screenshots of the first run of each view, as it was when counted ready. */
const SCREENSHOTS = path.join(projectRoot, 'test-results', 'explorer-bench');

/** The explorer's own bound (explorer/src/main.ts): it asks actorGraph for this many actors. */
const MAX_DRAWN = 5000;

interface Case {
  actors: number;
  /** The territory shown ('' for the whole network). */
  territory: string;
}

function casesOf(args: string[]): Case[] {
  const cases = args
    .filter((a) => !a.startsWith('-'))
    .map((a): Case => {
      if (a === 'whole') return { actors: WHOLE_ACTORS, territory: '' };
      const n = Number(a);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`bench/explorer.ts: "${a}" is neither a number of actors nor "whole"`);
      return { actors: n, territory: 'department:80' };
    });
  // Each case adds actors to the previous ones: sizes must grow.
  cases.sort((a, b) => a.actors - b.actors);
  return cases.length ? cases : [{ actors: 3000, territory: 'department:80' }];
}
/** How long a page may take to become ready before the run fails (BENCH_READY_TIMEOUT, seconds). */
const READY_TIMEOUT_S = Number(process.env.BENCH_READY_TIMEOUT ?? 300);

/** Progress on stderr (stdout keeps the figures only), with the seconds since the start. */
const t0 = performance.now();
const progress = (line: string) => process.stderr.write(`[explorer ${((performance.now() - t0) / 1000).toFixed(1)} s] ${line}\n`);

/** One phase, its progress lines, and a timeout that fails with the phase's name instead of hanging. */
async function phase<T>(name: string, seconds: number, work: () => Promise<T>): Promise<T> {
  progress(`${name} ...`);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench/explorer.ts: "${name}" did not finish within ${seconds} s`)), seconds * 1000);
  });
  try {
    const result = await Promise.race([work(), timeout]);
    progress(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const cases = casesOf(process.argv.slice(2));
  console.log(provenance(invocation('npx node bench/explorer.ts')));
  await phase('explorer build (if stale)', 300, () => buildExplorer({ ifStale: true }));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-explorer-'));
  const server = await phase('Neo4j start', 240, async () =>
    // The whole network (GDS on millions of links): a 1 GB Neo4j was gone after its full actorGraph.
    startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: cases.some((c) => !c.territory) ? '3g' : '1g', pagecache: '512m', log: progress }),
  );
  const db = connect({ ...server.connection, database: 'neo4j' });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-chromium-'));
  let http: Server | undefined;
  let browser: BrowserContext | undefined;
  try {
    const geo = await phase('seeding the Somme and the framework', 600, async () => {
      await migrate(db);
      const somme80 = geographyPart(loadGeographyData(), { departement: '80' });
      await seed(db, geographySource(somme80));
      await seed(db, resolveSource('framework'));
      return somme80;
    });
    const base = await phase('server start', 60, async () => {
      http = createServer(createGraphQLServer({ db, logger: createLogger('silent') }));
      await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    });
    browser = await phase('browser launch', 120, () =>
      chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1440, height: 900 },
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking'],
      }),
    );
    let seeded = 0;
    for (const { actors: size, territory: TERRITORY } of cases) {
      const where = TERRITORY ? `in ${TERRITORY}` : 'in the whole network';
      const hash = TERRITORY ? `t=${TERRITORY}` : '';
      await phase(`seeding ${size - seeded} synthetic actors (${size} in all)`, 1800, () =>
        seed(db, syntheticSource({ seed: 7, actors: size - seeded, prefix: `bench${size}:` }, geo)),
      );
      seeded = size;
      const graphBytes = await phase(`actorGraph(${TERRITORY || 'null'}, first: ${MAX_DRAWN}) over HTTP`, 600, async () =>
        (
          await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': 'bench' },
            // What the page asks: its 5,000 best-connected actors (explorer/src/main.ts MAX_DRAWN).
            body: JSON.stringify({ query: `{ actorGraph(within: ${TERRITORY ? `"${TERRITORY}"` : 'null'}, first: ${MAX_DRAWN}) { nodes { id name kind } links { source target weight types } } }` }),
          })
        ).arrayBuffer(),
      ).catch((err: unknown) => {
        progress(String(err));
        return new ArrayBuffer(0);
      });
      const network: number[] = [];
      const map: number[] = [];
      let drawnNodes = '';
      const breakdowns: string[] = [];
      const failures: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const view of ['network', 'map'] as const) {
          const page = await browser.newPage();
          const requests = watchRequests(page);
          await page.addInitScript(MARKS_SCRIPT);
          page.on('pageerror', (err) => progress(`page error: ${err.message}`));
          page.on('console', (message) => message.type() === 'error' && progress(`page console: ${message.text()}`));
          try {
            const started = Date.now();
            await phase(`${view} view, run ${run + 1}: page load`, 60, () => page.goto(`${base}/explore/#${[hash, view === 'map' ? 'v=map' : ''].filter(Boolean).join('&')}`));
            const ready = await phase(`${view} view, run ${run + 1}: ready`, READY_TIMEOUT_S, async () => {
              if (view === 'network') {
                // Drawn, the communities (from networkShape) applied, and their layout stopped.
                await page.locator(`#shape[data-territory="${TERRITORY}"]`).waitFor({ state: 'attached', timeout: 0 });
                await page.locator(`#graph[data-state="ready"][data-territory="${TERRITORY}"][data-layout="done"]`).waitFor({ state: 'attached', timeout: 0 });
              } else {
                await page.locator(`#map[data-state="ready"][data-territory="${TERRITORY}"][data-indicator]`).waitFor({ state: 'attached', timeout: 0 });
              }
            }).then(
              () => true,
              async (err: unknown) => {
                // A page not ready in time is a result too: say where it stopped, and go on.
                const stuck = `${view} view, run ${run + 1}: ${String(err instanceof Error ? err.message : err)}; the page showed ${await pageState(page)}`;
                progress(stuck);
                failures.push(`  ${stuck}; ${await marksOf(page)}; ${requests.summary()}`);
                return false;
              },
            );
            if (!ready) continue;
            (view === 'network' ? network : map).push(Date.now() - started);
            const breakdown = `${view} view, run ${run + 1}: ${await marksOf(page)}; ${requests.summary()}`;
            progress(breakdown);
            if (run === 0) {
              breakdowns.push(`  ${breakdown}`);
              // What "ready" looked like, to judge whether the layout was settled enough to read.
              await page.screenshot({ path: path.join(SCREENSHOTS, `${TERRITORY ? size : 'whole'}-${view}.png`) });
            }
            if (view === 'network') drawnNodes = (await page.locator('#graph').getAttribute('data-nodes')) ?? '';
          } finally {
            await page.close();
          }
        }
      }
      const n = network.length ? median(network) : NaN;
      const m = map.length ? median(map) : NaN;
      console.log(
        `${size} actors ${where} (${drawnNodes} drawn), actorGraph(first: ${MAX_DRAWN}) ${(graphBytes.byteLength / 1e6).toFixed(1)} MB: ` +
          `network ready ${(n / 1000).toFixed(1)} s, map ready ${(m / 1000).toFixed(1)} s (map/network ${(m / n).toFixed(2)}), median of ${RUNS}; ` +
          // The first run is the cold one (networkShape is cached afterwards, until the data changes).
          `each run: network ${network.map((x) => (x / 1000).toFixed(1)).join(', ')} s, map ${map.map((x) => (x / 1000).toFixed(1)).join(', ')} s`,
      );
      // Where the time went in the first run (ms since navigation): stdout, so it is kept with the figures.
      console.log([...breakdowns, ...failures].join('\n'));
    }
    console.log(`Load average after: ${loadAverage()} (1, 5, 15 min).`);
  } finally {
    await browser?.close().catch(() => undefined);
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Records, in the page, when the graph and map elements change state (ms since navigation): drawn
 * (`#graph` ready), layout stopped, shape shown, map ready.
 */
const MARKS_SCRIPT = `
  window.__benchMarks = [];
  new MutationObserver((changes) => {
    for (const c of changes) {
      const el = c.target;
      const value = el.getAttribute(c.attributeName);
      window.__benchMarks.push([el.id + '.' + c.attributeName.slice(5) + '=' + value, Math.round(performance.now())]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-layout', 'data-territory'] });
`;

async function marksOf(page: Page): Promise<string> {
  const marks = await page.evaluate(() => (window as unknown as { __benchMarks: [string, number][] }).__benchMarks).catch(() => []);
  const first = new Map<string, number>();
  for (const [name, at] of marks) if (/^(graph\.state=ready|graph\.layout=(running|done)|shape\.territory=.+|map\.state=ready)$/.test(name)) first.set(name.replace(/=.+:.+$/, ''), at);
  return [...first].map(([name, at]) => `${name} ${at}`).join(', ');
}

/** Each GraphQL request of a page: operation, when it ended (ms since the page was opened), answer size. */
function watchRequests(page: Page): { summary: () => string } {
  const opened = Date.now();
  const seen: { operation: string; ended: number; took: number; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    if (!request.url().endsWith('/graphql')) return;
    const operation = /query (\w+)/.exec(request.postData() ?? '')?.[1] ?? '?';
    const sizes = request.sizes().catch(() => ({ responseBodySize: 0 }));
    void sizes.then((s) => seen.push({ operation, ended: Date.now() - opened, took: Math.round(request.timing().responseEnd), bytes: s.responseBodySize }));
  });
  return {
    summary: () => {
      const byOperation = new Map<string, { count: number; last: number; slowest: number; bytes: number }>();
      for (const r of seen) {
        const o = byOperation.get(r.operation) ?? { count: 0, last: 0, slowest: 0, bytes: 0 };
        byOperation.set(r.operation, { count: o.count + 1, last: Math.max(o.last, r.ended), slowest: Math.max(o.slowest, r.took), bytes: o.bytes + r.bytes });
      }
      return [...byOperation]
        .filter(([, o]) => o.slowest > 200 || o.bytes > 100_000)
        .map(([name, o]) => `${name}${o.count > 1 ? ` ×${o.count}` : ''} ends ${o.last}, slowest ${o.slowest} ms, ${(o.bytes / 1e6).toFixed(1)} MB`)
        .join(', ');
    },
  };
}

/** What a page that is not ready shows: its status line and the data attributes the waits look for. */
async function pageState(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const attrs = (id: string) => {
        const el = document.getElementById(id);
        return el ? Object.entries(el.dataset).map(([k, v]) => `${k}=${v}`).join(' ') : 'absent';
      };
      return `status "${document.getElementById('status')?.textContent ?? ''}"; #graph ${attrs('graph')}; #shape ${attrs('shape')}; #map ${attrs('map')}`;
    })
    .catch((err: unknown) => `(unreadable: ${String(err)})`);
}

if (import.meta.main) await main();
