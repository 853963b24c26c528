import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: pure tests (no database, no child process), `npm run test:unit`, in seconds.
 * `integration`: everything that needs the real Neo4j the global setup starts once per run; it runs
 * the TCK again, this time EXPLAINing every Cypher it prints against that Neo4j (tests/tck/translate.ts),
 * so a snapshot cannot hold Cypher Neo4j would refuse. `npm test` runs both.
 * A new pure test goes under tests/unit/ (or in the list below).
 */
const UNIT = [
  'tests/unit/**/*.test.ts',
  'tests/tck/**/*.test.ts',
  'tests/foundation/config.test.ts',
  'tests/seed/format.test.ts',
  'tests/synergy/sentences.test.ts',
  'tests/synergy/yen.test.ts',
];

export default defineConfig({
  // graphql 16 ships CommonJS (main) and ESM (module) builds; Node loads the CommonJS one for us and
  // for our dependencies, so vite must too, or two `graphql` instances meet in one schema.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: UNIT.filter((glob) => !glob.startsWith('tests/tck/')),
          // One Neo4j per test run, shared by every file; each test owns its data (unique ids).
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
