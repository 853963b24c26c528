// Every time budget is a named setting (#14 item 5): validated like the rest of the configuration,
// CYPHER_TIMEOUT_MS caps the request budgets not set on their own, and the database handle carries them.
import { describe, expect, it } from 'vitest';
import { BUDGETS, ConfigError, DEFAULT_BUDGETS, loadConfig } from '../../src/config.ts';
import { connect } from '../../src/neo4j/database.ts';

describe('time budgets', () => {
  it('default to the values the service always had', () => {
    expect(loadConfig({}).limits.budgets).toEqual({
      cypherMs: 15_000,
      pathsMs: 10_000,
      suggestionsMs: 10_000,
      gapsMs: 20_000,
      shapeMs: 120_000,
      gdsMs: 300_000,
      planMs: 120_000,
      seedMs: 120_000,
      exportPageMs: 120_000,
      exportColumnsMs: 300_000,
    });
    expect(loadConfig({}).limits.budgets).toEqual(DEFAULT_BUDGETS);
  });

  it('CYPHER_TIMEOUT_MS wins over every request budget left unset, not over the seed nor planning', () => {
    const budgets = loadConfig({ CYPHER_TIMEOUT_MS: '5000' }).limits.budgets;
    expect(budgets).toMatchObject({ cypherMs: 5_000, pathsMs: 5_000, suggestionsMs: 5_000, gapsMs: 5_000, shapeMs: 5_000, gdsMs: 5_000 });
    expect(budgets).toMatchObject({ planMs: 120_000, seedMs: 120_000, exportPageMs: 120_000, exportColumnsMs: 300_000 });
    // Larger than a budget's default: the default stays.
    expect(loadConfig({ CYPHER_TIMEOUT_MS: '60000' }).limits.budgets).toMatchObject({ pathsMs: 10_000, shapeMs: 60_000 });
  });

  it('a budget set on its own wins', () => {
    const budgets = loadConfig({ CYPHER_TIMEOUT_MS: '5000', SHAPE_TIMEOUT_MS: '600000', SEED_TIMEOUT_MS: '1000', EXPORT_PAGE_TIMEOUT_MS: '30000', EXPORT_COLUMNS_TIMEOUT_MS: '900000' }).limits.budgets;
    expect(budgets).toMatchObject({ shapeMs: 600_000, seedMs: 1_000, gapsMs: 5_000, exportPageMs: 30_000, exportColumnsMs: 900_000 });
  });

  it('each is validated and named in the error', () => {
    try {
      loadConfig({ GDS_TIMEOUT_MS: 'soon', PATHS_TIMEOUT_MS: '-3', GAPS_TIMEOUT_MS: '1.5' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/GDS_TIMEOUT_MS="soon": expects milliseconds/);
      expect(problems).toMatch(/PATHS_TIMEOUT_MS="-3": expects a positive number of milliseconds/);
      expect(problems).toMatch(/GAPS_TIMEOUT_MS="1.5": expects whole milliseconds/);
    }
  });

  it('every budget variable is documented in docs/production.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/production.md', import.meta.url), 'utf8');
    for (const b of Object.values(BUDGETS)) expect(doc, b.variable).toContain(`\`${b.variable}\``);
  });

  it('the database handle carries them to the domain functions; scoped handles too', async () => {
    const budgets = loadConfig({ CYPHER_TIMEOUT_MS: '4000' }).limits.budgets;
    const db = connect({ uri: 'bolt://127.0.0.1:1', database: 'neo4j', timeoutMs: 4_000, budgets });
    try {
      expect(db.budgets.shapeMs).toBe(4_000);
      expect(db.scoped({}).budgets).toBe(db.budgets);
    } finally {
      await db.close();
    }
  });
});
