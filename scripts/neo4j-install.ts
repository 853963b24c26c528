/**
 * `npm install` runs this (postinstall): assemble the Neo4j jars from Maven Central once.
 * `--if-needed` makes a missing Maven a warning, not a failed install: the first start retries,
 * and users with NEO4J_URI never need the jars.
 */
import { DistributionError, ensureDistribution } from '../src/neo4j/distribution.ts';

const ifNeeded = process.argv.includes('--if-needed');
if (process.env.MAILLAGE_SKIP_NEO4J_INSTALL === '1') process.exit(0);
try {
  await ensureDistribution({ log: (line) => process.stdout.write(`${line}\n`) });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  if (ifNeeded && err instanceof DistributionError) {
    process.stderr.write(`warning: ${message}\nThe first \`npm start\` or \`npm test\` will try again.\n`);
    process.exit(0);
  }
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
