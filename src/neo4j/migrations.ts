/**
 * Constraints and indexes, applied at every start (each statement is idempotent).
 *
 *   await migrate(db);   // then the schema is online
 *
 * Every node of the model carries `:Entity` and a globally unique `id`, so that `node(id)` and
 * every MERGE in the seeders hit one uniqueness index whatever the node's kind.
 */
import type { Database } from './database.ts';
import { backfillSearchFields } from '../search/backfill.ts';
import { ACTOR_KINDS, KIND_LABEL, MODEL } from '../domain/model.ts';
import { actorsWithoutPresence, backfillPresence } from '../territories/stored-presence.ts';

/** The full-text indexes of name search, by name: what they cover. */
const FULLTEXT: Record<string, { label: string; properties: string[] }> = {
  actor_names: { label: 'Actor', properties: ['name', 'shortName', 'searchText'] },
  territory_names: { label: 'Territory', properties: ['name', 'searchText'] },
};

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
  // The whole network's actors by kind (src/fetch/cypher.ts, `kindPage`): each kind's label read in
  // id order, and the few territories that are actors found by kind.
  ...ACTOR_KINDS.map((kind) => `CREATE INDEX kind_${kind.toLowerCase()}_id IF NOT EXISTS FOR (n:${KIND_LABEL[kind]}) ON (n.id)`),
  'CREATE INDEX territory_kind IF NOT EXISTS FOR (n:Territory) ON (n.kind)',
  // Survey answers are re-aggregated per company into NEEDS (src/seed/survey.ts).
  'CREATE INDEX survey_answer_company IF NOT EXISTS FOR (n:SurveyAnswer) ON (n.company)',
  // The change record (src/changes/record.ts): by id (undo), by actor at either end (the actor's changes), by time.
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX change_actor IF NOT EXISTS FOR (c:Change) ON (c.actorId)',
  'CREATE INDEX change_other IF NOT EXISTS FOR (c:Change) ON (c.otherId)',
  'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)',
  // Survey campaigns (src/survey/): links are looked up by their token's hash, answers by respondent.
  'CREATE CONSTRAINT survey_campaign_id IF NOT EXISTS FOR (c:SurveyCampaign) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX survey_campaign_token IF NOT EXISTS FOR (c:SurveyCampaign) ON (c.publicTokenHash)',
  'CREATE CONSTRAINT survey_invitation_token IF NOT EXISTS FOR (i:SurveyInvitation) REQUIRE i.tokenHash IS UNIQUE',
  'CREATE CONSTRAINT survey_response_id IF NOT EXISTS FOR (r:SurveyResponse) REQUIRE r.id IS UNIQUE',
  'CREATE INDEX survey_answer_respondent IF NOT EXISTS FOR (n:SurveyAnswer) ON (n.respondent)',
  // A campaign's page counts its respondents, answers and invitations (src/survey/progress.ts), every few seconds.
  'CREATE INDEX survey_response_campaign IF NOT EXISTS FOR (r:SurveyResponse) ON (r.campaign)',
  'CREATE INDEX survey_answer_campaign IF NOT EXISTS FOR (n:SurveyAnswer) ON (n.campaign)',
  'CREATE INDEX survey_invitation_campaign IF NOT EXISTS FOR (i:SurveyInvitation) ON (i.campaign)',
  // French name search (src/search/french.ts): names, plus the normalised `searchText` the writers add.
  ...Object.entries(FULLTEXT).map(
    ([name, { label, properties }]) =>
      `CREATE FULLTEXT INDEX ${name} IF NOT EXISTS FOR (n:${label}) ON EACH [${properties.map((p) => `n.${p}`).join(', ')}] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
  ),
  // Stored presence (src/territories/stored-presence.ts): an exact territory id in an actor's lists.
  `CREATE FULLTEXT INDEX ${MODEL.presence.index} IF NOT EXISTS FOR (n:Actor) ON EACH [n.${MODEL.presence.active}, n.${MODEL.presence.seat}] OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'keyword' } }`,
];

export interface MigrateOptions {
  /**
   * False: leave the search fields' backfill to the caller. The service runs it once it listens
   * (src/service.ts): it reads every territory (0.8 s on a cold server at each start) and what it
   * repairs, nodes written by hand, are still found by name meanwhile.
   */
  backfillSearch?: boolean;
}

export async function migrate(db: Database, options: MigrateOptions = {}): Promise<void> {
  // One read of the indexes made: a later start finds them all and sends no statement. The
  // presence backfill's first read goes out with it: a cold Neo4j plans the two side by side.
  const [indexes, withoutPresence] = await Promise.all([
    db.read<{ name: string; properties: string[] | null; state: string }>('SHOW INDEXES YIELD name, properties, state RETURN name, properties, state'),
    actorsWithoutPresence(db),
  ]);
  const made = new Map(indexes.map((row) => [row.name, row.properties ?? []]));
  // A full-text index made before `searchText` existed is rebuilt over the new properties.
  for (const [name, { properties: wanted }] of Object.entries(FULLTEXT)) {
    const properties = made.get(name);
    if (properties && wanted.some((p) => !properties.includes(p))) {
      await db.write(`DROP INDEX ${name} IF EXISTS`);
      made.delete(name);
    }
  }
  let created = false;
  for (const statement of MIGRATIONS) {
    if (made.has(schemaName(statement))) continue;
    await db.write(statement);
    created = true;
  }
  // Every index online and none made: nothing to wait for (one cold query less on a later start).
  if (created || indexes.some((row) => row.state !== 'ONLINE')) await db.write('CALL db.awaitIndexes(300)');
  if (options.backfillSearch ?? true) await backfillSearchFields(db);
  await backfillPresence(db, withoutPresence);
}

/** The name a schema statement gives its index or constraint (a constraint's index has its name). */
export function schemaName(statement: string): string {
  const name = /^CREATE (?:CONSTRAINT|(?:FULLTEXT )?INDEX) (\w+) IF NOT EXISTS /.exec(statement)?.[1];
  if (!name) throw new Error(`Not a named CREATE ... IF NOT EXISTS statement: ${statement}`);
  return name;
}
