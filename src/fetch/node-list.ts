/**
 * A page of events, programmes or competencies: the `events`, `programs` and `competencies`
 * connections, in ONE query, ordered by id with a keyset cursor (the id of the last node seen).
 *
 *   await listNodes(db, { label: 'Event', where: { kind: 'stop' }, within: 'region:32', first: 10, after: null }, plan)
 *   // { total: 2, rows: [{ node: { id: 'event:tour-2019-albert', ... }, cursor: '...' }, ...], hasNextPage: false }
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import type { NodeRecord } from '../domain/records.ts';
import { CypherBuilder, projectNode } from './cypher.ts';
import type { NodePlan } from './plan.ts';
import { type RawNode, toFetchedNode } from './records.ts';

export const MAX_NODE_PAGE = 100;

export type ListedLabel = 'Event' | 'Program' | 'Competency';

export interface NodeListFilter {
  label: ListedLabel;
  /** Stored properties that must equal these values (null values are ignored). */
  where: Record<string, string | null | undefined>;
  /** Events only: held inside this territory (an event is held where it or one of its parts is). */
  within: string | null;
  first: number;
  after: string | null;
}

export interface NodePage {
  total: number;
  rows: { node: NodeRecord; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const encode = (id: string) => Buffer.from(JSON.stringify({ id }), 'utf8').toString('base64url');

function decode(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') return parsed.id;
  } catch {
    /* not ours */
  }
  throw new BadInputError('`after` is not a cursor returned by this API.', ['after']);
}

export function nodeListFilter(
  label: ListedLabel,
  args: { first?: number | null | undefined; after?: string | null | undefined; within?: string | null | undefined },
  where: Record<string, string | null | undefined> = {},
): NodeListFilter {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_NODE_PAGE) {
    throw new BadInputError(`\`first\` must be between 0 and ${MAX_NODE_PAGE}.`, ['first']);
  }
  return { label, where, within: args.within ?? null, first, after: args.after ? decode(args.after) : null };
}

export async function listNodes(db: Database, filter: NodeListFilter, plan: NodePlan, options?: QueryOptions): Promise<NodePage> {
  const b = new CypherBuilder();
  const conditions: string[] = [];
  for (const [key, value] of Object.entries(filter.where)) {
    if (value === null || value === undefined) continue;
    if (!/^[A-Za-z]+$/.test(key)) throw new Error(`Not a property name: ${key}`);
    conditions.push(`n.${key} = ${b.param(value)}`);
  }
  if (filter.within !== null) {
    conditions.push(`EXISTS { (n)<-[:PART_OF*0..2]-(:Event)-[:HELD_IN]->(:Territory)-[:PART_OF*0..3]->(scope) }`);
  }
  const scope = filter.within === null ? '' : `OPTIONAL MATCH (scope:Entity:Territory {id: ${b.param(filter.within)}})\n`;
  const where = (extra: string[]) => (extra.length ? ` WHERE ${extra.join(' AND ')}` : '');
  const keyset = filter.after === null ? [] : [`n.id > ${b.param(filter.after)}`];
  const cypher = `${scope}RETURN ${filter.within === null ? 'true' : 'scope IS NOT NULL'} AS found,
COUNT { MATCH (n:${filter.label})${where(conditions)} RETURN n } AS total,
COLLECT {
  MATCH (n:${filter.label})${where([...conditions, ...keyset])}
  WITH n ORDER BY n.id LIMIT toInteger(${b.param(filter.first + 1)})
  RETURN ${projectNode('n', plan, b)}
} AS page`;
  const [row] = await db.read<{ found: boolean; total: number; page: RawNode[] }>(cypher, b.params, options);
  if (!row?.found) throw new NotFoundError('territory', filter.within ?? '');
  return {
    total: row.total,
    hasNextPage: row.page.length > filter.first,
    hasPreviousPage: filter.after !== null,
    rows: row.page.slice(0, filter.first).map((raw) => ({ node: toFetchedNode(raw, plan), cursor: encode(raw.id) })),
  };
}
