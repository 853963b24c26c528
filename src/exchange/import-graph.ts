/**
 * Graph files other tools write, read as the loader's tables (read-files.ts `readTable`), so they
 * get the same column names, typing, places and validation as a spreadsheet: GEXF and GraphML
 * (Gephi, networkx; parsed by graphology-gexf and graphology-graphml) and Kumu's JSON export.
 *
 * Node attributes: the node's id; `name`, else its label; `kind` (an ActorKind: COMPANY...), else
 * `type` or Kumu's `element type`; `commune` (our id, an INSEE code, a postal code or a name), and
 * any other attribute as a property. Edge attributes: `type` (else the edge's label, or Kumu's
 * `connection type`) is the relationship type; `weight` and the rest are properties. Gephi's
 * drawing attributes (x, y, size, color) are not data and are left out.
 *
 *   readGraphFile(text, 'gephi.gexf', 'gephi.gexf', collected)
 */
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
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

function readGraph(graph: MultiGraph, file: string, source: string, out: Collected): void {
  const actors: Record<string, unknown>[] = [];
  graph.forEachNode((id, attributes) => actors.push(actorRow(id, attributes)));
  const links: Record<string, unknown>[] = [];
  graph.forEachEdge((_edge, attributes, from, to) => links.push(linkRow(from, to, attributes)));
  if (actors.length) readTable(toTable(actors, ['id', 'kind', 'name']), (n) => `${file} node ${n}`, `${file} nodes`, source, out);
  if (links.length) readTable(toTable(links, ['type', 'from', 'to']), (n) => `${file} edge ${n}`, `${file} edges`, source, out);
}

export function readGexf(text: string, file: string, source: string, out: Collected): void {
  let graph: MultiGraph;
  try {
    graph = parseGexf(MultiGraph, text, { addMissingNodes: false, allowUndeclaredAttributes: true }) as MultiGraph;
  } catch (err) {
    out.problems.push({ where: file, message: `expected a GEXF file (Gephi): ${(err as Error).message}` });
    return;
  }
  readGraph(graph, file, source, out);
}

export function readGraphml(text: string, file: string, source: string, out: Collected): void {
  let graph: MultiGraph;
  try {
    graph = parseGraphml(MultiGraph, text, { addMissingNodes: false }) as MultiGraph;
  } catch (err) {
    out.problems.push({ where: file, message: `expected a GraphML file: ${(err as Error).message}` });
    return;
  }
  readGraph(graph, file, source, out);
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
