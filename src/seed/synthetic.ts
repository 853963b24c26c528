import type { SeedSource } from './format.ts';
export interface SyntheticOptions { seed: number; actors: number; relationships: number }
export function syntheticSource(_options: Partial<SyntheticOptions>): SeedSource {
  throw new Error('not yet');
}
