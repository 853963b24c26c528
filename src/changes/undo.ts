/**
 * Undoes one recorded change, in one query that checks, writes the inverse and records it as a
 * change of its own (`undoes` on the new one, `undoneBy` on the old one).
 *
 *   await undoChange(db, 'c0ffee...', 'alice')   // the new Change, e.g. { operation: 'UNLINK', undoes: 'c0ffee...' }
 *
 * Refused: an unknown id (NOT_FOUND), a change already undone or the removal of an actor
 * (BAD_USER_INPUT), a created actor that has links since (BAD_USER_INPUT: undo those first), and an
 * actor or link changed again since (CONFLICT with what is stored now): an undo never overwrites
 * someone else's later work.
 */
import type { Database } from '../neo4j/database.ts';
import { BadInputError, ConflictError, NotFoundError } from '../domain/errors.ts';
import { KIND_LABEL } from '../domain/records.ts';
import { PRESENCE_LOCK, refreshPresence } from '../territories/stored-presence.ts';
import { type ChangeRecord, type RawChange, actorSnapshot, createChange, projectChange, toChangeRecord } from './record.ts';

type Problem = 'not-found' | 'undone' | 'not-undoable' | 'conflict' | 'has-links';

export const UNDO_CHANGE = `${PRESENCE_LOCK}
OPTIONAL MATCH (c:Change {id: $id})
OPTIONAL MATCH (a:Entity {id: c.actorId})
OPTIONAL MATCH (b:Entity {id: c.otherId})
WITH c, a, b,
  CASE WHEN c.before IS NULL THEN null ELSE apoc.convert.fromJsonMap(c.before) END AS before,
  CASE WHEN c.after IS NULL THEN null ELSE apoc.convert.fromJsonMap(c.after) END AS after,
  CASE WHEN c.restore IS NULL THEN null ELSE apoc.convert.fromJsonMap(c.restore) END AS restore,
  head(COLLECT { MATCH (a)-[r]->(b) WHERE type(r) = c.linkType RETURN properties(r) }) AS linkNow
WITH c, a, b, before, after, restore, linkNow, CASE
  WHEN c IS NULL THEN 'not-found'
  WHEN c.undoneBy IS NOT NULL THEN 'undone'
  WHEN c.operation = 'DELETE_ACTOR' THEN 'not-undoable'
  WHEN c.operation IN ['CREATE_ACTOR', 'UPDATE_ACTOR'] AND (a IS NULL OR coalesce(a.version, 0) <> after.version) THEN 'conflict'
  WHEN c.operation = 'CREATE_ACTOR' AND EXISTS { (a)-[r]-() WHERE type(r) <> 'LOCATED_IN' } THEN 'has-links'
  WHEN c.operation IN ['LINK', 'UNLINK'] AND (a IS NULL OR b IS NULL
    OR NOT CASE WHEN linkNow IS NULL OR after IS NULL THEN linkNow IS NULL AND after IS NULL ELSE linkNow = after END) THEN 'conflict'
END AS problem
WITH c, a, b, before, restore, problem,
  CASE WHEN c.operation IN ['LINK', 'UNLINK'] THEN {properties: linkNow} ELSE ${actorSnapshot('a')} END AS current
CALL (c, a, problem) {
  WITH c, a, problem WHERE problem IS NULL AND c.operation = 'CREATE_ACTOR'
  WITH c, a, ${actorSnapshot('a')} AS was
  DETACH DELETE a
  ${createChange('u', '$by', { operation: "'DELETE_ACTOR'", actorId: 'c.actorId', before: 'was', undoes: 'c.id' })}
  SET c.undoneBy = u.id
}
CALL (c, a, before, restore, problem) {
  WITH c, a, before, restore, problem WHERE problem IS NULL AND c.operation = 'UPDATE_ACTOR'
  WITH c, a, before, restore, ${actorSnapshot('a')} AS was, properties(a) AS wasAll, coalesce(a.version, 0) AS version
  SET a = restore
  SET a.version = version + 1, a:$($labels[restore.kind])
  REMOVE a:$([l IN $allLabels WHERE l <> $labels[restore.kind]])
  WITH c, a, before, was, wasAll
  CALL (a) { MATCH (a)-[old:LOCATED_IN]->() DELETE old }
  CALL (a, before) {
    MATCH (commune:Entity:Commune {id: before.communeId})
    MERGE (a)-[l:LOCATED_IN]->(commune) ON CREATE SET l.source = 'api'
  }
  WITH c, a, was, wasAll, ${actorSnapshot('a')} AS now
  ${createChange('u', '$by', { operation: "'UPDATE_ACTOR'", actorId: 'a.id', before: 'was', after: 'now', restore: 'wasAll', undoes: 'c.id' })}
  SET c.undoneBy = u.id
}
CALL (c, a, b, before, problem) {
  WITH c, a, b, before, problem WHERE problem IS NULL AND c.operation IN ['LINK', 'UNLINK']
  OPTIONAL MATCH (a)-[r]->(b) WHERE type(r) = c.linkType
  WITH c, a, b, before, r, CASE WHEN r IS NULL THEN null ELSE properties(r) END AS was
  DELETE r
  WITH c, a, b, before, was
  CALL (a, b, c, before) {
    WITH a, b, c, before WHERE before IS NOT NULL
    CREATE (a)-[r:$(c.linkType)]->(b)
    SET r = before
  }
  ${createChange('u', '$by', {
    operation: "CASE WHEN before IS NULL THEN 'UNLINK' ELSE 'LINK' END",
    actorId: 'c.actorId',
    otherId: 'c.otherId',
    linkType: 'c.linkType',
    before: 'was',
    after: 'before',
    undoes: 'c.id',
  })}
  SET c.undoneBy = u.id
}
WITH c, problem, current,
  CASE WHEN problem IS NULL THEN [x IN [c.actorId, c.otherId] WHERE x IS NOT NULL] ELSE [] END AS presenceTouched,
  CASE WHEN problem IS NULL AND c.linkType = 'PART_OF' THEN [c.actorId] ELSE [] END AS presenceMoved
// What was put back may change where actors are present (a seat, a link to an event or a place).
${refreshPresence('presenceTouched', 'presenceMoved', 'presenceTouched, presenceMoved')}
WITH c, problem, current
OPTIONAL MATCH (u:Change {id: c.undoneBy}) WHERE problem IS NULL
RETURN problem, current, CASE WHEN u IS NULL THEN null ELSE ${projectChange('u')} END AS change`;

export async function undoChange(db: Database, id: string, by: string): Promise<ChangeRecord> {
  const [row] = await db.write<{ problem: Problem | null; current: Record<string, unknown> | null; change: RawChange | null }>(UNDO_CHANGE, {
    id,
    by,
    labels: KIND_LABEL,
    allLabels: Object.values(KIND_LABEL),
  });
  switch (row?.problem ?? (row?.change ? null : 'not-found')) {
    case null:
      return toChangeRecord(row!.change!);
    case 'not-found':
      throw new NotFoundError('change', id);
    case 'undone':
      throw new BadInputError(`id: change "${id}" has already been undone.`, ['id']);
    case 'not-undoable':
      throw new BadInputError(`id: change "${id}" removed an actor by undoing its creation; it cannot be undone (create the actor again).`, ['id']);
    case 'has-links':
      throw new BadInputError(`id: the actor created by change "${id}" has links made since; undo them first.`, ['id']);
    case 'conflict':
      throw new ConflictError(
        `id: what change "${id}" wrote has changed again since; nothing was undone. extensions.current holds what is stored now.`,
        row?.current ?? null,
        ['id'],
      );
  }
}
