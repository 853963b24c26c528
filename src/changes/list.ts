/**
 * Recorded changes, newest first, as a keyset-paged list (the same kind of cursor as the actors
 * connection: the sort key of the last change seen, so changes recorded meanwhile shift nothing).
 *
 *   await listChanges(db, { actorId: 'altytud', since: null, first: 20, after: null })
 *   // { rows: [{ cursor, change: { id, at, by, operation: 'LINK', ... } }], hasNextPage: false }
 */
import type { Database } from '../neo4j/database.ts';
import { BadInputError } from '../domain/errors.ts';
import { checkFirst } from '../domain/shared.ts';
import { type ChangeRecord, type RawChange, projectChange, toChangeRecord } from './record.ts';

export interface ChangeFilter {
  actorId: string | null;
  since: string | null;
  first: number | null;
  after: string | null;
}

export const MAX_CHANGES_PAGE = 100;

interface ChangeCursor {
  at: string;
  id: string;
}

export function encodeChangeCursor(cursor: ChangeCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.at, id: cursor.id })).toString('base64url');
}

export function decodeChangeCursor(value: string): ChangeCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 't' in parsed && 'id' in parsed) {
      const { t, id } = parsed;
      if (typeof t === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(t))) return { at: t, id };
    }
  } catch {
    /* fall through: not base64 JSON */
  }
  throw new BadInputError('`after` is not a cursor returned by this API.', ['after']);
}

/** ISO 8601 date or date-time; a date alone is its midnight UTC. */
function checkSince(since: string | null): string | null {
  if (since === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(since) || Number.isNaN(Date.parse(since))) {
    throw new BadInputError('since: must be an ISO 8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z.', ['since']);
  }
  return since;
}

export function listChangesQuery(filter: ChangeFilter & { first: number }): { cypher: string; params: Record<string, unknown> } {
  const after = filter.after === null ? null : decodeChangeCursor(filter.after);
  // With an actor, two index lookups (as the changed actor, as the other end of a link).
  const match =
    filter.actorId === null
      ? 'MATCH (c:Change)'
      : `CALL () {
  MATCH (c:Change {actorId: $actorId}) RETURN c
  UNION
  MATCH (c:Change {otherId: $actorId}) RETURN c
}`;
  const cypher = `${match}
WITH c WHERE ($since IS NULL OR c.at >= datetime($since))
  AND ($afterAt IS NULL OR c.at < datetime($afterAt) OR (c.at = datetime($afterAt) AND c.id < $afterId))
RETURN ${projectChange('c')} AS change
ORDER BY c.at DESC, c.id DESC
LIMIT toInteger($limit)`;
  return {
    cypher,
    params: {
      actorId: filter.actorId,
      since: checkSince(filter.since),
      afterAt: after?.at ?? null,
      afterId: after?.id ?? null,
      limit: filter.first + 1,
    },
  };
}

export interface ChangePage {
  rows: { cursor: string; change: ChangeRecord }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export async function listChanges(db: Database, filter: ChangeFilter): Promise<ChangePage> {
  const first = checkFirst(filter.first, { fallback: 20, max: MAX_CHANGES_PAGE, path: ['first'] });
  const { cypher, params } = listChangesQuery({ ...filter, first });
  const rows = await db.read<{ change: RawChange }>(cypher, params);
  const page = rows.slice(0, first).map(({ change }) => ({
    cursor: encodeChangeCursor({ at: change.at, id: change.id }),
    change: toChangeRecord(change),
  }));
  return { rows: page, hasNextPage: rows.length > first, hasPreviousPage: filter.after !== null };
}
