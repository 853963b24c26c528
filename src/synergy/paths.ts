/**
 * The k cheapest loopless routes from one actor to another: `synergyPaths`.
 *
 *   await synergyPaths(db, { from: 'altytud', to: 'bpifrance', k: 2, maxHops: 4 })
 *   // [{ hops: 3, cost: 4, nodes: [ALTYTUD, Albert workshop, tour, Bpifrance],
 *   //    steps: [{ from: ALTYTUD, to: workshop, type: 'LED', direction: 'OUT', sentence: 'ALTYTUD co-led the Albert workshop.' }, ...],
 *   //    explanation: "ALTYTUD co-led the Albert workshop, which is part of the Tournée de l'innovation 2019, supported by Bpifrance." },
 *   //  { hops: 4, cost: 4.75, ...,
 *   //    explanation: "ALTYTUD co-led the Albert workshop organised by UTC, which took part in the Tournée de l'innovation 2019, supported by Bpifrance." }]
 *
 * One Cypher round trip fetches the neighbourhood where such paths can lie (neighbourhood.ts),
 * then Yen's algorithm with the hop limit runs in memory (yen.ts) on the costs of costs.ts.
 * Why not GDS's Yen's: it needs a projection per request (or a stale cached one), has no hop limit
 * and no node cost; the local fetch keeps the work proportional to the two neighbourhoods, not to
 * the graph.
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { BadInputError, NotFoundError, QueryTooComplexError } from '../domain/errors.ts';
import { type ProjectedNode, project } from '../domain/read-node.ts';
import type { NodeRecord } from '../domain/records.ts';
import { EXPAND_MAX_DEGREE, hubPenalty, relationshipCost } from './costs.ts';
import { fetchNeighbourhood } from './neighbourhood.ts';
import { type Lang, type Relationship, pathExplanationIn, stepSentenceIn } from './sentences.ts';
import { PathGraph, kCheapestPaths } from './yen.ts';
import { asTooComplex } from './budget.ts';
import { byId, round } from '../domain/shared.ts';
import { toSynergyNode } from './records.ts';

export const MAX_HOPS = 6;
export const MAX_K = 10;

export interface PathLimits {
  /** Nodes the two balls may hold before the request is refused as too complex. */
  maxNodes: number;
  expandMaxDegree: number;
  /** Transaction timeout of the one query; default the PATHS_TIMEOUT_MS budget. */
  timeoutMs?: number;
}

export const DEFAULT_PATH_LIMITS: PathLimits = { maxNodes: 20_000, expandMaxDegree: EXPAND_MAX_DEGREE };

export interface PathStepRecord {
  from: NodeRecord;
  to: NodeRecord;
  type: string;
  direction: 'OUT' | 'IN';
  cost: number;
  properties: Record<string, unknown>;
  sentence: string;
}

export interface SynergyPathRecord {
  hops: number;
  cost: number;
  nodes: NodeRecord[];
  steps: PathStepRecord[];
  explanation: string;
}

export interface SynergyPathsArgs {
  from: string;
  to: string;
  k?: number | null | undefined;
  maxHops?: number | null | undefined;
  /** The sentences' language; English when absent. */
  lang?: Lang | null | undefined;
}

function validate(args: SynergyPathsArgs): { k: number; maxHops: number } {
  const k = args.k ?? 3;
  const maxHops = args.maxHops ?? 4;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new BadInputError(`\`k\` must be between 1 and ${MAX_K}.`, ['k']);
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_HOPS) {
    throw new BadInputError(`\`maxHops\` must be between 1 and ${MAX_HOPS}.`, ['maxHops']);
  }
  return { k, maxHops };
}

const ONE_NODE = `MATCH (n:Entity {id: $id}) RETURN ${project('n')} AS n`;


export async function synergyPaths(
  db: Database,
  args: SynergyPathsArgs,
  options: QueryOptions = {},
  limits: PathLimits = DEFAULT_PATH_LIMITS,
): Promise<SynergyPathRecord[]> {
  const { k, maxHops } = validate(args);
  if (args.from === args.to) {
    const [row] = await db.read<{ n: ProjectedNode }>(ONE_NODE, { id: args.from }, options);
    if (!row) throw new NotFoundError('node', args.from);
    const node = toSynergyNode(row.n);
    return [{ hops: 0, cost: 0, nodes: [node], steps: [], explanation: pathExplanationIn(node, [], args.lang ?? 'EN') }];
  }

  const found = await fetchNeighbourhood(db, args.from, args.to, maxHops, limits, {
    ...options,
    timeoutMs: limits.timeoutMs ?? db.budgets.pathsMs,
  }).catch((error: unknown) => {
    throw asTooComplex(error, `Searching paths of up to ${maxHops} hops took too long; ask for fewer hops.`);
  });
  if (!found.fromFound) throw new NotFoundError('node', args.from);
  if (!found.toFound) throw new NotFoundError('node', args.to);
  if (found.tooLarge) {
    throw new QueryTooComplexError(
      `More than ${limits.maxNodes} nodes lie within ${maxHops} hops of these two; ask for fewer hops.`,
    );
  }

  const records = found.nodes.map((entry) => toSynergyNode(entry.node));
  records.sort(byId);
  const index = new Map(records.map((record, i) => [record.id, i]));
  const degree = new Map(found.nodes.map((entry) => [entry.node.id, entry.degree]));
  const graph = new PathGraph(
    records.map((r) => r.id),
    records.map((r) => hubPenalty(degree.get(r.id) ?? 0)),
  );
  // Parallel relationships between the same two nodes: keep the cheapest (then by type name), so
  // that two routes never differ only by which of two ties they name.
  const best = new Map<string, { rel: Relationship; cost: number }>();
  for (const edge of found.edges) {
    const start = records[index.get(edge.start)!]!;
    const end = records[index.get(edge.end)!]!;
    const territories = start.labels.includes('Territory') && end.labels.includes('Territory');
    const cost = relationshipCost(edge.type, edge.properties, territories);
    const pair = start.id < end.id ? `${start.id}\u0000${end.id}` : `${end.id}\u0000${start.id}`;
    const current = best.get(pair);
    if (!current || cost < current.cost || (cost === current.cost && edge.type < current.rel.type)) {
      best.set(pair, { rel: { type: edge.type, start, end, properties: edge.properties }, cost });
    }
  }
  const rels: { rel: Relationship; cost: number }[] = [...best.values()];
  rels.forEach(({ rel, cost }, edgeIndex) => graph.addEdge(index.get(rel.start.id)!, index.get(rel.end.id)!, cost, edgeIndex));

  const source = index.get(args.from)!;
  const target = index.get(args.to)!;
  return kCheapestPaths(graph, source, target, k, maxHops).map((path) => {
    const nodes = path.nodes.map((i) => records[i]!);
    const walked = path.edges.map((e) => rels[e]!);
    const steps = walked.map(({ rel, cost }, i): PathStepRecord => {
      const from = nodes[i]!;
      return {
        from,
        to: nodes[i + 1]!,
        type: rel.type,
        direction: rel.start.id === from.id ? 'OUT' : 'IN',
        cost: round(cost, 6),
        properties: { ...rel.properties },
        sentence: stepSentenceIn(rel, args.lang ?? 'EN'),
      };
    });
    return {
      hops: steps.length,
      cost: round(path.cost, 6),
      nodes,
      steps,
      explanation: pathExplanationIn(nodes[0]!, walked.map((w) => w.rel), args.lang ?? 'EN'),
    };
  });
}

/** The same path told in `lang`: its steps' sentences and its explanation (a path found once serves both languages). */
export function pathIn(path: SynergyPathRecord, lang: Lang): SynergyPathRecord {
  const rels = path.steps.map(
    (step): Relationship => ({
      type: step.type,
      start: step.direction === 'OUT' ? step.from : step.to,
      end: step.direction === 'OUT' ? step.to : step.from,
      properties: step.properties,
    }),
  );
  return {
    ...path,
    steps: path.steps.map((step, i) => ({ ...step, sentence: stepSentenceIn(rels[i]!, lang) })),
    explanation: pathExplanationIn(path.nodes[0]!, rels, lang),
  };
}
