/**
 * Stored presence: each actor carries the ids of every territory it is present in, at every level
 * (`presentIn` for ACTIVE, `seatIn` for SEAT; names and index in MODEL.presence), so that
 * `actors(within)` is an index look-up instead of a walk down the territory tree and through every
 * actor's events (2.5x to 3.9x slower than the seat look-up it replaced, docs/benchmarks.md).
 *
 *   db.write(`${PRESENCE_LOCK} ...the write... ${refreshPresence('[$id]', '[]')} RETURN ...`)
 *   presenceChange('HELD_IN')   // { touched: 'from', moved: false }: refresh the event's actors
 *   await backfillPresence(db)  // actors written without it (older databases, Cypher by hand)
 *
 * Every write that can change presence refreshes, in its own transaction, the actors it concerns,
 * from the definition (./presence.ts `placesOf`): upsertActors, link and unlink, the seed loader
 * (so every import), and the start's backfill.
 */
import { MODEL } from '../domain/model.ts';
import type { Database, Statement } from '../neo4j/database.ts';
import { BUMP_DATA_VERSION } from '../neo4j/data-version.ts';
import { ACTING_AT, EVENT_DEPTH, type Presence, placesOf } from './presence.ts';

/** How a relationship of this type, written or removed, changes presence: which ends to refresh. */
export interface PresenceChange {
  /** 'from': the start node; 'both': both ends (an event's parent keeps its actors to refresh). */
  touched: 'from' | 'both';
  /** The start node may be a territory moving in the tree: refresh every actor present in it. */
  moved: boolean;
}

const CHANGES: Readonly<Record<string, PresenceChange>> = {
  LOCATED_IN: { touched: 'from', moved: false },
  SERVES: { touched: 'from', moved: false },
  ORGANIZED: { touched: 'from', moved: false },
  PARTICIPATED_IN: { touched: 'from', moved: false },
  LED: { touched: 'from', moved: false },
  HELD_IN: { touched: 'from', moved: false },
  PART_OF: { touched: 'both', moved: true },
};

/** null: relationships of this type never change anyone's presence. */
export function presenceChange(type: string): PresenceChange | null {
  return Object.hasOwn(CHANGES, type) ? CHANGES[type]! : null;
}

/**
 * Taken FIRST by every write that refreshes presence (the data version's node, which every write
 * bumps anyway): such writes run one after the other, so a refresh always reads the others'
 * changes committed (a link written by one and an event's place by another, read by neither,
 * cannot leave an actor without the place) and two refreshes never deadlock on each other's actors.
 */
export const PRESENCE_LOCK = `CALL () { ${BUMP_DATA_VERSION} }`;

/**
 * A unit subquery (`CALL () { ... }`, no rows added nor removed) that recomputes the stored
 * presence of every actor a change may concern, from the definition (`placesOf`):
 * - `touched`: a list expression of ids (parameters, or variables named in `imports`) of changed nodes: an actor is refreshed;
 *   an event refreshes the actors acting at it or at the events it is part of;
 * - `moved`: ids of territories whose place in the tree changed: every actor present in it.
 * Both look their nodes up in one seek of the unique `Entity(id)` index with the whole list
 * (`id IN list`), hinted: an `UNWIND` then a lookup per id let the planner, reading the statistics of
 * a new database, put a scan of that index before the `UNWIND`, which the hint allows too: ids × nodes
 * rows (15 million for the Hauts-de-France's links, tests/seed/new-database.test.ts). With the list
 * the worst plan is one scan.
 * Writes only lists that differ (sorted, without duplicates).
 */
export function refreshPresence(touched: string, moved: string, imports = ''): string {
  const active = MODEL.presence.active;
  const seat = MODEL.presence.seat;
  const ids = (presence: Presence) => `apoc.coll.sort(apoc.coll.toSet([presencePlace IN ${placesOf('presenceActor', presence)} | presencePlace.id]))`;
  return `CALL (${imports}) {
  CALL (${imports}) {
    MATCH (presenceNode:Entity)
    USING INDEX presenceNode:Entity(id)
    WHERE presenceNode.id IN ${touched}
    CALL (presenceNode) {
      WITH presenceNode WHERE presenceNode:Actor RETURN presenceNode AS presenceActor
      UNION
      MATCH (presenceNode:Event)-[:PART_OF*0..${EVENT_DEPTH}]->(:Event)<-[:${ACTING_AT}]-(presenceActor:Actor) RETURN presenceActor
    }
    RETURN presenceActor
    UNION
    MATCH (presenceNode:Entity:Territory)
    USING INDEX presenceNode:Entity(id)
    WHERE presenceNode.id IN ${moved}
      AND (presenceNode:Actor OR EXISTS { (presenceNode)<-[:PART_OF|LOCATED_IN|HELD_IN|SERVES]-() })
    CALL db.index.fulltext.queryNodes('${MODEL.presence.index}', '${active}:"' + presenceNode.id + '"') YIELD node AS presenceActor
    RETURN presenceActor
  }
  WITH DISTINCT presenceActor
  WITH presenceActor, ${ids('ACTIVE')} AS presenceActive, ${ids('SEAT')} AS presenceSeat
  WHERE presenceActor.${active} IS NULL OR presenceActor.${active} <> presenceActive
    OR presenceActor.${seat} IS NULL OR presenceActor.${seat} <> presenceSeat
  SET presenceActor.${active} = presenceActive, presenceActor.${seat} = presenceSeat
}`;
}

/** Actors refreshed per transaction by the backfill. */
export const PRESENCE_BACKFILL_BATCH = 5_000;

/**
 * Gives stored presence to actors without it: a database seeded before it existed, or actors
 * written by hand in Cypher. Run at every start (src/neo4j/migrations.ts); when every actor has it,
 * one label scan. `firstBatch`: the first read's answer, when the caller made it already.
 */
export async function backfillPresence(db: Database, firstBatch?: string[]): Promise<number> {
  let total = 0;
  for (let batch = firstBatch; ; batch = undefined) {
    const ids = batch ?? (await actorsWithoutPresence(db));
    if (ids.length === 0) return total;
    await db.write(`${PRESENCE_LOCK}\n${refreshPresence('$ids', '[]')}\nRETURN count(*) AS done`, { ids }, { timeoutMs: db.budgets.seedMs });
    total += ids.length;
  }
}

/** Ids of up to one batch of actors without stored presence (the backfill's read). */
export async function actorsWithoutPresence(db: Database): Promise<string[]> {
  const rows = await db.read<{ id: string }>(
    `MATCH (a:Actor) WHERE a.${MODEL.presence.active} IS NULL OR a.${MODEL.presence.seat} IS NULL RETURN a.id AS id LIMIT toInteger($limit)`,
    { limit: PRESENCE_BACKFILL_BATCH },
    { timeoutMs: db.budgets.seedMs },
  );
  return rows.map((r) => r.id);
}

/** The refresh as a statement of its own: one text, so Neo4j plans it once (about 0.6 s on a cold server). */
const REFRESH_STATEMENT = `${refreshPresence('$presenceTouched', '$presenceMoved')}\nRETURN count(*) AS refreshed`;

/**
 * What a loader statement brings into its transaction to refresh presence (Database.write's
 * `before` and `after`): the lock first, the refresh last. Folded into each statement, the refresh
 * was planned again for every label set and property list the loader writes (a new database's
 * start-up wrote 14 such texts for the article alone, 0.5 to 0.9 s each).
 */
export function presenceRefreshSteps(touched: readonly string[], moved: readonly string[]): { before: Statement[]; after: Statement[] } {
  return {
    before: [{ cypher: BUMP_DATA_VERSION, params: {} }],
    after: [{ cypher: REFRESH_STATEMENT, params: { presenceTouched: touched, presenceMoved: moved } }],
  };
}

/**
 * Recomputes the stored presence of every actor, a batch at a time: for data written by hand in
 * Cypher, which no write path saw (test fixtures, a repair). Idempotent; writes only what changed.
 */
export async function refreshAllPresence(db: Database): Promise<number> {
  let after = '';
  let total = 0;
  for (;;) {
    const rows = await db.read<{ id: string }>(
      'MATCH (a:Actor) WHERE a.id > $after RETURN a.id AS id ORDER BY a.id LIMIT toInteger($limit)',
      { after, limit: PRESENCE_BACKFILL_BATCH },
      { timeoutMs: db.budgets.seedMs },
    );
    if (rows.length === 0) return total;
    await db.write(`${PRESENCE_LOCK}\n${refreshPresence('$ids', '[]')}\nRETURN count(*) AS done`, { ids: rows.map((r) => r.id) }, { timeoutMs: db.budgets.seedMs });
    total += rows.length;
    after = rows.at(-1)!.id;
  }
}
