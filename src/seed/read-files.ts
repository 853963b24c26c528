/**
 * Reads seed files (our JSON format; CSV or XLSX tables of actors, links and survey answers) into
 * one source. Every problem is collected with its file and line or JSON path; nothing stops at the
 * first one. Spreadsheets are taken as people make them: see columns.ts (French or English column
 * names, "1 200", oui/non), text-input.ts (`;` or `,`, UTF-8 or Windows-1252) and places.ts (a
 * commune by name, postal code or INSEE code).
 *
 *   const source = readSeedPath('seeds/article');        // a file or a folder (its *.json, *.csv, *.xlsx)
 *   source.problems   // [{ where: 'links.csv:4', message: 'expected 3 columns (type,from,to), got 2' }]
 *   source.warnings   // [{ where: 'actors.csv:1', message: 'unknown column "employee" (did you mean employees?) ...' }]
 *
 * Inside a folder, only regular files are read: a symbolic link is refused, not followed (a seed
 * folder is not a way to read /etc/passwd), and a file above the size cap (SEED_MAX_FILE_MB) is
 * refused before it is read.
 */
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { DEFAULT_SEED_MAX_FILE_BYTES } from '../config.ts';
import { KIND_LABEL } from '../domain/records.ts';
import { ACTOR_PROPERTIES, ANSWER_PROPERTIES, COLUMN_ALIASES, LINK_PROPERTIES, canonicalColumn, parseBoolean, parseNumber, suggestColumn, typedCell } from './columns.ts';
import {
  type AnswerRow,
  type NodeRow,
  type Properties,
  type RelRow,
  type SeedProblem,
  type SeedSource,
  arraySource,
  nodeSchema,
  relationshipSchema,
  seedFileSchema,
} from './format.ts';
import { isKumu, readGexf, readGraphml, readKumu } from '../exchange/import-graph.ts';
import { jsonErrorPosition } from './json-position.ts';
import { isActorKind } from './model.ts';
import { resolveCommune } from './places.ts';
import { type Delimiter, type Encoding, decodeText, delimiterName, detectDelimiter } from './text-input.ts';

export interface ReadOptions {
  /** Files above this many bytes are refused unread (SEED_MAX_FILE_MB). */
  maxFileBytes?: number;
  /** CSV text encoding; guessed when not given (UTF-8 if valid, else Windows-1252). */
  encoding?: Encoding;
  /** CSV separator; guessed from the header line when not given. */
  delimiter?: Delimiter;
}

export interface Collected {
  nodes: NodeRow[];
  relationships: RelRow[];
  answers: AnswerRow[];
  problems: SeedProblem[];
  warnings: SeedProblem[];
}

export function emptyCollected(): Collected {
  return { nodes: [], relationships: [], answers: [], problems: [], warnings: [] };
}

/** The file kinds we read, by extension. */
export const SEED_FILE_PATTERN = /\.(json|csv|tsv|txt|xlsx|gexf|graphml)$/i;

function megabytes(bytes: number): string {
  if (bytes < 1_048_576) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / 1_048_576).toFixed(bytes < 10 * 1_048_576 ? 1 : 0)} MB`;
}

/** A file or a folder of seed files. `sourceName` becomes each row's `source` unless it sets one. */
export function readSeedPath(target: string, sourceName?: string, options: ReadOptions = {}): SeedSource {
  const collected = emptyCollected();
  const maxBytes = options.maxFileBytes ?? DEFAULT_SEED_MAX_FILE_BYTES;
  let files: string[];
  let inFolder = false;
  try {
    inFolder = statSync(target).isDirectory();
    files = inFolder
      ? readdirSync(target)
          .filter((f) => SEED_FILE_PATTERN.test(f))
          .sort()
          .map((f) => path.join(target, f))
      : [target];
  } catch {
    collected.problems.push({ where: target, message: 'expected a seed file or folder: it does not exist' });
    return withCollected(sourceName ?? target, collected, []);
  }
  if (files.length === 0) collected.problems.push({ where: target, message: 'expected .json, .csv or .xlsx seed files: the folder has none' });
  const pending: Promise<void>[] = [];
  for (const file of files) {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith('..') ? relative : file;
    const source = sourceName ?? path.basename(file);
    let bytes: Buffer;
    try {
      const info = inFolder ? lstatSync(file) : statSync(file);
      if (info.isSymbolicLink()) {
        collected.problems.push({ where: shown, message: 'is a symbolic link; expected a regular file (links in a seed folder are not followed)' });
        continue;
      }
      if (!info.isFile()) {
        collected.problems.push({ where: shown, message: 'expected a regular file' });
        continue;
      }
      if (info.size > maxBytes) {
        collected.problems.push({
          where: shown,
          message: `is ${megabytes(info.size)}; the limit is ${megabytes(maxBytes)} per file (SEED_MAX_FILE_MB): split it, or raise the limit`,
        });
        continue;
      }
      bytes = readFileSync(file);
    } catch (err) {
      collected.problems.push({ where: shown, message: `cannot read the file: ${(err as Error).message}` });
      continue;
    }
    readSeedBytes(bytes, path.basename(file), shown, source, collected, options, pending);
  }
  return withCollected(sourceName ?? path.basename(target), collected, pending);
}

/**
 * One file's bytes, by its name's extension. XLSX is read asynchronously: its promise joins
 * `pending`, which the source's `prepare()` awaits before anything is validated.
 */
export function readSeedBytes(
  bytes: Uint8Array,
  name: string,
  shown: string,
  source: string,
  out: Collected,
  options: ReadOptions,
  pending: Promise<void>[],
): void {
  if (/\.json$/i.test(name)) readJson(new TextDecoder('utf-8').decode(bytes), shown, source, out);
  else if (/\.gexf$/i.test(name)) readGexf(new TextDecoder('utf-8').decode(bytes), shown, source, out);
  else if (/\.graphml$/i.test(name)) readGraphml(new TextDecoder('utf-8').decode(bytes), shown, source, out);
  else if (/\.(csv|tsv|txt)$/i.test(name)) {
    const { text } = decodeText(bytes, options.encoding);
    readCsv(text, shown, source, out, options.delimiter);
  } else if (/\.xlsx$/i.test(name)) {
    pending.push(
      import('./xlsx.ts').then(({ readXlsx }) => readXlsx(bytes, shown, source, out)).catch((err: unknown) => {
        out.problems.push({ where: shown, message: `expected an Excel workbook (.xlsx): ${(err as Error).message}` });
      }),
    );
  } else out.problems.push({ where: shown, message: 'expected a .json, .csv, .xlsx, .gexf or .graphml file' });
}

function withCollected(name: string, collected: Collected, pending: Promise<void>[]): SeedSource {
  const source = arraySource(name, collected);
  source.warnings = collected.warnings;
  if (pending.length) {
    // Rows from workbooks arrive after the synchronous files': sizes are known only then.
    source.prepare = async () => {
      await Promise.all(pending);
      pending.length = 0;
      source.size = { nodes: collected.nodes.length, relationships: collected.relationships.length, answers: collected.answers.length };
    };
  }
  return source;
}

function jsonPath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

export function readJson(text: string, file: string, source: string, out: Collected): void {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorPosition(text);
    out.problems.push({
      where: at ? `${file}:${at.line}:${at.column}` : file,
      message: `expected valid JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`,
    });
    return;
  }
  if (isKumu(raw)) {
    readKumu(raw, file, source, out);
    return;
  }
  // The envelope first (unknown keys, nodes or relationships not lists), then each item on its
  // own, dropped from the parsed file once it is a row: the file is never held twice over (as
  // JSON objects, as zod's copy and as rows), which matters at a million relationships.
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const items = (key: 'nodes' | 'relationships'): unknown[] | undefined => (Array.isArray(record?.[key]) ? (record[key] as unknown[]) : undefined);
  const nodes = items('nodes');
  const relationships = items('relationships');
  const envelope = seedFileSchema.safeParse(record ? { ...record, nodes: nodes ? [] : record.nodes, relationships: relationships ? [] : record.relationships } : raw);
  if (!envelope.success) {
    for (const issue of (envelope.error as z.ZodError).issues) out.problems.push({ where: `${file}: ${jsonPath(issue.path)}`, message: issue.message });
    return;
  }
  let valid = true;
  const [nodesBefore, relationshipsBefore] = [out.nodes.length, out.relationships.length];
  nodes?.forEach((item, i) => {
    const parsed = nodeSchema.safeParse(item);
    nodes[i] = undefined;
    if (!parsed.success) {
      valid = false;
      for (const issue of (parsed.error as z.ZodError).issues) out.problems.push({ where: `${file}: ${jsonPath(['nodes', i, ...issue.path])}`, message: issue.message });
      return;
    }
    if (!valid) return;
    const node = parsed.data;
    out.nodes.push({
      id: node.id,
      labels: node.labels,
      properties: withSource(node.properties, node.defaults ? undefined : source),
      defaults: node.defaults ? withSource(node.defaults, source) : undefined,
      origin: `${file}: $.nodes[${i}]`,
    });
  });
  relationships?.forEach((item, i) => {
    const parsed = relationshipSchema.safeParse(item);
    relationships[i] = undefined;
    if (!parsed.success) {
      valid = false;
      for (const issue of (parsed.error as z.ZodError).issues) out.problems.push({ where: `${file}: ${jsonPath(['relationships', i, ...issue.path])}`, message: issue.message });
      return;
    }
    if (!valid) return;
    const rel = parsed.data;
    out.relationships.push({
      type: rel.type,
      from: rel.from,
      to: rel.to,
      properties: withSource(rel.properties, source),
      origin: `${file}: $.relationships[${i}]`,
    });
  });
  // A file with a wrong item brings no row at all, as before items were checked one by one.
  if (!valid) {
    out.nodes.length = nodesBefore;
    out.relationships.length = relationshipsBefore;
  }
}

/** A node that only has `defaults` keeps the owner's `source`; otherwise the row states its own. */
function withSource(properties: Properties, source: string | undefined): Properties {
  if (source === undefined || properties.source !== undefined) return properties;
  return { ...properties, source };
}

type TableKind = 'actors' | 'links' | 'answers';
const REQUIRED: Record<TableKind, string[]> = {
  actors: ['id', 'kind', 'name'],
  links: ['type', 'from', 'to'],
  answers: ['answer', 'company', 'competency', 'priority'],
};
/** Columns that are read, not stored as properties. */
const STRUCTURAL: Record<TableKind, string[]> = {
  actors: ['id', 'kind', 'name', 'commune', 'departement', 'postalCode', 'communeName', 'departementName'],
  links: ['type', 'from', 'to'],
  answers: ['answer', 'company', 'competency', 'priority'],
};
const PROPERTIES: Record<TableKind, string[]> = { actors: ACTOR_PROPERTIES, links: LINK_PROPERTIES, answers: ANSWER_PROPERTIES };
const frenchOf = (column: string) => COLUMN_ALIASES[column]?.[1] ?? column;

/** A table's lines, from a CSV file or a workbook sheet: cells as text, and the line (row) number. */
export interface TableLine {
  cells: string[];
  line: number;
  /** The cells' typed values when the file has types (XLSX numbers, GEXF/GraphML attributes): kept for columns we do not know. */
  values?: unknown[];
}

/** `approachStarted:int` in a header: a column we do not know, with its type (as Neo4j's import tool writes it). */
const TYPED_HEADER = /^(.*?):(int|long|integer|float|double|number|boolean|bool|string)$/i;
type Hint = 'integer' | 'number' | 'boolean' | 'string';
function hintOf(suffix: string): Hint {
  const s = suffix.toLowerCase();
  return s === 'int' || s === 'long' || s === 'integer' ? 'integer' : s === 'float' || s === 'double' || s === 'number' ? 'number' : s.startsWith('bool') ? 'boolean' : 'string';
}

/** A list, as exports write one in a cell: `["a","b"]` (JSON), every item of one type. */
function listOf(value: string): string[] | number[] | boolean[] | undefined {
  if (!value.startsWith('[') || !value.endsWith(']')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
    const type = typeof parsed[0];
    if (!['string', 'number', 'boolean'].includes(type) || parsed.some((x) => typeof x !== type)) return undefined;
    return parsed as string[] | number[] | boolean[];
  } catch {
    return undefined;
  }
}

function hinted(column: string, hint: Hint, value: string): string | number | boolean | Error {
  if (hint === 'string') return value;
  if (hint === 'boolean') return parseBoolean(value) ?? new Error(`column ${column}: expected oui/non or true/false, got "${value}"`);
  const n = parseNumber(value);
  if (n === undefined || (hint === 'integer' && !Number.isInteger(n))) return new Error(`column ${column}: expected a ${hint === 'integer' ? 'whole number' : 'number'}, got "${value}"`);
  return n;
}

export function readCsv(text: string, file: string, source: string, out: Collected, delimiter?: Delimiter): void {
  const separator = delimiter ?? detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
      delimiter: separator,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.problems.push({ where: e.lines ? `${file}:${e.lines}` : file, message: `expected valid CSV: ${e.message}` });
    return;
  }
  const lines = records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  readTable(lines, (line) => `${file}:${line}`, file, source, out, { delimiter: separator, forced: delimiter !== undefined });
}

/**
 * A table whose first line is its header. Which table it is (actors, links, answers) comes from
 * the columns it has, in any order and in French or English.
 */
export function readTable(
  lines: TableLine[],
  whereOf: (line: number) => string,
  file: string,
  source: string,
  out: Collected,
  csv?: { delimiter: Delimiter; forced: boolean },
): void {
  const first = lines[0];
  if (!first) {
    out.problems.push({ where: file, message: 'expected a header line, the file is empty' });
    return;
  }
  const hints = new Map<string, Hint>();
  const header = first.cells.map((c) => {
    const m = TYPED_HEADER.exec(c.trim());
    if (!m?.[1] || canonicalColumn(m[1])) return c.trim();
    hints.set(m[1], hintOf(m[2] ?? 'string'));
    return m[1];
  });
  const columns = header.map((h) => canonicalColumn(h));
  const present = new Set(columns.filter((c): c is string => c !== undefined));
  const kind = (Object.keys(REQUIRED) as TableKind[]).find((k) => REQUIRED[k].every((col) => present.has(col)));
  if (!kind) {
    const closestKind = (Object.keys(REQUIRED) as TableKind[])
      .map((k) => ({ k, have: REQUIRED[k].filter((col) => present.has(col)).length }))
      .sort((a, b) => b.have - a.have)[0];
    const missing = closestKind && closestKind.have > 0 ? REQUIRED[closestKind.k].filter((col) => !present.has(col)) : [];
    const otherSeparator =
      csv && header.length === 1 && /[;,\t]/.test(header[0] ?? '')
        ? ` The header is one single column: is the separator right? (${csv.forced ? 'given' : 'detected'}: ${delimiterName(csv.delimiter)}; --delimiter sets it)`
        : '';
    out.problems.push({
      where: whereOf(first.line),
      message:
        (missing.length && closestKind
          ? `looks like a table of ${closestKind.k} but has no column ${missing.map((c) => `${c} (${frenchOf(c)})`).join(', ')}. `
          : '') +
        `Expected a header with the columns id, kind, name (actors; in French identifiant, nature, nom), type, from, to (links; type, de, vers) or answer, company, competency, priority (survey answers; reponse, entreprise, competence, priorite); got ${header.join(',')}.${otherSeparator}`,
    });
    return;
  }
  // The same column twice (commune and ville) is a mistake we cannot settle.
  const seen = new Map<string, string>();
  let duplicated = false;
  header.forEach((h, i) => {
    const c = columns[i];
    if (!c) return;
    const before = seen.get(c);
    if (before !== undefined) {
      out.problems.push({ where: whereOf(first.line), message: `columns "${before}" and "${h}" both mean ${c}; expected one of them` });
      duplicated = true;
    } else seen.set(c, h);
  });
  if (duplicated) return;
  // Unknown columns are kept as properties when their name can be one, with a warning either way.
  const keys: (string | undefined)[] = header.map((h, i) => {
    const c = columns[i];
    if (c && (STRUCTURAL[kind].includes(c) || PROPERTIES[kind].includes(c))) return c;
    const allowed = [...STRUCTURAL[kind], ...PROPERTIES[kind]];
    const guess = suggestColumn(h, allowed);
    const dym = guess ? ` (did you mean ${guess}${frenchOf(guess) !== guess ? ` / ${frenchOf(guess)}` : ''}?)` : '';
    const storable = /^[A-Za-z_][A-Za-z0-9_]*$/.test(h);
    out.warnings.push({
      where: whereOf(first.line),
      message: `unknown column "${h}"${dym}: ${storable ? `imported as the property ${h}` : 'ignored'}; known columns of ${kind}: ${allowed.join(', ')}`,
    });
    return storable ? h : undefined;
  });

  const indexOf = new Map(keys.map((k, i) => [k, i]));
  for (const { cells: record, line, values } of lines.slice(1)) {
    const where = whereOf(line);
    if (record.every((c) => c.trim() === '')) continue;
    if (record.length !== header.length) {
      out.problems.push({ where, message: `expected ${header.length} columns (${header.join(',')}), got ${record.length}` });
      continue;
    }
    const cells: Record<string, string> = {};
    keys.forEach((key, i) => {
      if (key) cells[key] = (record[i] ?? '').trim();
    });
    const properties: Properties = {};
    let bad = false;
    for (const [col, value] of Object.entries(cells)) {
      if (STRUCTURAL[kind].includes(col)) continue;
      const raw = values?.[indexOf.get(col) ?? -1];
      const known = PROPERTIES[kind].includes(col);
      const hint = hints.get(col);
      const list = !known ? listOf(value) : undefined;
      const v =
        list !== undefined
          ? list
          : !known && (typeof raw === 'number' || typeof raw === 'boolean')
          ? raw
          : !known && hint && value !== ''
            ? hinted(col, hint, value)
            : typedCell(col, value);
      if (v instanceof Error) {
        out.problems.push({ where, message: v.message });
        bad = true;
      } else if (v !== undefined) properties[col] = v;
    }
    const missing = REQUIRED[kind].filter((col) => (cells[col] ?? '') === '');
    if (missing.length) {
      out.problems.push({ where, message: `expected a value in column ${missing.join(', ')}` });
      continue;
    }
    if (bad) continue;
    if (kind === 'actors') readActorRow(cells, properties, where, source, out);
    else if (kind === 'links') {
      out.relationships.push({
        type: cells.type ?? '',
        from: cells.from ?? '',
        to: cells.to ?? '',
        properties: { ...properties, source: properties.source ?? source },
        origin: where,
      });
    } else {
      const priority = Number(cells.priority);
      if (!Number.isInteger(priority) || priority < 1 || priority > 5) {
        out.problems.push({ where, message: `column priority: expected a whole number from 1 to 5, got "${cells.priority}"` });
        continue;
      }
      out.answers.push({
        answer: cells.answer ?? '',
        company: cells.company ?? '',
        competency: cells.competency ?? '',
        priority,
        source: typeof properties.source === 'string' ? properties.source : source,
        origin: where,
      });
    }
  }
}

function readActorRow(cells: Record<string, string>, properties: Properties, where: string, source: string, out: Collected): void {
  const kind = cells.kind;
  if (!isActorKind(kind)) {
    out.problems.push({ where, message: `column kind: expected one of ${Object.keys(KIND_LABEL).join(', ')}, got "${kind}"` });
    return;
  }
  const id = cells.id ?? '';
  const place = cells.commune || cells.postalCode;
  let communeId: string | undefined;
  // An id of ours ("commune:80021") is taken as it is: validation checks that it exists.
  if (cells.commune?.startsWith('commune:')) communeId = cells.commune;
  else if (place) {
    const hints = { ...(cells.departement ? { departement: cells.departement } : {}), ...(cells.postalCode ? { postalCode: cells.postalCode } : {}) };
    const resolved = resolveCommune(place, hints);
    if ('error' in resolved) {
      out.problems.push({ where, message: `column ${cells.commune ? 'commune' : 'postalCode'}: ${resolved.error}` });
      return;
    }
    communeId = `commune:${resolved.code}`;
  }
  out.nodes.push({
    id,
    labels: ['Actor', KIND_LABEL[kind]],
    properties: { source, ...properties, name: cells.name ?? '', kind },
    origin: where,
  });
  if (communeId) {
    // The row's own source, when it states one, is the place's source too.
    const located = typeof properties.source === 'string' ? properties.source : source;
    out.relationships.push({ type: 'LOCATED_IN', from: id, to: communeId, properties: { source: located }, origin: `${where} (column commune)` });
  }
}
