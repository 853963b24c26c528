/**
 * One descriptor per relation field: everything the read path knows about `links`, `commune`,
 * `parents`, `children` and `actors`, in one place. The look-ahead reads a selected field with
 * `fromSelection`, the plan's guards use `fanOut`, the Cypher builder writes `cypher` into the one
 * query, and `convert` turns what it returned into records. Adding a relation field is adding an
 * entry here (and its `Fetch` variant in ./plan.ts).
 *
 *   RELATIONS.children.fromSelection({ first: 20, level: 'EPCI' }, selection)
 *   // { key, relation: 'children', level: 'EPCI', first: 20, node: <plan beneath each child> }
 *   RELATIONS.children.fanOut(fetch)   // { fanOut: 20, child: fetch.node }
 */
import { actorFilter } from '../actors/list.ts';
import { checkFirst } from '../domain/shared.ts';
import { type ActorKind, LEVEL_LABEL, type TerritoryLevel } from '../domain/model.ts';
import { isRelationshipType } from '../domain/relationships.ts';
import { READ_LIMITS } from '../config.ts';
import { type CypherBuilder, actorConnection, connectionMap, projectNode } from './cypher.ts';
import type { Fetch, NodePlan } from './plan.ts';
import { type RawNode, type RawPage, toActorPage, toFetchedNode } from './records.ts';
import type { LinkRecord } from '../domain/records.ts';

/** What the look-ahead gives a descriptor about one selected field. */
export interface SelectedField {
  /** The GraphQL response key (alias or field name). */
  key: string;
  /** The type the field was selected on: an actor type, `Territory`, or another node type. */
  on: 'Actor' | 'Territory' | 'Other';
  /** The plan beneath the nodes the field returns (`path`: the fields between, e.g. `edges`, `node`). */
  plan(typeName: string, path?: readonly (readonly [typeName: string, fieldName: string])[]): NodePlan;
  /** Whether a field of the result is selected (e.g. `totalCount` of a connection). */
  selects(typeName: string, fieldName: string): boolean;
}

export interface RelationDescriptor<F extends Fetch> {
  /** Which nodes have it: a polymorphic position (`Link.other`, `node`) guards it by label. */
  owner: 'Actor' | 'Territory' | 'Any';
  /** The fetch a selection of the field asks for (arguments validated, with their path in errors). */
  fromSelection(args: Record<string, unknown>, field: SelectedField): F;
  /** Its arguments without what is read beneath: two selections of one key must agree on them. */
  identity(fetch: F): unknown;
  /** Rows it may read at most per node, and the plan beneath each (the plan's cost and depth guards). */
  fanOut(fetch: F): { fanOut: number; child: NodePlan };
  /** The Cypher expression that reads it beneath the node variable `v`, inside the one query. */
  cypher(v: string, fetch: F, b: CypherBuilder): string;
  /** The records from what that expression returned. */
  convert(fetch: F, value: unknown): unknown;
}

type Descriptors = { [R in Fetch['relation']]: RelationDescriptor<Extract<Fetch, { relation: R }>> };

const bounded = (value: unknown, fallback: number, max: number, path: string[]): number =>
  checkFirst(typeof value === 'number' ? value : null, { fallback, max, path });

export const RELATIONS: Descriptors = {
  links: {
    owner: 'Any',
    fromSelection: (args, field) => ({
      key: field.key,
      relation: 'links',
      types: Array.isArray(args.types) && args.types.length ? (args.types as string[]) : null,
      first: bounded(args.first, 50, READ_LIMITS.maxLinks, ['links', 'first']),
      properties: field.selects('Link', 'properties'),
      other: field.plan('Node', [['Link', 'other']]),
    }),
    identity: ({ key, relation, types, first }) => ({ key, relation, types, first }),
    fanOut: (fetch) => ({ fanOut: fetch.first, child: fetch.other }),
    cypher(v, fetch, b) {
      const r = b.variable('r');
      const o = b.variable('o');
      const d = b.variable('d');
      // Known types go into the pattern (a typed expand reads only those relationships); any other
      // list stays a parameter, so user text never reaches the query.
      const typed = fetch.types !== null && fetch.types.length > 0 && fetch.types.every(isRelationshipType);
      const pattern = typed ? `${r}:${[...new Set(fetch.types)].join('|')}` : r;
      const where = fetch.types && !typed ? `\n  WHERE type(${r}) IN ${b.param(fetch.types)}` : '';
      const limit = b.param(fetch.first);
      const properties = fetch.properties === false ? '' : `, properties: properties(${r})`;
      return `COLLECT {
  MATCH (${v})-[${pattern}]-(${o})${where}
  WITH ${r}, ${o}, CASE WHEN startNode(${r}) = ${v} THEN 'OUT' ELSE 'IN' END AS ${d}
  ORDER BY type(${r}), ${o}.id, ${d}
  LIMIT toInteger(${limit})
  RETURN { type: type(${r}), direction: ${d}${properties}, other: ${projectNode(o, fetch.other, b, true)} }
}`;
    },
    convert: (fetch, value) =>
      (value as { type: string; direction: 'OUT' | 'IN'; properties: Record<string, unknown>; other: RawNode }[]).map(
        (link): LinkRecord => ({
          type: link.type,
          direction: link.direction,
          properties: link.properties,
          other: toFetchedNode(link.other, fetch.other),
        }),
      ),
  },

  commune: {
    owner: 'Actor',
    fromSelection: (_args, field) => ({ key: field.key, relation: 'commune', node: field.plan('Territory') }),
    identity: ({ key, relation }) => ({ key, relation }),
    fanOut: (fetch) => ({ fanOut: 1, child: fetch.node }),
    cypher(v, fetch, b) {
      const c = b.variable('c');
      return `COLLECT {
  MATCH (${v})-[:LOCATED_IN]->(${c}:Commune)
  WITH ${c} ORDER BY ${c}.id LIMIT 1
  RETURN ${projectNode(c, fetch.node, b)}
}[0]`;
    },
    convert: (fetch, value) => (value ? toFetchedNode(value as RawNode, fetch.node) : null),
  },

  parents: {
    owner: 'Territory',
    fromSelection: (_args, field) => ({ key: field.key, relation: 'parents', node: field.plan('Territory') }),
    identity: ({ key, relation }) => ({ key, relation }),
    // A commune's EPCI, département, région and industrial territory at most.
    fanOut: (fetch) => ({ fanOut: 4, child: fetch.node }),
    cypher(v, fetch, b) {
      const t = b.variable('t');
      return `COLLECT {
  MATCH (${v})-[:PART_OF*1..3]->(${t}:Territory)
  WITH DISTINCT ${t}
  ORDER BY CASE WHEN ${t}:Epci THEN 1 WHEN ${t}:Department THEN 2 WHEN ${t}:Region THEN 3 ELSE 4 END, ${t}.id
  RETURN ${projectNode(t, fetch.node, b)}
}`;
    },
    convert: (fetch, value) => (value as RawNode[]).map((node) => toFetchedNode(node, fetch.node)),
  },

  children: {
    owner: 'Territory',
    fromSelection: (args, field) => ({
      key: field.key,
      relation: 'children',
      level: typeof args.level === 'string' ? (args.level as TerritoryLevel) : null,
      first: bounded(args.first, 100, READ_LIMITS.maxChildren, ['children', 'first']),
      node: field.plan('Territory'),
    }),
    identity: ({ key, relation, level, first }) => ({ key, relation, level, first }),
    fanOut: (fetch) => ({ fanOut: fetch.first, child: fetch.node }),
    cypher(v, fetch, b) {
      const t = b.variable('t');
      const level = fetch.level ? ` WHERE ${t}:${LEVEL_LABEL[fetch.level]}` : '';
      const limit = b.param(fetch.first);
      return `COLLECT {
  MATCH (${t}:Territory)-[:PART_OF]->(${v})${level}
  WITH ${t} ORDER BY ${t}.name, ${t}.id LIMIT toInteger(${limit})
  RETURN ${projectNode(t, fetch.node, b)}
}`;
    },
    convert: (fetch, value) => (value as RawNode[]).map((node) => toFetchedNode(node, fetch.node)),
  },

  actors: {
    owner: 'Territory',
    fromSelection: (args, field) => ({
      key: field.key,
      relation: 'actors',
      filter: actorFilter(
        {
          search: typeof args.search === 'string' ? args.search : null,
          kinds: Array.isArray(args.kinds) ? (args.kinds as ActorKind[]) : null,
          presence: args.presence === 'SEAT' || args.presence === 'ACTIVE' ? args.presence : null,
          first: typeof args.first === 'number' ? args.first : null,
          after: typeof args.after === 'string' ? args.after : null,
          // Counting every match is the costly part: only when `totalCount` is selected.
          total: field.selects('ActorConnection', 'totalCount'),
        },
        ['actors'],
      ),
      node: field.plan('Actor', [
        ['ActorConnection', 'edges'],
        ['ActorEdge', 'node'],
      ]),
    }),
    identity: ({ key, relation, filter }) => ({ key, relation, filter }),
    fanOut: (fetch) => ({ fanOut: fetch.filter.first, child: fetch.node }),
    cypher: (v, fetch, b) => connectionMap(actorConnection(b, fetch.filter, v, fetch.node)),
    convert: (fetch, value) => toActorPage(value as RawPage, fetch.filter.first, fetch.filter.after !== null, fetch.node),
  },
};

/** The descriptor of a fetch, typed for it. */
export function relationOf<F extends Fetch>(fetch: F): RelationDescriptor<F> {
  return RELATIONS[fetch.relation] as unknown as RelationDescriptor<F>;
}

/** The relation fields by GraphQL field name (each relation is the field of the same name). */
export function relationNamed(fieldName: string): RelationDescriptor<Fetch> | undefined {
  return Object.hasOwn(RELATIONS, fieldName) ? (RELATIONS[fieldName as Fetch['relation']] as unknown as RelationDescriptor<Fetch>) : undefined;
}
