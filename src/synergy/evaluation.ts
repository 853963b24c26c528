/**
 * Link-prediction evaluation, pure logic (no database): the classic baselines on a graph held in
 * memory, the time split, and the metrics of the field (Hits@K, MRR, AUC) with bootstrap intervals.
 * The benchmark (`npm run bench:suggestions`, bench/suggestions.ts) uses it; docs/synergy.md reads it.
 *
 *   const g = new LinkGraph([['a', 'm'], ['b', 'm']]);
 *   commonNeighbours(g, 'a', 'b')   // 1
 *   adamicAdar(g, 'a', 'b')         // 1 / ln 2
 *   const { train, test } = timeSplit(links, '2022-01');   // train: before, test: new pairs from then on
 */
import { seededRandom } from '../domain/seeded-random.ts';

/** An undirected simple graph: parallel and reverse edges count once, loops are ignored. */
export class LinkGraph {
  readonly adjacency = new Map<string, Set<string>>();

  constructor(edges: Iterable<readonly [string, string]> = []) {
    for (const [a, b] of edges) this.add(a, b);
  }

  add(a: string, b: string): void {
    if (a === b) return;
    this.neighbours(a, true).add(b);
    this.neighbours(b, true).add(a);
  }

  has(a: string, b: string): boolean {
    return this.adjacency.get(a)?.has(b) ?? false;
  }

  degree(v: string): number {
    return this.adjacency.get(v)?.size ?? 0;
  }

  neighbours(v: string, create = false): Set<string> {
    let set = this.adjacency.get(v);
    if (!set) {
      set = new Set();
      if (create) this.adjacency.set(v, set);
    }
    return set;
  }
}

export type Baseline = 'commonNeighbours' | 'adamicAdar' | 'resourceAllocation' | 'preferentialAttachment';
export const BASELINES: readonly Baseline[] = ['commonNeighbours', 'adamicAdar', 'resourceAllocation', 'preferentialAttachment'];

/** What one shared neighbour w of degree d adds to each neighbourhood baseline. */
const PER_SHARED: Record<Exclude<Baseline, 'preferentialAttachment'>, (degree: number) => number> = {
  commonNeighbours: () => 1,
  // A shared neighbour has degree >= 2, so ln d > 0.
  adamicAdar: (degree) => 1 / Math.log(degree),
  resourceAllocation: (degree) => 1 / degree,
};

/** |N(a) ∩ N(b)| */
export function commonNeighbours(g: LinkGraph, a: string, b: string): number {
  return pairScore(g, 'commonNeighbours', a, b);
}
/** Σ over shared neighbours w of 1 / ln |N(w)| (Adamic & Adar 2003). */
export function adamicAdar(g: LinkGraph, a: string, b: string): number {
  return pairScore(g, 'adamicAdar', a, b);
}
/** Σ over shared neighbours w of 1 / |N(w)| (Zhou, Lü & Zhang 2009). */
export function resourceAllocation(g: LinkGraph, a: string, b: string): number {
  return pairScore(g, 'resourceAllocation', a, b);
}
/** |N(a)| x |N(b)| (Barabási & Albert 1999). */
export function preferentialAttachment(g: LinkGraph, a: string, b: string): number {
  return g.degree(a) * g.degree(b);
}

export function pairScore(g: LinkGraph, baseline: Baseline, a: string, b: string): number {
  if (baseline === 'preferentialAttachment') return preferentialAttachment(g, a, b);
  const [small, large] = g.degree(a) <= g.degree(b) ? [a, b] : [b, a];
  const other = g.neighbours(large);
  let sum = 0;
  for (const w of g.neighbours(small)) if (other.has(w)) sum += PER_SHARED[baseline](g.degree(w));
  return sum;
}

/**
 * The neighbourhood baselines of `source` against every node at distance 2, in one walk
 * (each two-hop path adds its middle node's share): the same values as `pairScore`, faster.
 */
export function twoHopScores(g: LinkGraph, source: string): Map<string, Record<Exclude<Baseline, 'preferentialAttachment'>, number>> {
  const out = new Map<string, Record<Exclude<Baseline, 'preferentialAttachment'>, number>>();
  for (const w of g.neighbours(source)) {
    const d = g.degree(w);
    const aa = PER_SHARED.adamicAdar(d);
    const ra = PER_SHARED.resourceAllocation(d);
    for (const t of g.neighbours(w)) {
      if (t === source) continue;
      let s = out.get(t);
      if (!s) out.set(t, (s = { commonNeighbours: 0, adamicAdar: 0, resourceAllocation: 0 }));
      s.commonNeighbours += 1;
      s.adamicAdar += aa;
      s.resourceAllocation += ra;
    }
  }
  return out;
}

/** A relationship with the date it formed (`YYYY-MM` or `YYYY-MM-DD`); undated ones are structure. */
export interface DatedLink {
  from: string;
  to: string;
  type: string;
  date?: string | undefined;
}

/** Key of an unordered pair (a link and its reverse are the same pair). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * The time split: links dated before `cutoff` (and undated structure) train, links dated from
 * `cutoff` on test, except those joining a pair already linked in training (not a new link).
 * A test pair appears once even if it forms twice.
 */
export function timeSplit<L extends DatedLink>(links: Iterable<L>, cutoff: string): { train: L[]; test: L[] } {
  const train: L[] = [];
  const later: L[] = [];
  for (const link of links) {
    if (link.date !== undefined && link.date >= cutoff) later.push(link);
    else train.push(link);
  }
  const trained = new Set(train.map((l) => pairKey(l.from, l.to)));
  const seen = new Set<string>();
  const test: L[] = [];
  for (const link of later) {
    const key = pairKey(link.from, link.to);
    if (trained.has(key) || seen.has(key)) continue;
    seen.add(key);
    test.push(link);
  }
  return { train, test };
}

/**
 * Rank of a positive among negatives (1 = best): 1 + negatives scoring higher + half the ties,
 * so a method that gives everything the same score gets the rank of a random order, not the best.
 */
export function rankAmong(positive: number, negatives: readonly number[]): number {
  let higher = 0;
  let ties = 0;
  for (const n of negatives) {
    if (n > positive) higher += 1;
    else if (n === positive) ties += 1;
  }
  return 1 + higher + ties / 2;
}

/** Probability that the positive outscores a negative, ties counting half. NaN with no negative. */
export function aucOf(positive: number, negatives: readonly number[]): number {
  if (negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const n of negatives) wins += positive > n ? 1 : positive === n ? 0.5 : 0;
  return wins / negatives.length;
}

export interface Interval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Mean and 95% percentile-bootstrap interval of per-source values (each source actor is one
 * value: resampling sources, not links, keeps one prolific source from narrowing the interval).
 * Several metrics resampled with the same seed share their resamples.
 */
export function bootstrap(values: readonly number[], resamples = 1000, seed = 1): Interval {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };
  const mean = finite.reduce((s, v) => s + v, 0) / n;
  const random = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += finite[Math.floor(random() * n)] ?? 0;
    means[r] = s / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] ?? mean;
  return { mean, low: at(0.025), high: at(0.975), n };
}
