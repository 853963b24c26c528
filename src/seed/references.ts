/**
 * Survey answers name their competency as people do: its id ("competency:export-strategy"), its id
 * without the prefix ("export-strategy"), or its label, accents and case aside ("Stratégie
 * d'export", "STRATEGIE D'EXPORT"). This turns each into the id, from the competencies of the input
 * and of the database, before anything is validated; what matches none is a problem naming the
 * closest labels.
 *
 *   const resolved = await resolveCompetencies(db, source);   // a source whose answers carry ids
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Database } from '../neo4j/database.ts';
import { normalizeName } from './columns.ts';
import type { AnswerRow, SeedProblem, SeedSource } from './format.ts';

const PREFIX = 'competency:';

interface Known {
  ids: Set<string>;
  byLabel: Map<string, string[]>;
  labelOf: Map<string, string>;
}

async function knownCompetencies(db: Database | undefined, source: SeedSource): Promise<Known> {
  const known: Known = { ids: new Set(), byLabel: new Map(), labelOf: new Map() };
  const add = (id: string, name: unknown) => {
    known.ids.add(id);
    if (typeof name !== 'string' || !name) return;
    known.labelOf.set(id, name);
    const key = normalizeName(name);
    const ids = known.byLabel.get(key) ?? [];
    if (!ids.includes(id)) known.byLabel.set(key, [...ids, id]);
  };
  for (const node of source.nodes()) if (node.labels.includes('Competency')) add(node.id, node.properties.name ?? node.defaults?.name);
  if (db) {
    const rows = await db.read<{ id: string; name: string | null }>('MATCH (k:Competency) RETURN k.id AS id, k.name AS name');
    for (const row of rows) add(row.id, row.name);
  }
  return known;
}

function resolveOne(written: string, known: Known): { id: string } | { error: string } {
  const text = written.trim();
  if (known.ids.has(text)) return { id: text };
  if (known.ids.has(`${PREFIX}${text}`)) return { id: `${PREFIX}${text}` };
  const key = normalizeName(text);
  const byLabel = known.byLabel.get(key) ?? known.byLabel.get(normalizeName(text.replace(/^competency:/i, '')));
  if (byLabel?.length === 1 && byLabel[0]) return { id: byLabel[0] };
  const show = (id: string) => `${id} ("${known.labelOf.get(id) ?? ''}")`;
  if (byLabel && byLabel.length > 1) return { error: `"${written}" is the label of ${byLabel.length} competencies: ${byLabel.map(show).join(', ')}; give the id` };
  const labels = [...known.byLabel.keys()];
  const near = key && labels.length ? closest(key, labels) : undefined;
  const suggestion =
    near && distance(key, near) <= Math.max(2, Math.floor(key.length / 4)) ? ` Did you mean ${(known.byLabel.get(near) ?? []).map(show).join(', ')}?` : '';
  const example = [...known.ids].find((id) => known.labelOf.has(id));
  return {
    error:
      `"${written}" is neither the id nor the label of a known competency; expected an id` +
      (example ? ` such as ${example} or its label "${known.labelOf.get(example) ?? ''}"` : ' (the competency framework is not loaded: npm run seed -- framework)') +
      `.${suggestion}`,
  };
}

/** The source with each answer's competency as an id; unknown ones become problems (and their answers are left out). */
export async function resolveCompetencies(db: Database | undefined, source: SeedSource): Promise<SeedSource> {
  let any = false;
  for (const _ of source.answers()) {
    any = true;
    break;
  }
  if (!any) return source;
  const known = await knownCompetencies(db, source);
  const cache = new Map<string, { id: string } | { error: string }>();
  const resolve = (written: string) => {
    let r = cache.get(written);
    if (!r) cache.set(written, (r = resolveOne(written, known)));
    return r;
  };
  const problems: SeedProblem[] = [];
  let changed = false;
  for (const answer of source.answers()) {
    const r = resolve(answer.competency);
    if ('error' in r) problems.push({ where: answer.origin, message: `column competency: ${r.error}` });
    else if (r.id !== answer.competency) changed = true;
  }
  if (!changed && problems.length === 0) return source;
  const answers = function* (): Iterable<AnswerRow> {
    for (const answer of source.answers()) {
      const r = resolve(answer.competency);
      if ('id' in r) yield r.id === answer.competency ? answer : { ...answer, competency: r.id };
    }
  };
  return { ...source, problems: [...source.problems, ...problems], answers };
}
