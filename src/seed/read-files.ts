/**
 * Reads seed files (our JSON format, or CSV: actors, links, survey answers) into one source. Every
 * problem is collected with its file and line or JSON path; nothing stops at the first one.
 *
 *   const source = readSeedPath('seeds/article');        // a file or a folder (its *.json, *.csv)
 *   source.problems   // [{ where: 'links.csv:4', message: 'expected 3 columns (type,from,to), got 2' }]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { KIND_LABEL } from '../domain/records.ts';
import {
  type AnswerRow,
  type NodeRow,
  type Properties,
  type RelRow,
  type SeedProblem,
  type SeedSource,
  arraySource,
  seedFileSchema,
} from './format.ts';
import { jsonErrorPosition } from './json-position.ts';
import { isActorKind } from './model.ts';

const INTEGER_COLUMNS = new Set(['founded', 'employees', 'since', 'trainings', 'responses', 'started', 'population']);
const NUMBER_COLUMNS = new Set(['weight', 'amount']);
const BOOLEAN_COLUMNS = new Set(['innovates', 'exports', 'labelled', 'synthetic']);

interface Collected {
  nodes: NodeRow[];
  relationships: RelRow[];
  answers: AnswerRow[];
  problems: SeedProblem[];
}

/** A file or a folder of seed files. `sourceName` becomes each row's `source` unless it sets one. */
export function readSeedPath(target: string, sourceName?: string): SeedSource {
  const collected: Collected = { nodes: [], relationships: [], answers: [], problems: [] };
  let files: string[];
  try {
    files = statSync(target).isDirectory()
      ? readdirSync(target)
          .filter((f) => /\.(json|csv)$/i.test(f))
          .sort()
          .map((f) => path.join(target, f))
      : [target];
  } catch {
    collected.problems.push({ where: target, message: 'expected a seed file or folder: it does not exist' });
    return arraySource(sourceName ?? target, collected);
  }
  if (files.length === 0) collected.problems.push({ where: target, message: 'expected .json or .csv seed files: the folder has none' });
  for (const file of files) {
    const relative = path.relative(process.cwd(), file);
    const shown = relative && !relative.startsWith('..') ? relative : file;
    const source = sourceName ?? path.basename(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      collected.problems.push({ where: shown, message: `cannot read the file: ${(err as Error).message}` });
      continue;
    }
    if (/\.json$/i.test(file)) readJson(text, shown, source, collected);
    else if (/\.csv$/i.test(file)) readCsv(text, shown, source, collected);
    else collected.problems.push({ where: shown, message: 'expected a .json or .csv file' });
  }
  return arraySource(sourceName ?? path.basename(target), collected);
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
  const parsed = seedFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of (parsed.error as z.ZodError).issues)
      out.problems.push({ where: `${file}: ${jsonPath(issue.path)}`, message: issue.message });
    return;
  }
  parsed.data.nodes.forEach((node, i) => {
    out.nodes.push({
      id: node.id,
      labels: node.labels,
      properties: withSource(node.properties, node.defaults ? undefined : source),
      defaults: node.defaults ? withSource(node.defaults, source) : undefined,
      origin: `${file}: $.nodes[${i}]`,
    });
  });
  parsed.data.relationships.forEach((rel, i) => {
    out.relationships.push({
      type: rel.type,
      from: rel.from,
      to: rel.to,
      properties: withSource(rel.properties, source),
      origin: `${file}: $.relationships[${i}]`,
    });
  });
}

/** A node that only has `defaults` keeps the owner's `source`; otherwise the row states its own. */
function withSource(properties: Properties, source: string | undefined): Properties {
  if (source === undefined || properties.source !== undefined) return properties;
  return { ...properties, source };
}

function typed(column: string, value: string): string | number | boolean | undefined | Error {
  if (value === '') return undefined;
  if (INTEGER_COLUMNS.has(column)) {
    return /^-?\d+$/.test(value) ? Number(value) : new Error(`column ${column}: expected a whole number, got "${value}"`);
  }
  if (NUMBER_COLUMNS.has(column)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : new Error(`column ${column}: expected a number, got "${value}"`);
  }
  if (BOOLEAN_COLUMNS.has(column)) {
    if (/^(true|yes|1)$/i.test(value)) return true;
    if (/^(false|no|0)$/i.test(value)) return false;
    return new Error(`column ${column}: expected true or false, got "${value}"`);
  }
  return value;
}

type CsvKind = 'actors' | 'links' | 'answers';
const CSV_HEADERS: Record<CsvKind, string[]> = {
  actors: ['id', 'kind', 'name'],
  links: ['type', 'from', 'to'],
  answers: ['answer', 'company', 'competency', 'priority'],
};

export function readCsv(text: string, file: string, source: string, out: Collected): void {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.problems.push({ where: e.lines ? `${file}:${e.lines}` : file, message: `expected valid CSV: ${e.message}` });
    return;
  }
  const header = records[0]?.record;
  if (!header) {
    out.problems.push({ where: file, message: 'expected a header line, the file is empty' });
    return;
  }
  const kind = (Object.keys(CSV_HEADERS) as CsvKind[]).find((k) => CSV_HEADERS[k].every((col, i) => header[i] === col));
  if (!kind) {
    out.problems.push({
      where: `${file}:1`,
      message: `expected a header starting with id,kind,name (actors), type,from,to (links) or answer,company,competency,priority (answers); got ${header.join(',')}`,
    });
    return;
  }
  for (const { record, info } of records.slice(1)) {
    const where = `${file}:${info.lines}`;
    if (record.length !== header.length) {
      out.problems.push({ where, message: `expected ${header.length} columns (${header.join(',')}), got ${record.length}` });
      continue;
    }
    const cells = Object.fromEntries(header.map((col, i) => [col, record[i] ?? '']));
    const properties: Properties = {};
    let bad = false;
    for (const [col, value] of Object.entries(cells)) {
      if (CSV_HEADERS[kind].includes(col) || (kind === 'actors' && col === 'commune')) continue;
      const v = typed(col, value);
      if (v instanceof Error) {
        out.problems.push({ where, message: v.message });
        bad = true;
      } else if (v !== undefined) properties[col] = v;
    }
    const missing = CSV_HEADERS[kind].filter((col) => cells[col] === '');
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
  out.nodes.push({
    id,
    labels: ['Actor', KIND_LABEL[kind]],
    properties: { source, ...properties, name: cells.name ?? '', kind },
    origin: where,
  });
  const commune = cells.commune;
  if (commune) {
    out.relationships.push({
      type: 'LOCATED_IN',
      from: id,
      to: commune.startsWith('commune:') ? commune : `commune:${commune}`,
      properties: { source },
      origin: `${where} (column commune)`,
    });
  }
}
