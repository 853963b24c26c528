/**
 * Our own seed format, the rows every source turns into, and the zod schema that checks a JSON seed.
 *
 *   seedFileSchema.parse({
 *     nodes: [{ id: 'utc', labels: ['Actor', 'University'], properties: { name: 'UTC', kind: 'UNIVERSITY' } }],
 *     relationships: [{ type: 'LOCATED_IN', from: 'utc', to: 'commune:60159' }],
 *   })
 *
 * JSON file (`*.json`):
 *   { "nodes": [ { "id", "labels": [...], "properties": {...}, "defaults"?: {...} } ],
 *     "relationships": [ { "type", "from", "to", "properties"?: {...} } ] }
 *   `properties` are set at every load; `defaults` only when the load creates the node (so a file can
 *   name a node another source owns, such as a commune, without overwriting that source's values).
 *   `source` defaults to the source's name (`article`, the file name...).
 *
 * CSV files, recognised by their header (first line), UTF-8, comma-separated:
 *   actors  `id,kind,name[,commune][,any property...]`: kind is an ActorKind (UNIVERSITY...);
 *           commune is an INSEE code (makes a LOCATED_IN to `commune:<code>`).
 *   links   `type,from,to[,any property...]`.
 *   answers `answer,company,competency,priority`: one row per survey answer, priority 1 (low) .. 5
 *           (essential); aggregated into NEEDS (see survey.ts).
 * Typed columns: founded, employees, since, trainings, responses, started, population are integers;
 * weight, amount are numbers; innovates, exports, labelled, synthetic are booleans; others strings.
 */
import { z } from 'zod';

/** The JSON Schema of a seed file, as published in seeds/seed-file.schema.json. */
export function seedFileJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(seedFileSchema, { io: 'input' }), title: 'Maillage seed file', $id: 'seed-file.schema.json' };
}

const scalar = z.union([z.string(), z.number().refine(Number.isFinite, 'expected a finite number'), z.boolean()]);
export const propertyValue = z.union([scalar, z.array(z.string()), z.array(z.number()), z.array(z.boolean())], {
  error: 'expected a string, number, boolean, or an array of one of them (null is not a value)',
});
export const propertiesSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a property name (letters, digits, _)'), propertyValue);

const id = z.string({ error: 'expected an id (a non-empty string)' }).trim().min(1, 'expected an id (a non-empty string)').max(300);

export const nodeSchema = z.strictObject({
  id,
  labels: z.array(z.string(), { error: 'expected an array of labels' }).min(1, 'expected at least one label'),
  properties: propertiesSchema.default({}),
  defaults: propertiesSchema.optional(),
});

export const relationshipSchema = z.strictObject({
  type: z.string({ error: 'expected a relationship type' }),
  from: id,
  to: id,
  properties: propertiesSchema.default({}),
});

export const seedFileSchema = z.strictObject({
  /** Editors may point at seeds/seed-file.schema.json (the JSON Schema generated from this one). */
  $schema: z.string().optional(),
  description: z.string().optional(),
  nodes: z.array(nodeSchema).default([]),
  relationships: z.array(relationshipSchema).default([]),
});

export type SeedFile = z.infer<typeof seedFileSchema>;
export type Properties = Record<string, string | number | boolean | string[] | number[] | boolean[]>;

/** A node to MERGE on its id. `origin` says where it came from, for error messages. */
export interface NodeRow {
  id: string;
  labels: string[];
  properties: Properties;
  defaults?: Properties | undefined;
  origin: string;
}

/** A relationship to MERGE on (from, type, to). */
export interface RelRow {
  type: string;
  from: string;
  to: string;
  properties: Properties;
  origin: string;
}

/** One survey answer: a company names a competency with a priority. */
export interface AnswerRow {
  answer: string;
  company: string;
  competency: string;
  priority: number;
  source: string;
  origin: string;
}

/** Where the whole input is wrong, as precisely as we can say. */
export interface SeedProblem {
  /** "seeds/x.json: $.nodes[3].id" or "links.csv:12" */
  where: string;
  message: string;
}

/**
 * Anything the loader can seed. Each method can be called more than once (validation walks the
 * rows, then loading walks them again), so that big generated sources stream instead of sitting
 * in memory.
 */
export interface SeedSource {
  name: string;
  /** Problems found while reading (unparseable files...), reported with the validation's. */
  problems: SeedProblem[];
  nodes(): Iterable<NodeRow>;
  relationships(): Iterable<RelRow>;
  answers(): Iterable<AnswerRow>;
  /** Row counts if known in advance (progress bars). */
  size?: { nodes: number; relationships: number; answers: number };
  /** What was read but may not be what was meant (unknown columns...): reported, not refused. */
  warnings?: SeedProblem[];
  /** Work to finish before the rows can be walked (reading workbooks); the loader awaits it first. */
  prepare?: () => Promise<void>;
}

export function arraySource(
  name: string,
  data: { nodes?: NodeRow[]; relationships?: RelRow[]; answers?: AnswerRow[]; problems?: SeedProblem[] },
): SeedSource {
  const nodes = data.nodes ?? [];
  const relationships = data.relationships ?? [];
  const answers = data.answers ?? [];
  return {
    name,
    problems: data.problems ?? [],
    nodes: () => nodes,
    relationships: () => relationships,
    answers: () => answers,
    size: { nodes: nodes.length, relationships: relationships.length, answers: answers.length },
  };
}
