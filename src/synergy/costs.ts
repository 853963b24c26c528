/**
 * The cost model of synergy paths, in one place: what each relationship costs to walk, and what it
 * costs to pass through a node that touches everything.
 *
 *   relationshipCost('ORGANIZED', {})          // 1
 *   relationshipCost('LOCATED_IN', {})         // 3
 *   relationshipCost('NEEDS', { weight: 1 })   // 2.5 * 0.75 = 1.875
 *   hubPenalty(10)                             // 0: an ordinary node
 *   hubPenalty(40)                             // 2: log2(40 / 10), a node four times past the threshold
 *
 * A path costs the sum of its relationships' costs plus the hub penalty of each node it passes
 * through (not of its two ends: asking about a big actor is not penalised).
 */
import { VIEWS } from '../domain/model.ts';

/**
 * Base cost of walking one relationship, by type: `cost` in the model registry
 * (src/domain/model.ts). The reasons:
 * - working ties (organised or co-led together, partnership, collaboration, membership, the
 *   programme an institute carries on, a person working at an organisation) cost 1: they are how
 *   people actually get introduced;
 * - taking part in an event is looser than organising it (1.25), support (funding, patronage) looser
 *   still (1.5): the supporter rarely knows each beneficiary;
 * - an event being a stop of a tour, a programme being part of another: 1.5 (structure, not people);
 * - needing / teaching the same competency (2.5): a shared interest, not yet a relationship;
 * - geography (LOCATED_IN, HELD_IN, PART_OF between territories) costs 3: proximity is an
 *   opportunity, not a collaboration.
 * Unknown types cost 2: walkable, but never preferred to a known working tie.
 */
/**
 * Strength: a relationship with a `weight` in 0..1 (survey answers on NEEDS) costs from 1.25x
 * (weight 0) down to 0.75x (weight 1) of its base; weight 0.5 or no weight leaves it unchanged.
 */
export function strengthFactor(properties: Readonly<Record<string, unknown>>): number {
  const weight = properties.weight;
  if (typeof weight !== 'number' || !Number.isFinite(weight)) return 1;
  return 1.25 - 0.5 * Math.min(1, Math.max(0, weight));
}

export function relationshipCost(
  type: string,
  properties: Readonly<Record<string, unknown>>,
  endsAreTerritories = false,
): number {
  return VIEWS.baseCost(type, endsAreTerritories) * strengthFactor(properties);
}

/**
 * Hubs: a région, a département, a national ministry or a popular competency touch thousands of
 * nodes; without a penalty every pair of actors would be "close" through them and every path would
 * say "both are in Hauts-de-France". A node of degree d costs `log2(d / HUB_DEGREE)` extra to pass
 * through when d > HUB_DEGREE: logarithmic so that a node of degree 20 costs 1 more, 80 costs 3
 * more and 10 000 costs 10 more, which keeps a hub usable when it is the only way.
 */
export const HUB_DEGREE = 10;

export function hubPenalty(degree: number): number {
  return degree > HUB_DEGREE ? Math.log2(degree / HUB_DEGREE) : 0;
}

/**
 * The search itself does not expand nodes with more relationships than this (it still reaches them
 * and crosses them where both sides meet): this bounds the work of one request whatever the size of
 * the graph. See `paths.ts` for what it means for exactness.
 */
export const EXPAND_MAX_DEGREE = 100;
