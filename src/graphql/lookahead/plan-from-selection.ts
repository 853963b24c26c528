/**
 * Look-ahead: reads a root field's selection set (fragments, aliases, @skip/@include, variables)
 * and returns the fetch plan (src/fetch/plan.ts) that answers all of it in one Cypher query.
 *
 *   // actor(id: "utc") { links(first: 5) { other { id ... on Actor { links { type } } } } }
 *   nodePlanOf(info, 'Actor')
 *   // { fetches: [{ key: 'links', relation: 'links', first: 5, types: null,
 *   //               other: { fetches: [{ key: 'links', relation: 'links', first: 50, ... }] } }] }
 *
 * Relation fields become fetches, each read by its descriptor (src/fetch/relations.ts), which
 * validates its arguments with the argument's path in the error; the other selected fields become
 * the plan's `fields`, the only stored properties read (besides id, name and kind).
 */
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { READ_LIMITS } from '../../config.ts';
import { QueryTooComplexError } from '../../domain/errors.ts';
import { VIEWS } from '../../domain/model.ts';
import { type Fetch, type NodePlan, planCost, planDepth } from '../../fetch/plan.ts';
import { relationNamed, relationOf } from '../../fetch/relations.ts';
import type { PlanCache } from './plan-cache.ts';

const { maxPlanCost: MAX_PLAN_COST, maxPlanDepth: MAX_PLAN_DEPTH } = READ_LIMITS;

type Selection = { fieldName: string; typeName: string; node: FieldNode };

/** Fields of the given selection sets, by response key, each with the type it was selected on. */
function collect(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], typeName: string): Map<string, Selection[]> {
  const out = new Map<string, Selection[]>();
  const visit = (set: SelectionSetNode, onType: string): void => {
    for (const selection of set.selections) {
      if (!included(info, selection)) continue;
      if (selection.kind === 'Field') {
        const key = selection.alias?.value ?? selection.name.value;
        const list = out.get(key) ?? [];
        list.push({ fieldName: selection.name.value, typeName: onType, node: selection });
        out.set(key, list);
      } else if (selection.kind === 'InlineFragment') {
        visit(selection.selectionSet, selection.typeCondition?.name.value ?? onType);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet, fragment.typeCondition.name.value);
      }
    }
  };
  for (const set of sets) visit(set, typeName);
  return out;
}

function included(info: GraphQLResolveInfo, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** Every node type has `links`: actors (below), territories and the model's other node types. */
const LINKABLE = new Set(['Territory', ...VIEWS.otherNodeLabels]);

function isActorType(info: GraphQLResolveInfo, typeName: string): boolean {
  if (typeName === 'Actor') return true;
  const type = info.schema.getType(typeName);
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Actor');
}

function fieldDef(info: GraphQLResolveInfo, typeName: string, fieldName: string): GraphQLField<unknown, unknown> | undefined {
  const type = info.schema.getType(typeName);
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
}

function subSets(selections: readonly Selection[]): SelectionSetNode[] {
  return selections.flatMap((s) => (s.node.selectionSet ? [s.node.selectionSet] : []));
}

/** The selection sets of `fieldName` inside the given sets (e.g. `other` inside `links { ... }`). */
function childSets(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], typeName: string, fieldName: string): SelectionSetNode[] {
  const all = [...collect(info, sets, typeName).values()].flat();
  return subSets(all.filter((s) => s.fieldName === fieldName));
}

/** The plan beneath a node whose selection sets are `sets`, selected as `typeName`. */
export function planOfSets(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], typeName: string): NodePlan {
  const fetches: Fetch[] = [];
  const selected = collect(info, sets, typeName);
  // Stored properties to read: every selected field name that is not a relation (a name that is no
  // property, such as `level`, reads as null and is ignored: the record's own field wins).
  const fields = new Set<string>();
  for (const [key, selections] of selected) {
    const candidates = selections.map((s) => fetchOf(info, key, s, subSets(selections)));
    selections.forEach((s, i) => {
      if (candidates[i] === null && !s.fieldName.startsWith('__')) fields.add(s.fieldName);
    });
    const first = candidates[0];
    if (!first) continue;
    // One response key, several fields or arguments (allowed across exclusive fragments): leave it
    // to the field resolver's fallback rather than guess.
    const same = candidates.every((c) => JSON.stringify(c && withoutChildren(c)) === JSON.stringify(withoutChildren(first)));
    if (same) fetches.push(first);
  }
  return { fetches: fetches.filter((f): f is Fetch => f !== null), fields: [...fields].sort() };
}

function withoutChildren(fetch: Fetch | null): unknown {
  return fetch && relationOf(fetch).identity(fetch);
}

/** The fetch one selected field needs (its relation's descriptor reads it), or null for a field that is not a relation. */
function fetchOf(info: GraphQLResolveInfo, key: string, s: Selection, sets: readonly SelectionSetNode[]): Fetch | null {
  const onActor = isActorType(info, s.typeName);
  const on = onActor ? 'Actor' : s.typeName === 'Territory' ? 'Territory' : 'Other';
  if (!onActor && !LINKABLE.has(s.typeName)) return null;
  const relation = relationNamed(s.fieldName);
  if (!relation || (relation.owner !== 'Any' && relation.owner !== on)) return null;
  const def = fieldDef(info, s.typeName, s.fieldName);
  if (!def) return null;
  return relation.fromSelection(getArgumentValues(def, s.node, info.variableValues), {
    key,
    on,
    plan: (typeName, path = []) => {
      let inner: readonly SelectionSetNode[] = sets;
      for (const [onType, fieldName] of path) inner = childSets(info, inner, onType, fieldName);
      return planOfSets(info, inner, typeName);
    },
    selects: (typeName, fieldName) => [...collect(info, sets, typeName).values()].flat().some((f) => f.fieldName === fieldName),
  });
}

/** `edges { node { ... } }` of a connection's selection sets. */
function connectionNodeSets(info: GraphQLResolveInfo, sets: readonly SelectionSetNode[]): SelectionSetNode[] {
  return childSets(info, childSets(info, sets, 'ActorConnection', 'edges'), 'ActorEdge', 'node');
}

function checked(plan: NodePlan): NodePlan {
  const depth = planDepth(plan);
  if (depth > MAX_PLAN_DEPTH) {
    throw new QueryTooComplexError(`The selection nests ${depth} relations; at most ${MAX_PLAN_DEPTH} are allowed.`);
  }
  const cost = planCost(plan);
  if (cost > MAX_PLAN_COST) {
    throw new QueryTooComplexError(
      `The selection may read up to ${cost} nodes (the product of \`first\` down each branch); at most ${MAX_PLAN_COST} are allowed. Ask for fewer with \`first\`.`,
    );
  }
  return plan;
}

function rootSets(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/**
 * `build()`, or what it gave last time for this document and these variables (`cache`, the
 * request's PlanCache; none: built every time).
 */
function memo<T extends object>(cache: PlanCache | undefined, info: GraphQLResolveInfo, kind: string, build: () => T): T {
  return cache ? cache.memo(info, kind, build) : build();
}

/** The plan of a root field returning a node: `node`, `actor`, `territory`, `upsertActors`. */
export function nodePlanOf(info: GraphQLResolveInfo, typeName: 'Node' | 'Actor' | 'Territory', cache?: PlanCache): NodePlan {
  return memo(cache, info, `node:${typeName}`, () => checked(planOfSets(info, rootSets(info), typeName)));
}

/**
 * A root `actors` connection: the plan beneath each actor (its `edges { node }`) and whether
 * `totalCount` is selected. Check the plan against the page size with `checkedConnection`.
 */
export function actorsPlanOf(info: GraphQLResolveInfo, cache?: PlanCache): { plan: NodePlan; total: boolean } {
  return memo(cache, info, 'actors', () => ({
    plan: planOfSets(info, connectionNodeSets(info, rootSets(info)), 'Actor'),
    total: selectedFields(info, 'ActorConnection').some((f) => f.name === 'totalCount'),
  }));
}

/** `plan` beneath each of `firstActors` actors, refused when too deep or too costly. */
export function checkedConnection(plan: NodePlan, firstActors: number): NodePlan {
  // The page size multiplies everything beneath it.
  checked({ fetches: [{ key: 'edges', relation: 'actors', filter: { search: null, kinds: null, first: firstActors, after: null, total: false }, node: plan }] });
  return plan;
}

/** The plan beneath `Link.other` of a root field returning a Link (`link` mutation). */
export function linkOtherPlanOf(info: GraphQLResolveInfo, cache?: PlanCache): NodePlan {
  return memo(cache, info, 'link', () => checked(planOfSets(info, childSets(info, rootSets(info), 'Link', 'other'), 'Node')));
}

/** The fetch of the field being resolved (the fallback when nothing was pre-fetched). */
export function currentFieldFetch(info: GraphQLResolveInfo): Fetch | null {
  const key = String(info.path.key);
  const [first] = info.fieldNodes;
  if (!first) return null;
  return fetchOf(info, key, { fieldName: info.fieldName, typeName: info.parentType.name, node: first }, rootSets(info));
}

/**
 * The fields selected directly beneath the root field being resolved, with their arguments
 * (fragments, aliases, @skip/@include and variables applied): `networkShape` computes only these.
 */
export function selectedFields(info: GraphQLResolveInfo, typeName: string): { name: string; args: Record<string, unknown> }[] {
  return [...collect(info, rootSets(info), typeName).values()].flat().map((s) => {
    const def = fieldDef(info, s.typeName, s.fieldName);
    return { name: s.fieldName, args: def ? getArgumentValues(def, s.node, info.variableValues) : {} };
  });
}

/** The plan beneath each territory of a root `territories` connection: its `edges { node }`. */
export function territoryConnectionPlanOf(info: GraphQLResolveInfo, first: number, cache?: PlanCache): NodePlan {
  const plan = memo(cache, info, 'territories', () =>
    planOfSets(info, childSets(info, childSets(info, rootSets(info), 'TerritoryConnection', 'edges'), 'TerritoryEdge', 'node'), 'Territory'),
  );
  checked({ fetches: [{ key: 'edges', relation: 'children', level: null, first, node: plan }] });
  return plan;
}

/** The plan beneath each node of a root connection of `typeName` nodes (`events`, `programs`, `competencies`). */
export function nodeConnectionPlanOf(info: GraphQLResolveInfo, typeName: 'Event' | 'Program' | 'Competency', first: number, cache?: PlanCache): NodePlan {
  const plan = memo(cache, info, `list:${typeName}`, () =>
    planOfSets(info, childSets(info, childSets(info, rootSets(info), `${typeName}Connection`, 'edges'), `${typeName}Edge`, 'node'), typeName),
  );
  checked({ fetches: [{ key: 'edges', relation: 'children', level: null, first, node: plan }] });
  return plan;
}
