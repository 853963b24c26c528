/**
 * The territory synthesis as one print-ready HTML page (A4, its charts inline as SVG): what
 * GET /report/<territory> serves and what Chromium prints to PDF.
 *
 *   const html = await reportHtml(report, { base: '/report/department:80' })
 */
import type { ActorRecord } from '../domain/records.ts';
import { barChart, departmentMap, themeChart } from './charts.ts';
import type { TerritoryReportRecord } from './content.ts';
import { messages } from './i18n.ts';
import { type Cell, type ReportTable, reportTables } from './tables.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #1d2433; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 21pt; margin: 0 0 2mm; color: #12306b; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; color: #12306b; border-bottom: 1.5pt solid #12306b; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
.subtitle { color: #4a5568; margin: 0 0 4mm; }
p.sentence { margin: 1mm 0; }
.lead { font-size: 11.5pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; font-size: 9pt; }
th, td { border-bottom: 0.5pt solid #cbd2dc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f8; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 3mm 0; }
.figure { border: 0.6pt solid #cbd2dc; border-radius: 2mm; padding: 2mm; }
.figure b { display: block; font-size: 15pt; color: #12306b; }
.export { border: 1pt solid #c2410c; border-radius: 2mm; padding: 2mm 3mm; margin: 3mm 0; }
.chart { margin: 2mm 0; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
.note { font-size: 8.5pt; color: #4a5568; }
.downloads { font-size: 8.5pt; }
.downloads a { color: #1f5fbf; margin-right: 2mm; }
section { break-before: page; }
section.first { break-before: auto; }
h2, h3 { break-after: avoid; }
tr { break-inside: avoid; }
@media screen { body { padding: 8mm 4mm; } }
`;

function table(t: ReportTable, share: (n: number) => string, limit?: number, download?: string): string {
  const shown = limit === undefined ? t.rows : t.rows.slice(0, limit);
  const cell = (value: Cell, row: number, column: number) => {
    if (typeof value !== 'number') return `<td>${esc(value)}</td>`;
    if (t.shares?.includes(column) || t.shareRows?.includes(row)) return `<td class="n">${esc(share(value))}</td>`;
    return `<td class="n">${esc(Number.isInteger(value) ? value : Math.round(value * 1000) / 1000)}</td>`;
  };
  const more = limit !== undefined && t.rows.length > limit ? `<p class="note">${esc(`${shown.length} / ${t.rows.length}`)}${download ? ` · <a href="${esc(download)}">CSV</a>` : ''}</p>` : '';
  if (t.rows.length === 0) return '';
  return `<table data-table="${esc(t.name)}"><thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead>
<tbody>${shown.map((row, r) => `<tr>${row.map((value, c) => cell(value, r, c)).join('')}</tr>`).join('\n')}</tbody></table>${more}`;
}

const sentences = (list: readonly string[], lead = false) => list.map((s) => `<p class="sentence${lead ? ' lead' : ''}">${esc(s)}</p>`).join('\n');
const actorList = (actors: readonly ActorRecord[]) => actors.map((a) => esc(a.name)).join(', ');

export interface HtmlOptions {
  /** URL path of this report without extension (downloads are relative to it): /report/department:80 */
  base: string;
  /** When the page was made (ISO); the date printed in the footer. */
  generatedAt: string;
}

export async function reportHtml(report: TerritoryReportRecord, options: HtmlOptions): Promise<string> {
  const t = messages(report.lang);
  const fr = report.lang === 'FR';
  const l = t.label;
  const tables = reportTables(report, t);
  const byName = (name: string) => tables.find((x) => x.name === name)!;
  const lang = report.lang.toLowerCase();
  const csv = (name: string) => `${options.base}/${name}.csv?lang=${lang}`;
  const downloads = (section: number) =>
    `<p class="downloads">${esc(l.download)} : ${tables
      .filter((x) => x.section === section)
      .map((x) => `<a href="${esc(csv(x.name))}">${esc(x.name)}.csv</a>`)
      .join(' ')} <a href="${esc(`${options.base}.xlsx?lang=${lang}`)}">xlsx</a></p>`;

  const f = report.figures;
  const ie = f.innovationExport;
  const kinds = f.countsByKind.filter((k) => k.count > 0);
  const [kindChart, exportChart, subChart, map, themes, gapChart] = await Promise.all([
    kinds.length ? barChart(kinds.map((k) => ({ label: t.kind(k.kind, 2), value: k.count })), { x: l.actors, integer: true }) : null,
    ie.innovatingCount + ie.otherCount > 0
      ? barChart(
          [
            { label: `${l.innovating} (${t.int(ie.innovatingCount)})`, value: ie.innovatingShareExporting },
            { label: `${l.other} (${t.int(ie.otherCount)})`, value: ie.otherShareExporting },
          ],
          { x: l.exportRate, format: '.0%' },
        )
      : null,
    report.map.subTerritories.length
      ? barChart(report.map.subTerritories.slice(0, 15).map((s) => ({ label: s.territory.name, value: s.actorCount })), { x: l.actors, integer: true })
      : null,
    departmentMap(report, t),
    report.competencies.themes.length ? themeChart(report, t) : null,
    report.competencies.gaps.some((g) => g.gap > 0)
      ? barChart(
          report.competencies.gaps.filter((g) => g.gap > 0).slice(0, 12).map((g) => ({ label: String(g.competency.properties.name ?? g.competency.id), value: g.gap })),
          { x: l.gap },
        )
      : null,
  ]);
  const chart = (svg: string | null) => (svg ? `<div class="chart">${svg}</div>` : '');

  const figureBox = (label: string, value: number) => `<div class="figure"><b>${esc(t.int(value))}</b>${esc(label)}</div>`;
  const date = options.generatedAt.slice(0, 10);
  const gapsTable = { ...byName('gaps'), rows: byName('gaps').rows };

  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<title>${esc(`${t.documentTitle} · ${report.title}`)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body data-report="${esc(report.within ?? '')}">
<header>
<h1>${esc(t.documentTitle)} : ${esc(report.title)}</h1>
<p class="subtitle">${esc(l.dataDate)} : ${esc(report.dataDate ?? '—')} · ${esc(l.generated)} ${esc(date)} · Maillage · <a href="${esc(`${options.base}.pdf?lang=${lang}`)}">PDF</a> · <a href="${esc(`${options.base}?lang=${fr ? 'en' : 'fr'}`)}">${fr ? 'English' : 'Français'}</a></p>
</header>

<section class="first" id="figures">
<h2>1. ${esc(t.heading.figures)}</h2>
<div class="figures">
${figureBox(l.actors, f.actorCount)}${figureBox(l.links, f.linkCount)}${figureBox(l.companies, f.companyCount)}${figureBox(l.surveyResponses, f.surveyResponses)}
</div>
${sentences(f.sentences, true)}
${ie.innovatingCount + ie.otherCount > 0 ? `<div class="export"><h3>${esc(fr ? 'Innovation et export' : 'Innovation and export')}</h3>
<p class="sentence">${esc(fr ? `PME-PMI innovantes : ${t.oneIn(ie.innovatingShareExporting)} exporte (${t.share(ie.innovatingShareExporting)}) · autres PME-PMI : ${t.oneIn(ie.otherShareExporting)} (${t.share(ie.otherShareExporting)}).` : `Innovating SMEs: ${t.oneIn(ie.innovatingShareExporting)} export (${t.share(ie.innovatingShareExporting)}) · other SMEs: ${t.oneIn(ie.otherShareExporting)} (${t.share(ie.otherShareExporting)}).`)}</p>
${chart(exportChart)}</div>` : ''}
${chart(kindChart)}
${table(byName('figures'), t.share)}
<h3>${esc(fr ? 'Sources des acteurs' : 'Sources of the actors')}</h3>
${table(byName('sources'), t.share)}
<p class="note">${esc(fr ? 'Chaque acteur porte la source de ses données ; « synthetic » signale des données générées, qui ne décrivent aucune entreprise réelle. Détail des sources et licences en section 6.' : 'Every actor carries the source of its data; "synthetic" marks generated data, describing no real company. Sources and licences in section 6.')}</p>
${downloads(1)}
</section>

<section id="map">
<h2>2. ${esc(t.heading.map)}</h2>
${map ? `<div class="chart">${map}</div><p class="note">${esc(l.mapNote)}</p>` : `<p class="note">${esc(fr ? 'Pas de contour disponible pour ce territoire (outre-mer ou territoire fictif).' : 'No outline available for this territory (overseas or fictional).')}</p>`}
${report.map.level && subChart ? `<h3>${esc(fr ? `Acteurs par ${t.level(report.map.level)}` : `Actors by ${t.level(report.map.level)}`)}</h3>${chart(subChart)}` : ''}
${table(byName('subterritories'), t.share, 30, csv('subterritories'))}
${downloads(2)}
</section>

<section id="network">
<h2>3. ${esc(t.heading.network)}</h2>
${sentences(report.network.sentences)}
${report.network.hubs.length ? `<h3>${esc(byName('hubs').title)}</h3>${table(byName('hubs'), t.share)}` : ''}
${report.network.brokers.length ? `<h3>${esc(byName('brokers').title)}</h3>${table(byName('brokers'), t.share)}` : ''}
${report.network.communities.length ? `<h3>${esc(byName('communities').title)}</h3>${table(byName('communities'), t.share)}` : ''}
${report.network.isolated.length ? `<h3>${esc(byName('isolated').title)}</h3><p>${actorList(report.network.isolated.slice(0, 30))}${report.network.isolated.length > 30 ? '…' : ''}</p>` : ''}
${report.network.coverage.uncovered.length ? `<h3>${esc(byName('uncovered').title)}</h3>${table(byName('uncovered'), t.share, 10, csv('uncovered'))}` : ''}
<h3>${esc(byName('comparisons').title)}</h3>${table(byName('comparisons'), t.share)}
${downloads(3)}
</section>

<section id="competencies">
<h2>4. ${esc(t.heading.competencies)}</h2>
${sentences(report.competencies.sentences)}
${chart(themes)}
${table(byName('themes'), t.share)}
${gapChart ? `<h3>${esc(fr ? 'Les plus grands écarts' : 'The largest gaps')}</h3>${chart(gapChart)}` : ''}
${table(gapsTable, t.share, 15, csv('gaps'))}
${downloads(4)}
</section>

<section id="partnerships">
<h2>5. ${esc(t.heading.partnerships)}</h2>
${sentences(report.partnerships.sentences)}
${table(byName('suggestions'), t.share)}
${table(byName('funding-paths'), t.share)}
${downloads(5)}
</section>

<section id="method">
<h2>6. ${esc(t.heading.method)}</h2>
<ul>${report.method.definitions.map((d) => `<li>${esc(d)}</li>`).join('\n')}</ul>
<table><thead><tr><th>${esc(l.source)}</th><th>${esc(l.licence)}</th><th>${esc(l.usedFor)}</th></tr></thead>
<tbody>${report.method.sources.map((s) => `<tr><td>${esc(s.name)}</td><td>${esc(s.licence)}</td><td>${esc(s.usedFor)}</td></tr>`).join('\n')}</tbody></table>
<p class="note">${esc(l.dataDate)} : ${esc(report.dataDate ?? '—')}. ${esc(fr ? 'Les chiffres de ce document sont ceux de l’API (territoryReport), calculés par les mêmes fonctions que networkShape, competencyGaps et synergies.' : 'The figures of this document are those of the API (territoryReport), computed by the same functions as networkShape, competencyGaps and synergies.')}</p>
</section>
</body></html>`;
}
