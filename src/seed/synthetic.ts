/**
 * A synthetic innovation network for scale: deterministic (same seed, same network), placed in
 * real communes, and marked `synthetic: true` with ids `syn:<kind>:<n>` so it never passes for real.
 *
 *   const source = syntheticSource({ seed: 7, actors: 500 });
 *   source.size   // { nodes: ~560, relationships: ~4000, answers: ~600 }
 *
 * Structure, so that paths, synergies and shapes have something to find:
 * - actors sit in communes drawn by population (big towns get more), 85% companies;
 * - each actor has a heavy-tailed "activity" (Pareto): a few hubs, many actors with one or two links;
 * - most links stay in the département (70%), some in the région (20%), a few cross France (10%);
 * - companies have a sector; clusters gather one sector's companies in a région;
 * - innovating companies export in 1 case out of 2, the others in 1 out of 20 (the article's figures);
 * - survey answers name competencies each sector favours; universities teach competencies with a
 *   probability that only loosely follows their région's demand, so that gaps exist.
 * Nodes and relationships are generated on the fly at each walk (validation, then loading), never
 * held as one big array: 1,000,000 relationships stream through in batches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { AnswerRow, NodeRow, Properties, RelRow, SeedFile, SeedSource } from './format.ts';
import { type GeographyData, loadGeographyData } from './geography.ts';
import { seededRandom } from '../domain/seeded-random.ts';

export interface SyntheticOptions {
  /** PRNG seed: the same seed and sizes give the same network. */
  seed: number;
  /** Number of actors (companies, universities, clusters, funders, chambers). */
  actors: number;
  /** Target number of relationships (the generator lands close to it, a little under). */
  relationships: number;
  /** Survey answers (and the NEEDS they add up to); off for the benchmark, whose peer loads rows only. */
  answers: boolean;
  /** Id prefix (`syn:`): tests sharing a database give each run its own. */
  prefix: string;
}

export const SYNTHETIC_SOURCE = 'synthetic';
/** Relationships per actor when only the number of actors is given, and the reverse. */
const DEFAULT_DEGREE = 8;

/** The seeded generator (mulberry32): the same seed gives the same network everywhere. */
export const rng = seededRandom;

/** Pareto(alpha = 1.5, min 1), capped: the heavy tail of activity. */
function pareto(random: () => number): number {
  return Math.min(1000, 1 / Math.pow(1 - random(), 1 / 1.5));
}

/** Draws an index with probability proportional to weights (cumulative array + binary search). */
class Weighted {
  readonly items: number[];
  readonly cumulative: Float64Array;
  constructor(items: number[], weightOf: (item: number) => number) {
    this.items = items;
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      sum += weightOf(item);
      this.cumulative[i] = sum;
    });
  }
  get size(): number {
    return this.items.length;
  }
  draw(random: () => number): number | undefined {
    if (this.items.length === 0) return undefined;
    const target = random() * (this.cumulative[this.cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo];
  }
}

const SECTORS = [
  { code: '30.30Z', name: 'aéronautique', favours: ['international-trade', 'export-strategy', 'innovation-management', 'intellectual-property'] },
  { code: '29.32Z', name: 'équipement automobile', favours: ['innovation-management', 'project-management', 'export-strategy'] },
  { code: '10.89Z', name: 'agroalimentaire', favours: ['user-research', 'international-marketing', 'business-model'] },
  { code: '22.29A', name: 'plasturgie', favours: ['prototyping', 'technology-watch', 'innovation-funding'] },
  { code: '25.62A', name: 'mécanique', favours: ['prototyping', 'team-leadership', 'digital-transformation'] },
  { code: '62.01Z', name: 'numérique', favours: ['design-thinking', 'business-model', 'open-innovation', 'foreign-languages'] },
  { code: '21.20Z', name: 'santé', favours: ['intellectual-property', 'open-innovation', 'innovation-funding'] },
  { code: '13.20Z', name: 'textile', favours: ['ideation', 'design-thinking', 'international-marketing'] },
];

const ACTOR_KIND_SHARES: [kind: ActorKindName, share: number][] = [
  ['COMPANY', 0.85],
  ['UNIVERSITY', 0.04],
  ['CLUSTER', 0.03],
  ['FUNDER', 0.03],
  ['CHAMBER', 0.05],
];
type ActorKindName = 'COMPANY' | 'UNIVERSITY' | 'CLUSTER' | 'FUNDER' | 'CHAMBER';
const KIND_LABELS: Record<ActorKindName, string> = {
  COMPANY: 'Company',
  UNIVERSITY: 'University',
  CLUSTER: 'Cluster',
  FUNDER: 'Funder',
  CHAMBER: 'Chamber',
};

interface Competency {
  id: string;
  labels: string[];
  name: string;
  theme: string;
}

function frameworkCompetencies(): Competency[] {
  const file = JSON.parse(readFileSync(path.join(projectRoot, 'seeds', 'framework', 'competencies.json'), 'utf8')) as SeedFile;
  return file.nodes
    .filter((n) => n.properties.level === 'competency')
    .map((n) => ({ id: n.id, labels: n.labels, name: String(n.properties.name), theme: String(n.properties.theme) }));
}

/** The actors, events and their places: small arrays drawn once; relationships are drawn on each walk. */
interface Skeleton {
  kind: ActorKindName[];
  commune: number[];
  sector: number[];
  activity: Float64Array;
  innovates: boolean[];
  employees: number[];
  events: { commune: number; organiser: number }[];
  communes: GeographyData['communes'];
  usedCommunes: Set<number>;
  dep: (commune: number) => string;
  reg: (commune: number) => string;
}

function buildSkeleton(options: SyntheticOptions, geo: GeographyData): Skeleton {
  const random = rng(options.seed);
  const communes = geo.communes.filter((c) => (c.population ?? 0) > 0 && c.departement.length <= 3);
  // Weight by population: big towns get more actors, as real networks do.
  const byPopulation = new Weighted(
    communes.map((_, i) => i),
    (i) => communes[i]?.population ?? 0,
  );
  const n = options.actors;
  const kind: ActorKindName[] = [];
  const commune: number[] = [];
  const sector: number[] = [];
  const activity = new Float64Array(n);
  const innovates: boolean[] = [];
  const employees: number[] = [];
  const usedCommunes = new Set<number>();
  for (let i = 0; i < n; i++) {
    let r = random();
    let k: ActorKindName = 'COMPANY';
    for (const [name, share] of ACTOR_KIND_SHARES) {
      if (r < share) {
        k = name;
        break;
      }
      r -= share;
    }
    kind.push(k);
    const c = byPopulation.draw(random) ?? 0;
    commune.push(c);
    usedCommunes.add(c);
    sector.push(Math.floor(random() * SECTORS.length));
    activity[i] = pareto(random);
    const inno = random() < 0.35;
    innovates.push(inno);
    employees.push(Math.max(1, Math.min(249, Math.round(pareto(random) * 4))));
  }
  const eventCount = Math.max(1, Math.round(n * 0.04));
  const organisers = new Weighted(
    [...kind.keys()].filter((i) => kind[i] !== 'COMPANY'),
    (i) => activity[i] ?? 1,
  );
  const events: Skeleton['events'] = [];
  for (let e = 0; e < eventCount; e++) {
    const organiser = organisers.draw(random) ?? 0;
    const c = commune[organiser] ?? 0;
    events.push({ commune: c, organiser });
  }
  return {
    kind,
    commune,
    sector,
    activity,
    innovates,
    employees,
    events,
    communes,
    usedCommunes,
    dep: (c) => communes[c]?.departement ?? '',
    reg: (c) => communes[c]?.region ?? '',
  };
}

/** `geo`: the communes actors are placed in (all of France by default; a benchmark may narrow it to one département). */
export function syntheticSource(partial: Partial<SyntheticOptions> = {}, geo: GeographyData = loadGeographyData()): SeedSource {
  const relationshipsTarget = partial.relationships ?? (partial.actors ?? 500) * DEFAULT_DEGREE;
  const options: SyntheticOptions = {
    seed: partial.seed ?? 1,
    actors: partial.actors ?? Math.max(50, Math.round(relationshipsTarget / DEFAULT_DEGREE)),
    relationships: relationshipsTarget,
    answers: partial.answers ?? true,
    prefix: partial.prefix ?? 'syn:',
  };
  const s = buildSkeleton(options, geo);
  const competencies = frameworkCompetencies();
  const n = options.actors;
  const source = SYNTHETIC_SOURCE;
  const syn: Properties = { source, synthetic: true };
  const actorId = (i: number) => `${options.prefix}${s.kind[i]?.toLowerCase()}:${i}`;
  const eventId = (e: number) => `${options.prefix}event:${e}`;
  const communeRow = (c: number) => s.communes[c];

  // Where to look for partners: by kind, then by département or région, weighted by activity.
  const index = new Map<string, Weighted>();
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = s.kind[i] ?? 'COMPANY';
    const c = s.commune[i] ?? 0;
    for (const key of [`${k}`, `${k}|d${s.dep(c)}`, `${k}|r${s.reg(c)}`, `${k}|r${s.reg(c)}|s${s.sector[i]}`]) {
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(i);
    }
  }
  for (const [key, list] of groups) index.set(key, new Weighted(list, (i) => s.activity[i] ?? 1));
  const eventGroups = new Map<string, number[]>();
  s.events.forEach((ev, e) => {
    for (const key of ['all', `d${s.dep(ev.commune)}`, `r${s.reg(ev.commune)}`]) {
      let list = eventGroups.get(key);
      if (!list) eventGroups.set(key, (list = []));
      list.push(e);
    }
  });
  const eventIndex = new Map([...eventGroups].map(([k, list]) => [k, new Weighted(list, () => 1)]));

  /** A partner of `kind` near actor i: same département 70%, same région 20%, anywhere 10%. */
  const near = (random: () => number, kind: ActorKindName, i: number): number | undefined => {
    const c = s.commune[i] ?? 0;
    const r = random();
    const keys = r < 0.7 ? [`${kind}|d${s.dep(c)}`, `${kind}|r${s.reg(c)}`, kind] : r < 0.9 ? [`${kind}|r${s.reg(c)}`, kind] : [kind];
    for (const key of keys) {
      const w = index.get(key);
      if (w && w.size > 0) return w.draw(random);
    }
    return undefined;
  };
  const nearEvent = (random: () => number, i: number): number | undefined => {
    const c = s.commune[i] ?? 0;
    const r = random();
    const keys = r < 0.7 ? [`d${s.dep(c)}`, `r${s.reg(c)}`, 'all'] : r < 0.9 ? [`r${s.reg(c)}`, 'all'] : ['all'];
    for (const key of keys) {
      const w = eventIndex.get(key);
      if (w && w.size > 0) return w.draw(random);
    }
    return undefined;
  };

  // Structural links (one LOCATED_IN per actor, events' HELD_IN, ORGANIZED, SUPPORTS, TEACHES...)
  // come first; the rest of the budget goes to companies in proportion to their activity.
  const universities = [...s.kind.keys()].filter((i) => s.kind[i] === 'UNIVERSITY');
  const teachPerUniversity = Math.min(competencies.length, 8);
  const structural = n + s.events.length * 3 + universities.length * teachPerUniversity;
  const companyIds = [...s.kind.keys()].filter((i) => s.kind[i] === 'COMPANY');
  const totalActivity = companyIds.reduce((sum, i) => sum + (s.activity[i] ?? 0), 0) || 1;
  const answerShare = 0.3;
  // About 3 answers per answering company, a few naming the same competency twice.
  const needsBudget = options.answers ? companyIds.length * answerShare * 2.6 : 0;
  const linkBudget = Math.max(0, options.relationships - structural - needsBudget);

  // Regional demand: how much each région's companies' sectors favour each competency.
  const demand = new Map<string, Map<string, number>>();
  for (const i of companyIds) {
    const reg = s.reg(s.commune[i] ?? 0);
    const d = demand.get(reg) ?? new Map<string, number>();
    for (const slug of SECTORS[s.sector[i] ?? 0]?.favours ?? []) d.set(slug, (d.get(slug) ?? 0) + 1);
    demand.set(reg, d);
  }

  const nodes = function* (): Iterable<NodeRow> {
    for (const c of [...s.usedCommunes].sort((a, b) => a - b)) {
      const row = communeRow(c);
      if (!row) continue;
      // Named here so the set stands alone; the geography seed owns these nodes' values.
      yield {
        id: `commune:${row.code}`,
        labels: ['Territory', 'Commune'],
        properties: {},
        defaults: { name: row.nom, code: row.code, population: row.population ?? 0, source: 'geography' },
        origin: `synthetic commune ${row.code}`,
      };
    }
    for (const k of competencies)
      yield { id: k.id, labels: k.labels, properties: {}, defaults: { name: k.name, theme: k.theme, source: 'framework' }, origin: `framework ${k.id}` };
    for (let i = 0; i < n; i++) {
      const kind = s.kind[i] ?? 'COMPANY';
      const town = communeRow(s.commune[i] ?? 0)?.nom ?? '';
      const sector = SECTORS[s.sector[i] ?? 0];
      const properties: Properties = { ...syn, kind, name: `${nameOf(kind, sector?.name ?? '')} ${i} (${town})` };
      if (kind === 'COMPANY') {
        const employees = s.employees[i] ?? 1;
        const innovates = s.innovates[i] ?? false;
        // The article's figures: 1 in 2 innovating companies exports, 1 in 20 of the others.
        const exports = hash01(options.seed, i) < (innovates ? 0.5 : 0.05);
        Object.assign(properties, {
          sector: sector?.code ?? '',
          employees,
          size: employees < 10 ? 'micro' : employees < 50 ? 'small' : 'medium',
          innovates,
          exports,
        });
      } else if (kind === 'CLUSTER') properties.sector = sector?.code ?? '';
      else if (kind === 'FUNDER') properties.category = ['public bank', 'region agency', 'foundation', 'investor'][i % 4] ?? 'foundation';
      else if (kind === 'UNIVERSITY') properties.category = ['university', 'engineering school', 'business school'][i % 3] ?? 'university';
      yield { id: actorId(i), labels: ['Actor', KIND_LABELS[kind]], properties, origin: `synthetic actor ${i}` };
    }
    for (let e = 0; e < s.events.length; e++) {
      const ev = s.events[e];
      const month = String(1 + (e % 12)).padStart(2, '0');
      yield {
        id: eventId(e),
        labels: ['Event'],
        properties: { ...syn, name: `Rencontre synthétique ${e} (${communeRow(ev?.commune ?? 0)?.nom ?? ''})`, kind: 'workshop', date: `20${18 + (e % 6)}-${month}` },
        origin: `synthetic event ${e}`,
      };
    }
  };

  const relationships = function* (): Iterable<RelRow> {
    const random = rng(options.seed ^ 0x5bd1e995);
    const rel = (type: string, from: string, to: string, properties: Properties = {}): RelRow => ({
      type,
      from,
      to,
      properties: { ...syn, ...properties },
      origin: `synthetic ${type} ${from} -> ${to}`,
    });
    for (let i = 0; i < n; i++) yield rel('LOCATED_IN', actorId(i), `commune:${communeRow(s.commune[i] ?? 0)?.code}`);
    for (let e = 0; e < s.events.length; e++) {
      const ev = s.events[e];
      if (!ev) continue;
      yield rel('HELD_IN', eventId(e), `commune:${communeRow(ev.commune)?.code}`);
      yield rel('ORGANIZED', actorId(ev.organiser), eventId(e), { role: 'organiser' });
      const funder = near(random, 'FUNDER', ev.organiser);
      if (funder !== undefined) yield rel('SUPPORTS', actorId(funder), eventId(e), { scope: 'event' });
    }
    for (const u of universities) {
      const reg = s.reg(s.commune[u] ?? 0);
      const d = demand.get(reg) ?? new Map<string, number>();
      const max = Math.max(1, ...d.values());
      // Teaching follows demand only loosely (0.25 + 0.5 x relative demand): gaps remain.
      let taught = 0;
      for (const k of competencies) {
        if (taught >= teachPerUniversity) break;
        const slug = k.id.slice('competency:'.length);
        if (random() < 0.25 + 0.5 * ((d.get(slug) ?? 0) / max)) {
          taught += 1;
          yield rel('TEACHES', actorId(u), k.id, { trainings: 1 + Math.floor(random() * 6), labelled: random() < 0.3 });
        }
      }
    }
    // Links a company could not place (its neighbourhood is too small) pass to the next one.
    let carry = 0;
    for (const i of companyIds) {
      const expected = (linkBudget * (s.activity[i] ?? 0)) / totalActivity;
      let degree = Math.floor(expected) + (random() < expected % 1 ? 1 : 0) + carry;
      carry = 0;
      const seen = new Set<string>();
      let misses = 0;
      while (degree > 0 && misses < 10) {
        const r = random();
        let row: RelRow | undefined;
        if (r < 0.35) {
          const other = near(random, 'COMPANY', i);
          if (other !== undefined && other !== i) row = rel('PARTNER_OF', actorId(i), actorId(other), { kind: 'business' });
        } else if (r < 0.65) {
          const u = near(random, 'UNIVERSITY', i);
          const kinds = ['research', 'apprenticeship', 'internship', 'training'];
          if (u !== undefined) row = rel('COLLABORATES_WITH', actorId(i), actorId(u), { kind: kinds[Math.floor(random() * 4)] ?? 'research', since: 2010 + Math.floor(random() * 14) });
        } else if (r < 0.93) {
          const e = nearEvent(random, i);
          if (e !== undefined) row = rel('PARTICIPATED_IN', actorId(i), eventId(e), { role: 'participant' });
        } else {
          // Clusters gather one sector in a région.
          const reg = s.reg(s.commune[i] ?? 0);
          const cluster = index.get(`CLUSTER|r${reg}|s${s.sector[i]}`)?.draw(random);
          if (cluster !== undefined) row = rel('MEMBER_OF', actorId(i), actorId(cluster), { since: 2012 + Math.floor(random() * 12) });
        }
        const key = row ? `${row.type}|${row.to}` : '';
        if (!row || seen.has(key)) {
          misses += 1;
          continue;
        }
        seen.add(key);
        degree -= 1;
        yield row;
      }
      carry = degree;
    }
  };

  const answers = function* (): Iterable<AnswerRow> {
    if (!options.answers) return;
    const random = rng(options.seed ^ 0x27d4eb2f);
    const bySlug = new Map(competencies.map((k) => [k.id.slice('competency:'.length), k.id]));
    for (const i of companyIds) {
      if (random() >= answerShare) continue;
      const favours = SECTORS[s.sector[i] ?? 0]?.favours ?? [];
      const count = 2 + Math.floor(random() * 3);
      for (let a = 0; a < count; a++) {
        // Mostly what the sector favours, sometimes anything.
        const competency =
          random() < 0.7
            ? bySlug.get(favours[Math.floor(random() * favours.length)] ?? '')
            : competencies[Math.floor(random() * competencies.length)]?.id;
        if (!competency) continue;
        yield {
          answer: `${options.prefix}${i}:${a}`,
          company: actorId(i),
          competency,
          priority: 1 + Math.floor(random() * 5),
          source,
          origin: `synthetic answer ${i}:${a}`,
        };
      }
    }
  };

  return { name: `synthetic (seed ${options.seed}, ${n} actors)`, problems: [], nodes, relationships, answers };
}

function nameOf(kind: ActorKindName, sector: string): string {
  switch (kind) {
    case 'COMPANY':
      return `PME synthétique ${sector}`;
    case 'UNIVERSITY':
      return 'École synthétique';
    case 'CLUSTER':
      return `Cluster synthétique ${sector}`;
    case 'FUNDER':
      return 'Financeur synthétique';
    case 'CHAMBER':
      return 'Chambre synthétique';
  }
}

/** A stable pseudo-random number in [0, 1) for (seed, i), independent of draw order. */
function hash01(seed: number, i: number): number {
  return rng((seed * 2654435761) ^ (i * 40503))();
}
