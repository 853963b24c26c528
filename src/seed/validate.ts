/**
 * Checks a whole seed source before anything is written: labels and kinds, ids, duplicates,
 * relationship types, and that every relationship joins nodes that exist (in the input or in the
 * database) of the kinds its type allows.
 *
 *   const problems = await validateSource(db, readSeedPath('bad.json'));
 *   // [{ where: 'bad.json: $.relationships[0]', message: 'to "commune:99999" is not a node of the input nor of the database' }]
 */
import type { Database } from '../neo4j/database.ts';
import type { SeedProblem, SeedSource } from './format.ts';
import { ACTOR_LABELS, ALLOWED_LABELS, MAIN_LABELS, RELATIONSHIP_TYPES, TERRITORY_LABELS, endpointProblem, isActorKind } from './model.ts';
import { KIND_LABEL } from '../domain/records.ts';
import { ID_RULE, isValidId } from '../domain/ids.ts';

/** Stop collecting after this many: a wrong 1,000,000-row file should not print 1,000,000 lines. */
export const MAX_PROBLEMS = 200;

export class SeedValidationError extends Error {
  readonly problems: SeedProblem[];
  readonly total: number;
  /** Not refused by themselves, but often the cause (an unknown column that was meant to be another). */
  readonly warnings: SeedProblem[];
  constructor(problems: SeedProblem[], total: number, warnings: SeedProblem[] = []) {
    super(
      `The seed input is invalid (${total} problem${total === 1 ? '' : 's'}); nothing was written.\n` +
        problems.map((p) => `  ${p.where}: ${p.message}`).join('\n') +
        (total > problems.length ? `\n  ... and ${total - problems.length} more` : '') +
        warnings.map((w) => `\n  warning: ${w.where}: ${w.message}`).join(''),
    );
    this.name = 'SeedValidationError';
    this.problems = problems;
    this.total = total;
    this.warnings = warnings;
  }
}

export const ANSWER_ID_PREFIX = 'answer:';

interface PendingRef {
  id: string;
  side: 'from' | 'to' | 'company' | 'competency';
  type: string;
  /** Labels of the other end when it is in the input (to check the endpoint rule once we know this one's). */
  otherLabels: readonly string[] | undefined;
  origin: string;
}

export interface ValidationSummary {
  problems: SeedProblem[];
  total: number;
  nodes: number;
  relationships: number;
  answers: number;
}

export async function validateSource(db: Database | undefined, source: SeedSource): Promise<ValidationSummary> {
  const problems: SeedProblem[] = [];
  let total = 0;
  const report = (where: string, message: string) => {
    total += 1;
    if (problems.length < MAX_PROBLEMS) problems.push({ where, message });
  };
  for (const p of source.problems) report(p.where, p.message);

  // Node ids of the input, with their labels (the loader adds Entity) and where each was defined.
  const labelsById = new Map<string, readonly string[]>();
  const originById = new Map<string, string>();
  const actorKinds: { id: string; kind: string; where: string }[] = [];
  let nodes = 0;
  for (const node of source.nodes()) {
    nodes += 1;
    const where = node.origin;
    const previous = originById.get(node.id);
    if (previous !== undefined) {
      report(where, `id "${node.id}" is defined twice (first at ${previous}); expected each node once`);
      continue;
    }
    originById.set(node.id, where);
    if (!isValidId(node.id)) report(where, `id ${JSON.stringify(node.id)} is not valid: expected ${ID_RULE} (the API's rule)`);
    const unknown = node.labels.filter((l) => !ALLOWED_LABELS.has(l));
    if (unknown.length)
      report(where, `unknown label ${unknown.map((l) => `"${l}"`).join(', ')}; expected labels among ${[...ALLOWED_LABELS].join(', ')}`);
    if (!MAIN_LABELS.some((l) => node.labels.includes(l)))
      report(where, `node "${node.id}" is none of ${MAIN_LABELS.join(', ')}; expected one of these labels`);
    const all = { ...node.defaults, ...node.properties };
    if (node.labels.includes('Actor')) {
      const kind = all.kind;
      if (!isActorKind(kind)) report(where, `actor "${node.id}": expected properties.kind among ${Object.keys(KIND_LABEL).join(', ')}, got ${JSON.stringify(kind)}`);
      else if (!node.labels.includes(KIND_LABEL[kind])) report(where, `actor "${node.id}" of kind ${kind}: expected the label ${KIND_LABEL[kind]} too`);
      else {
        // One kind label: the whole network's pages and counts read actors by the labels of their kinds.
        const others = node.labels.filter((l) => ACTOR_LABELS.includes(l) && l !== KIND_LABEL[kind]);
        if (others.length) report(where, `actor "${node.id}" of kind ${kind}: also has the label ${others.join(', ')} of another kind; expected ${KIND_LABEL[kind]} only`);
        else actorKinds.push({ id: node.id, kind, where });
      }
    } else if (node.labels.some((l) => ACTOR_LABELS.includes(l) && l !== 'Region')) {
      report(where, `node "${node.id}" has an actor kind label but not the label Actor; expected both`);
    }
    if (node.labels.includes('Territory') && !TERRITORY_LABELS.some((l) => node.labels.includes(l)))
      report(where, `territory "${node.id}": expected a level label among ${TERRITORY_LABELS.join(', ')}`);
    if (!node.labels.includes('SurveyAnswer') && (typeof all.name !== 'string' || all.name.trim() === ''))
      report(where, `node "${node.id}": expected a non-empty name in properties`);
    labelsById.set(node.id, node.labels);
  }
  originById.clear();

  // An actor's kind does not change by accident: a seed row giving an existing actor another kind is refused.
  const stored = await lookUpKinds(db, actorKinds.map((a) => a.id));
  for (const a of actorKinds) {
    const existing = stored.get(a.id);
    if (existing !== undefined && existing !== a.kind)
      report(a.where, `actor "${a.id}" is already a ${existing} in the database, not a ${a.kind}; a seed does not change an actor's kind (use another id, or change it on purpose with upsertActors(changeKind: true))`);
  }
  actorKinds.length = 0;

  const pending: PendingRef[] = [];
  const seenRels = new Set<string>();
  let relationships = 0;
  for (const rel of source.relationships()) {
    relationships += 1;
    const where = rel.origin;
    if (!RELATIONSHIP_TYPES.includes(rel.type)) {
      report(where, `unknown relationship type "${rel.type}"; expected one of ${RELATIONSHIP_TYPES.join(', ')}`);
      continue;
    }
    const key = `${rel.from}\u0000${rel.type}\u0000${rel.to}`;
    if (seenRels.has(key)) {
      report(where, `relationship (${rel.from})-[:${rel.type}]->(${rel.to}) is given twice; expected each once`);
      continue;
    }
    seenRels.add(key);
    const fromLabels = labelsById.get(rel.from);
    const toLabels = labelsById.get(rel.to);
    if (fromLabels && toLabels) {
      const problem = endpointProblem(rel.type, fromLabels, toLabels);
      if (problem) report(where, `${rel.type} (${rel.from} -> ${rel.to}): ${problem}`);
      continue;
    }
    if (!fromLabels) pending.push({ id: rel.from, side: 'from', type: rel.type, otherLabels: toLabels, origin: where });
    if (!toLabels) pending.push({ id: rel.to, side: 'to', type: rel.type, otherLabels: fromLabels, origin: where });
  }
  seenRels.clear();

  const seenAnswers = new Set<string>();
  let answers = 0;
  for (const answer of source.answers()) {
    answers += 1;
    if (seenAnswers.has(answer.answer)) {
      report(answer.origin, `answer "${answer.answer}" is given twice; expected each answer id once`);
      continue;
    }
    seenAnswers.add(answer.answer);
    for (const side of ['company', 'competency'] as const) {
      const id = answer[side];
      const labels = labelsById.get(id);
      if (labels) {
        const expected = side === 'company' ? 'Company' : 'Competency';
        if (!labels.includes(expected)) report(answer.origin, `${side} "${id}" is not a ${expected}`);
      } else pending.push({ id, side, type: 'answer', otherLabels: undefined, origin: answer.origin });
    }
  }
  seenAnswers.clear();

  // Ends not in the input must already be in the database.
  const inDatabase = await lookUpLabels(db, [...new Set(pending.map((p) => p.id))]);
  for (const ref of pending) {
    const labels = inDatabase.get(ref.id);
    if (!labels) {
      report(ref.origin, `${ref.side} "${ref.id}" is not a node of the input nor of the database; expected an existing id`);
      continue;
    }
    if (ref.type === 'answer') {
      const expected = ref.side === 'company' ? 'Company' : 'Competency';
      if (!labels.includes(expected)) report(ref.origin, `${ref.side} "${ref.id}" is not a ${expected}`);
      continue;
    }
    if (ref.otherLabels) {
      const [fromLabels, toLabels] = ref.side === 'from' ? [labels, ref.otherLabels] : [ref.otherLabels, labels];
      const problem = endpointProblem(ref.type, fromLabels, toLabels);
      if (problem) report(ref.origin, `${ref.type}: ${problem}`);
    }
  }
  // Both ends from the database: check the pair once both are known.
  const byOrigin = new Map<string, PendingRef[]>();
  for (const ref of pending) if (!ref.otherLabels && ref.type !== 'answer') byOrigin.set(ref.origin, [...(byOrigin.get(ref.origin) ?? []), ref]);
  for (const [origin, refs] of byOrigin) {
    const from = refs.find((r) => r.side === 'from');
    const to = refs.find((r) => r.side === 'to');
    const fromLabels = from && inDatabase.get(from.id);
    const toLabels = to && inDatabase.get(to.id);
    if (from && fromLabels && toLabels) {
      const problem = endpointProblem(from.type, fromLabels, toLabels);
      if (problem) report(origin, `${from.type}: ${problem}`);
    }
  }
  return { problems, total, nodes, relationships, answers };
}

async function lookUpKinds(db: Database | undefined, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!db || ids.length === 0) return found;
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await db.read<{ id: string; kind: string | null }>(
      'UNWIND $ids AS id MATCH (n:Entity:Actor {id: id}) RETURN id, n.kind AS kind',
      { ids: ids.slice(i, i + 10_000) },
    );
    for (const row of rows) if (row.kind) found.set(row.id, row.kind);
  }
  return found;
}

async function lookUpLabels(db: Database | undefined, ids: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (!db || ids.length === 0) return found;
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await db.read<{ id: string; labels: string[] }>(
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, labels(n) AS labels',
      { ids: ids.slice(i, i + 10_000) },
    );
    for (const row of rows) found.set(row.id, row.labels);
  }
  return found;
}
