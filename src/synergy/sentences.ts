/**
 * Sentences from relationship types and properties, one per step and one for a whole path: English
 * here, French below (`stepSentenceIn`, `pathExplanationIn`, `REASON_WORDS`).
 *
 *   stepSentence({ type: 'ORGANIZED', start: utc, end: workshop, properties: { role: 'host' } })
 *   // "UTC organised the Albert workshop as host."
 *   pathExplanation(altytud, [led, organized, partner, supports])   // walked from ALTYTUD to Bpifrance
 *   // "ALTYTUD co-led the Albert workshop organised by UTC, which is a partner of InnovENT-E, supported by Bpifrance."
 */
import { VIEWS } from '../domain/model.ts';
import type { NodeRecord } from '../domain/records.ts';

/** A relationship as stored: its real start and end, whatever the direction a path walks it. */
export interface Relationship {
  type: string;
  start: NodeRecord;
  end: NodeRecord;
  properties: Readonly<Record<string, unknown>>;
}

interface Phrasing {
  /** Verb phrase with the real subject: "UTC [organised] the workshop". */
  active: string;
  /** Phrase hung after the object when a path walks the relationship backwards: "the workshop [organised by] UTC". */
  passive: string;
  /** Verb of a sentence that starts at the object: "the workshop [was organised by] UTC". */
  passiveClause: string;
  /** Symmetric in meaning (partners, collaborators): both directions read the same. */
  symmetric?: boolean;
}

/** A person who leads alone ("role" without "co") is said without the "co" of the model's verbs. */
function soloLeader(rel: Relationship): boolean {
  const role = typeof rel.properties.role === 'string' ? rel.properties.role : '';
  return rel.type === 'LED' && rel.start.labels.includes('Person') && !/co/i.test(role);
}

const withoutCo = (words: string) => words.replace(/\bco-?/g, '');

function phrasing(rel: Relationship): Phrasing {
  const verbs = VIEWS.verbs(rel.type)?.en;
  if (!verbs) {
    const words = rel.type.toLowerCase().replaceAll('_', ' ');
    return { active: `is linked (${words}) to`, passive: `linked (${words}) to`, passiveClause: `is linked (${words}) to` };
  }
  const solo = soloLeader(rel);
  const say = (words: string) => (solo ? withoutCo(words) : words);
  return {
    active: say(verbs.active),
    passive: say(verbs.passive),
    passiveClause: say(verbs.passiveClause),
    symmetric: VIEWS.isSymmetric(rel.type),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How a node is named in a sentence: short name of an actor, "the" before events and programmes. */
export function nameOf(node: NodeRecord): string {
  const name = text(node.properties.shortName) ?? text(node.properties.name) ?? node.id;
  const needsArticle = node.labels.includes('Event') || node.labels.includes('Program');
  return needsArticle && !/^(the|l[ae]s?|l')\b/i.test(name) ? `the ${name}` : name;
}

/** The properties worth saying: role, kind, since, survey weight, trainings. */
function details(rel: Relationship): string {
  const p = rel.properties;
  const parts: string[] = [];
  const role = text(p.role);
  if (role && rel.type !== 'LED') parts.push(` as ${role}`);
  const kind = text(p.kind);
  if (kind && (rel.type === 'COLLABORATES_WITH' || rel.type === 'PARTNER_OF')) parts.push(` (${kind})`);
  const scope = text(p.scope);
  if (scope && rel.type === 'SUPPORTS') parts.push(` (${scope})`);
  if (p.since !== undefined && p.since !== null) parts.push(` since ${String(p.since)}`);
  if (rel.type === 'NEEDS' && typeof p.weight === 'number') {
    const answers = typeof p.responses === 'number' ? ` from ${p.responses} answers` : '';
    parts.push(` (weight ${round2(p.weight)}${answers})`);
  }
  if (rel.type === 'TEACHES' && typeof p.trainings === 'number') {
    parts.push(` (${p.trainings} training${p.trainings === 1 ? '' : 's'}${p.labelled === true ? ', labelled' : ''})`);
  }
  return parts.join('');
}

function round2(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The sentence of one relationship, read in its real direction. */
export function stepSentence(rel: Relationship): string {
  return `${nameOf(rel.start)} ${phrasing(rel).active} ${nameOf(rel.end)}${details(rel)}.`;
}

/**
 * One sentence for a whole path walked from `first`: the first relationship is a clause, each next
 * one hangs on the node reached so far ("..., which is a partner of X", "... organised by Y").
 */
export function pathExplanation(first: NodeRecord, rels: readonly Relationship[]): string {
  if (rels.length === 0) return `${capitalise(nameOf(first))} is the actor you asked about: nothing to cross.`;
  let at = first;
  let sentence = '';
  rels.forEach((rel, index) => {
    const forward = rel.start.id === at.id;
    const next = forward ? rel.end : rel.start;
    const words = phrasing(rel);
    if (index === 0) {
      const verb = forward || words.symmetric ? words.active : words.passiveClause;
      sentence = `${nameOf(at)} ${verb} ${nameOf(next)}`;
    } else if (forward || words.symmetric) {
      sentence += `, which ${words.active} ${nameOf(next)}`;
    } else {
      // "the workshop organised by UTC" reads as one noun phrase; anything else gets a comma.
      const comma = index === 1 && words.passive.endsWith(' by') ? '' : ',';
      sentence += `${comma} ${words.passive} ${nameOf(next)}`;
    }
    at = next;
  });
  return `${capitalise(sentence)}.`;
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

// ---- French -----------------------------------------------------------------------------------
//
// French needs what English does not: an article that agrees with the name's gender and elides
// before a vowel ("l'UTC", "la CPME", "le PIA"), contractions with "de" and "à" ("du", "au"), and
// past participles that agree with the noun they qualify ("la tournée organisée par l'UTC").
//
//   stepSentenceIn(organized, 'FR')    // "L'UTC a organisé l'atelier-débat d'Albert."
//   pathExplanationIn(altytud, rels, 'FR')
//   // "ALTYTUD a codirigé l'atelier-débat d'Albert organisé par l'UTC, qui est partenaire d'InnovENT-E, ..."


/** The languages sentences are written in (the API's `Lang`). */
export type Lang = 'FR' | 'EN';

/** The first language of an Accept-Language header we write in; undefined when it names neither. */
export function langOfAcceptLanguage(header: string | null | undefined): Lang | undefined {
  for (const part of (header ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fr') return 'FR';
    if (tag === 'en') return 'EN';
  }
  return undefined;
}

interface NounPhrase {
  /** The name as written, without article. */
  bare: string;
  article: '' | 'le' | 'la' | 'les' | "l'";
  feminine: boolean;
}

/** Head words of names that take an article, with their gender; the head is lower-cased when `common`. */
const HEADS: Readonly<Record<string, { feminine: boolean; common: boolean }>> = {
  atelier: { feminine: false, common: true },
  'atelier-débat': { feminine: false, common: true },
  étape: { feminine: true, common: true },
  tournée: { feminine: true, common: true },
  clôture: { feminine: true, common: true },
  rencontre: { feminine: true, common: true },
  forum: { feminine: false, common: true },
  salon: { feminine: false, common: true },
  séminaire: { feminine: false, common: true },
  journée: { feminine: true, common: true },
  colloque: { feminine: false, common: true },
  programme: { feminine: false, common: false },
  université: { feminine: true, common: false },
  institut: { feminine: false, common: false },
  école: { feminine: true, common: false },
  lycée: { feminine: false, common: false },
  délégation: { feminine: true, common: false },
  fondation: { feminine: true, common: false },
  ministère: { feminine: false, common: false },
  chambre: { feminine: true, common: false },
  cci: { feminine: true, common: false },
  cma: { feminine: true, common: false },
  agence: { feminine: true, common: false },
  association: { feminine: true, common: false },
  communauté: { feminine: true, common: false },
  métropole: { feminine: true, common: false },
  région: { feminine: true, common: false },
  pôle: { feminine: false, common: false },
  centre: { feminine: false, common: false },
  conseil: { feminine: false, common: false },
  syndicat: { feminine: false, common: false },
  réseau: { feminine: false, common: false },
  groupe: { feminine: false, common: false },
  cluster: { feminine: false, common: false },
  pme: { feminine: true, common: false },
  entreprise: { feminine: true, common: false },
  innovation: { feminine: true, common: true },
  créativité: { feminine: true, common: true },
  entrepreneuriat: { feminine: false, common: true },
  international: { feminine: false, common: true },
  design: { feminine: false, common: true },
  prototypage: { feminine: false, common: true },
};

/** Acronyms read as the noun they stand for: an université, a chambre, an agence or confédération... */
const ACRONYM_FEMININE: Readonly<Record<string, boolean>> = {
  UNIVERSITY: true,
  CHAMBER: true,
  FUNDER: true,
  LOCAL_AUTHORITY: true,
  REGION: true,
  INSTITUTE: false,
  CLUSTER: false,
};

const startsWithVowel = (word: string) => /^[aeiouyhàâäéèêëîïôöùûü]/i.test(word);
const isAcronym = (word: string) => /^[A-Z]{2,5}$/.test(word);

/** How a node is named in a French sentence: its name, and the article it takes. */
export function nounPhrase(node: NodeRecord): NounPhrase {
  const short = text(node.properties.shortName);
  const bare = short ?? text(node.properties.name) ?? node.id;
  const place = ['Commune', 'Epci', 'Department', 'Region', 'IndustrialTerritory'].some((l) => node.labels.includes(l));
  if (place && node.labels.includes('Commune')) return { bare, article: '', feminine: false };
  // Régions and départements carry their article (src/seed/geography.ts): "la Somme", "les Hauts-de-France".
  const stored = node.properties.article;
  if (place && (stored === 'le' || stored === 'la' || stored === 'les' || stored === "l'")) {
    return { bare, article: stored, feminine: stored === 'la' };
  }
  const first = bare.split(/[\s']/)[0] ?? '';
  const head = HEADS[first.toLowerCase()];
  if (head) {
    const written = head.common ? bare.charAt(0).toLowerCase() + bare.slice(1) : bare;
    return { bare: written, article: startsWithVowel(written) ? "l'" : head.feminine ? 'la' : 'le', feminine: head.feminine };
  }
  const kind = typeof node.properties.kind === 'string' ? node.properties.kind : '';
  // A programme's acronym reads as "le programme": le PIA.
  const acronymOf = node.labels.includes('Program') ? 'INSTITUTE' : kind;
  if (isAcronym(bare) && acronymOf in ACRONYM_FEMININE) {
    const feminine = ACRONYM_FEMININE[acronymOf]!;
    return { bare, article: startsWithVowel(bare) ? "l'" : feminine ? 'la' : 'le', feminine };
  }
  return { bare, article: '', feminine: false };
}

/** "l'UTC", "la CPME", "ALTYTUD". */
const fr = (np: NounPhrase) => (np.article === "l'" ? `l'${np.bare}` : np.article ? `${np.article} ${np.bare}` : np.bare);
/** "de l'UTC", "du PIA", "des Hauts-de-France", "d'ALTYTUD", "de Bpifrance". */
const deFr = (np: NounPhrase) =>
  np.article === 'le' ? `du ${np.bare}` : np.article === 'les' ? `des ${np.bare}` : np.article ? `de ${fr(np)}` : startsWithVowel(np.bare) ? `d'${np.bare}` : `de ${np.bare}`;
/** "à l'atelier", "au PIA", "aux Hauts-de-France", "à Méaulte". */
const aFr = (np: NounPhrase) => (np.article === 'le' ? `au ${np.bare}` : np.article === 'les' ? `aux ${np.bare}` : `à ${fr(np)}`);

interface FrenchPhrasing {
  /** Subject first: "l'UTC [a organisé] l'atelier". */
  active: (object: NounPhrase, subject: NounPhrase) => string;
  /** Hung after the object when a path walks backwards: "l'atelier [organisé par] l'UTC". */
  passive: (object: NounPhrase, subject: NounPhrase) => string;
  symmetric?: boolean;
}

/**
 * Fills a French verb phrase of the model (src/domain/model.ts, `Verbs`) with its noun: the
 * agreement marks `{e:s}` (the relationship's subject) and `{e:o}` (its object), then the noun after
 * `{de}`, `{à}` or `{lieu}` at the end, or after a space.
 */
function frenchClause(template: string, noun: NounPhrase, subject: NounPhrase, object: NounPhrase): string {
  const agreed = template.replaceAll('{e:s}', subject.feminine ? 'e' : '').replaceAll('{e:o}', object.feminine ? 'e' : '');
  const [, head, mark] = /^(.*?)(?: \{(de|à|lieu)\})?$/.exec(agreed) ?? [];
  const before = head ?? agreed;
  if (mark === 'de') return `${before} ${deFr(noun)}`;
  if (mark === 'à') return `${before} ${aFr(noun)}`;
  if (mark === 'lieu') return `${before} ${noun.article ? `dans ${fr(noun)}` : `à ${noun.bare}`}`;
  return `${before} ${fr(noun)}`;
}

function frenchPhrasing(rel: Relationship): FrenchPhrasing {
  const verbs = VIEWS.verbs(rel.type)?.fr;
  if (!verbs) {
    const words = rel.type.toLowerCase().replaceAll('_', ' ');
    return { active: (o) => `est lié (${words}) ${aFr(o)}`, passive: (_o, s) => `lié (${words}) ${aFr(s)}` };
  }
  const solo = soloLeader(rel);
  const say = (words: string) => (solo ? withoutCo(words) : words);
  return {
    active: (o, s) => frenchClause(say(verbs.active), o, s, o),
    passive: (o, s) => frenchClause(say(verbs.passive), s, s, o),
    symmetric: VIEWS.isSymmetric(rel.type),
  };
}

function frenchDetails(rel: Relationship): string {
  const p = rel.properties;
  const parts: string[] = [];
  const role = text(p.role);
  if (role && rel.type !== 'LED') parts.push(` (rôle : ${role})`);
  const kind = text(p.kind);
  if (kind && (rel.type === 'COLLABORATES_WITH' || rel.type === 'PARTNER_OF')) parts.push(` (${kind})`);
  const scope = text(p.scope);
  if (scope && rel.type === 'SUPPORTS') parts.push(` (${scope})`);
  if (p.since !== undefined && p.since !== null) parts.push(` depuis ${String(p.since)}`);
  if (rel.type === 'NEEDS' && typeof p.weight === 'number') {
    const answers = typeof p.responses === 'number' ? `, ${p.responses} réponse${p.responses >= 2 ? 's' : ''}` : '';
    parts.push(` (poids ${round2(p.weight).replace('.', ',')}${answers})`);
  }
  if (rel.type === 'TEACHES' && typeof p.trainings === 'number') {
    parts.push(` (${p.trainings} formation${p.trainings >= 2 ? 's' : ''}${p.labelled === true ? ' labellisée' + (p.trainings >= 2 ? 's' : '') : ''})`);
  }
  return parts.join('');
}

/** The sentence of one relationship in French or English. */
export function stepSentenceIn(rel: Relationship, lang: Lang): string {
  if (lang === 'EN') return stepSentence(rel);
  const subject = nounPhrase(rel.start);
  return `${capitalise(fr(subject))} ${frenchPhrasing(rel).active(nounPhrase(rel.end), subject)}${frenchDetails(rel)}.`;
}

/** One sentence for a whole path, in French or English (see `pathExplanation`). */
export function pathExplanationIn(first: NodeRecord, rels: readonly Relationship[], lang: Lang): string {
  if (lang === 'EN') return pathExplanation(first, rels);
  if (rels.length === 0) return `${capitalise(fr(nounPhrase(first)))} est l'acteur demandé : rien à franchir.`;
  let at = first;
  let firstForward = true;
  let sentence = '';
  rels.forEach((rel, index) => {
    const forward = rel.start.id === at.id;
    const next = forward ? rel.end : rel.start;
    const words = frenchPhrasing(rel);
    const here = nounPhrase(at);
    const there = nounPhrase(next);
    if (index === 0) {
      firstForward = forward || words.symmetric === true;
      if (forward || words.symmetric) {
        sentence = `${fr(here)} ${words.active(there, here)}`;
      } else {
        // Walked backwards, the path's start is the relationship's object: a passive clause.
        const passive = words.passive(here, there);
        const clause = passive.startsWith('qui ') ? passive.slice(4) : passive.startsWith('où ') ? `, ${passive}` : passive.includes(' par ') ? `a été ${passive}` : `est ${passive}`;
        sentence = clause.startsWith(',') ? `${fr(here)}${clause}` : `${fr(here)} ${clause}`;
      }
    } else if (forward) {
      sentence += `, qui ${words.active(there, here)}`;
    } else {
      // "l'atelier organisé par l'UTC" reads as one noun phrase after an active first clause.
      const comma = index === 1 && firstForward && / par /.test(words.passive(here, there)) ? '' : ',';
      sentence += `${comma} ${words.passive(here, there)}`;
    }
    at = next;
  });
  return `${capitalise(sentence)}.`;
}

/** The words of suggestion reasons (`synergies`), per language. */
export const REASON_WORDS = {
  EN: {
    teaches: (served: number, needed: number, list: string) =>
      `teaches ${served} of the ${needed} ${needed === 1 ? 'competency' : 'competencies'} you need: ${list}`,
    needs: (serving: number, needs: number, list: string) =>
      `needs ${serving} of its ${needs} ${needs === 1 ? 'competency' : 'competencies'} from what you teach: ${list}`,
    and: '; and ',
    partners: (n: number, list: string) => `shares ${n} ${n === 1 ? 'partner' : 'partners'} with you: ${list}`,
    events: (n: number, list: string) => `took part in ${n} ${n === 1 ? 'event or programme' : 'events or programmes'} with you: ${list}`,
    territory: (level: string | undefined, place: string) => `is in the same ${level ?? 'territory'} as you: ${place}`,
    levels: { Commune: 'commune', Epci: 'EPCI', IndustrialTerritory: 'industrial territory', Department: 'département', Region: 'région' } as Record<string, string>,
    bridge: (mine: number, theirs: number) =>
      `would connect your network (${mine} ${mine === 1 ? 'tie' : 'ties'}) to another group (${theirs} ${theirs === 1 ? 'tie' : 'ties'}) you share no partner or event with`,
    capacity: (n: number) => `already works with ${n} ${n === 1 ? 'partner, event or programme' : 'partners, events or programmes'}`,
    recency: (n: number, months: number) => `formed ${n} new ${n === 1 ? 'tie' : 'ties'} in the last ${months} months`,
    name: nameOf,
  },
  FR: {
    teaches: (served: number, needed: number, list: string) =>
      `enseigne ${served} des ${needed} compétence${needed >= 2 ? 's' : ''} dont vous avez besoin : ${list}`,
    needs: (serving: number, needs: number, list: string) =>
      `a besoin de ${serving} de ses ${needs} compétence${needs >= 2 ? 's' : ''} parmi celles que vous enseignez : ${list}`,
    and: ' ; et ',
    partners: (n: number, list: string) => `a ${n} partenaire${n >= 2 ? 's' : ''} en commun avec vous : ${list}`,
    events: (n: number, list: string) => `a participé avec vous à ${n} ${n >= 2 ? 'événements ou programmes' : 'événement ou programme'} : ${list}`,
    territory: (level: string | undefined, place: string) => `${level ?? 'est sur le même territoire que vous'} : ${place}`,
    levels: {
      Commune: 'est dans la même commune que vous',
      Epci: 'est dans le même EPCI que vous',
      IndustrialTerritory: "est dans le même territoire d'industrie que vous",
      Department: 'est dans le même département que vous',
      Region: 'est dans la même région que vous',
    } as Record<string, string>,
    bridge: (mine: number, theirs: number) =>
      `relierait votre réseau (${mine} lien${mine >= 2 ? 's' : ''}) à un autre groupe (${theirs} lien${theirs >= 2 ? 's' : ''}) avec lequel vous ne partagez ni partenaire ni événement`,
    capacity: (n: number) => `travaille déjà avec ${n} ${n >= 2 ? 'partenaires, événements ou programmes' : 'partenaire, événement ou programme'}`,
    recency: (n: number, months: number) => `a noué ${n} ${n >= 2 ? 'nouveaux liens' : 'nouveau lien'} au cours des ${months} derniers mois`,
    name: (node: NodeRecord) => fr(nounPhrase(node)),
  },
} as const;
