/**
 * The loader's Cypher, one batch of rows per query, and the rows each query expects.
 *
 *   QUERIES.nodes.create(['Actor', 'Company'])
 *   // UNWIND $rows AS row CREATE (n:Entity:`Actor`:`Company` {id: row.id}) SET n += row.properties ...
 *   nodeParams('create', batch, 'synthetic')   // { rows: [{ id, properties }, ...] }
 *
 * Two ways to write:
 * - `merge` finds or makes each node / relationship and reports what it created or changed; it is
 *   what makes seeding twice change nothing;
 * - `create` makes them outright, for rows that cannot exist yet: nodes (a duplicate id breaks the
 *   `Entity.id` uniqueness constraint, so the whole batch fails and is merged instead), and
 *   relationships one of whose ends this very run created (nobody could have linked it before).
 * Every batch returns `{ rows, created, updated }`.
 */
import type { NodeRow, Properties, RelRow } from './format.ts';

export type WriteMode = 'merge' | 'create';

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;
const labelList = (labels: string[]) => ['Entity', ...labels].map(quote).join(':');

/** `{a: row.properties.a, ...}`: properties named in the query are written with the node or relationship, no map SET (and no Eager) after it. */
const propertyMap = (keys: string[], value: (key: string) => string) => `{${keys.map((k) => `${quote(k)}: ${value(k)}`).join(', ')}}`;

/**
 * The property names every row of a batch has, when they all have the same (the usual case: rows
 * of one label or type come from one generator or one file); undefined when they differ.
 */
export function sharedKeys(rows: { properties: Properties }[]): string[] | undefined {
  let shared: string | undefined;
  for (const row of rows) {
    const keys = Object.keys(row.properties).sort().join('\u0000');
    if (shared === undefined) shared = keys;
    else if (keys !== shared) return undefined;
  }
  return shared ? shared.split('\u0000') : [];
}

/*
 * A merged batch tells created from updated without a second look-up per row: a node the MERGE has
 * just made has only its `id`, a relationship it has just made has no property, while every row we
 * write carries at least `source` (nodeParams and relParams see to it). Reading the state before
 * MERGE with an extra OPTIONAL MATCH cost a third of the time.
 */
export const QUERIES = {
  nodes: {
    merge: (labels: string[]) => `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, properties(n) AS before, size(labels(n)) AS labelCount
WITH n, row, before, labelCount, size(keys(before)) = 1 AS isNew
SET n:${labelList(labels)}, n += row.properties
SET n += CASE WHEN isNew THEN row.defaults ELSE {} END
RETURN count(*) AS rows,
  sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT isNew AND (before <> properties(n) OR labelCount <> size(labels(n))) THEN 1 ELSE 0 END) AS updated`,
    create: (labels: string[], keys?: string[]) =>
      keys
        ? `
UNWIND $rows AS row
CREATE (n:${labelList(labels)} ${propertyMap(['id', ...keys.filter((k) => k !== 'id')], (k) => (k === 'id' ? 'row.id' : `row.properties.${quote(k)}`))})
RETURN count(*) AS rows, count(*) AS created, 0 AS updated`
        : `
UNWIND $rows AS row
CREATE (n:${labelList(labels)} {id: row.id})
SET n += row.properties
RETURN count(*) AS rows, count(*) AS created, 0 AS updated`,
  },
  relationships: {
    merge: (type: string) => `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:${quote(type)}]->(b)
WITH r, row, properties(r) AS before
SET r += row.properties
RETURN count(*) AS rows,
  sum(CASE WHEN size(keys(before)) = 0 THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN size(keys(before)) > 0 AND before <> properties(r) THEN 1 ELSE 0 END) AS updated`,
    create: (type: string, keys?: string[]) => `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
${
  keys
    ? `CREATE (a)-[:${quote(type)} ${propertyMap(keys, (k) => `row.properties.${quote(k)}`)}]->(b)`
    : `CREATE (a)-[r:${quote(type)}]->(b)
SET r += row.properties`
}
RETURN count(*) AS rows, count(*) AS created, 0 AS updated`,
  },
  /** Dry runs only read: the same batches, asking what each would change. */
  dryRun: {
    nodes: () => `
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
RETURN count(*) AS rows,
  sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN old IS NOT NULL AND (properties(old) <> apoc.map.merge(properties(old), row.properties)
      OR any(l IN $labels WHERE NOT l IN labels(old))) THEN 1 ELSE 0 END) AS updated`,
    relationships: (type: string) => `
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
OPTIONAL CALL (a, b) { MATCH (a)-[o:${quote(type)}]->(b) RETURN properties(o) AS before LIMIT 1 }
RETURN count(*) AS rows,
  sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN before IS NOT NULL AND before <> apoc.map.merge(before, row.properties) THEN 1 ELSE 0 END) AS updated`,
  },
} as const;

export interface BatchCounts {
  rows: number;
  created: number;
  updated: number;
}

/**
 * Parameters of a node batch. `defaults` apply only to a node the batch creates (and win over
 * `properties` then, as they always have); every node carries a `source`, the source's name unless
 * the row says otherwise. A created node gets both at once, as its `properties`.
 */
export function nodeParams(
  mode: WriteMode,
  batch: NodeRow[],
  sourceName: string,
  labels: string[],
): { labels: string[]; rows: { id: string; properties: Properties; defaults?: Properties }[] } {
  const withSource = (n: NodeRow): Properties =>
    n.defaults || n.properties.source !== undefined ? n.properties : { ...n.properties, source: sourceName };
  const defaults = (n: NodeRow): Properties => (n.defaults ? { source: sourceName, ...n.defaults } : {});
  if (mode === 'create')
    return { labels: ['Entity', ...labels], rows: batch.map((n) => ({ id: n.id, properties: n.defaults ? { ...withSource(n), ...defaults(n) } : withSource(n) })) };
  return { labels: ['Entity', ...labels], rows: batch.map((n) => ({ id: n.id, properties: withSource(n), defaults: defaults(n) })) };
}

/** Parameters of a relationship batch (the same for both modes). */
export function relParams(batch: RelRow[], sourceName: string): { rows: { from: string; to: string; properties: Properties }[] } {
  return {
    rows: batch.map((r) => ({
      from: r.from,
      to: r.to,
      properties: r.properties.source !== undefined ? r.properties : { ...r.properties, source: sourceName },
    })),
  };
}
