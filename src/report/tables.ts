/**
 * The figures of every section as tables: shown in the HTML, downloadable one by one as CSV
 * (csv-stringify) and all together as one XLSX workbook, one sheet a table (ExcelJS).
 *
 *   const tables = reportTables(report, messages('FR'));
 *   tables.find((x) => x.name === 'gaps')!.rows[0]   // ['Stratégie export', 'international', 3.4, 0.5, 2.27, 4, 52]
 *   toCsv(tables[0])                                  // 'Indicateur,Valeur\r\nActeurs,12\r\n...'
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { ActorRecord } from '../domain/records.ts';
import type { TerritoryReportRecord } from './content.ts';
import type { Messages } from './i18n.ts';

export type Cell = string | number | null;

export interface ReportTable {
  /** The URL name: /report/<territory>/<name>.csv */
  name: string;
  section: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Columns holding shares (0..1): shown as percentages, kept as numbers in CSV and XLSX. */
  shares?: number[];
  /** Rows holding shares, for tables of one figure a row. */
  shareRows?: number[];
}

export const TABLE_NAMES = [
  'figures', 'kinds', 'sources', 'subterritories', 'hubs', 'brokers', 'communities', 'isolated', 'uncovered',
  'comparisons', 'themes', 'gaps', 'suggestions', 'funding-paths',
] as const;

const names = (actors: readonly ActorRecord[]) => actors.map((a) => a.name).join('; ');

/**
 * The first names and how many more: at 1M relationships a competency of the whole network has
 * thousands of teachers, which made the HTML 1 MB and its PDF pages of names (the API lists them all).
 */
const someNames = (actors: readonly ActorRecord[], shown = 5) =>
  actors.length <= shown ? names(actors) : `${names(actors.slice(0, shown))} (+${actors.length - shown})`;

export function reportTables(report: TerritoryReportRecord, t: Messages): ReportTable[] {
  const fr = t.lang === 'FR';
  const f = report.figures;
  const ie = f.innovationExport;
  const l = t.label;
  return [
    {
      name: 'figures',
      section: 1,
      title: t.heading.figures,
      columns: [l.figure, l.value],
      rows: [
        [l.actors, f.actorCount],
        [l.links, f.linkCount],
        [l.companies, f.companyCount],
        [l.companiesMet, f.companiesMet],
        [l.surveyResponses, f.surveyResponses],
        [l.eventsHeld, f.eventsHeld],
        [`${l.innovating}`, ie.innovatingCount],
        [`${l.innovating} : ${l.exporting.toLowerCase()}`, f.innovatingExportingCount],
        [`${l.innovating} : ${l.exportRate.toLowerCase()}`, ie.innovatingShareExporting],
        [`${l.other}`, ie.otherCount],
        [`${l.other} : ${l.exporting.toLowerCase()}`, f.otherExportingCount],
        [`${l.other} : ${l.exportRate.toLowerCase()}`, ie.otherShareExporting],
        [l.synthetic, f.syntheticActorCount],
      ],
      shareRows: [8, 11],
    },
    {
      name: 'kinds',
      section: 1,
      title: l.kind,
      columns: [l.kind, l.count],
      rows: f.countsByKind.map((k) => [t.kind(k.kind, 2), k.count]),
    },
    {
      name: 'sources',
      section: 1,
      title: l.source,
      columns: [l.source, l.actors, fr ? 'Synthétique' : 'Synthetic'],
      rows: f.actorsBySource.map((s) => [s.source, s.count, s.synthetic ? (fr ? 'oui' : 'yes') : fr ? 'non' : 'no']),
    },
    {
      name: 'subterritories',
      section: 2,
      title: t.heading.map,
      columns: [l.territory, 'id', l.actors, l.companies],
      rows: report.map.subTerritories.map((s) => [s.territory.name, s.territory.id, s.actorCount, s.companyCount]),
    },
    {
      name: 'hubs',
      section: 3,
      title: fr ? 'Pôles (acteurs les plus reliés)' : 'Hubs (most connected actors)',
      columns: [l.rank, l.actor, 'id', l.partners],
      rows: report.network.hubs.map((h) => [h.rank, h.actor.name, h.actor.id, h.score]),
    },
    {
      name: 'brokers',
      section: 3,
      title: fr ? 'Intermédiaires' : 'Brokers',
      columns: [l.rank, l.actor, 'id', l.betweenness],
      rows: report.network.brokers.map((b) => [b.rank, b.actor.name, b.actor.id, Math.round(b.score * 1e4) / 1e4]),
    },
    {
      name: 'communities',
      section: 3,
      title: fr ? 'Communautés' : 'Communities',
      columns: [l.community, l.size, fr ? 'Membres les plus centraux' : 'Most central members'],
      rows: report.network.communities.map((c) => [c.name, c.size, names(c.members.slice(0, 5))]),
    },
    {
      name: 'isolated',
      section: 3,
      title: fr ? 'Acteurs isolés' : 'Isolated actors',
      columns: [l.actor, 'id', l.kind],
      rows: report.network.isolated.map((a) => [a.name, a.id, t.kind(a.kind, 1)]),
    },
    {
      name: 'uncovered',
      section: 3,
      title: fr ? 'PME-PMI sans université de leur région' : 'SMEs with no university of their région',
      columns: [l.company, 'id', fr ? 'Salariés' : 'Employees'],
      rows: report.network.coverage.uncovered.map((a) => [a.name, a.id, typeof a.properties.employees === 'number' ? a.properties.employees : null]),
    },
    {
      name: 'comparisons',
      section: 3,
      title: fr ? 'Comparaison' : 'Comparison',
      columns: [l.territory, l.actors, l.companies, l.coverage, `${l.innovating} : ${l.exportRate.toLowerCase()}`, `${l.other} : ${l.exportRate.toLowerCase()}`],
      rows: [
        [report.title, f.actorCount, f.companyCount, report.network.coverage.share, ie.innovatingShareExporting, ie.otherShareExporting],
        ...report.network.comparisons.map((c) => [c.name, c.actorCount, c.companyCount, c.coverageShare, c.innovatingShareExporting, c.otherShareExporting]),
      ],
      shares: [3, 4, 5],
    },
    {
      name: 'themes',
      section: 4,
      title: l.theme,
      columns: [l.theme, l.demand, l.supply, l.companies, l.surveyResponses, fr ? 'Compétences' : 'Competencies'],
      rows: report.competencies.themes.map((x) => [t.theme(x.theme), x.demand, x.supply, x.companyCount, x.responses, x.competencyCount]),
    },
    {
      name: 'gaps',
      section: 4,
      title: l.competency,
      columns: [l.competency, l.theme, l.demand, l.supply, l.gap, l.companies, l.surveyResponses, l.teachers, l.withinReach, l.exposed],
      rows: report.competencies.gaps.map((g) => [
        String(g.competency.properties.name ?? g.competency.id),
        t.theme(String(g.competency.properties.theme ?? '')),
        g.demand, g.supply, g.gap, g.companyCount, g.responses,
        someNames(g.teachers), someNames(g.teachersWithinReach), someNames(g.exposedCompanies),
      ]),
    },
    {
      name: 'suggestions',
      section: 5,
      title: t.heading.partnerships,
      columns: [l.company, l.suggestion, l.score, l.reasons],
      rows: report.partnerships.suggestions.flatMap((s) =>
        s.synergies.map((syn): Cell[] => [
          s.company.name,
          syn.actor.name,
          Math.round(syn.score * 1000) / 1000,
          syn.reasons.map((r) => `${t.factor(r.factor)} ${t.share(r.share)}`).join('; '),
        ]),
      ),
    },
    {
      name: 'funding-paths',
      section: 5,
      title: fr ? 'Chemins vers les financeurs' : 'Paths to the funders',
      columns: [l.actor, l.funder, fr ? 'Étapes' : 'Steps', l.path],
      rows: report.partnerships.fundingPaths.map((p) => [p.from.name, p.funder.name, p.paths[0]?.hops ?? null, p.sentence]),
    },
  ];
}

export function toCsv(table: ReportTable): string {
  return stringify([table.columns, ...table.rows], { bom: true });
}

export async function toXlsx(report: TerritoryReportRecord, tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Maillage';
  workbook.title = report.title;
  for (const table of tables) {
    // Sheet names: at most 31 characters, unique.
    const sheet = workbook.addWorksheet(`${table.section}-${table.name}`.slice(0, 31));
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((column) => {
      column.width = 18;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
