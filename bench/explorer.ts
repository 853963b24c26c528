/**
 * The explorer's ready-to-use time in a real browser (Debian's Chromium), for a département of N
 * synthetic actors, in a Neo4j this script owns: the network view (data fetched, drawn, layout
 * stopped) and the map view (places fetched, drawn, choropleth coloured), each run fresh, with the
 * actorGraph answer's size. The map is printed as a ratio of the network view of the same run.
 *
 *   flock /tmp/maillage-bench.lock node bench/explorer.ts          # 3,000 actors in the Somme
 *   flock /tmp/maillage-bench.lock node bench/explorer.ts 10000    # other sizes
 *
 * Every actor is placed in the Somme (the synthetic generator is given the Somme's communes only),
 * so `department:80` holds all N. Needs `npm run build:explorer` (done here when stale).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { buildExplorer } from '../scripts/explorer-build.ts';
import { createGraphQLServer } from '../src/graphql/server.ts';
import { createLogger } from '../src/logger.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { type GeographyData, geographySource, loadGeographyData } from '../src/seed/geography.ts';
import { seed } from '../src/seed/load.ts';
import { syntheticSource } from '../src/seed/synthetic.ts';
import { helpIfAsked } from './support.ts';

helpIfAsked(`The explorer's ready-to-use time in Debian's Chromium (network view and map view) for a département of N synthetic actors.

  flock /tmp/maillage-bench.lock node bench/explorer.ts [N=3000]     (BENCH_RUNS=3 runs each)`);

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TERRITORY = 'department:80';

function somme(data: GeographyData): GeographyData {
  const communes = data.communes.filter((c) => c.departement === '80');
  const codes = new Set(communes.map((c) => c.code));
  return {
    regions: data.regions.filter((r) => r.code === '32'),
    departements: data.departements.filter((d) => d.code === '80'),
    communes,
    epci: data.epci.filter((e) => e.membres.some((m) => codes.has(m.code))),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await buildExplorer({ ifStale: true });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-explorer-'));
  const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '1g', pagecache: '512m' });
  const db = connect({ ...server.connection, database: 'neo4j' });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-chromium-'));
  try {
    await migrate(db);
    const geo = somme(loadGeographyData());
    await seed(db, geographySource(geo));
    await seed(db, resolveSource('framework'));
    const http = createServer(createGraphQLServer({ db, logger: createLogger('silent') }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking'],
    });
    let seeded = 0;
    for (const size of sizes.length ? sizes : [3000]) {
      await seed(db, syntheticSource({ seed: 7, actors: size - seeded, prefix: `bench${size}:` }, geo));
      seeded = size;
      const graphBytes = await (
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': 'bench' },
          body: JSON.stringify({ query: `{ actorGraph(within: "${TERRITORY}") { nodes { id name kind } links { source target weight types } } }` }),
        })
      ).arrayBuffer();
      const network: number[] = [];
      const map: number[] = [];
      let drawnNodes = '';
      for (let run = 0; run < RUNS; run++) {
        for (const view of ['network', 'map'] as const) {
          const page = await browser.newPage();
          const started = Date.now();
          await page.goto(`${base}/explore/#t=${TERRITORY}${view === 'map' ? '&v=map' : ''}`);
          if (view === 'network') {
            // Drawn, the communities (from networkShape) applied, and their layout stopped.
            await page.locator(`#shape[data-territory="${TERRITORY}"]`).waitFor({ state: 'attached', timeout: 300_000 });
            await page.locator(`#graph[data-state="ready"][data-territory="${TERRITORY}"][data-layout="done"]`).waitFor({ state: 'attached', timeout: 300_000 });
            network.push(Date.now() - started);
            drawnNodes = (await page.locator('#graph').getAttribute('data-nodes')) ?? '';
          } else {
            await page.locator(`#map[data-state="ready"][data-territory="${TERRITORY}"][data-indicator]`).waitFor({ state: 'attached', timeout: 300_000 });
            map.push(Date.now() - started);
          }
          await page.close();
        }
      }
      const n = median(network);
      const m = median(map);
      console.log(
        `${size} actors in ${TERRITORY} (${drawnNodes} drawn), actorGraph ${(graphBytes.byteLength / 1e6).toFixed(1)} MB: ` +
          `network ready ${(n / 1000).toFixed(1)} s, map ready ${(m / 1000).toFixed(1)} s (map/network ${(m / n).toFixed(2)}), median of ${RUNS}`,
      );
    }
    await browser.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
