/**
 * The report's words in French (first) and English: headings, labels, and the sentences that tell
 * the figures. Numbers, shares and lists are formatted by the platform's Intl (fr-FR / en-GB), which
 * knows the narrow no-break spaces, decimal commas and "et"/"and" of each language; this table holds
 * only what Intl cannot know. One typed table per language: a missing entry fails `npm run check`.
 *
 *   const t = messages('FR');
 *   t.share(0.5)                       // "50 %"
 *   t.heading.figures                  // "Le territoire en chiffres"
 */
import type { ActorKind } from '../domain/records.ts';

export type Lang = 'FR' | 'EN';

export const LANGS: readonly Lang[] = ['FR', 'EN'];

/** ?lang=fr|en|FR|EN; anything else: French. */
export function langOf(value: string | null | undefined): Lang {
  return value?.toUpperCase() === 'EN' ? 'EN' : 'FR';
}

const KIND_NAMES: Record<Lang, Record<ActorKind, [one: string, many: string]>> = {
  FR: {
    INSTITUTE: ['institut', 'instituts'],
    UNIVERSITY: ['université ou école', 'universités et écoles'],
    COMPANY: ['PME-PMI', 'PME-PMI'],
    CLUSTER: ['cluster', 'clusters'],
    FUNDER: ['financeur', 'financeurs'],
    CHAMBER: ['chambre consulaire', 'chambres consulaires'],
    LOCAL_AUTHORITY: ['collectivité', 'collectivités'],
    REGION: ['région', 'régions'],
  },
  EN: {
    INSTITUTE: ['institute', 'institutes'],
    UNIVERSITY: ['university or school', 'universities and schools'],
    COMPANY: ['SME', 'SMEs'],
    CLUSTER: ['cluster', 'clusters'],
    FUNDER: ['funder', 'funders'],
    CHAMBER: ['chamber of commerce', 'chambers of commerce'],
    LOCAL_AUTHORITY: ['local authority', 'local authorities'],
    REGION: ['région', 'régions'],
  },
};

const THEMES: Record<Lang, Record<string, string>> = {
  FR: { innovation: 'Innovation', creativity: 'Créativité', entrepreneurship: 'Entrepreneuriat', international: 'International' },
  EN: { innovation: 'Innovation', creativity: 'Creativity', entrepreneurship: 'Entrepreneurship', international: 'International' },
};

const LEVELS: Record<Lang, Record<string, string>> = {
  FR: { REGION: 'région', DEPARTMENT: 'département', EPCI: 'EPCI', COMMUNE: 'commune', INDUSTRIAL_TERRITORY: "territoire d'industrie" },
  EN: { REGION: 'région', DEPARTMENT: 'département', EPCI: 'EPCI', COMMUNE: 'commune', INDUSTRIAL_TERRITORY: 'industrial territory' },
};

const FACTORS: Record<Lang, Record<string, string>> = {
  FR: {
    COMPETENCIES: 'compétences complémentaires',
    SHARED_PARTNERS: 'partenaires communs',
    TERRITORY: 'proximité',
    SHARED_EVENTS: 'événements communs',
    BRIDGE: 'pont entre deux groupes',
  },
  EN: {
    COMPETENCIES: 'complementary competencies',
    SHARED_PARTNERS: 'shared partners',
    TERRITORY: 'proximity',
    SHARED_EVENTS: 'shared events',
    BRIDGE: 'bridge between two groups',
  },
};

export function messages(lang: Lang) {
  const locale = lang === 'FR' ? 'fr-FR' : 'en-GB';
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const fr = lang === 'FR';
  const kind = (k: ActorKind, count: number) => KIND_NAMES[lang][k][count === 1 ? 0 : 1];
  /** "1 sur 2": a share as the nearest simple ratio, as the article says it. */
  const oneIn = (share: number) => {
    if (share <= 0) return fr ? 'aucune' : 'none';
    const n = Math.round(1 / share);
    return fr ? `1 sur ${integer.format(n)}` : `1 in ${integer.format(n)}`;
  };
  const plurals = new Intl.PluralRules(locale);
  return {
    lang,
    locale,
    /** "1 acteur", "0 acteur", "2 acteurs" (French counts 0 as singular). */
    count: (n: number, one: string, many: string) => `${integer.format(n)} ${plurals.select(n) === 'one' ? one : many}`,
    int: (n: number) => integer.format(n),
    num: (n: number) => decimal.format(n),
    share: (n: number) => percent.format(n),
    list: (items: readonly string[]) => list.format(items),
    oneIn,
    kind,
    kindCount: (k: ActorKind, count: number) => `${integer.format(count)} ${kind(k, count)}`,
    theme: (theme: string) => THEMES[lang][theme] ?? theme,
    level: (level: string) => LEVELS[lang][level] ?? level,
    factor: (factor: string) => FACTORS[lang][factor] ?? factor,
    wholeNetwork: fr ? 'Ensemble du réseau' : 'Whole network',
    france: fr ? 'France (ensemble du réseau)' : 'France (whole network)',
    documentTitle: fr ? 'Synthèse territoriale' : 'Territory synthesis',
    heading: {
      figures: fr ? 'Le territoire en chiffres' : 'The territory in figures',
      map: fr ? 'Carte du territoire' : 'Map of the territory',
      network: fr ? 'Le réseau' : 'The network',
      competencies: fr ? 'Besoins et offre de compétences' : 'Competency needs and supply',
      partnerships: fr ? 'Partenariats recommandés' : 'Recommended partnerships',
      method: fr ? 'Méthode, définitions et sources' : 'Method, definitions and sources',
    },
    label: {
      kind: fr ? 'Type d’acteur' : 'Kind of actor',
      count: fr ? 'Nombre' : 'Count',
      actors: fr ? 'Acteurs' : 'Actors',
      companies: fr ? 'PME-PMI' : 'SMEs',
      links: fr ? 'Liens' : 'Links',
      companiesMet: fr ? 'PME-PMI rencontrées (ayant pris part à un événement)' : 'SMEs met (took part in an event)',
      surveyResponses: fr ? 'Réponses au questionnaire' : 'Survey answers',
      eventsHeld: fr ? 'Événements tenus sur le territoire (étapes, ateliers)' : 'Events held in the territory (stops, workshops)',
      innovating: fr ? 'PME-PMI innovantes' : 'Innovating SMEs',
      other: fr ? 'Autres PME-PMI' : 'Other SMEs',
      exportRate: fr ? 'Part qui exporte' : 'Share exporting',
      exporting: fr ? 'Exportatrices' : 'Exporting',
      synthetic: fr ? 'Acteurs synthétiques (générés, non réels)' : 'Synthetic actors (generated, not real)',
      source: fr ? 'Source' : 'Source',
      figure: fr ? 'Indicateur' : 'Figure',
      value: fr ? 'Valeur' : 'Value',
      territory: fr ? 'Territoire' : 'Territory',
      rank: fr ? 'Rang' : 'Rank',
      actor: fr ? 'Acteur' : 'Actor',
      partners: fr ? 'Partenaires' : 'Partners',
      betweenness: fr ? 'Intermédiarité' : 'Betweenness',
      community: fr ? 'Communauté' : 'Community',
      size: fr ? 'Taille' : 'Size',
      coverage: fr ? 'PME-PMI liées à une université de leur région' : 'SMEs linked to a university of their région',
      theme: fr ? 'Thème' : 'Theme',
      competency: fr ? 'Compétence' : 'Competency',
      demand: fr ? 'Demande' : 'Demand',
      supply: fr ? 'Offre' : 'Supply',
      gap: fr ? 'Écart' : 'Gap',
      teachers: fr ? 'Enseignée sur le territoire par' : 'Taught in the territory by',
      withinReach: fr ? 'À portée (même région)' : 'Within reach (same région)',
      exposed: fr ? 'PME-PMI les plus exposées' : 'Most exposed SMEs',
      company: fr ? 'PME-PMI' : 'SME',
      suggestion: fr ? 'Partenaire suggéré' : 'Suggested partner',
      score: fr ? 'Score' : 'Score',
      reasons: fr ? 'Raisons' : 'Reasons',
      funder: fr ? 'Financeur' : 'Funder',
      path: fr ? 'Chemin' : 'Path',
      licence: fr ? 'Licence' : 'Licence',
      usedFor: fr ? 'Utilisé pour' : 'Used for',
      download: fr ? 'Télécharger les chiffres' : 'Download the figures',
      dataDate: fr ? 'Date des données' : 'Date of the data',
      generated: fr ? 'Document produit le' : 'Document produced on',
      noData: fr ? 'Aucune donnée pour ce territoire.' : 'No data for this territory.',
      mapNote: fr
        ? 'Départements colorés selon le nombre d’acteurs situés dans chacun ; le territoire est cerné de noir. Outre-mer non dessiné.'
        : 'Départements shaded by the number of actors located in each; the territory is outlined in black. Overseas not drawn.',
    },
  };
}

export type Messages = ReturnType<typeof messages>;
