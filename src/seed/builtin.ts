/**
 * The built-in data sets, by name, and where a CLI source argument points.
 *
 *   resolveSource('article')          // seeds/article/*.json, source "article"
 *   resolveSource('geography')        // France from @etalab/decoupage-administratif
 *   resolveSource('my-data/')         // a folder of JSON/CSV seed files
 */
import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { SeedSource } from './format.ts';
import { geographySource } from './geography.ts';
import { type ReadOptions, readSeedPath } from './read-files.ts';
import { type SyntheticOptions, syntheticSource } from './synthetic.ts';

export const BUILT_IN_SETS = ['article', 'geography', 'framework', 'synthetic'] as const;
export type BuiltInSet = (typeof BUILT_IN_SETS)[number];

export const seedsDir = path.join(projectRoot, 'seeds');

export function isBuiltInSet(name: string): name is BuiltInSet {
  return (BUILT_IN_SETS as readonly string[]).includes(name);
}

export function resolveSource(name: string, synthetic: Partial<SyntheticOptions> = {}, files: ReadOptions = {}): SeedSource {
  switch (name) {
    case 'article':
      return readSeedPath(path.join(seedsDir, 'article'), 'article');
    case 'framework':
      // The competency framework, then the example survey answers that name its competencies.
      return readSeedPath(path.join(seedsDir, 'framework'), 'framework');
    case 'geography':
      return geographySource();
    case 'synthetic':
      return syntheticSource(synthetic);
    default:
      return readSeedPath(name, undefined, files);
  }
}
