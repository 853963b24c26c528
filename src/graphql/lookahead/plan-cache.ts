/**
 * The look-ahead's results, kept per operation: a repeated query (same document, same root field,
 * same values of the variables used beneath that field) reuses the plan built the first time, and
 * the Cypher text built from it (src/actors/find.ts keys its text on the plan object). Variables
 * used only in the root field's own arguments (`actor(id: $id)`) do not change the plan.
 *
 *   const plans = new PlanCache(1000);
 *   plans.memo(info, 'node:Actor', () => planOfSets(...))   // built once per document and variables
 *   plans.builds, plans.hits                                 // counted (tests, /metrics)
 *
 * The key is the root field's AST node: yoga caches each parsed document by its text, so the same
 * query text gives the same nodes on every request. Bounded (PLAN_CACHE_SIZE, least recently used
 * first out); a size of 0 turns it off.
 */
import { type ASTNode, type FieldNode, type GraphQLResolveInfo, visit } from 'graphql';
import { LRUCache } from 'lru-cache';

interface RootField {
  id: number;
  /** Variables used beneath the root field (arguments of nested fields, @skip/@include). */
  variables: string[];
}

const roots = new WeakMap<FieldNode, RootField>();
let nextId = 0;

/** Variable names used anywhere in `node`, fragments followed (each once). */
function variablesIn(node: ASTNode, info: GraphQLResolveInfo, out: Set<string>, fragments: Set<string>): void {
  visit(node, {
    Variable: (v) => {
      out.add(v.name.value);
    },
    FragmentSpread: (spread) => {
      if (fragments.has(spread.name.value)) return;
      fragments.add(spread.name.value);
      const fragment = info.fragments[spread.name.value];
      if (fragment) variablesIn(fragment, info, out, fragments);
    },
  });
}

function rootOf(info: GraphQLResolveInfo): RootField | undefined {
  const [first] = info.fieldNodes;
  if (!first) return undefined;
  let root = roots.get(first);
  if (!root) {
    const variables = new Set<string>();
    const fragments = new Set<string>();
    // The selection beneath the field only: its own arguments are values, not shape.
    for (const node of info.fieldNodes) {
      if (node.selectionSet) variablesIn(node.selectionSet, info, variables, fragments);
    }
    root = { id: nextId++, variables: [...variables].sort() };
    roots.set(first, root);
  }
  return root;
}

export class PlanCache {
  private readonly cache: LRUCache<string, object> | null;
  /** Plans built (cache misses, or every call with the cache off). */
  builds = 0;
  /** Plans reused. */
  hits = 0;

  /** Told of each lookup (the server counts them on /metrics). */
  private readonly counted: ((hit: boolean) => void) | undefined;

  constructor(size: number, counted?: (hit: boolean) => void) {
    this.cache = size > 0 ? new LRUCache<string, object>({ max: size }) : null;
    this.counted = counted;
  }

  /** The value `build` gives for this root field, built once per document and variables that matter. */
  memo<T extends object>(info: GraphQLResolveInfo, kind: string, build: () => T): T {
    const root = this.cache ? rootOf(info) : undefined;
    if (!this.cache || !root) {
      this.builds += 1;
      this.counted?.(false);
      return build();
    }
    const values = root.variables.map((name) => JSON.stringify(info.variableValues[name]) ?? '-');
    const key = `${root.id}|${kind}|${values.join('|')}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.hits += 1;
      this.counted?.(true);
      return cached as T;
    }
    this.builds += 1;
    this.counted?.(false);
    const value = build();
    this.cache.set(key, value);
    return value;
  }
}
