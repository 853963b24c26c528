/**
 * Creates or updates actors by id, all in ONE transaction (one query): either every item is
 * valid and written, or nothing is written and the first problem is reported with its path.
 *
 *   await upsertActors(db, [{ id: 'altytud', name: 'Altytud', kind: 'COMPANY', communeId: 'commune:80523' }], plan)
 *   // [{ id: 'altytud', kind: 'COMPANY', ... }]
 *   await upsertActors(db, [{ id: 'x', name: ' ', kind: 'COMPANY' }], plan)
 *   // throws BadInputError 'input[0].name: must not be empty.' (argumentPath ['input', 0, 'name'])
 *
 * Absent optional fields keep their stored value; null removes it (communeId: null unlinks the
 * commune). The kind label always equals `kind`. Each actor written gets `version` + 1 and a
 * `Change` record (src/changes/record.ts) in the same query; with `expectedVersion`, a stale
 * version is CONFLICT and nothing is written.
 */
import { z } from 'zod';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, ConflictError, NotFoundError } from '../domain/errors.ts';
import { actorSnapshot, createChange } from '../changes/record.ts';
import { formatPath } from '../domain/input-path.ts';
import { ID_PATTERN, ID_RULE } from '../domain/ids.ts';
import { ACTOR_FIELDS, ACTOR_FIELD_NAMES } from '../domain/actor-fields.ts';
import { searchFields } from '../search/french.ts';
import { ACTOR_KINDS, type ActorKind, type ActorRecord, KIND_LABEL } from '../domain/records.ts';
import { CypherBuilder, projectNode } from '../fetch/cypher.ts';
import type { NodePlan } from '../fetch/plan.ts';
import { PRESENCE_LOCK, refreshPresence } from '../territories/stored-presence.ts';
import { type RawNode, toFetchedNode } from '../fetch/records.ts';

export const MAX_UPSERT = 1000;
/** Every kind label: an actor keeps only the one of its kind. */
const KIND_LABELS: readonly string[] = Object.values(KIND_LABEL);

export interface ActorInput {
  id: string;
  name: string;
  kind: ActorKind;
  communeId?: string | null | undefined;
  source?: string | null | undefined;
  [field: string]: unknown;
}

/**
 * Control characters (NUL...), bidirectional overrides (U+202E shows "exe.gnp" as "png.exe") and
 * lone surrogates (not Unicode text at all) have no place in a name and would mislead readers.
 */
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v.isWellFormed(), 'must be valid Unicode text (it holds a lone surrogate)')
    .refine((v) => !INVISIBLE.test(v), 'must not hold control characters or bidirectional overrides');
const ACTOR_INPUT = z.object({
  id: z.string().regex(ID_PATTERN, `must be ${ID_RULE}`),
  name: text(300),
  kind: z.enum(ACTOR_KINDS),
  shortName: text(ACTOR_FIELDS.shortName.max).nullish(),
  communeId: z.string().min(1, 'must not be empty').nullish(),
  source: text(200).nullish(),
  founded: z.number().int().min(ACTOR_FIELDS.founded.min, 'must be a year').max(ACTOR_FIELDS.founded.max, 'must be a year').nullish(),
  legalForm: text(ACTOR_FIELDS.legalForm.max).nullish(),
  category: text(ACTOR_FIELDS.category.max).nullish(),
  size: text(ACTOR_FIELDS.size.max).nullish(),
  sector: text(ACTOR_FIELDS.sector.max).nullish(),
  innovates: z.boolean().nullish(),
  exports: z.boolean().nullish(),
  employees: z.number().int().min(0, 'must not be negative').nullish(),
  changeKind: z.boolean().nullish(),
  expectedVersion: z.number().int().min(0, 'must not be negative').nullish(),
});

/** Stored properties an input may set (everything but id, kind, communeId and source). */
const PROPERTIES = ['name', ...ACTOR_FIELD_NAMES] as const;

interface Row {
  index: number;
  id: string;
  kind: ActorKind;
  label: string;
  otherLabels: string[];
  props: Record<string, unknown>;
  source: string | null;
  setCommune: boolean;
  communeId: string | null;
  /** The input says the kind of an existing actor changes on purpose. */
  changeKind: boolean;
  /** The version the caller read (optimistic concurrency); null: no check. */
  expectedVersion: number | null;
}

/** Checks what can be checked without the database; returns the rows to write. */
export function validateActorInputs(inputs: readonly ActorInput[]): Row[] {
  if (inputs.length > MAX_UPSERT) throw new BadInputError(`input: at most ${MAX_UPSERT} actors per call.`, ['input']);
  const seen = new Map<string, number>();
  return inputs.map((input, index) => {
    const parsed = ACTOR_INPUT.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ['input', index, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
      throw new BadInputError(`${formatPath(path)}: ${issue.message}.`, path);
    }
    const value = parsed.data;
    const before = seen.get(value.id);
    if (before !== undefined) {
      throw new BadInputError(`input[${index}].id: "${value.id}" is already input[${before}].`, ['input', index, 'id']);
    }
    seen.set(value.id, index);
    const props: Record<string, unknown> = {};
    for (const field of PROPERTIES) if (value[field] !== undefined) props[field] = value[field];
    // French search fields (src/search/french.ts); an absent shortName is read as none.
    Object.assign(props, searchFields({ name: value.name, shortName: value.shortName }));
    const label = KIND_LABEL[value.kind];
    return {
      index,
      id: value.id,
      kind: value.kind,
      label,
      otherLabels: KIND_LABELS.filter((l) => l !== label),
      props,
      source: value.source ?? null,
      setCommune: value.communeId !== undefined,
      communeId: value.communeId ?? null,
      changeKind: value.changeKind === true,
      expectedVersion: value.expectedVersion ?? null,
    };
  });
}

type Problem = {
  index: number;
  field: 'id' | 'kind' | 'communeId' | 'expectedVersion';
  problem: 'not-actor' | 'territory-kind' | 'kind-change' | 'no-commune' | 'conflict';
  value: string;
  current?: Record<string, unknown> | null;
};

/** `by`: who writes (recorded in each actor's Change, src/changes/record.ts). */
export function upsertActorsQuery(rows: Row[], plan: NodePlan, by: string): { cypher: string; params: Record<string, unknown> } {
  const b = new CypherBuilder();
  const rowsParam = b.param(rows);
  const byParam = b.param(by);
  const projection = projectNode('a', plan, b);
  // Checks first; the write runs only when there is no problem, so a bad item writes nothing.
  // Presence (a new actor, a moved seat) is refreshed in the same transaction.
  const cypher = `${PRESENCE_LOCK}
UNWIND ${rowsParam} AS row
OPTIONAL MATCH (existing:Entity {id: row.id})
OPTIONAL MATCH (commune:Entity:Commune {id: row.communeId})
WITH row, existing, commune, ${actorSnapshot('existing')} AS existingNow
WITH collect(CASE
  WHEN existing IS NOT NULL AND NOT existing:Actor THEN {index: row.index, field: 'id', problem: 'not-actor', value: row.id}
  WHEN existing:Territory AND existing.kind <> row.kind THEN {index: row.index, field: 'kind', problem: 'territory-kind', value: existing.kind}
  WHEN existing:Actor AND existing.kind <> row.kind AND NOT row.changeKind THEN {index: row.index, field: 'kind', problem: 'kind-change', value: existing.kind}
  WHEN row.communeId IS NOT NULL AND commune IS NULL THEN {index: row.index, field: 'communeId', problem: 'no-commune', value: row.communeId}
  WHEN row.expectedVersion IS NOT NULL AND (existing IS NULL OR coalesce(existing.version, 0) <> row.expectedVersion)
    THEN {index: row.index, field: 'expectedVersion', problem: 'conflict', value: row.id, current: existingNow}
END) AS problems
CALL (problems) {
  WITH problems WHERE size(problems) = 0
  UNWIND ${rowsParam} AS row
  OPTIONAL MATCH (old:Entity:Actor {id: row.id})
  WITH row, ${actorSnapshot('old')} AS before, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS restore
  MERGE (a:Entity {id: row.id})
    ON CREATE SET a.source = coalesce(row.source, 'api')
  SET a:Actor, a:$(row.label), a += row.props, a.kind = row.kind, a.source = coalesce(row.source, a.source),
    a.version = coalesce(a.version, 0) + 1
  REMOVE a:$(row.otherLabels)
  WITH a, row, before, restore
  CALL (a, row) {
    WITH a, row WHERE row.setCommune
    MATCH (a)-[old:LOCATED_IN]->()
    DELETE old
  }
  CALL (a, row) {
    WITH a, row WHERE row.communeId IS NOT NULL
    MATCH (c:Entity:Commune {id: row.communeId})
    MERGE (a)-[located:LOCATED_IN]->(c)
      ON CREATE SET located.source = coalesce(row.source, 'api')
  }
  WITH a, before, restore, ${actorSnapshot('a')} AS after
  ${createChange('change', byParam, {
    operation: "CASE WHEN before IS NULL THEN 'CREATE_ACTOR' ELSE 'UPDATE_ACTOR' END",
    actorId: 'a.id',
    before: 'before',
    after: 'after',
    restore: 'restore',
  })}
  WITH count(*) AS written
  ${refreshPresence(`[row IN ${rowsParam} | row.id]`, '[]').replaceAll('\n', '\n  ')}
}
RETURN problems, CASE WHEN size(problems) = 0 THEN COLLECT {
  UNWIND ${rowsParam} AS row
  MATCH (a:Entity:Actor {id: row.id})
  RETURN ${projection}
} ELSE [] END AS actors`;
  return { cypher, params: b.params };
}

export async function upsertActors(
  db: Database,
  inputs: readonly ActorInput[],
  plan: NodePlan,
  by: string,
  options?: QueryOptions,
): Promise<ActorRecord[]> {
  const rows = validateActorInputs(inputs);
  if (rows.length === 0) return [];
  const { cypher, params } = upsertActorsQuery(rows, plan, by);
  const [result] = await db.write<{ problems: Problem[]; actors: RawNode[] }>(cypher, params, options);
  const problem = [...(result?.problems ?? [])].sort((x, y) => x.index - y.index)[0];
  if (problem) throw problemError(problem);
  return (result?.actors ?? []).map((raw) => toFetchedNode(raw, plan) as ActorRecord);
}

function problemError(p: Problem): Error {
  const path = ['input', p.index, p.field];
  switch (p.problem) {
    case 'no-commune':
      return new NotFoundError('commune', p.value);
    case 'conflict':
      return new ConflictError(
        p.current
          ? `${formatPath(path)}: "${p.value}" has changed since you read it (it is at version ${String(p.current.version ?? 0)}); nothing was written. extensions.current holds what is stored now.`
          : `${formatPath(path)}: "${p.value}" does not exist (any more); nothing was written.`,
        p.current ?? null,
        path,
      );
    case 'not-actor':
      return new BadInputError(`${formatPath(path)}: "${p.value}" is the id of a node that is not an actor.`, path);
    case 'territory-kind':
      return new BadInputError(`${formatPath(path)}: this actor is also a territory; its kind stays ${p.value}.`, path);
    case 'kind-change':
      return new BadInputError(
        `${formatPath(path)}: this actor is already a ${p.value}; an actor's kind does not change by accident (set changeKind: true to change it on purpose, or use another id).`,
        path,
      );
  }
}
