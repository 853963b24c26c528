/**
 * The graph an export writes, read from Neo4j a page at a time so that an export of 1,000,000
 * relationships never holds them all: the member actors of a territory (those located in it, as
 * `actorGraph` counts them; every actor for the whole network) with their commune and département,
 * and the relationships stored between two member actors, with their type and properties.
 * (`actorGraph`'s derived links, CO_PARTICIPATED and CO_PROGRAM, are not stored relationships and
 * are not exported: an export must import back to the same graph.)
 *
 *   for await (const page of actorPages(db, { within: 'department:80' })) ...
 *   await exportColumns(db, { within: null })   // { actor: ['employees', ...], link: ['weight', ...] }
 */
import { DERIVED_PROPERTIES } from '../seed/search-fields.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { Database } from '../neo4j/database.ts';

export interface ExportScope {
  /** A territory id, or null for the whole network. */
  within: string | null;
  /** Only actors whose `source` is this (what one file or data set brought), or null for all. */
  source?: string | null;
}

export interface ExportActor {
  id: string;
  kind: string;
  name: string;
  /** Stored properties other than id, kind and name. */
  properties: Record<string, unknown>;
  commune: { id: string; code: string | null; name: string } | null;
  departement: { code: string; name: string } | null;
  /** Properties of the LOCATED_IN relationship (its source), when there is one. */
  located: Record<string, unknown> | null;
}

export interface ExportLink {
  type: string;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/** Rows per read: big enough to keep round trips few, small enough to stream. */
export const EXPORT_PAGE_SIZE = 5_000;

/** Actors of the scope whose id is after $after, in id order. */
const MEMBER_PAGE = `
OPTIONAL MATCH (t:Entity:Territory {id: $within})
WITH t WHERE $within IS NULL OR t IS NOT NULL
CALL (t) {
  WITH t WHERE t IS NULL
  MATCH (a:Actor) WHERE a.id > $after AND ($source IS NULL OR a.source = $source)
  RETURN a ORDER BY a.id LIMIT toInteger($limit)
  UNION
  WITH t WHERE t IS NOT NULL
  MATCH (t)<-[:PART_OF*0..3]-(:Commune)<-[:LOCATED_IN]-(a:Actor) WHERE a.id > $after AND ($source IS NULL OR a.source = $source)
  WITH DISTINCT a
  RETURN a ORDER BY a.id LIMIT toInteger($limit)
}`;

const IN_SCOPE = `($source IS NULL OR b.source = $source) AND ($within IS NULL OR EXISTS { MATCH (b)-[:LOCATED_IN]->(:Commune)-[:PART_OF*0..3]->(:Entity:Territory {id: $within}) })`;

async function ensureTerritory(db: Database, scope: ExportScope): Promise<void> {
  if (scope.within === null) return;
  const rows = await db.read<{ id: string }>('MATCH (t:Entity:Territory {id: $within}) RETURN t.id AS id', { within: scope.within });
  if (rows.length === 0) throw new NotFoundError('territory', scope.within);
}

export async function* actorPages(db: Database, scope: ExportScope): AsyncGenerator<ExportActor[]> {
  await ensureTerritory(db, scope);
  let after = '';
  for (;;) {
    const rows = await db.read<{ a: Record<string, unknown>; located: ExportActor['located']; commune: ExportActor['commune']; departement: ExportActor['departement'] }>(
      `${MEMBER_PAGE}
       CALL (a) {
         OPTIONAL MATCH (a)-[l:LOCATED_IN]->(c:Commune)
         OPTIONAL MATCH (c)-[:PART_OF]->(d:Department)
         RETURN c, d, l ORDER BY c.id LIMIT 1
       }
       RETURN properties(a) AS a, CASE WHEN l IS NULL THEN null ELSE properties(l) END AS located,
         CASE WHEN c IS NULL THEN null ELSE {id: c.id, code: c.code, name: c.name} END AS commune,
         CASE WHEN d IS NULL THEN null ELSE {code: d.code, name: d.name} END AS departement
       ORDER BY a.id`,
      { within: scope.within, source: scope.source ?? null, after, limit: EXPORT_PAGE_SIZE },
      { timeoutMs: db.budgets.exportPageMs },
    );
    if (rows.length === 0) return;
    yield rows.map(({ a, located, commune, departement }) => {
      const { id, kind, name, ...stored } = a;
      const properties = Object.fromEntries(Object.entries(stored).filter(([key]) => !DERIVED_PROPERTIES.includes(key)));
      return { id: String(id), kind: String(kind), name: String(name ?? id), properties, commune, departement, located };
    });
    after = String(rows[rows.length - 1]?.a.id ?? '');
    if (rows.length < EXPORT_PAGE_SIZE) return;
  }
}

/** Relationships stored between two member actors, paged by their start actor. */
export async function* linkPages(db: Database, scope: ExportScope): AsyncGenerator<ExportLink[]> {
  await ensureTerritory(db, scope);
  let after = '';
  for (;;) {
    const [page] = await db.read<{ last: string | null; links: ExportLink[] }>(
      `CALL () { ${MEMBER_PAGE} RETURN collect(a) AS actors }
       CALL (actors) {
         UNWIND actors AS a
         MATCH (a)-[r]->(b:Actor) WHERE ${IN_SCOPE}
         RETURN collect({type: type(r), from: a.id, to: b.id, properties: properties(r)}) AS links
       }
       RETURN actors[-1].id AS last, links`,
      { within: scope.within, source: scope.source ?? null, after, limit: EXPORT_PAGE_SIZE },
      { timeoutMs: db.budgets.exportPageMs },
    );
    if (!page?.last) return;
    page.links.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.type < y.type ? -1 : x.type > y.type ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
    if (page.links.length) yield page.links;
    after = page.last;
  }
}

export type ColumnType = 'string' | 'integer' | 'double' | 'boolean';
export interface Column {
  name: string;
  type: ColumnType;
}
export interface ExportColumns {
  actor: Column[];
  link: Column[];
}

/** The property names actors and links of the scope carry, sorted: the columns of tabular formats. */
export async function exportColumns(db: Database, scope: ExportScope): Promise<ExportColumns> {
  await ensureTerritory(db, scope);
  const [row] = await db.read<{ actor: [string, string][]; link: [string, string][] }>(
    `CALL () { ${MEMBER_PAGE.replaceAll('$after', "''").replaceAll('LIMIT toInteger($limit)', '')} RETURN collect(a) AS actors }
     CALL (actors) { UNWIND actors AS a UNWIND keys(a) AS k RETURN collect(DISTINCT [k, valueType(a[k])]) AS actor }
     CALL (actors) { UNWIND actors AS a MATCH (a)-[r]->(b:Actor) WHERE ${IN_SCOPE} UNWIND keys(r) AS k RETURN collect(DISTINCT [k, valueType(r[k])]) AS link }
     RETURN actor, link`,
    { within: scope.within, source: scope.source ?? null },
    { timeoutMs: db.budgets.exportColumnsMs },
  );
  const omit = new Set(['id', 'kind', 'name', ...DERIVED_PROPERTIES]);
  return { actor: columnsOf(row?.actor ?? []).filter((c) => !omit.has(c.name)), link: columnsOf(row?.link ?? []) };
}

/** One column per name; a name with values of several types is text. */
function columnsOf(pairs: [string, string][]): Column[] {
  const types = new Map<string, ColumnType>();
  for (const [name, valueType] of pairs) {
    const t: ColumnType = valueType.startsWith('INTEGER') ? 'integer' : valueType.startsWith('FLOAT') ? 'double' : valueType.startsWith('BOOLEAN') ? 'boolean' : 'string';
    const before = types.get(name);
    types.set(name, before === undefined || before === t ? t : before === 'integer' && t === 'double' ? 'double' : 'string');
  }
  return [...types].map(([name, type]) => ({ name, type })).sort((a, b) => a.name.localeCompare(b.name));
}
