/**
 * An actors page as a Relay connection.
 *
 *   toConnection({ total: 3, rows: [{ actor, cursor: 'c1' }], hasNextPage: true, hasPreviousPage: false })
 *   // { totalCount: 3, edges: [{ cursor: 'c1', node: actor }], pageInfo: { hasNextPage: true, ..., endCursor: 'c1' } }
 */
import type { ActorRecord } from '../../domain/records.ts';
import type { ActorPage } from '../../fetch/records.ts';

export function toConnection(page: ActorPage) {
  return {
    // Counted only when the look-ahead saw `totalCount` selected; read otherwise, it is our bug.
    get totalCount(): number {
      if (page.total === null) throw new Error('totalCount was read but not counted: the look-ahead missed it.');
      return page.total;
    },
    edges: page.rows.map((row) => ({ cursor: row.cursor, node: row.actor as ActorRecord })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.rows[0]?.cursor ?? null,
      endCursor: page.rows.at(-1)?.cursor ?? null,
    },
  };
}
