/**
 * Opaque keyset cursors of the actors connection: the sort key of the last actor seen.
 *
 *   encodeCursor({ rank: [0, 3], id: 'utc' })   // 'eyJyIjpbMCwzXSwiaWQiOiJ1dGMifQ'
 *   decodeCursor('eyJyIjpbMCwzXSwiaWQiOiJ1dGMifQ')   // { rank: [0, 3], id: 'utc' }
 *
 * The next page starts strictly after that key, so actors added meanwhile never shift a page
 * (no duplicates, no gaps), unlike an offset.
 */
import { BadInputError } from '../domain/errors.ts';
import type { ActorCursor } from '../fetch/plan.ts';

export function encodeCursor(cursor: ActorCursor): string {
  return Buffer.from(JSON.stringify({ r: cursor.rank, id: cursor.id })).toString('base64url');
}

export function decodeCursor(value: string, path: (string | number)[] = ['after']): ActorCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'id' in parsed && 'r' in parsed) {
      const { id, r } = parsed;
      if (
        typeof id === 'string' &&
        Array.isArray(r) &&
        r.length === 2 &&
        r.every((n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0)
      ) {
        return { rank: [r[0] as number, r[1] as number], id };
      }
    }
  } catch {
    /* fall through: not base64 JSON */
  }
  throw new BadInputError('`after` is not a cursor returned by this API.', path);
}
