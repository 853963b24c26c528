/**
 * Creates, updates or removes one relationship between two existing nodes (one query each).
 *
 *   await writeLink(db, { from: 'bpifrance', to: 'innovent-e', type: 'SUPPORTS', properties: { since: 2012 } }, plan)
 *   // { type: 'SUPPORTS', direction: 'OUT', other: { id: 'innovent-e', ... }, properties: { since: 2012, source: 'api' } }
 *   await removeLink(db, { from: 'bpifrance', to: 'innovent-e', type: 'SUPPORTS' })   // true (false if there was none)
 *
 * At most one relationship per (from, type, to): writing again updates its properties (null
 * removes one). Unknown ids are NOT_FOUND; a type outside the data model, or ends of the wrong
 * kind, are BAD_USER_INPUT naming the field. Each write that changes something leaves a `Change`
 * (src/changes/record.ts) in the same query; `by` says who.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import { createChange } from '../changes/record.ts';
import type { LinkRecord } from '../domain/records.ts';
import { CypherBuilder, projectNode } from '../fetch/cypher.ts';
import type { NodePlan } from '../fetch/plan.ts';
import { type RawNode, toFetchedNode } from '../fetch/records.ts';
import { PRESENCE_LOCK, presenceChange, refreshPresence } from '../territories/stored-presence.ts';
import { RELATIONSHIP_RULES as LINK_TYPES, isRelationshipType as isLinkType } from '../domain/relationships.ts';

export interface LinkInput {
  from: string;
  to: string;
  type: string;
  properties?: unknown;
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_PROPERTIES = 30;

function validateType(input: LinkInput): void {
  if (!isLinkType(input.type)) {
    throw new BadInputError(
      `input.type: "${input.type}" is not a relationship type of the data model (${Object.keys(LINK_TYPES).join(', ')}).`,
      ['input', 'type'],
    );
  }
}

/** Properties as a map of strings, finite numbers and booleans (null removes a property). */
export function validateProperties(value: unknown): Record<string, string | number | boolean | null> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadInputError('input.properties: must be an object.', ['input', 'properties']);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_PROPERTIES) {
    throw new BadInputError(`input.properties: at most ${MAX_PROPERTIES} properties.`, ['input', 'properties']);
  }
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, v] of entries) {
    const path = ['input', 'properties', key];
    if (!PROPERTY_NAME.test(key)) throw new BadInputError(`input.properties: "${key}" is not a property name (letters, digits, _).`, path);
    const ok = v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new BadInputError(`input.properties.${key}: must be a string, a number, a boolean or null.`, path);
    if (typeof v === 'string' && v.length > 2000) throw new BadInputError(`input.properties.${key}: at most 2000 characters.`, path);
    out[key] = v as string | number | boolean | null;
  }
  return out;
}

interface Ends {
  fromLabels: string[] | null;
  toLabels: string[] | null;
}

function checkEnds(input: LinkInput, ends: Ends | undefined): void {
  if (!ends?.fromLabels) throw new NotFoundError('node', input.from);
  if (!ends.toLabels) throw new NotFoundError('node', input.to);
  const allowed = LINK_TYPES[input.type]!;
  const describe = (labels: readonly string[]) => labels.join(' or ');
  if (!allowed.from.some((l) => ends.fromLabels!.includes(l))) {
    throw new BadInputError(`input.from: a ${input.type} link starts at a ${describe(allowed.from)}; "${input.from}" is not one.`, ['input', 'from']);
  }
  if (!allowed.to.some((l) => ends.toLabels!.includes(l))) {
    throw new BadInputError(`input.to: a ${input.type} link ends at a ${describe(allowed.to)}; "${input.to}" is not one.`, ['input', 'to']);
  }
}

/**
 * The lock to take first and the refresh to run last, when a relationship of this type changes
 * presence (src/territories/stored-presence.ts); empty otherwise.
 */
function presenceParts(type: string, from: string, to: string): { lock: string; refresh: string } {
  const change = presenceChange(type);
  if (!change) return { lock: '', refresh: '' };
  const touched = change.touched === 'both' ? `[${from}, ${to}]` : `[${from}]`;
  return { lock: `${PRESENCE_LOCK}\n`, refresh: `${refreshPresence(touched, change.moved ? `[${from}]` : '[]')}\n` };
}

export function writeLinkQuery(
  input: LinkInput,
  properties: Record<string, unknown>,
  allowed: { from: readonly string[]; to: readonly string[] },
  plan: NodePlan,
  by: string,
) {
  const b = new CypherBuilder();
  const byParam = b.param(by);
  const from = b.param(input.from);
  const to = b.param(input.to);
  const fromOk = b.param(allowed.from);
  const toOk = b.param(allowed.to);
  const type = b.param(input.type);
  const props = b.param(properties);
  const presence = presenceParts(input.type, from, to);
  // Reads both ends; writes only when both exist with the right labels (the same query reports why not).
  const cypher = `${presence.lock}OPTIONAL MATCH (a:Entity {id: ${from}})
OPTIONAL MATCH (b:Entity {id: ${to}})
WITH a, b, labels(a) AS fromLabels, labels(b) AS toLabels
OPTIONAL CALL (a, b, fromLabels, toLabels) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
    AND any(l IN fromLabels WHERE l IN ${fromOk}) AND any(l IN toLabels WHERE l IN ${toOk})
  WITH a, b, head(COLLECT { MATCH (a)-[o]->(b) WHERE type(o) = ${type} RETURN properties(o) }) AS before
  MERGE (a)-[r:$(${type})]->(b)
    ON CREATE SET r.source = 'api'
  SET r += ${props}
  // Writing a link again with the same properties changes nothing: nothing to record.
  FOREACH (_ IN CASE WHEN before IS NULL OR before <> properties(r) THEN [1] ELSE [] END |
    ${createChange('change', byParam, { operation: "'LINK'", actorId: 'a.id', otherId: 'b.id', linkType: 'type(r)', before: 'before', after: 'properties(r)' })}
  )
  RETURN { type: type(r), direction: 'OUT', properties: properties(r), other: ${projectNode('b', plan, b, true)} } AS link
}
${presence.refresh}RETURN fromLabels, toLabels, link`;
  return { cypher, params: b.params };
}

export async function writeLink(db: Database, input: LinkInput, plan: NodePlan, by: string, options?: QueryOptions): Promise<LinkRecord> {
  validateType(input);
  const properties = validateProperties(input.properties);
  const { cypher, params } = writeLinkQuery(input, properties, LINK_TYPES[input.type]!, plan, by);
  const [row] = await db.write<Ends & { link: { type: string; direction: 'OUT'; properties: Record<string, unknown>; other: RawNode } | null }>(
    cypher,
    params,
    options,
  );
  checkEnds(input, row);
  if (!row?.link) throw new Error('link not written although both ends are valid');
  return { ...row.link, other: toFetchedNode(row.link.other, plan) };
}

export function removeLinkQuery(input: LinkInput, by: string) {
  const b = new CypherBuilder();
  const byParam = b.param(by);
  const type = b.param(input.type);
  const from = b.param(input.from);
  const to = b.param(input.to);
  const presence = presenceParts(input.type, from, to);
  const cypher = `${presence.lock}OPTIONAL MATCH (a:Entity {id: ${from}})
OPTIONAL MATCH (b:Entity {id: ${to}})
CALL (a, b) {
  OPTIONAL MATCH (a)-[r]->(b) WHERE type(r) = ${type}
  WITH a, b, r, CASE WHEN r IS NULL THEN null ELSE properties(r) END AS before
  DELETE r
  FOREACH (_ IN CASE WHEN before IS NULL THEN [] ELSE [1] END |
    ${createChange('change', byParam, { operation: "'UNLINK'", actorId: 'a.id', otherId: 'b.id', linkType: type, before: 'before' })}
  )
  RETURN count(before) AS removed
}
${presence.refresh}RETURN labels(a) AS fromLabels, labels(b) AS toLabels, removed`;
  return { cypher, params: b.params };
}

export async function removeLink(db: Database, input: LinkInput, by: string, options?: QueryOptions): Promise<boolean> {
  validateType(input);
  const { cypher, params } = removeLinkQuery(input, by);
  const [row] = await db.write<Ends & { removed: number }>(cypher, params, options);
  if (!row?.fromLabels) throw new NotFoundError('node', input.from);
  if (!row.toLabels) throw new NotFoundError('node', input.to);
  return row.removed > 0;
}
