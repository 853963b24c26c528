/**
 * Two structural measures graphology does not ship, on an adjacency list (neighbour indexes,
 * no duplicates, no self-loops):
 *
 *   clusteringCoefficients([[1, 2], [0, 2], [0, 1]])   // [1, 1, 1]  (a triangle)
 *   articulationPoints([[1], [0, 2], [1]])            // [1]        (the middle of a path)
 */

/** Local clustering coefficient of each node: closed triangles over possible ones (0 below degree 2). */
export function clusteringCoefficients(adjacency: readonly (readonly number[])[]): number[] {
  const neighbourSets = adjacency.map((neighbours) => new Set(neighbours));
  return adjacency.map((neighbours) => {
    const k = neighbours.length;
    if (k < 2) return 0;
    let links = 0;
    for (let i = 0; i < k; i += 1) {
      const set = neighbourSets[neighbours[i] as number] as Set<number>;
      for (let j = i + 1; j < k; j += 1) if (set.has(neighbours[j] as number)) links += 1;
    }
    return (2 * links) / (k * (k - 1));
  });
}

/**
 * Articulation points (cut vertices) by Tarjan's low-link depth-first search, iterative so that a
 * long chain cannot overflow the stack.
 */
export function articulationPoints(adjacency: readonly (readonly number[])[]): number[] {
  const n = adjacency.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const next = new Int32Array(n); // next neighbour position to visit
  const isCut = new Uint8Array(n);
  let counter = 0;
  for (let root = 0; root < n; root += 1) {
    if (order[root] !== -1) continue;
    let rootChildren = 0;
    const stack = [root];
    order[root] = low[root] = counter++;
    while (stack.length > 0) {
      const v = stack[stack.length - 1] as number;
      const neighbours = adjacency[v] as readonly number[];
      if ((next[v] as number) < neighbours.length) {
        const w = neighbours[next[v] as number] as number;
        next[v] = (next[v] as number) + 1;
        if (order[w] === -1) {
          parent[w] = v;
          if (v === root) rootChildren += 1;
          order[w] = low[w] = counter++;
          stack.push(w);
        } else if (w !== parent[v]) {
          low[v] = Math.min(low[v] as number, order[w] as number);
        }
      } else {
        stack.pop();
        const p = parent[v] as number;
        if (p !== -1) {
          low[p] = Math.min(low[p] as number, low[v] as number);
          if (p !== root && (low[v] as number) >= (order[p] as number)) isCut[p] = 1;
        }
      }
    }
    if (rootChildren > 1) isCut[root] = 1;
  }
  const cuts: number[] = [];
  for (let i = 0; i < n; i += 1) if (isCut[i]) cuts.push(i);
  return cuts;
}
