/**
 * Constraints and indexes, applied at every start (each statement is idempotent).
 *
 *   await migrate(db);   // then the schema is online
 *
 * Every node of the model carries `:Entity` and a globally unique `id`, so that `node(id)` and
 * every MERGE in the seeders hit one uniqueness index whatever the node's kind.
 */
import type { Database } from './database.ts';

export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  // Lookups by kind and by territory code.
  // The data version token (data-version.ts): one node, MERGEd by concurrent writes.
  'CREATE CONSTRAINT data_version_id IF NOT EXISTS FOR (v:DataVersion) REQUIRE v.id IS UNIQUE',
  'CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind)',
  'CREATE INDEX actor_id IF NOT EXISTS FOR (n:Actor) ON (n.id)',
  'CREATE INDEX territory_id IF NOT EXISTS FOR (n:Territory) ON (n.id)',
  'CREATE INDEX territory_code IF NOT EXISTS FOR (n:Territory) ON (n.code)',
  'CREATE INDEX competency_id IF NOT EXISTS FOR (n:Competency) ON (n.id)',
  // Survey answers are re-aggregated per company into NEEDS (src/seed/survey.ts).
  'CREATE INDEX survey_answer_company IF NOT EXISTS FOR (n:SurveyAnswer) ON (n.company)',
  // Case- and accent-insensitive name search ("meaulte" finds Méaulte).
  "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.shortName] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
  "CREATE FULLTEXT INDEX territory_names IF NOT EXISTS FOR (n:Territory) ON EACH [n.name] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
];

export async function migrate(db: Database): Promise<void> {
  for (const statement of MIGRATIONS) await db.write(statement);
  await db.write('CALL db.awaitIndexes(300)');
}
