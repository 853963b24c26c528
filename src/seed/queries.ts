/**
 * The loader's Cypher: one statement per batch of rows, sent as columns.
 *
 *   createNodes(['Actor', 'Company'], [{ id: 'c1', properties: { name: 'A', source: 's' } }, ...])
 *   // { cypher: 'UNWIND range(0, size($ids) - 1) AS i CREATE (n:`Entity`:`Actor`:`Company`
 *   //            {`id`: $ids[i], `name`: $p0[i], `source`: $p1}) RETURN ...',
 *   //   params: { ids: ['c1', ...], p0: ['A', ...], p1: 's' } }
 *
 * Two ways to write:
 * - merge finds or makes each node / relationship and reports what it created or changed; it is
 *   what makes seeding twice change nothing;
 * - create makes them outright, for rows that cannot exist yet: nodes (a taken id breaks the
 *   `Entity.id` uniqueness constraint, so the whole batch fails and is merged instead), and
 *   relationships one of whose ends this very run created (nobody could have linked it before).
 * Every statement returns one row `{ rows, created, updated }`.
 *
 * Rows go as columns (a list of ids, a list per property, a single value for a property every row
 * shares), not as a list of maps: measured on 200,000 relationships, Bolt carries and Neo4j decodes
 * the columns in a quarter of the time (docs/benchmarks.md). Created nodes and relationships get
 * their properties in the CREATE pattern itself, which also spares a map SET and the Eager it brings.
 */
import type { Statement } from '../neo4j/database.ts';
import type { NodeRow, Properties, RelRow } from './format.ts';

export type WriteMode = 'merge' | 'create';

/** A statement the loader sends: the one type of src/neo4j/database.ts. */
export type { Statement } from '../neo4j/database.ts';

export interface BatchCounts {
  rows: number;
  created: number;
  updated: number;
}

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
const labelList = (labels: string[]) => ['Entity', ...labels].map(quote).join(':');
const COUNT_CREATED = 'RETURN count(*) AS rows, count(*) AS created, 0 AS updated';

/** A node as written: `properties` are set on every load, `defaults` only when the load creates it. */
export interface NodeWrite {
  id: string;
  properties: Properties;
  defaults: Properties | undefined;
}

/** A relationship as written. */
export interface RelWrite {
  from: string;
  to: string;
  properties: Properties;
}

/**
 * The property names every row of a batch has, when they all have the same, in the same order (the
 * usual case: rows of one label or type come from one generator or one file); undefined otherwise.
 */
export function sharedKeys(rows: { properties: Properties }[]): string[] | undefined {
  let shared: string | undefined;
  for (const row of rows) {
    const keys = Object.keys(row.properties).join('\u0000');
    if (shared === undefined) shared = keys;
    else if (keys !== shared) return undefined;
  }
  return shared ? shared.split('\u0000') : [];
}

/**
 * `{k: $p0[i], source: $p1}` and its parameters when every row has the same property names;
 * otherwise undefined (the caller SETs each row's map instead).
 */
function propertyColumns(rows: { properties: Properties }[], reserved: string[]): { pattern: string; params: Record<string, unknown> } | undefined {
  const keys = sharedKeys(rows);
  if (!keys) return undefined;
  const params: Record<string, unknown> = {};
  const entries = keys
    .filter((k) => !reserved.includes(k))
    .map((key, j) => {
      const values = rows.map((r) => r.properties[key]);
      const firstValue = values[0];
      const constant = typeof firstValue !== 'object' && values.every((v) => v === firstValue);
      params[`p${j}`] = constant ? firstValue : values;
      return `${quote(key)}: $p${j}${constant ? '' : '[i]'}`;
    });
  return { pattern: entries.join(', '), params };
}

/** Props of a created node: `defaults` win over `properties` then, as they always have. */
const createdProperties = (n: NodeWrite): Properties => (n.defaults ? { ...n.properties, ...n.defaults } : n.properties);

export function createNodes(labels: string[], rows: NodeWrite[]): Statement {
  const ids = rows.map((n) => n.id);
  const created = rows.map((n) => ({ properties: createdProperties(n) }));
  const columns = propertyColumns(created, ['id']);
  if (columns)
    return {
      cypher: `UNWIND range(0, size($ids) - 1) AS i
CREATE (n:${labelList(labels)} {id: $ids[i]${columns.pattern ? `, ${columns.pattern}` : ''}})
${COUNT_CREATED}`,
      params: { ids, ...columns.params },
    };
  return {
    cypher: `UNWIND range(0, size($ids) - 1) AS i
CREATE (n:${labelList(labels)} {id: $ids[i]})
SET n += $props[i]
${COUNT_CREATED}`,
    params: { ids, props: created.map((c) => c.properties) },
  };
}

/*
 * A merged batch tells created from updated without a second look-up per row: a node the MERGE has
 * just made has only its `id`, a relationship it has just made has no property, while every row we
 * write carries at least `source` (writeRows sees to it). Reading the state before MERGE with an
 * extra OPTIONAL MATCH cost a third of the time.
 */
export function mergeNodes(labels: string[], rows: NodeWrite[]): Statement {
  return {
    cypher: `UNWIND range(0, size($ids) - 1) AS i
MERGE (n:Entity {id: $ids[i]})
WITH n, i, properties(n) AS before, size(labels(n)) AS labelCount
WITH n, i, before, labelCount, size(keys(before)) = 1 AS isNew
SET n:${labelList(labels)}, n += $props[i]
SET n += CASE WHEN isNew THEN $defaults[i] ELSE {} END
RETURN count(*) AS rows,
  sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT isNew AND (before <> properties(n) OR labelCount <> size(labels(n))) THEN 1 ELSE 0 END) AS updated`,
    params: { ids: rows.map((n) => n.id), props: rows.map((n) => n.properties), defaults: rows.map((n) => n.defaults ?? {}) },
  };
}

/** A dry run only reads: what the merge would create or change. */
export function dryRunNodes(labels: string[], rows: NodeWrite[]): Statement {
  return {
    cypher: `UNWIND range(0, size($ids) - 1) AS i
OPTIONAL MATCH (old:Entity {id: $ids[i]})
RETURN count(*) AS rows,
  sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN old IS NOT NULL AND (properties(old) <> apoc.map.merge(properties(old), $props[i])
      OR any(l IN $labels WHERE NOT l IN labels(old))) THEN 1 ELSE 0 END) AS updated`,
    params: { ids: rows.map((n) => n.id), props: rows.map((n) => n.properties), labels: ['Entity', ...labels] },
  };
}

// Hinted to the unique index, which a new database's statistics once passed over for another label's.
const matchEnds = `UNWIND range(0, size($from) - 1) AS i
MATCH (a:Entity {id: $from[i]})
USING INDEX a:Entity(id)
MATCH (b:Entity {id: $to[i]})
USING INDEX b:Entity(id)`;

export function createRelationships(type: string, rows: RelWrite[]): Statement {
  const ends = { from: rows.map((r) => r.from), to: rows.map((r) => r.to) };
  const columns = propertyColumns(rows, []);
  if (columns)
    return {
      cypher: `${matchEnds}
CREATE (a)-[:${quote(type)} {${columns.pattern}}]->(b)
${COUNT_CREATED}`,
      params: { ...ends, ...columns.params },
    };
  return {
    cypher: `${matchEnds}
CREATE (a)-[r:${quote(type)}]->(b)
SET r += $props[i]
${COUNT_CREATED}`,
    params: { ...ends, props: rows.map((r) => r.properties) },
  };
}

export function mergeRelationships(type: string, rows: RelWrite[]): Statement {
  return {
    cypher: `${matchEnds}
MERGE (a)-[r:${quote(type)}]->(b)
WITH r, i, properties(r) AS before
SET r += $props[i]
RETURN count(*) AS rows,
  sum(CASE WHEN size(keys(before)) = 0 THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN size(keys(before)) > 0 AND before <> properties(r) THEN 1 ELSE 0 END) AS updated`,
    params: { from: rows.map((r) => r.from), to: rows.map((r) => r.to), props: rows.map((r) => r.properties) },
  };
}

export function dryRunRelationships(type: string, rows: RelWrite[]): Statement {
  return {
    cypher: `UNWIND range(0, size($from) - 1) AS i
OPTIONAL MATCH (a:Entity {id: $from[i]})
OPTIONAL MATCH (b:Entity {id: $to[i]})
OPTIONAL CALL (a, b) { MATCH (a)-[o:${quote(type)}]->(b) RETURN properties(o) AS before LIMIT 1 }
RETURN count(*) AS rows,
  sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN before IS NOT NULL AND before <> apoc.map.merge(before, $props[i]) THEN 1 ELSE 0 END) AS updated`,
    params: { from: rows.map((r) => r.from), to: rows.map((r) => r.to), props: rows.map((r) => r.properties) },
  };
}

/**
 * Rows as written: every node and relationship carries a `source`, the source's name unless the row
 * says otherwise (a node with `defaults` gets it among them, so that it never overwrites the source
 * owning that node).
 */
export function nodeWrites(batch: NodeRow[], sourceName: string): NodeWrite[] {
  return batch.map((n) => ({
    id: n.id,
    properties: n.defaults || n.properties.source !== undefined ? n.properties : { ...n.properties, source: sourceName },
    defaults: n.defaults ? { source: sourceName, ...n.defaults } : undefined,
  }));
}

export function relWrites(batch: RelRow[], sourceName: string): RelWrite[] {
  return batch.map((r) => ({
    from: r.from,
    to: r.to,
    properties: r.properties.source !== undefined ? r.properties : { ...r.properties, source: sourceName },
  }));
}
