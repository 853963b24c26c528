/**
 * Column names and cell values as people type them in spreadsheets, French or English: which
 * column is which, how numbers and booleans are written, and "did you mean" for the rest.
 *
 *   canonicalColumn('Effectif')       // 'employees'
 *   canonicalColumn('Code postal')    // 'postalCode'
 *   parseNumber('1 200,5')            // 1200.5
 *   parseBoolean('oui')               // true
 *   suggestColumn('employee', KNOWN)  // 'employees'
 *
 * The mapping is documented in seeds/README.md ("Column names"); a test keeps the two in step.
 */
import { closest, distance } from 'fastest-levenshtein';

/** Lower case, no accents, no spaces, dashes, apostrophes or underscores: "Code_Postal" -> "codepostal". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Each column we know, and the names it goes by (compared once normalised, so "Nom", "NOM" and
 * "nom " are one). The first name is the one we write.
 */
export const COLUMN_ALIASES: Record<string, readonly string[]> = {
  // every table
  id: ['id', 'identifiant', 'ident'],
  source: ['source', 'origine'],
  // actors
  kind: ['kind', 'nature', 'categorie acteur', 'type acteur', 'type d acteur'],
  name: ['name', 'nom', 'raison sociale', 'denomination', 'libelle'],
  shortName: ['shortName', 'short name', 'sigle', 'nom court', 'acronyme'],
  commune: ['commune', 'ville', 'city', 'town', 'code insee', 'insee', 'code commune'],
  departement: ['departement', 'department', 'dept', 'dep', 'code departement'],
  postalCode: ['postalCode', 'code postal', 'cp', 'postcode', 'zip'],
  communeName: ['communeName', 'nom de la commune', 'nom commune'],
  departementName: ['departementName', 'nom du departement', 'nom departement'],
  employees: ['employees', 'effectif', 'effectifs', 'salaries', 'nombre de salaries', 'staff'],
  sector: ['sector', 'secteur', 'secteur d activite', 'naf', 'code naf', 'ape', 'code ape'],
  size: ['size', 'taille', 'tranche'],
  founded: ['founded', 'creation', 'annee de creation', 'date de creation', 'fondee', 'fonde en'],
  legalForm: ['legalForm', 'legal form', 'forme juridique', 'statut juridique'],
  category: ['category', 'categorie'],
  innovates: ['innovates', 'innove', 'innovante', 'innovant'],
  exports: ['exports', 'exporte', 'exportatrice', 'export'],
  labelled: ['labelled', 'labellise', 'labellisee', 'label'],
  website: ['website', 'site web', 'site', 'url', 'site internet'],
  synthetic: ['synthetic', 'synthetique', 'fictif', 'fictive'],
  // links
  type: ['type', 'relation', 'type de lien', 'type de relation', 'lien'],
  from: ['from', 'de', 'depuis acteur', 'source id', 'origine id'],
  to: ['to', 'vers', 'a', 'cible', 'target'],
  weight: ['weight', 'poids', 'intensite'],
  since: ['since', 'depuis', 'annee'],
  role: ['role'],
  amount: ['amount', 'montant'],
  trainings: ['trainings', 'formations'],
  started: ['started', 'debut', 'demarre'],
  // survey answers
  answer: ['answer', 'reponse', 'id reponse', 'numero reponse'],
  company: ['company', 'entreprise', 'pme', 'societe'],
  competency: ['competency', 'competence', 'besoin'],
  priority: ['priority', 'priorite', 'importance'],
  responses: ['responses', 'reponses'],
  population: ['population'],
};

const BY_ALIAS = new Map<string, string>();
for (const [column, aliases] of Object.entries(COLUMN_ALIASES)) for (const alias of aliases) BY_ALIAS.set(normalizeName(alias), column);

/** The column a header cell names, or undefined when we do not know it. */
export function canonicalColumn(header: string): string | undefined {
  return BY_ALIAS.get(normalizeName(header));
}

/** Every spelling we accept, normalised, to suggest from. */
const ALL_ALIASES = [...BY_ALIAS.keys()];

/** The known column closest to an unknown one, if it is close enough to be a typo. */
export function suggestColumn(header: string, allowed: readonly string[]): string | undefined {
  const wanted = normalizeName(header);
  if (!wanted) return undefined;
  const candidates = ALL_ALIASES.filter((alias) => allowed.includes(BY_ALIAS.get(alias) ?? ''));
  if (candidates.length === 0) return undefined;
  const best = closest(wanted, candidates);
  const limit = wanted.length <= 4 ? 1 : wanted.length <= 8 ? 2 : 3;
  if (distance(wanted, best) <= limit || best.startsWith(wanted) || wanted.startsWith(best)) return BY_ALIAS.get(best);
  return undefined;
}

/** Columns read as whole numbers, numbers and booleans; the others are text. */
export const INTEGER_COLUMNS = new Set(['founded', 'employees', 'since', 'trainings', 'responses', 'started', 'population']);
export const NUMBER_COLUMNS = new Set(['weight', 'amount']);
export const BOOLEAN_COLUMNS = new Set(['innovates', 'exports', 'labelled', 'synthetic']);

/** Properties an actor row may carry besides its id, kind, name and place. */
export const ACTOR_PROPERTIES = ['shortName', 'employees', 'sector', 'size', 'founded', 'legalForm', 'category', 'innovates', 'exports', 'labelled', 'website', 'synthetic', 'source'];
export const LINK_PROPERTIES = ['weight', 'since', 'role', 'amount', 'trainings', 'started', 'kind', 'source'];
export const ANSWER_PROPERTIES = ['source'];

/**
 * "1 200", "1 200" (no-break spaces), "1.200" is not accepted (ambiguous), "0,5" and "0.5" are.
 * Returns undefined when the text is not a number.
 */
export function parseNumber(text: string): number | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[-+]?(\d+([.,]\d+)?|[.,]\d+)$/.test(compact)) return undefined;
  const n = Number(compact.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'oui', 'o', 'vrai', 'x']);
const FALSE = new Set(['false', 'no', 'n', '0', 'non', 'faux']);

/** true/false, yes/no, oui/non, vrai/faux, 1/0 (and "x" for a ticked box). */
export function parseBoolean(text: string): boolean | undefined {
  const t = normalizeName(text);
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return undefined;
}

/** A cell as the property it stands for, or an Error saying what was expected. */
export function typedCell(column: string, value: string): string | number | boolean | undefined | Error {
  if (value === '') return undefined;
  if (INTEGER_COLUMNS.has(column)) {
    const n = parseNumber(value);
    return n !== undefined && Number.isInteger(n) ? n : new Error(`column ${column}: expected a whole number, got "${value}"`);
  }
  if (NUMBER_COLUMNS.has(column)) {
    const n = parseNumber(value);
    return n !== undefined ? n : new Error(`column ${column}: expected a number (1 200,5 or 1200.5), got "${value}"`);
  }
  if (BOOLEAN_COLUMNS.has(column)) {
    const b = parseBoolean(value);
    return b !== undefined ? b : new Error(`column ${column}: expected oui/non or true/false, got "${value}"`);
  }
  return value;
}
