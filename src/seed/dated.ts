/**
 * A synthetic network whose links form for stated reasons, each link dated: the ground truth for
 * measuring partner suggestions (`npm run bench:suggestions`). Written before, and independently
 * of, the scorer; its parameters are in src/seed/dated-parameters.ts; docs/synergy.md describes it.
 *
 *   const net = datedNetwork({ relationships: 10_000, seed: 20 });
 *   net.links.filter((l) => l.date !== undefined && l.date >= net.cutoff)   // the links to predict
 *
 * Ten years are simulated month by month. Companies arrive (half at the start), answer a survey
 * (60%; their needs become NEEDS relationships, the others' needs stay hidden but still drive their
 * choices), join clusters, attend events and form partnerships and collaborations, each at a date.
 * A company choosing a university weighs: distance decay between communes, competency fit between
 * its needs and what the university teaches (with a hidden quality the number of trainings shows
 * roughly), preferential attachment, triadic closure (a cluster, event or partner both share), and
 * noise. The network is held in memory (1,000,000 relationships take ~300 MB); the synthetic seed
 * (src/seed/synthetic.ts) is the streaming generator for load tests and is unchanged.
 */
import { seededRandom } from '../domain/seeded-random.ts';
import { DATED_PARAMETERS, type DatedParameters } from './dated-parameters.ts';

export interface GeneratedNode {
  id: string;
  labels: string[];
  props: Record<string, string | number | boolean>;
}

export interface GeneratedLink {
  type: string;
  from: string;
  to: string;
  /** `YYYY-MM` when the link formed; undefined for structure (places, needs, teaching). */
  date?: string;
  props: Record<string, string | number | boolean>;
}

export interface DatedNetwork {
  nodes: GeneratedNode[];
  links: GeneratedLink[];
  cutoff: string;
  companies: string[];
  universities: string[];
  clusters: string[];
  /** Companies whose survey answers are NEEDS relationships. */
  answered: Set<string>;
  parameters: DatedParameters;
}

export interface DatedOptions {
  relationships: number;
  seed?: number;
  prefix?: string;
  parameters?: DatedParameters;
}

/** Draws an index with probability proportional to weights (cumulative sums + binary search). */
class Weighted {
  private readonly cumulative: Float64Array;
  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) this.cumulative[i] = sum += Math.max(0, weights[i] ?? 0);
  }
  get total(): number {
    return this.cumulative[this.cumulative.length - 1] ?? 0;
  }
  draw(random: () => number): number {
    const target = random() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function drawFrom(weights: readonly number[], random: () => number): number {
  let total = 0;
  for (const w of weights) total += w;
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] ?? 0;
    if (target < 0) return i;
  }
  return weights.length - 1;
}

const SECTORS = ['aéronautique', 'automobile', 'agroalimentaire', 'plasturgie', 'mécanique', 'numérique', 'santé', 'textile'];
/** Themes each university type favours (indexes into `competencies.themes`). */
const UNIVERSITY_TYPES = [
  { category: 'engineering school', themes: [0, 3] },
  { category: 'business school', themes: [1, 2] },
  { category: 'university', themes: [0, 1, 4] },
];

export function monthDate(startYear: number, month: number): string {
  return `${startYear + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

export function datedNetwork(options: DatedOptions): DatedNetwork {
  const P = options.parameters ?? DATED_PARAMETERS;
  const seed = options.seed ?? 20;
  const prefix = options.prefix ?? 'dat:';
  const random = seededRandom(seed);
  const G = P.geography;
  const A = P.actors;
  const date = (month: number) => monthDate(P.startYear, month);

  const nodes: GeneratedNode[] = [];
  const links: GeneratedLink[] = [];
  const structure = (type: string, from: string, to: string, props: GeneratedLink['props'] = {}) =>
    links.push({ type, from, to, props: { source: 'synthetic', ...props } });
  const dated = (type: string, from: string, to: string, month: number, props: GeneratedLink['props'] = {}) =>
    links.push({ type, from, to, date: date(month), props: { source: 'synthetic', date: date(month), since: P.startYear + Math.floor(month / 12), ...props } });

  // Sizes.
  const companyCount = Math.max(60, Math.round(options.relationships / A.relationshipsPerCompany));
  const universityCount = Math.max(10, Math.round(companyCount / A.companiesPerUniversity));
  const clusterCount = Math.max(8, Math.round(companyCount / A.companiesPerCluster));
  const eventCount = Math.max(10, Math.round(companyCount / A.companiesPerEvent));
  const communeCount = Math.min(G.maxCommunes, Math.max(G.minCommunes, Math.round(companyCount / G.companiesPerCommune)));

  // Geography: départements are grid cells, régions groups of cells, EPCIs squares inside a cell.
  const cellW = G.widthKm / G.departmentColumns;
  const cellH = G.heightKm / G.departmentRows;
  const cells = G.departmentColumns * G.departmentRows;
  const epciSide = Math.max(1, Math.round(Math.sqrt(communeCount / cells / G.communesPerEpci)));
  const regionOf = (cell: number) =>
    Math.floor((cell % G.departmentColumns) / G.regionColumns) + Math.floor(Math.floor(cell / G.departmentColumns) / G.regionRows) * (G.departmentColumns / G.regionColumns);
  const regionIds = new Set<number>();
  for (let c = 0; c < cells; c++) regionIds.add(regionOf(c));
  for (const r of regionIds) nodes.push({ id: `${prefix}region:${r}`, labels: ['Territory', 'Region'], props: { name: `Région ${r}`, source: 'synthetic', synthetic: true } });
  for (let c = 0; c < cells; c++) {
    nodes.push({ id: `${prefix}department:${c}`, labels: ['Territory', 'Department'], props: { name: `Département ${c}`, source: 'synthetic', synthetic: true } });
    structure('PART_OF', `${prefix}department:${c}`, `${prefix}region:${regionOf(c)}`);
  }
  const communeX = new Float64Array(communeCount);
  const communeY = new Float64Array(communeCount);
  const communeCell = new Int32Array(communeCount);
  const population = new Float64Array(communeCount);
  const epcis = new Set<string>();
  for (let i = 0; i < communeCount; i++) {
    const x = random() * G.widthKm;
    const y = random() * G.heightKm;
    const col = Math.min(G.departmentColumns - 1, Math.floor(x / cellW));
    const row = Math.min(G.departmentRows - 1, Math.floor(y / cellH));
    const cell = row * G.departmentColumns + col;
    communeX[i] = x;
    communeY[i] = y;
    communeCell[i] = cell;
    population[i] = Math.min(500, 1 / Math.pow(1 - random(), 1 / G.populationAlpha));
    const ex = Math.min(epciSide - 1, Math.floor(((x - col * cellW) / cellW) * epciSide));
    const ey = Math.min(epciSide - 1, Math.floor(((y - row * cellH) / cellH) * epciSide));
    const epci = `${prefix}epci:${cell}.${ex}.${ey}`;
    if (!epcis.has(epci)) {
      epcis.add(epci);
      nodes.push({ id: epci, labels: ['Territory', 'Epci'], props: { name: `CC ${cell}.${ex}.${ey}`, source: 'synthetic', synthetic: true } });
      structure('PART_OF', epci, `${prefix}department:${cell}`);
    }
    const id = `${prefix}commune:${i}`;
    nodes.push({ id, labels: ['Territory', 'Commune'], props: { name: `Commune ${i}`, population: Math.round(population[i]! * 100), source: 'synthetic', synthetic: true } });
    structure('PART_OF', id, epci);
    structure('PART_OF', id, `${prefix}department:${cell}`);
  }
  const byPopulation = new Weighted(population);
  const distance = (a: number, b: number) => Math.hypot((communeX[a] ?? 0) - (communeX[b] ?? 0), (communeY[a] ?? 0) - (communeY[b] ?? 0));
  const cellCentreDistance = (a: number, b: number) =>
    Math.hypot(((a % G.departmentColumns) - (b % G.departmentColumns)) * cellW, (Math.floor(a / G.departmentColumns) - Math.floor(b / G.departmentColumns)) * cellH);

  // Competencies.
  const C = P.competencies;
  const competencyTheme: number[] = [];
  for (let k = 0; k < C.count; k++) {
    const theme = k % C.themes.length;
    competencyTheme.push(theme);
    nodes.push({ id: `${prefix}competency:${k}`, labels: ['Competency'], props: { name: `${C.themes[theme]} ${Math.floor(k / C.themes.length) + 1}`, theme: C.themes[theme] ?? '', source: 'synthetic' } });
  }
  const sectorFavours = SECTORS.map(() => {
    const set = new Set<number>();
    while (set.size < 4) set.add(Math.floor(random() * C.count));
    return [...set];
  });

  // Universities: a type, a commune, what they teach and how well (hidden quality).
  const uCommune = new Int32Array(universityCount);
  const uQuality: Float64Array[] = [];
  const uIds: string[] = [];
  for (let u = 0; u < universityCount; u++) {
    const type = UNIVERSITY_TYPES[u % UNIVERSITY_TYPES.length]!;
    const commune = byPopulation.draw(random);
    uCommune[u] = commune;
    const id = `${prefix}university:${u}`;
    uIds.push(id);
    nodes.push({ id, labels: ['Actor', 'University'], props: { name: `École ${u}`, kind: 'UNIVERSITY', category: type.category, source: 'synthetic', synthetic: true } });
    structure('LOCATED_IN', id, `${prefix}commune:${commune}`);
    const quality = new Float64Array(C.count);
    for (let k = 0; k < C.count; k++) {
      const favoured = (type.themes as readonly number[]).includes(competencyTheme[k] ?? 0);
      if (random() >= (favoured ? C.teachFavoured : C.teachOther)) continue;
      const q = 0.1 + 0.9 * random();
      quality[k] = q;
      const trainings = Math.max(1, 1 + Math.floor(5 * q + (random() - 0.5) * 2 * C.trainingsNoise));
      structure('TEACHES', id, `${prefix}competency:${k}`, { trainings });
    }
    uQuality.push(quality);
  }

  // Clusters: one sector, in a commune (so a région).
  const clCommune = new Int32Array(clusterCount);
  const clSector = new Int32Array(clusterCount);
  const clIds: string[] = [];
  for (let c = 0; c < clusterCount; c++) {
    clCommune[c] = byPopulation.draw(random);
    clSector[c] = c % SECTORS.length;
    const id = `${prefix}cluster:${c}`;
    clIds.push(id);
    nodes.push({ id, labels: ['Actor', 'Cluster'], props: { name: `Cluster ${SECTORS[clSector[c]!]} ${c}`, kind: 'CLUSTER', sector: SECTORS[clSector[c]!] ?? '', source: 'synthetic', synthetic: true } });
    structure('LOCATED_IN', id, `${prefix}commune:${clCommune[c]}`);
  }

  // Companies: commune, sector, needs (answered or hidden), arrival, activity.
  const sCommune = new Int32Array(companyCount);
  const sSector = new Int32Array(companyCount);
  const sEntry = new Int32Array(companyCount);
  const sActivity = new Float64Array(companyCount);
  const sNeeds: { k: number; weight: number }[][] = [];
  const sIds: string[] = [];
  const answered = new Set<string>();
  for (let s = 0; s < companyCount; s++) {
    sCommune[s] = byPopulation.draw(random);
    sSector[s] = Math.floor(random() * SECTORS.length);
    sEntry[s] = random() < A.presentAtStart ? 0 : Math.floor(random() * P.months);
    sActivity[s] = Math.min(30, 1 / Math.pow(1 - random(), 1 / A.activityAlpha));
    const id = `${prefix}company:${s}`;
    sIds.push(id);
    nodes.push({ id, labels: ['Actor', 'Company'], props: { name: `PME ${SECTORS[sSector[s]!]} ${s}`, kind: 'COMPANY', sector: SECTORS[sSector[s]!] ?? '', source: 'synthetic', synthetic: true } });
    structure('LOCATED_IN', id, `${prefix}commune:${sCommune[s]}`);
    const count = C.minNeeds + Math.floor(random() * (C.maxNeeds - C.minNeeds + 1));
    const needs = new Map<number, number>();
    for (let n = 0; n < count * 3 && needs.size < count; n++) {
      const favours = sectorFavours[sSector[s]!]!;
      const k = random() < C.sectorFavoured ? favours[Math.floor(random() * favours.length)]! : Math.floor(random() * C.count);
      if (!needs.has(k)) needs.set(k, Math.round((0.3 + 0.7 * random()) * 100) / 100);
    }
    sNeeds.push([...needs].map(([k, weight]) => ({ k, weight })));
    if (random() < A.answered) {
      answered.add(id);
      for (const [k, weight] of needs) structure('NEEDS', id, `${prefix}competency:${k}`, { weight, responses: 1 });
    }
  }

  // Spatial index: companies and universities per département cell.
  const sByCell: number[][] = Array.from({ length: cells }, () => []);
  for (let s = 0; s < companyCount; s++) sByCell[communeCell[sCommune[s]!]!]!.push(s);
  const uByCell: number[][] = Array.from({ length: cells }, () => []);
  for (let u = 0; u < universityCount; u++) uByCell[communeCell[uCommune[u]!]!]!.push(u);
  const cellsWithin = (cell: number, km: number) => {
    const out: number[] = [];
    // A cell whose centre lies within km + half a diagonal may hold a commune within km.
    for (let c = 0; c < cells; c++) if (cellCentreDistance(cell, c) <= km + Math.hypot(cellW, cellH) / 2) out.push(c);
    return out;
  };
  const reachCells = Array.from({ length: cells }, (_, c) => cellsWithin(c, P.collaboration.reachKm));
  const universitiesWithin = reachCells.map((list) => list.flatMap((c) => uByCell[c]!));
  const clByCell: number[][] = Array.from({ length: cells }, () => []);
  for (let c = 0; c < clusterCount; c++) clByCell[communeCell[clCommune[c]!]!]!.push(c);
  const clustersWithin = reachCells.map((list) => list.flatMap((c) => clByCell[c]!));
  const companyCellDraw = (decayKm: number) =>
    Array.from({ length: cells }, (_, c) => new Weighted(Array.from({ length: cells }, (_, d) => (sByCell[d]?.length ?? 0) * Math.exp(-cellCentreDistance(c, d) / decayKm))));
  const eventCellDraw = companyCellDraw(P.events.decayKm);
  const partnerCellDraw = companyCellDraw(P.partnership.decayKm);

  // State that grows as links form, read by the mechanisms (only what formed earlier).
  const sClusters: number[][] = Array.from({ length: companyCount }, () => []);
  const sEvents: number[][] = Array.from({ length: companyCount }, () => []);
  const sPartners: number[][] = Array.from({ length: companyCount }, () => []);
  const sUniversities: number[][] = Array.from({ length: companyCount }, () => []);
  const clMembers: number[][] = Array.from({ length: clusterCount }, () => []);
  const clUniversities: number[][] = Array.from({ length: clusterCount }, () => []);
  const evCompanies: number[][] = Array.from({ length: eventCount }, () => []);
  const evUniversities: number[][] = Array.from({ length: eventCount }, () => []);
  const uCollaborations = new Float64Array(universityCount);
  /** (1 + collaborations)^attachment, kept up to date (preferential attachment). */
  const attraction = new Float64Array(universityCount).fill(1);

  // Events: a month, an organiser (university or cluster), a place.
  const events: { month: number; university: number; cluster: number; commune: number }[] = [];
  for (let e = 0; e < eventCount; e++) {
    const month = Math.floor(random() * P.months);
    const byUniversity = random() < P.events.byUniversity;
    const university = byUniversity ? Math.floor(random() * universityCount) : -1;
    const cluster = byUniversity ? -1 : Math.floor(random() * clusterCount);
    const commune = byUniversity ? uCommune[university]! : clCommune[cluster]!;
    events.push({ month, university, cluster, commune });
    nodes.push({ id: `${prefix}event:${e}`, labels: ['Event'], props: { name: `Rencontre ${e}`, kind: 'workshop', date: date(month), source: 'synthetic', synthetic: true } });
    structure('HELD_IN', `${prefix}event:${e}`, `${prefix}commune:${commune}`);
  }

  // Attempts: who forms which kind of link, when; processed in date order.
  type Kind = 'event' | 'collaboration' | 'partnership' | 'membership' | 'universityCluster';
  const attempts: { month: number; kind: Kind; who: number }[] = [];
  events.forEach((ev, e) => attempts.push({ month: ev.month, kind: 'event', who: e }));
  const byActivity = new Weighted(sActivity);
  const companyAttempts = (kind: Kind, perCompany: number) => {
    const count = Math.round(perCompany * companyCount);
    for (let i = 0; i < count; i++) {
      const s = byActivity.draw(random);
      const entry = sEntry[s]!;
      attempts.push({ month: entry + Math.floor(random() * (P.months - entry)), kind, who: s });
    }
  };
  companyAttempts('collaboration', P.links.collaborations);
  companyAttempts('partnership', P.links.partnerships);
  companyAttempts('membership', P.links.memberships);
  for (let i = 0; i < Math.round(P.links.universityClusters * universityCount); i++) {
    attempts.push({ month: Math.floor(random() * P.months), kind: 'universityCluster', who: Math.floor(random() * universityCount) });
  }
  const order = attempts.map((a, i) => ({ a, tie: random(), i }));
  order.sort((x, y) => x.a.month - y.a.month || x.tie - y.tie);

  const C2 = P.collaboration;
  const fit = (s: number, u: number) => {
    let total = 0;
    let covered = 0;
    for (const { k, weight } of sNeeds[s]!) {
      total += weight;
      covered += weight * (uQuality[u]![k] ?? 0);
    }
    return total > 0 ? covered / total : 0;
  };
  const nearCompany = (draws: Weighted[], commune: number, month: number): number | undefined => {
    for (let tries = 0; tries < 6; tries++) {
      const list = sByCell[draws[communeCell[commune]!]!.draw(random)]!;
      if (list.length === 0) continue;
      const s = list[Math.floor(random() * list.length)]!;
      // The decay is drawn between département centres: coarse, but the same for every method.
      if (sEntry[s]! <= month) return s;
    }
    return undefined;
  };

  for (const { a } of order) {
    const t = a.month;
    if (a.kind === 'event') {
      const ev = events[a.who]!;
      const eventId = `${prefix}event:${a.who}`;
      if (ev.university >= 0) {
        dated('ORGANIZED', uIds[ev.university]!, eventId, t, { role: 'organiser' });
        evUniversities[a.who]!.push(ev.university);
      } else dated('ORGANIZED', clIds[ev.cluster]!, eventId, t, { role: 'organiser' });
      const size = Math.round(P.links.companiesPerEventMean * (0.4 + 1.2 * random()));
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) {
        let s: number | undefined;
        const members = ev.cluster >= 0 ? clMembers[ev.cluster]! : [];
        if (members.length > 0 && random() < P.events.clusterMembers) s = members[Math.floor(random() * members.length)];
        else s = nearCompany(eventCellDraw, ev.commune, t);
        if (s === undefined || seen.has(s)) continue;
        seen.add(s);
        dated('PARTICIPATED_IN', sIds[s]!, eventId, t, { role: 'participant' });
        evCompanies[a.who]!.push(s);
        sEvents[s]!.push(a.who);
      }
      for (let i = 0; i < P.links.universitiesPerEvent; i++) {
        const pool = universitiesWithin[communeCell[ev.commune]!]!;
        if (pool.length === 0) continue;
        const u = pool[drawFrom(pool.map((u) => Math.exp(-distance(ev.commune, uCommune[u]!) / P.events.decayKm)), random)]!;
        if (evUniversities[a.who]!.includes(u)) continue;
        dated('PARTICIPATED_IN', uIds[u]!, eventId, t, { role: 'participant' });
        evUniversities[a.who]!.push(u);
      }
    } else if (a.kind === 'collaboration') {
      const s = a.who;
      let u: number;
      if (random() < C2.noise) u = Math.floor(random() * universityCount);
      else {
        // Shared contacts with each university: clusters, events, partners (triadic closure).
        const closure = new Map<number, number>();
        const bump = (list: readonly number[]) => {
          for (const v of new Set(list)) closure.set(v, (closure.get(v) ?? 0) + 1);
        };
        for (const c of sClusters[s]!) bump(clUniversities[c]!);
        for (const e of sEvents[s]!) bump(evUniversities[e]!);
        for (const p of sPartners[s]!) bump(sUniversities[p]!);
        const pool = new Set(universitiesWithin[communeCell[sCommune[s]!]!]!);
        for (const v of closure.keys()) pool.add(v);
        const candidates = [...pool];
        if (candidates.length === 0) continue;
        const weights = candidates.map((v) => {
          const d = distance(sCommune[s]!, uCommune[v]!);
          if (d > C2.reachKm && !closure.has(v)) return 0;
          return (
            Math.exp(-d / C2.decayKm) * Math.pow(C2.fitFloor + fit(s, v), C2.fitPower) * (attraction[v] ?? 1) * (1 + C2.closure * (closure.get(v) ?? 0))
          );
        });
        u = candidates[drawFrom(weights, random)]!;
      }
      if (sUniversities[s]!.includes(u)) continue;
      const kinds = ['research', 'apprenticeship', 'internship', 'training'];
      dated('COLLABORATES_WITH', sIds[s]!, uIds[u]!, t, { kind: kinds[Math.floor(random() * kinds.length)] ?? 'research' });
      sUniversities[s]!.push(u);
      uCollaborations[u] = (uCollaborations[u] ?? 0) + 1;
      attraction[u] = Math.pow(1 + uCollaborations[u]!, C2.attachment);
    } else if (a.kind === 'membership') {
      const s = a.who;
      const M = P.membership;
      let c: number;
      if (random() < M.noise) c = Math.floor(random() * clusterCount);
      else {
        const partnersIn = new Map<number, number>();
        for (const p of sPartners[s]!) for (const pc of sClusters[p]!) partnersIn.set(pc, (partnersIn.get(pc) ?? 0) + 1);
        const own = random() < M.ownSector;
        // Clusters within reach, and those partners are in (the network reaches farther).
        const candidates = [...new Set([...clustersWithin[communeCell[sCommune[s]!]!]!, ...partnersIn.keys()])];
        const weights = candidates.map((v) =>
          (own ? (clSector[v] === sSector[s] ? 1 : 0) : 1) *
          Math.exp(-distance(sCommune[s]!, clCommune[v]!) / M.decayKm) *
          Math.pow(1 + clMembers[v]!.length, M.attachment) *
          (1 + M.closure * (partnersIn.get(v) ?? 0)),
        );
        if (candidates.length === 0 || weights.every((w) => w === 0)) continue;
        c = candidates[drawFrom(weights, random)]!;
      }
      if (sClusters[s]!.includes(c)) continue;
      dated('MEMBER_OF', sIds[s]!, clIds[c]!, t);
      sClusters[s]!.push(c);
      clMembers[c]!.push(s);
    } else if (a.kind === 'partnership') {
      const s = a.who;
      let other: number | undefined;
      if (random() < P.partnership.throughNetwork) {
        // A co-member, a co-participant or a partner's partner.
        const ways = [...sClusters[s]!.map((c) => clMembers[c]!), ...sEvents[s]!.map((e) => evCompanies[e]!), ...sPartners[s]!.map((p) => sPartners[p]!)];
        const way = ways[Math.floor(random() * ways.length)];
        if (way && way.length > 0) other = way[Math.floor(random() * way.length)];
      }
      other ??= nearCompany(partnerCellDraw, sCommune[s]!, t);
      if (other === undefined || other === s || sPartners[s]!.includes(other)) continue;
      dated('PARTNER_OF', sIds[s]!, sIds[other]!, t, { kind: 'business' });
      sPartners[s]!.push(other);
      sPartners[other]!.push(s);
    } else {
      const u = a.who;
      const candidates = clustersWithin[communeCell[uCommune[u]!]!]!;
      if (candidates.length === 0) continue;
      const c = candidates[drawFrom(candidates.map((v) => Math.exp(-distance(uCommune[u]!, clCommune[v]!) / P.membership.decayKm) * Math.sqrt(1 + clMembers[v]!.length)), random)]!;
      if (clUniversities[c]!.includes(u)) continue;
      dated('PARTNER_OF', uIds[u]!, clIds[c]!, t, { kind: 'cluster' });
      clUniversities[c]!.push(u);
    }
  }

  return { nodes, links, cutoff: P.cutoff, companies: sIds, universities: uIds, clusters: clIds, answered, parameters: P };
}
