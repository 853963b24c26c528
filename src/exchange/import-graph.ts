/**
 * Graph files other tools write, read as the loader's tables (read-files.ts `readTable`), so they
 * get the same column names, typing, places and validation as a spreadsheet: GEXF and GraphML
 * (Gephi, networkx; read element by element by the SAX parser saxes, no document tree) and Kumu's JSON export.
 *
 * Node attributes: the node's id; `name`, else its label; `kind` (an ActorKind: COMPANY...), else
 * `type` or Kumu's `element type`; `commune` (our id, an INSEE code, a postal code or a name), and
 * any other attribute as a property. Edge attributes: `type` (else the edge's label, or Kumu's
 * `connection type`) is the relationship type; `weight` and the rest are properties. Gephi's
 * drawing attributes (x, y, size, color) are not data and are left out.
 *
 *   readGraphFile(text, 'gephi.gexf', 'gephi.gexf', collected)
 */
import { SaxesParser } from 'saxes';
import type { Collected, TableLine } from '../seed/read-files.ts';
import { readTable } from '../seed/read-files.ts';

const DRAWING = new Set(['x', 'y', 'z', 'size', 'color', 'shape', 'thickness', 'viz']);

interface Item {
  attributes: Record<string, unknown>;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows of objects as a table: the header is every key met, in the order first met. */
function toTable(rows: Record<string, unknown>[], first: string[]): TableLine[] {
  const keys = [...first];
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
  return [{ cells: keys, line: 0 }, ...rows.map((row, i) => ({ cells: keys.map((k) => cell(row[k])), values: keys.map((k) => row[k]), line: i + 1 }))];
}

function actorRow(id: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const { label, name, kind, type, 'element type': elementType, ...rest } = attributes;
  const row: Record<string, unknown> = { id, kind: kind ?? type ?? elementType, name: name ?? label };
  for (const [k, v] of Object.entries(rest)) if (!DRAWING.has(k) && !k.startsWith('_')) row[k] = v;
  return row;
}

function linkRow(from: string, to: string, attributes: Record<string, unknown>): Record<string, unknown> {
  const { label, type, 'connection type': connectionType, ...rest } = attributes;
  const row: Record<string, unknown> = { type: type ?? connectionType ?? label, from, to };
  for (const [k, v] of Object.entries(rest)) if (!DRAWING.has(k) && !k.startsWith('_')) row[k] = v;
  return row;
}

function readRows(actors: Record<string, unknown>[], links: Record<string, unknown>[], file: string, source: string, out: Collected): void {
  if (actors.length) readTable(toTable(actors, ['id', 'kind', 'name']), (n) => `${file} node ${n}`, `${file} nodes`, source, out);
  if (links.length) readTable(toTable(links, ['type', 'from', 'to']), (n) => `${file} edge ${n}`, `${file} edges`, source, out);
}

/** A declared attribute (GEXF `attribute`, GraphML `key`): its name, type and default value. */
interface Declared {
  name: string;
  type: string;
  default?: unknown;
}

/** A value typed as declared: numbers and booleans as such, the rest (lists included) as text. */
function typed(type: string, text: string): unknown {
  const t = type.toLowerCase();
  if (['integer', 'int', 'long', 'float', 'double', 'short', 'byte', 'bigdecimal', 'biginteger'].includes(t)) return text.trim() === '' ? text : Number(text);
  if (t === 'boolean') return text.trim().toLowerCase() === 'true';
  return text;
}

/** An XML element's name without its namespace prefix (`viz:color` is `color`). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads an XML graph file with a streaming (SAX) parser, element by element, into actor and link
 * rows: no document tree is built, so a file of a million edges costs its rows, not a DOM many times
 * its size (graphology's parsers build one and ran out of memory at 1,000,000 relationships).
 * `element` sees each opening tag with the path of its ancestors; `text` the text inside one.
 */
function readXml(
  text: string,
  file: string,
  what: string,
  root: string,
  handle: { open(name: string, attributes: Record<string, string>): void; close(name: string): void; text(value: string): void },
  out: Collected,
): boolean {
  const parser = new SaxesParser({ position: true });
  let seenRoot = false;
  let failure: string | undefined;
  parser.on('error', (err) => {
    failure ??= err.message;
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    if (!seenRoot) {
      seenRoot = true;
      if (name !== root) failure ??= `the root element is <${tag.name}>, expected <${root}>`;
    }
    handle.open(name, tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => handle.close(local(tag.name)));
  parser.on('text', (value) => handle.text(value));
  parser.on('cdata', (value) => handle.text(value));
  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (!seenRoot) failure ??= 'the file has no XML element';
  if (failure) {
    out.problems.push({ where: file, message: `expected ${what}: ${failure}` });
    return false;
  }
  return true;
}

export function readGexf(text: string, file: string, source: string, out: Collected): void {
  const declared: Record<'node' | 'edge', Map<string, Declared>> = { node: new Map(), edge: new Map() };
  const actors: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  let attributeClass: 'node' | 'edge' = 'node';
  let lastDeclared: Declared | undefined;
  let inDefault = false;
  let current: { kind: 'node' | 'edge'; id: string; from: string; to: string; attributes: Record<string, unknown> } | undefined;
  const ok = readXml(
    text,
    file,
    'a GEXF file (Gephi)',
    'gexf',
    {
      open(name, a) {
        if (name === 'attributes') attributeClass = a.class === 'edge' ? 'edge' : 'node';
        else if (name === 'attribute') {
          const id = a.id ?? a.for ?? '';
          lastDeclared = { name: a.title && !Number.isNaN(Number(id)) ? a.title : id, type: a.type ?? 'string' };
          declared[attributeClass].set(id, lastDeclared);
        } else if (name === 'default') inDefault = true;
        else if (name === 'node' || name === 'edge') {
          const attributes: Record<string, unknown> = {};
          if (a.label) attributes.label = a.label;
          if (a.weight) attributes.weight = Number(a.weight);
          if (a.kind) attributes.kind = a.kind;
          current = { kind: name, id: a.id ?? '', from: a.source ?? '', to: a.target ?? '', attributes };
        } else if (name === 'attvalue' && current) {
          const id = a.for ?? a.id ?? '';
          const d = declared[current.kind].get(id);
          current.attributes[d?.name ?? id] = typed(d?.type ?? 'string', a.value ?? '');
        }
      },
      close(name) {
        if (name === 'default') inDefault = false;
        else if ((name === 'node' || name === 'edge') && current?.kind === name) {
          for (const d of declared[name].values()) if (d.default !== undefined && !(d.name in current.attributes)) current.attributes[d.name] = d.default;
          if (name === 'node') actors.push(actorRow(current.id, current.attributes));
          else links.push(linkRow(current.from, current.to, current.attributes));
          current = undefined;
        }
      },
      text(value) {
        if (inDefault && lastDeclared) lastDeclared.default = typed(lastDeclared.type, value.trim());
      },
    },
    out,
  );
  if (ok) readRows(actors, links, file, source, out);
}

export function readGraphml(text: string, file: string, source: string, out: Collected): void {
  const keys = new Map<string, Declared & { for: string }>();
  const actors: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  let lastKey: (Declared & { for: string }) | undefined;
  let inDefault = false;
  let current: { kind: 'node' | 'edge'; id: string; from: string; to: string; attributes: Record<string, unknown> } | undefined;
  let data: { key: string; text: string } | undefined;
  const ok = readXml(
    text,
    file,
    'a GraphML file',
    'graphml',
    {
      open(name, a) {
        if (name === 'key') {
          lastKey = { name: a['attr.name'] ?? a.id ?? '', type: a['attr.type'] ?? 'string', for: a.for ?? 'all' };
          keys.set(a.id ?? '', lastKey);
        } else if (name === 'default') inDefault = true;
        else if (name === 'node' || name === 'edge') current = { kind: name, id: a.id ?? '', from: a.source ?? '', to: a.target ?? '', attributes: {} };
        else if (name === 'data' && current) data = { key: a.key ?? '', text: '' };
      },
      close(name) {
        if (name === 'default') inDefault = false;
        else if (name === 'data' && current && data) {
          const k = keys.get(data.key);
          current.attributes[k?.name ?? data.key] = k ? typed(k.type, data.text) : data.text;
          data = undefined;
        } else if ((name === 'node' || name === 'edge') && current?.kind === name) {
          for (const k of keys.values())
            if ((k.for === name || k.for === 'all') && k.default !== undefined && !(k.name in current.attributes)) current.attributes[k.name] = k.default;
          if (name === 'node') actors.push(actorRow(current.id, current.attributes));
          else links.push(linkRow(current.from, current.to, current.attributes));
          current = undefined;
        }
      },
      text(value) {
        if (data) data.text += value;
        else if (inDefault && lastKey) lastKey.default = typed(lastKey.type, value.trim());
      },
    },
    out,
  );
  if (ok) readRows(actors, links, file, source, out);
}

/** Kumu's JSON: `{ elements: [...], connections: [...] }`, attributes flat or under `attributes`. */
export function isKumu(raw: unknown): raw is { elements: unknown[]; connections?: unknown[] } {
  return typeof raw === 'object' && raw !== null && Array.isArray((raw as { elements?: unknown }).elements);
}

export function readKumu(raw: { elements: unknown[]; connections?: unknown[] }, file: string, source: string, out: Collected): void {
  const flat = (item: unknown): Record<string, unknown> => {
    if (typeof item !== 'object' || item === null) return {};
    const { attributes, ...rest } = item as Item & Record<string, unknown>;
    return { ...rest, ...(typeof attributes === 'object' && attributes !== null ? attributes : {}) };
  };
  const idOf = new Map<string, string>();
  const actors = raw.elements.map((item) => {
    const attributes = flat(item);
    const id = cell(attributes.id ?? attributes._id ?? attributes.label);
    for (const key of [attributes._id, attributes.label, attributes.id]) if (key !== undefined) idOf.set(cell(key), id);
    const { id: _drop, ...rest } = attributes;
    return actorRow(id, rest);
  });
  const links = (raw.connections ?? []).map((item) => {
    const { from, to, direction: _direction, ...attributes } = flat(item);
    return linkRow(idOf.get(cell(from)) ?? cell(from), idOf.get(cell(to)) ?? cell(to), attributes);
  });
  if (actors.length) readTable(toTable(actors, ['id', 'kind', 'name']), (n) => `${file}: $.elements[${n - 1}]`, `${file} elements`, source, out);
  if (links.length) readTable(toTable(links, ['type', 'from', 'to']), (n) => `${file}: $.connections[${n - 1}]`, `${file} connections`, source, out);
}
