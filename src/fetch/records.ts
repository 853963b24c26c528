/**
 * Turns what a fetch-plan query returned back into records, each carrying under `fetched` what was
 * read beneath it, keyed like the plan (GraphQL response keys).
 *
 *   toFetchedNode({ id: 'utc', labels: [...], name: 'UTC', _fetched: { links: [...] } }, plan)
 *   // { id: 'utc', labels: [...], properties: { name: 'UTC', ... }, fetched: { links: [LinkRecord...] } }
 */
import { encodeCursor } from '../actors/cursor.ts';
import { type NodeRecord, isActorKind, territoryLevel } from '../domain/records.ts';
import { FETCHED_KEY } from './cypher.ts';
import type { NodePlan } from './plan.ts';
import { relationOf } from './relations.ts';

/** One page of an actors connection. */
export interface ActorPage {
  /** Null when `totalCount` was not selected (nothing counted). */
  total: number | null;
  rows: { actor: NodeRecord; cursor: string }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export interface RawNode {
  id: string;
  labels: string[];
  [property: string]: unknown;
}

export interface RawPage {
  total?: number;
  page: { rank: [number, number]; node: RawNode }[];
}

export function toFetchedNode(raw: RawNode, plan: NodePlan): NodeRecord {
  const { labels, [FETCHED_KEY]: fetchedRaw, ...properties } = raw;
  const record: NodeRecord & { kind?: string; name?: string; level?: string } = { id: raw.id, labels, properties };
  // Actors and territories also carry the fields their records name (ActorRecord, TerritoryRecord).
  if (labels.includes('Actor') && isActorKind(properties.kind)) record.kind = properties.kind;
  const level = territoryLevel(labels);
  if (level) record.level = level;
  if (record.kind || level) record.name = String(properties.name ?? raw.id);
  if (plan.fetches.length && fetchedRaw && typeof fetchedRaw === 'object') {
    const source = fetchedRaw as Record<string, unknown>;
    const fetched: Record<string, unknown> = {};
    for (const fetch of plan.fetches) {
      const value = source[fetch.key];
      // A guarded relation (polymorphic position) is null for nodes that do not have it.
      if (value === null && fetch.relation !== 'commune') continue;
      fetched[fetch.key] = relationOf(fetch).convert(fetch, value);
    }
    record.fetched = fetched;
  }
  return record;
}

export function toActorPage(raw: RawPage, first: number, afterGiven: boolean, plan: NodePlan): ActorPage {
  return {
    total: raw.total ?? null,
    hasNextPage: raw.page.length > first,
    hasPreviousPage: afterGiven,
    rows: raw.page.slice(0, first).map((row) => ({
      actor: toFetchedNode(row.node, plan),
      cursor: encodeCursor({ rank: row.rank, id: row.node.id }),
    })),
  };
}
