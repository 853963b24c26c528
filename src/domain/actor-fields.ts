/**
 * The optional actor properties an editor may set through `upsertActors`, written once: their
 * kind of value, their limits (what the API checks, src/actors/upsert.ts) and the actor kinds whose
 * GraphQL type shows them (schema/actors.graphql). The explorer's edit dialog offers and checks the
 * same fields from this table, so what it lets through is what the API accepts.
 *
 *   ACTOR_FIELDS.employees          // { type: 'count', kinds: ['COMPANY'] }
 *   fieldsOfKind('INSTITUTE')       // ['shortName', 'founded', 'legalForm']
 */
export type ActorFieldSpec =
  | { type: 'text'; max: number; kinds: readonly string[] }
  | { type: 'year'; min: number; max: number; kinds: readonly string[] }
  | { type: 'count'; kinds: readonly string[] }
  | { type: 'boolean'; kinds: readonly string[] };

export const ACTOR_FIELDS = {
  shortName: { type: 'text', max: 100, kinds: ['INSTITUTE', 'UNIVERSITY', 'FUNDER'] },
  founded: { type: 'year', min: 1000, max: 2100, kinds: ['INSTITUTE'] },
  legalForm: { type: 'text', max: 200, kinds: ['INSTITUTE'] },
  category: { type: 'text', max: 200, kinds: ['UNIVERSITY', 'FUNDER'] },
  size: { type: 'text', max: 100, kinds: ['COMPANY'] },
  sector: { type: 'text', max: 200, kinds: ['COMPANY', 'CLUSTER'] },
  innovates: { type: 'boolean', kinds: ['COMPANY'] },
  exports: { type: 'boolean', kinds: ['COMPANY'] },
  employees: { type: 'count', kinds: ['COMPANY'] },
} as const satisfies Record<string, ActorFieldSpec>;

export type ActorField = keyof typeof ACTOR_FIELDS;
export const ACTOR_FIELD_NAMES = Object.keys(ACTOR_FIELDS) as ActorField[];

/** The fields an actor of this kind shows, in the table's order. */
export function fieldsOfKind(kind: string): ActorField[] {
  return ACTOR_FIELD_NAMES.filter((field) => (ACTOR_FIELDS[field].kinds as readonly string[]).includes(kind));
}
