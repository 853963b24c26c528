/**
 * Yen's k cheapest loopless paths on a small in-memory graph, with a hop limit and node penalties.
 *
 *   const graph = new PathGraph(['a', 'b', 'c'], [0, 0, 0]);
 *   graph.addEdge(0, 1, 1, 0); graph.addEdge(1, 2, 1, 1); graph.addEdge(0, 2, 5, 2);
 *   kCheapestPaths(graph, 0, 2, 2, 4)
 *   // [{ nodes: [0, 1, 2], edges: [0, 1], cost: 2 }, { nodes: [0, 2], edges: [2], cost: 5 }]
 *
 * A path costs the sum of its edges plus the penalty of every node strictly inside it. Spur paths
 * come from a hop-layered Bellman-Ford (cheapest path with at most h edges), which is exact under a
 * hop limit where plain Dijkstra is not; with strictly positive costs its optimum has no loop.
 * No npm library offers hop-bounded Yen's with node costs (graphology's shortest-path has neither),
 * hence this file. Order: cost, then hops, then the sequence of node keys (deterministic ties).
 */

const EPSILON = 1e-9;

export interface Arc {
  to: number;
  cost: number;
  edge: number;
}

/** Undirected multigraph kept as adjacency lists; `key` names each node for tie-breaking. */
export class PathGraph {
  readonly keys: readonly string[];
  readonly penalty: readonly number[];
  readonly adjacency: Arc[][];

  constructor(keys: readonly string[], penalty: readonly number[]) {
    this.keys = keys;
    this.penalty = penalty;
    this.adjacency = keys.map(() => []);
  }

  addEdge(a: number, b: number, cost: number, edge: number): void {
    if (!(cost > 0)) throw new Error(`Edge ${edge} must cost more than 0 (got ${cost}).`);
    this.adjacency[a]!.push({ to: b, cost, edge });
    this.adjacency[b]!.push({ to: a, cost, edge });
  }
}

export interface FoundPath {
  nodes: number[];
  edges: number[];
  cost: number;
}

interface Blocked {
  nodes: ReadonlySet<number>;
  edges: ReadonlySet<number>;
}

/** Cheapest path from `source` to `target` with at most `maxHops` edges, avoiding `blocked`. */
export function cheapestPath(
  graph: PathGraph,
  source: number,
  target: number,
  maxHops: number,
  blocked: Blocked = { nodes: new Set(), edges: new Set() },
): FoundPath | undefined {
  const n = graph.keys.length;
  let dist = new Float64Array(n).fill(Infinity);
  dist[source] = 0;
  // parents[h][v]: the arc that set v's best cost with at most h+1 edges, or -1 if unchanged.
  const parentNode: Int32Array[] = [];
  const parentEdge: Int32Array[] = [];
  for (let layer = 0; layer < maxHops; layer++) {
    const next = dist.slice();
    const pNode = new Int32Array(n).fill(-1);
    const pEdge = new Int32Array(n).fill(-1);
    let changed = false;
    for (let u = 0; u < n; u++) {
      const du = dist[u]!;
      if (du === Infinity || (u === target && u !== source)) continue;
      const leave = du + (u === source ? 0 : graph.penalty[u]!);
      for (const arc of graph.adjacency[u]!) {
        if (blocked.nodes.has(arc.to) || blocked.edges.has(arc.edge) || arc.to === source) continue;
        const candidate = leave + arc.cost;
        if (candidate < next[arc.to]! - EPSILON) {
          next[arc.to] = candidate;
          pNode[arc.to] = u;
          pEdge[arc.to] = arc.edge;
          changed = true;
        }
      }
    }
    parentNode.push(pNode);
    parentEdge.push(pEdge);
    dist = next;
    if (!changed) break;
  }
  if (dist[target] === Infinity) return undefined;
  const nodes = [target];
  const edges: number[] = [];
  let v = target;
  for (let layer = parentNode.length - 1; layer >= 0 && v !== source; layer--) {
    const u = parentNode[layer]![v]!;
    if (u === -1) continue; // best cost for v was already reached with fewer edges
    edges.push(parentEdge[layer]![v]!);
    nodes.push(u);
    v = u;
  }
  nodes.reverse();
  edges.reverse();
  return { nodes, edges, cost: pathCost(graph, nodes, edges) };
}

const edgeCostCache = new WeakMap<PathGraph, Map<number, number>>();

function edgeCost(graph: PathGraph, edge: number): number {
  let costs = edgeCostCache.get(graph);
  if (!costs) {
    costs = new Map();
    for (const arcs of graph.adjacency) for (const arc of arcs) costs.set(arc.edge, arc.cost);
    edgeCostCache.set(graph, costs);
  }
  return costs.get(edge)!;
}

export function pathCost(graph: PathGraph, nodes: readonly number[], edges: readonly number[]): number {
  let cost = 0;
  for (const edge of edges) cost += edgeCost(graph, edge);
  for (let i = 1; i < nodes.length - 1; i++) cost += graph.penalty[nodes[i]!]!;
  return cost;
}

function compareKeys(graph: PathGraph, a: FoundPath, b: FoundPath): number {
  const length = Math.min(a.nodes.length, b.nodes.length);
  for (let i = 0; i < length; i++) {
    const ka = graph.keys[a.nodes[i]!]!;
    const kb = graph.keys[b.nodes[i]!]!;
    if (ka !== kb) return ka < kb ? -1 : 1;
  }
  return a.nodes.length - b.nodes.length;
}

export function comparePaths(graph: PathGraph, a: FoundPath, b: FoundPath): number {
  if (Math.abs(a.cost - b.cost) > EPSILON) return a.cost - b.cost;
  if (a.edges.length !== b.edges.length) return a.edges.length - b.edges.length;
  return compareKeys(graph, a, b);
}

function sameRoot(path: FoundPath, rootEdges: readonly number[]): boolean {
  if (path.edges.length <= rootEdges.length) return false;
  return rootEdges.every((edge, i) => path.edges[i] === edge);
}

/**
 * The k cheapest loopless paths with at most maxHops edges, cheapest first. Paths that tie with
 * the k-th are all generated before the cut, so which of them is kept depends only on the order
 * above, never on the order the search found them.
 */
export function kCheapestPaths(graph: PathGraph, source: number, target: number, k: number, maxHops: number): FoundPath[] {
  const first = cheapestPath(graph, source, target, maxHops);
  if (!first) return [];
  const accepted: FoundPath[] = [first];
  const seen = new Set<string>([first.edges.join(',')]);
  const candidates: FoundPath[] = [];
  // Ties with the k-th path are followed, but not forever.
  const limit = k * 3;
  for (let index = 0; index < accepted.length && accepted.length < limit; index++) {
    const last = accepted[index]!;
    for (let i = 0; i < last.edges.length; i++) {
      const rootEdges = last.edges.slice(0, i);
      const blockedEdges = new Set<number>();
      for (const path of accepted) if (sameRoot(path, rootEdges)) blockedEdges.add(path.edges[i]!);
      const blockedNodes = new Set(last.nodes.slice(0, i));
      const spur = cheapestPath(graph, last.nodes[i]!, target, maxHops - i, { nodes: blockedNodes, edges: blockedEdges });
      if (!spur) continue;
      const nodes = [...last.nodes.slice(0, i), ...spur.nodes];
      const edges = [...rootEdges, ...spur.edges];
      const key = edges.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push({ nodes, edges, cost: pathCost(graph, nodes, edges) });
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => comparePaths(graph, a, b));
    const best = candidates[0]!;
    const kth = [...accepted].sort((a, b) => comparePaths(graph, a, b))[k - 1];
    if (accepted.length >= k && kth && best.cost > kth.cost + EPSILON) break;
    accepted.push(candidates.shift()!);
  }
  return accepted.sort((a, b) => comparePaths(graph, a, b)).slice(0, k);
}
