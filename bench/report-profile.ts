/**
 * Where a cold territory report spends its time (bench/report.ts --profile): the whole content, then
 * each function it calls, one after the other, each query they send, the HTML and each chart, and
 * Chromium's launch and printing. On a fresh connection, so no cached answer is reused (Neo4j's
 * query plans are: this is the steady cold case, not the first request after a start).
 *
 *   await profileReport(server.connection, budgets, 'department:59')   // prints a table to stderr
 */
import { chromium } from 'playwright-core';
import { type Budgets, REPORT_LIMITS, chromiumPath } from '../src/config.ts';
import { connect } from '../src/neo4j/database.ts';
import { MEMBERS, MEMBER_SET, TERRITORY } from '../src/shape/actor-graph.ts';
import { coverage } from '../src/shape/coverage.ts';
import { innovationExport } from '../src/shape/innovation-export.ts';
import { networkShape } from '../src/shape/network-shape.ts';
import { competencyGaps } from '../src/synergy/gaps.ts';
import { synergyPaths } from '../src/synergy/paths.ts';
import { synergies } from '../src/synergy/suggestions.ts';
import { barChart, departmentMap, themeChart } from '../src/report/charts.ts';
import { territoryReport } from '../src/report/content.ts';
import { reportHtml } from '../src/report/html.ts';
import { messages } from '../src/report/i18n.ts';
import { closePdfBrowser, htmlToPdf } from '../src/report/pdf.ts';
import { actorCount, childLevel, departmentCounts, keyFunders, subTerritories, territoryFacts } from '../src/report/queries.ts';

/** A query's text without the shared fragments every territory query starts with, so queries can be told apart. */
const label = (cypher: string) =>
  [MEMBER_SET, TERRITORY, MEMBERS]
    .reduce((text, fragment) => text.split(fragment).join(' … '), cypher)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 110);

export async function profileReport(connection: { uri: string; user: string; password: string }, budgets: Budgets, within: string | null): Promise<void> {
  const queries: { cypher: string; ms: number }[] = [];
  const base = connect({ ...connection, database: 'neo4j', timeoutMs: 600_000, budgets });
  const db = base.scoped({ observer: (e) => queries.push({ cypher: label(e.cypher), ms: e.ms }) });
  const lines: string[] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const before = queries.length;
    const started = performance.now();
    const value = await work();
    const ms = performance.now() - started;
    const own = queries.slice(before).sort((a, b) => b.ms - a.ms);
    lines.push(`${(ms / 1000).toFixed(2).padStart(7)} s  ${name} (${own.length} queries)`);
    for (const q of own.slice(0, 4)) lines.push(`          ${(q.ms / 1000).toFixed(2).padStart(6)} s  ${q.cypher}`);
    return value;
  };
  try {
    const report = await step('territoryReport (all of it, caches empty; the first also plans its queries)', () => territoryReport(db, { within, lang: 'FR' }));
    // A second connection: the caches are per driver, so this one starts empty too.
    const again = connect({ ...connection, database: 'neo4j', timeoutMs: 600_000, budgets });
    try {
      const scoped = again.scoped({ observer: (e) => queries.push({ cypher: label(e.cypher), ms: e.ms }) });
      await step('territoryReport again (caches empty, queries planned)', () => territoryReport(scoped, { within, lang: 'EN' }));
    } finally {
      await again.close();
    }
    const facts = await step('territoryFacts', () => territoryFacts(db, within));
    await step('networkShape (cache off)', () => networkShape(db, { within }, { cache: false }));
    await step('competencyGaps', () => competencyGaps(db, within));
    await step('subTerritories', () => subTerritories(db, within, childLevel(facts.territory?.level ?? null)));
    await step('departmentCounts', () => departmentCounts(db));
    for (const peer of [facts.regions[0]?.id ?? null, ...(within ? [null] : [])]) {
      await step(`peer figures of ${peer ?? 'France'} (actorCount, coverage, innovationExport)`, () =>
        Promise.all([actorCount(db, peer), coverage(db, { within: peer }), innovationExport(db, { within: peer })]),
      );
    }
    const funders = await step('keyFunders', () => keyFunders(db, facts.regions.map((r) => r.id), REPORT_LIMITS.fundingPaths));
    for (const s of report.partnerships.suggestions) {
      await step(`synergies(${s.company.id})`, () => synergies(db, { actorId: s.company.id, kinds: ['UNIVERSITY'], first: REPORT_LIMITS.suggestionsPerCompany }));
    }
    const hub = report.network.hubs[0]?.actor;
    for (const funder of hub ? funders.filter((f) => f.id !== hub.id) : []) {
      await step(`synergyPaths(${hub!.id} -> ${funder.id})`, () =>
        synergyPaths(db, { from: hub!.id, to: funder.id, k: 1, maxHops: REPORT_LIMITS.pathMaxHops }).catch(() => []),
      );
    }
    const t = messages('FR');
    await step('chart: map (Vega)', () => departmentMap(report, t));
    await step('chart: themes (Vega-Lite)', () => themeChart(report, t));
    await step('chart: one bar chart (Vega-Lite)', () => barChart([{ label: 'a', value: 1 }, { label: 'b', value: 2 }], { x: 'x' }));
    const html = await step('reportHtml (every chart)', () => reportHtml(report, { base: '/report/x', generatedAt: new Date().toISOString() }));
    await step('Chromium: launch and close, nothing else', async () => {
      const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
      await browser.close();
    });
    await step('htmlToPdf, first (launches the warm Chromium)', () => htmlToPdf(html, 'x'));
    await step('htmlToPdf, second (warm Chromium)', () => htmlToPdf(html, 'x'));
    lines.push(`          HTML ${Math.round(html.length / 1024)} kB`);
  } finally {
    // The measurements after the profile start with no Chromium running, as a service does.
    await closePdfBrowser();
    await base.close();
  }
  process.stderr.write(`\nProfile of the cold report of ${within ?? 'the whole network'}:\n${lines.join('\n')}\n`);
}
