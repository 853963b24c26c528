/**
 * What the database holds for a part of the graph, read back from Neo4j (not from what our code
 * reports): every node with its element id, labels and properties, and every relationship with its
 * element id, type, ends and properties, as sorted lines. Two states are equal only if nothing in that
 * part was created, changed, deleted or recreated in between; a duplicate shows as a repeated line.
 *
 *   const before = await storedState(db, { prefix: p });
 *   await doSomethingThatMustWriteNothing();
 *   expect(await storedState(db, { prefix: p })).toEqual(before);
 *
 * Scopes: `prefix` (nodes whose id starts with it, and every relationship touching one of them) or
 * `ids` (those nodes, and the relationships between two of them: other tests may link to these nodes
 * in the shared database meanwhile, which must not count).
 */
import type { Database } from '../../src/neo4j/database.ts';

export interface StoredState {
  nodes: string[];
  relationships: string[];
}

/** JSON with keys sorted, so that equal maps print alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function storedState(db: Database, scope: { prefix: string } | { ids: string[] }): Promise<StoredState> {
  const byPrefix = 'prefix' in scope;
  const inScope = byPrefix ? 'n.id STARTS WITH $prefix' : '$ids[n.id] IS NOT NULL';
  const params = byPrefix ? { prefix: scope.prefix } : { ids: Object.fromEntries(scope.ids.map((id) => [id, true])) };
  const nodeMatch = byPrefix ? 'MATCH (n:Entity) WHERE n.id STARTS WITH $prefix' : 'UNWIND keys($ids) AS id MATCH (n:Entity {id: id})';
  const nodes = await db.read<{ line: [string, string, string[], Record<string, unknown>] }>(
    `${nodeMatch} RETURN [n.id, elementId(n), labels(n), properties(n)] AS line`,
    params,
  );
  const relationships = await db.read<{ line: [string, string, string, string, Record<string, unknown>] }>(
    `${nodeMatch}
     MATCH (n)-[r]-(m)
     WITH n, r, m WHERE ${byPrefix ? 'true' : inScope.replace('n.id', 'm.id')}
     WITH DISTINCT r
     RETURN [startNode(r).id, type(r), endNode(r).id, elementId(r), properties(r)] AS line`,
    params,
  );
  return {
    nodes: nodes.map(({ line: [id, element, labels, props] }) => canonical([id, element, [...labels].sort(), props])).sort(),
    relationships: relationships.map(({ line }) => canonical(line)).sort(),
  };
}
