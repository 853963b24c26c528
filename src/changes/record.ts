/**
 * The change record: every write of an actor or a link leaves a `Change` node, created by the same
 * Cypher query as the write (so in the same transaction: a failed write leaves no record, a record
 * never describes a write that did not happen).
 *
 *   (:Change {id, at: datetime, by: 'api-test-editor', operation: 'UPDATE_ACTOR', actorId: 'altytud',
 *             before: '{"name":"Altytud",...}', after: '{"name":"ALTYTUD",...}', restore: '{...}'})
 *
 * `before` and `after` are JSON (Neo4j properties cannot be maps): the actor's stored properties
 * without the search fields, plus `communeId`; for a link, its properties (`before` absent: it did
 * not exist; `after` absent: it was removed). `restore` keeps every stored property of the actor
 * before the change, search fields included, so that an undo puts back exactly what was there.
 * `Change` is not an `:Entity`: no query of the model sees it.
 */
import { MODEL } from '../domain/model.ts';

export const CHANGE_OPERATIONS = ['CREATE_ACTOR', 'UPDATE_ACTOR', 'DELETE_ACTOR', 'LINK', 'UNLINK'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** Stored properties that are derived (search fields, stored presence), left out of what a change shows. */
const DERIVED = MODEL.derivedProperties;

/** Cypher: what a change shows of actor `v` (null when `v` is null). */
export function actorSnapshot(v: string): string {
  return `CASE WHEN ${v} IS NULL THEN null ELSE apoc.map.merge(apoc.map.removeKeys(properties(${v}), ${JSON.stringify(DERIVED).replaceAll('"', "'")}), {communeId: COLLECT { MATCH (${v})-[:LOCATED_IN]->(cc:Commune) RETURN cc.id LIMIT 1 }[0], version: coalesce(${v}.version, 0)}) END`;
}

/** Cypher: a JSON string of a map, or null (the property is then not stored). */
export function json(expression: string): string {
  if (expression === 'null') return 'null';
  return `CASE WHEN ${expression} IS NULL THEN null ELSE apoc.convert.toJson(${expression}) END`;
}

export interface ChangeFields {
  /** Cypher expressions. */
  operation: string;
  actorId: string;
  otherId?: string;
  linkType?: string;
  before?: string;
  after?: string;
  restore?: string;
  undoes?: string;
}

/** Cypher: CREATE one Change node bound to `variable`; `by` is a parameter reference. */
export function createChange(variable: string, by: string, f: ChangeFields): string {
  return `CREATE (${variable}:Change {id: randomUUID(), at: datetime(), by: ${by}, operation: ${f.operation}, actorId: ${f.actorId}, otherId: ${f.otherId ?? 'null'}, linkType: ${f.linkType ?? 'null'}, before: ${json(f.before ?? 'null')}, after: ${json(f.after ?? 'null')}, restore: ${json(f.restore ?? 'null')}, undoes: ${f.undoes ?? 'null'}})`;
}

/** Cypher: the map a Change node `v` is read back as (see `toChangeRecord`). */
export function projectChange(v: string): string {
  return `${v} {.id, at: toString(${v}.at), .by, .operation, .actorId, .otherId, .linkType, .before, .after, .undoes, .undoneBy}`;
}

export interface RawChange {
  id: string;
  at: string;
  by: string;
  operation: ChangeOperation;
  actorId: string;
  otherId: string | null;
  linkType: string | null;
  before: string | null;
  after: string | null;
  undoes: string | null;
  undoneBy: string | null;
}

export interface ChangeRecord extends Omit<RawChange, 'before' | 'after'> {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export function toChangeRecord(raw: RawChange): ChangeRecord {
  const parse = (value: string | null) => (value === null ? null : (JSON.parse(value) as Record<string, unknown> | null));
  return { ...raw, before: parse(raw.before), after: parse(raw.after) };
}
