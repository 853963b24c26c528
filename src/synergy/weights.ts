/**
 * The weights of the partner-suggestion factors: the one place they live (suggestions.ts reads
 * them for both the Cypher estimate and the exact score). They sum to 1, so a score stays in 0..1.
 *
 * Chosen on training data only: `npm run bench:suggestions -- --fit` fits a logistic model with
 * non-negative weights (so every reason adds to the score and its share is meaningful) to the new
 * links of a dated network the benchmark never evaluates (another seed), using only links formed
 * before that network's cutoff; it rewrites this file. docs/synergy.md gives the fit and its figures.
 *
 * Last fit: `npm run bench:suggestions -- --fit --sizes 10000 --fit-seed 101 --fit-cutoff 2021-01`:
 * 216 source companies, 4377 shortlisted candidates, 191 of them linked later.
 * Raw logistic weights (intercept -5.586): COMPETENCIES 0.830, SHARED_PARTNERS 2.212, TERRITORY 3.376, SHARED_EVENTS 1.374, BRIDGE 0.000, CAPACITY 1.170, RECENCY 0.568.
 */
import type { SynergyFactor } from './suggestions.ts';

export const FACTOR_WEIGHTS: Readonly<Record<SynergyFactor, number>> = {
  COMPETENCIES: 0.087,
  SHARED_PARTNERS: 0.232,
  TERRITORY: 0.354,
  SHARED_EVENTS: 0.144,
  BRIDGE: 0,
  CAPACITY: 0.123,
  RECENCY: 0.06,
};
