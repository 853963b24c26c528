import { describe, expect, it } from 'vitest';
import { type FoundPath, PathGraph, comparePaths, kCheapestPaths, pathCost } from '../../src/synergy/yen.ts';

/** Every loopless path of at most maxHops edges, by depth-first search: the reference. */
function allPaths(graph: PathGraph, source: number, target: number, maxHops: number): FoundPath[] {
  const found: FoundPath[] = [];
  const walk = (nodes: number[], edges: number[]) => {
    const at = nodes.at(-1)!;
    if (at === target) {
      found.push({ nodes: [...nodes], edges: [...edges], cost: pathCost(graph, nodes, edges) });
      return;
    }
    if (edges.length === maxHops) return;
    for (const arc of graph.adjacency[at]!) {
      if (nodes.includes(arc.to)) continue;
      walk([...nodes, arc.to], [...edges, arc.edge]);
    }
  };
  walk([source], []);
  return found.sort((a, b) => comparePaths(graph, a, b));
}

function randomGraph(seed: number, size: number, edges: number): PathGraph {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const keys = Array.from({ length: size }, (_, i) => `n${String(i).padStart(2, '0')}`);
  const graph = new PathGraph(keys, keys.map(() => (random() < 0.3 ? Math.floor(random() * 3) : 0)));
  for (let e = 0; e < edges; e++) {
    const a = Math.floor(random() * size);
    const b = Math.floor(random() * size);
    if (a !== b) graph.addEdge(a, b, 1 + Math.floor(random() * 3) * 0.5, e);
  }
  return graph;
}

describe("Yen's k cheapest paths with a hop limit", () => {
  it('finds exactly the k cheapest loopless paths that exhaustive search finds, in the same order', () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const graph = randomGraph(seed, 9, 18);
      for (const maxHops of [2, 3, 5]) {
        const expected = allPaths(graph, 0, 8, maxHops).slice(0, 5);
        const actual = kCheapestPaths(graph, 0, 8, 5, maxHops);
        expect(actual.map((p) => [p.nodes, p.cost])).toEqual(expected.map((p) => [p.nodes, p.cost]));
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('counts node penalties inside a path, never at its ends', () => {
    const graph = new PathGraph(['a', 'b', 'c'], [5, 2, 7]);
    graph.addEdge(0, 1, 1, 0);
    graph.addEdge(1, 2, 1, 1);
    expect(kCheapestPaths(graph, 0, 2, 1, 4)).toEqual([{ nodes: [0, 1, 2], edges: [0, 1], cost: 4 }]);
  });
});
