/**
 * Exports of an actor graph (read-graph.ts) as the files network tools read: GEXF and GraphML
 * (Gephi, networkx), CSV tables (actors, links: Kumu, Onodo, spreadsheets), XLSX (one sheet per
 * table) and our JSON seed format. Each is written as a stream of chunks, a page of actors or
 * links at a time, so that an export never holds the whole file.
 *
 *   for await (const chunk of exportChunks(db, 'gexf', { within: 'department:80' })) out.write(chunk)
 *
 * Every format carries, per actor: id, name (GEXF/GraphML label), kind, commune (our id,
 * `commune:80021`, what the loader reads back), communeName, departement (code), departementName
 * and every stored property; per link: its type, direction (from -> to) and properties (weight...).
 * Each imports back into the same graph (`npm run seed`; tests/exchange/round-trip.test.ts).
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import XMLWriter from 'xml-writer';
import { KIND_LABEL } from '../domain/records.ts';
import { BOOLEAN_COLUMNS, INTEGER_COLUMNS, NUMBER_COLUMNS } from '../seed/columns.ts';
import { isActorKind } from '../domain/records.ts';
import type { Database } from '../neo4j/database.ts';
import { type Column, type ExportActor, type ExportLink, type ExportScope, actorPages, exportColumns, linkPages } from './read-graph.ts';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv-actors', 'csv-links', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  'csv-actors': 'text/csv; charset=utf-8',
  'csv-links': 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  gexf: 'gexf',
  graphml: 'graphml',
  'csv-actors': 'actors.csv',
  'csv-links': 'links.csv',
  json: 'json',
  xlsx: 'xlsx',
};

/** Actor columns every format has, before the stored properties. */
export const ACTOR_COLUMNS: Column[] = [
  { name: 'kind', type: 'string' },
  { name: 'commune', type: 'string' },
  { name: 'communeName', type: 'string' },
  { name: 'departement', type: 'string' },
  { name: 'departementName', type: 'string' },
];

function placeOf(a: ExportActor): Record<string, unknown> {
  return {
    kind: a.kind,
    commune: a.commune?.id,
    communeName: a.commune?.name ?? undefined,
    departement: a.departement?.code ?? undefined,
    departementName: a.departement?.name ?? undefined,
  };
}

/** A value as text: lists (rare on actors) as JSON. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

/** Chunks of about this many characters are handed to the stream. */
const CHUNK = 64 * 1024;

/** An XML writer whose output is collected into `parts`, drained by the caller after each page. */
function xmlWriter(parts: string[]): XMLWriter {
  return new XMLWriter(false, (s: string) => {
    parts.push(s);
  });
}

function* drain(parts: string[]): Generator<string> {
  if (parts.length === 0) return;
  const joined = parts.join('');
  parts.length = 0;
  for (let i = 0; i < joined.length; i += CHUNK) yield joined.slice(i, i + CHUNK);
}

async function* gexf(db: Database, scope: ExportScope): AsyncGenerator<string> {
  const columns = await exportColumns(db, scope);
  const actorColumns = [...ACTOR_COLUMNS, ...columns.actor];
  const linkColumns = [{ name: 'type', type: 'string' as const }, ...columns.link.filter((c) => c.name !== 'weight')];
  const parts: string[] = [];
  const xw = xmlWriter(parts);
  xw.startDocument('1.0', 'UTF-8');
  xw.startElement('gexf').writeAttribute('xmlns', 'http://gexf.net/1.3').writeAttribute('version', '1.3');
  xw.startElement('meta').writeElement('creator', 'Maillage').writeElement('description', scope.within ? `Actors of ${scope.within}` : 'The whole network').endElement();
  xw.startElement('graph').writeAttribute('defaultedgetype', 'directed').writeAttribute('mode', 'static');
  for (const [cls, cols] of [['node', actorColumns], ['edge', linkColumns]] as const) {
    xw.startElement('attributes').writeAttribute('class', cls).writeAttribute('mode', 'static');
    for (const c of cols) xw.startElement('attribute').writeAttribute('id', c.name).writeAttribute('title', c.name).writeAttribute('type', gexfType(c.type)).endElement();
    xw.endElement();
  }
  xw.startElement('nodes');
  yield* drain(parts);
  for await (const page of actorPages(db, scope)) {
    for (const a of page) {
      xw.startElement('node').writeAttribute('id', a.id).writeAttribute('label', a.name);
      xw.startElement('attvalues');
      const values = { ...placeOf(a), ...a.properties };
      for (const c of actorColumns) {
        const v = values[c.name];
        if (v !== undefined && v !== null) xw.startElement('attvalue').writeAttribute('for', c.name).writeAttribute('value', text(v)).endElement();
      }
      xw.endElement().endElement();
    }
    yield* drain(parts);
  }
  xw.endElement();
  xw.startElement('edges');
  let n = 0;
  for await (const page of linkPages(db, scope)) {
    for (const l of page) {
      xw.startElement('edge').writeAttribute('id', String(n++)).writeAttribute('source', l.from).writeAttribute('target', l.to).writeAttribute('label', l.type);
      if (typeof l.properties.weight === 'number') xw.writeAttribute('weight', String(l.properties.weight));
      xw.startElement('attvalues');
      const values: Record<string, unknown> = { type: l.type, ...l.properties };
      for (const c of linkColumns) {
        const v = values[c.name];
        if (v !== undefined && v !== null) xw.startElement('attvalue').writeAttribute('for', c.name).writeAttribute('value', text(v)).endElement();
      }
      xw.endElement().endElement();
    }
    yield* drain(parts);
  }
  // xml-writer's endDocument does not close open elements (its toString does): edges, graph, gexf.
  xw.endElement().endElement().endElement().endDocument();
  yield* drain(parts);
}

function gexfType(t: Column['type']): string {
  return t === 'integer' ? 'long' : t;
}

async function* graphml(db: Database, scope: ExportScope): AsyncGenerator<string> {
  const columns = await exportColumns(db, scope);
  const actorColumns = [{ name: 'label', type: 'string' as const }, ...ACTOR_COLUMNS, ...columns.actor];
  const linkColumns = [{ name: 'type', type: 'string' as const }, ...columns.link];
  const parts: string[] = [];
  const xw = xmlWriter(parts);
  xw.startDocument('1.0', 'UTF-8');
  xw.startElement('graphml').writeAttribute('xmlns', 'http://graphml.graphdrawing.org/xmlns');
  // Keys are named by attr.name; ids are prefixed so a node key and an edge key never clash.
  for (const [domain, prefix, cols] of [['node', 'n_', actorColumns], ['edge', 'e_', linkColumns]] as const)
    for (const c of cols)
      xw.startElement('key')
        .writeAttribute('id', `${prefix}${c.name}`)
        .writeAttribute('for', domain)
        .writeAttribute('attr.name', c.name)
        .writeAttribute('attr.type', c.type === 'integer' ? 'long' : c.type)
        .endElement();
  xw.startElement('graph').writeAttribute('id', scope.within ?? 'network').writeAttribute('edgedefault', 'directed');
  yield* drain(parts);
  for await (const page of actorPages(db, scope)) {
    for (const a of page) {
      xw.startElement('node').writeAttribute('id', a.id);
      const values: Record<string, unknown> = { label: a.name, ...placeOf(a), ...a.properties };
      for (const c of actorColumns) {
        const v = values[c.name];
        if (v !== undefined && v !== null) xw.startElement('data').writeAttribute('key', `n_${c.name}`).text(text(v)).endElement();
      }
      xw.endElement();
    }
    yield* drain(parts);
  }
  for await (const page of linkPages(db, scope)) {
    for (const l of page) {
      xw.startElement('edge').writeAttribute('source', l.from).writeAttribute('target', l.to);
      const values: Record<string, unknown> = { type: l.type, ...l.properties };
      for (const c of linkColumns) {
        const v = values[c.name];
        if (v !== undefined && v !== null) xw.startElement('data').writeAttribute('key', `e_${c.name}`).text(text(v)).endElement();
      }
      xw.endElement();
    }
    yield* drain(parts);
  }
  // graph, graphml (see gexf above).
  xw.endElement().endElement().endDocument();
  yield* drain(parts);
}

function actorRow(a: ExportActor, columns: Column[]): string[] {
  const values: Record<string, unknown> = { ...placeOf(a), ...a.properties };
  return [a.id, a.kind, a.name, ...columns.filter((c) => c.name !== 'kind').map((c) => text(values[c.name]))];
}

function linkRow(l: ExportLink, columns: Column[]): string[] {
  return [l.type, l.from, l.to, ...columns.map((c) => text(l.properties[c.name]))];
}

/**
 * A CSV header cell: a property the loader does not know gets its type as a suffix
 * (`approachStarted:int`, as Neo4j's import tool writes it), so that it imports back as a number.
 */
function csvHeader(c: Column): string {
  if (c.type === 'string' || KNOWN_COLUMNS.has(c.name)) return c.name;
  return `${c.name}:${c.type === 'integer' ? 'int' : c.type === 'double' ? 'float' : 'boolean'}`;
}
const KNOWN_COLUMNS = new Set([...INTEGER_COLUMNS, ...NUMBER_COLUMNS, ...BOOLEAN_COLUMNS]);

async function* csvActors(db: Database, scope: ExportScope): AsyncGenerator<string> {
  const columns = [...ACTOR_COLUMNS, ...(await exportColumns(db, scope)).actor];
  yield stringify([['id', 'kind', 'name', ...columns.filter((c) => c.name !== 'kind').map(csvHeader)]]);
  for await (const page of actorPages(db, scope)) yield stringify(page.map((a) => actorRow(a, columns)));
}

async function* csvLinks(db: Database, scope: ExportScope): AsyncGenerator<string> {
  const columns = (await exportColumns(db, scope)).link;
  yield stringify([['type', 'from', 'to', ...columns.map(csvHeader)]]);
  for await (const page of linkPages(db, scope)) yield stringify(page.map((l) => linkRow(l, columns)));
}

/** Our seed format: actors, the communes they are in (as `defaults`, so as not to overwrite the geography), links. */
async function* json(db: Database, scope: ExportScope): AsyncGenerator<string> {
  yield `{"description":${JSON.stringify(`Maillage export: ${scope.within ? `actors of ${scope.within}` : 'the whole network'}${scope.source ? ` (source ${scope.source})` : ''}`)},\n"nodes":[`;
  let first = true;
  const communes = new Map<string, { name: string; code: string | null }>();
  const sep = () => {
    const s = first ? '\n' : ',\n';
    first = false;
    return s;
  };
  for await (const page of actorPages(db, scope)) {
    let out = '';
    for (const a of page) {
      const labels = ['Actor', isActorKind(a.kind) ? KIND_LABEL[a.kind] : a.kind];
      out += sep() + JSON.stringify({ id: a.id, labels, properties: { kind: a.kind, name: a.name, ...a.properties } });
      if (a.commune) communes.set(a.commune.id, { name: a.commune.name, code: a.commune.code });
    }
    yield out;
  }
  let out = '';
  for (const [id, { name, code }] of [...communes].sort(([x], [y]) => x.localeCompare(y)))
    out += sep() + JSON.stringify({ id, labels: ['Territory', 'Commune'], defaults: code ? { name, code } : { name } });
  yield `${out}\n],\n"relationships":[`;
  first = true;
  for await (const page of actorPages(db, scope)) {
    let located = '';
    for (const a of page) if (a.commune) located += sep() + JSON.stringify({ type: 'LOCATED_IN', from: a.id, to: a.commune.id, properties: a.located ?? {} });
    yield located;
  }
  for await (const page of linkPages(db, scope)) yield page.map((l) => sep() + JSON.stringify({ type: l.type, from: l.from, to: l.to, properties: l.properties })).join('');
  yield '\n]}\n';
}

/** Two sheets, Actors and Links, written by exceljs's streaming writer (rows are committed as they come). */
function xlsx(db: Database, scope: ExportScope): AsyncIterable<Uint8Array> {
  const out = new PassThrough();
  const run = async () => {
    const columns = await exportColumns(db, scope);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const actorColumns = [...ACTOR_COLUMNS, ...columns.actor];
    const actors = workbook.addWorksheet('Actors');
    actors.addRow(['id', 'kind', 'name', ...actorColumns.filter((c) => c.name !== 'kind').map((c) => c.name)]).commit();
    for await (const page of actorPages(db, scope)) for (const a of page) actors.addRow(cells(actorRow(a, actorColumns), ['id', 'kind', 'name', ...actorColumns.filter((c) => c.name !== 'kind')])).commit();
    actors.commit();
    const links = workbook.addWorksheet('Links');
    links.addRow(['type', 'from', 'to', ...columns.link.map((c) => c.name)]).commit();
    for await (const page of linkPages(db, scope)) for (const l of page) links.addRow(cells(linkRow(l, columns.link), ['type', 'from', 'to', ...columns.link])).commit();
    links.commit();
    await workbook.commit();
  };
  run().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** Numbers and booleans as Excel numbers and booleans, text as text. */
function cells(row: string[], columns: (string | Column)[]): (string | number | boolean | null)[] {
  return row.map((v, i) => {
    const c = columns[i];
    const type = typeof c === 'object' ? c.type : 'string';
    if (v === '') return null;
    if (type === 'integer' || type === 'double') return Number(v);
    if (type === 'boolean') return v === 'true';
    return v;
  });
}

/** The export as a stream of chunks (text, or bytes for XLSX). */
export function exportChunks(db: Database, format: ExportFormat, scope: ExportScope): AsyncIterable<string | Uint8Array> {
  switch (format) {
    case 'gexf':
      return gexf(db, scope);
    case 'graphml':
      return graphml(db, scope);
    case 'csv-actors':
      return csvActors(db, scope);
    case 'csv-links':
      return csvLinks(db, scope);
    case 'json':
      return json(db, scope);
    case 'xlsx':
      return xlsx(db, scope);
  }
}

export function exportStream(db: Database, format: ExportFormat, scope: ExportScope): Readable {
  return Readable.from(exportChunks(db, format, scope));
}
