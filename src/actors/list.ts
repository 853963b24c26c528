/**
 * A page of actors, filtered by name, kinds and territory: the `actors` connection.
 *
 *   await listActors(db, { search: 'utc', first: 5 })
 *   // { total: 1, rows: [{ id: 'utc', ... }], hasNextPage: false }
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorKind, ActorRecord } from '../domain/records.ts';
import { toFulltextQuery } from './search-text.ts';

export const MAX_PAGE_SIZE = 100;

export interface ListActorsArgs {
  search?: string | null | undefined;
  kinds?: readonly ActorKind[] | null | undefined;
  within?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}

export interface ActorPage {
  total: number;
  rows: { actor: ActorRecord; cursor: string }[];
  hasNextPage: boolean;
}

interface Cursor {
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') return { id: parsed.id };
  } catch {
    /* fall through */
  }
  throw new BadInputError('`after` is not a cursor returned by this API.', ['after']);
}

// Candidates come from the full-text index when there is a search, else from the kind index.
const MATCH_ACTORS = `
CALL (*) {
  WITH * WHERE $query IS NOT NULL
  CALL db.index.fulltext.queryNodes('actor_names', $query) YIELD node
  RETURN node AS a
  UNION
  WITH * WHERE $query IS NULL
  MATCH (a:Actor)
  RETURN a
}
WITH a WHERE ($kinds IS NULL OR a.kind IN $kinds)
  AND ($within IS NULL OR EXISTS { (a)-[:LOCATED_IN]->(:Commune)-[:PART_OF*0..4]->(:Territory {id: $within}) })`;

const LIST_ACTORS = `
CALL () { ${MATCH_ACTORS} RETURN count(a) AS total }
CALL () { ${MATCH_ACTORS} AND ($after IS NULL OR a.id > $after)
  RETURN a ORDER BY a.id LIMIT toInteger($limit) }
RETURN total, collect(${project('a')}) AS page`;

export async function listActors(db: Database, args: ListActorsArgs, options?: QueryOptions): Promise<ActorPage> {
  const first = args.first ?? 20;
  if (first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadInputError(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}.`, ['first']);
  }
  const after = args.after ? decodeCursor(args.after).id : null;
  const query = args.search ? toFulltextQuery(args.search) : null;
  const [row] = await db.read<{ total: number; page: ProjectedNode[] }>(
    LIST_ACTORS,
    { query, kinds: args.kinds?.length ? args.kinds : null, within: args.within ?? null, after, limit: first + 1 },
    options,
  );
  const page = row?.page ?? [];
  return {
    total: row?.total ?? 0,
    hasNextPage: page.length > first,
    rows: page.slice(0, first).map((node) => ({ actor: toActorRecord(node), cursor: encodeCursor({ id: node.id }) })),
  };
}
