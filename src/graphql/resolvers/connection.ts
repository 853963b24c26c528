/**
 * A page as a Relay connection: one builder for every connection of the schema (actors, nodes,
 * territories).
 *
 *   toConnection({ total: 3, rows: [{ actor, cursor: 'c1' }], hasNextPage: true, hasPreviousPage: false })
 *   // { totalCount: 3, edges: [{ cursor: 'c1', node: actor }], pageInfo: { hasNextPage: true, ..., endCursor: 'c1' } }
 *   relayConnection(territoryPage, (row) => row.territory)
 */
import type { ActorRecord } from '../../domain/records.ts';
import type { ActorPage } from '../../fetch/records.ts';

interface Page<Row extends { cursor: string }> {
  /** null when `totalCount` was not selected (the look-ahead saw it), so nothing was counted. */
  total: number | null;
  rows: Row[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export function relayConnection<Row extends { cursor: string }, Node>(page: Page<Row>, nodeOf: (row: Row) => Node) {
  return {
    // Counted only when the look-ahead saw `totalCount` selected; read otherwise, it is our bug.
    get totalCount(): number {
      if (page.total === null) throw new Error('totalCount was read but not counted: the look-ahead missed it.');
      return page.total;
    },
    edges: page.rows.map((row) => ({ cursor: row.cursor, node: nodeOf(row) })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.rows[0]?.cursor ?? null,
      endCursor: page.rows.at(-1)?.cursor ?? null,
    },
  };
}

/** An actors page. */
export function toConnection(page: ActorPage) {
  return relayConnection(page, (row) => row.actor as ActorRecord);
}
