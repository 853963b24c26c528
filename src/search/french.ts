/**
 * French name search, one normalisation for what is stored and what is typed.
 *
 *   searchWords("CCI de l’Aisne")        // ['cci', 'de', 'aisne']   (accents, case, elisions, both apostrophes)
 *   searchFields({ name: 'Institut InnovENT-E', shortName: 'InnovENT-E' })
 *   // { searchNames: ['institut innovent e', 'innovent e'],
 *   //   searchText: 'institut innovent e innovente institutinnoventee ...' }
 *   toSearchQuery("l'aisne")             // { lucene: '(aisne*)', words: 'aisne', joined: 'aisne' }
 *   toSearchQuery('innov ent e')         // lucene '(innov* AND ent* AND e*) OR innovente*'
 *
 * Why a stored, normalised field rather than a Lucene analyser: no analyser Neo4j ships both splits
 * "l'aisne" into "aisne" and folds accents, none joins "InnovENT-E" into "innovente", and none knows
 * that "CC" is a "communauté de communes". The full-text indexes (src/neo4j/migrations.ts, analyser
 * `standard-folding`) cover `name`, `shortName` AND `searchText`, so a node written without
 * `searchText` (by hand, in Cypher) is still found by its plain words.
 *
 * Ranking never uses the Lucene score (it changes as nodes are added, which would break keyset
 * cursors): the caller ranks on `searchNames` (see `RANK_TIERS`).
 */

/** Words a query may leave out without changing what it asks ("chambre de commerce" = "chambre commerce"). */
const STOP_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'a', 'au', 'aux', 'l', 'd', 'sur', 'un', 'une']);

/** French elided articles and conjunctions: "l'", "d'", "qu'", "jusqu'"... dropped before a word. */
const ELISION = /(^|[^\p{L}\p{N}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=[\p{L}\p{N}])/gu;

/** Abbreviations of French organisation names, both ways: a name with one is found by the other. */
const ABBREVIATIONS: readonly [string, string][] = [
  ['cc', 'communaute de communes'],
  ['ca', 'communaute d agglomeration'],
  ['cu', 'communaute urbaine'],
  ['cci', 'chambre de commerce et d industrie'],
  ['cma', 'chambre de metiers et de l artisanat'],
  ['bpi', 'banque publique d investissement'],
  ['pme', 'petites et moyennes entreprises'],
  ['st', 'saint'],
  ['ste', 'sainte'],
];

/** Lower case, no accent, every apostrophe as `'`, "œ" as "oe". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘ʼ`´′]/g, "'");
}

/** The words of a name or a query: folded, elisions dropped, split on anything not a letter or digit. */
export function searchWords(text: string): string[] {
  return fold(text)
    .replace(ELISION, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Compounds joined: "InnovENT-E" -> "innovente", "Saint-Quentin" -> "saintquentin". */
function joinedCompounds(text: string): string[] {
  return fold(text)
    .replace(ELISION, '$1')
    .split(/\s+/)
    .map((chunk) => chunk.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter((w) => w.length > 0);
}

function expansions(words: string[]): string[] {
  const phrase = ` ${words.join(' ')} `;
  const out: string[] = [];
  for (const [short, long] of ABBREVIATIONS) {
    const longWords = long.split(' ');
    if (words.includes(short)) out.push(...longWords);
    if (phrase.includes(` ${searchWords(long).join(' ')} `)) out.push(short);
  }
  return out;
}

export interface SearchableNode {
  name: string;
  shortName?: string | null | undefined;
  /** INSEE code or SIREN (territories). */
  code?: string | null | undefined;
  postalCodes?: readonly string[] | null | undefined;
}

export interface SearchFields {
  /** The name and the short name as words separated by one space: what ranking compares with. */
  searchNames: string[];
  /** Every word a search may start with: words, joined compounds, whole names joined, abbreviations, codes. */
  searchText: string;
}

export function searchFields(node: SearchableNode): SearchFields {
  const names = [node.name, node.shortName].filter((n): n is string => typeof n === 'string' && n.trim().length > 0);
  const searchNames = [...new Set(names.map((n) => searchWords(n).join(' ')).filter((n) => n.length > 0))];
  const tokens = new Set<string>();
  for (const n of names) {
    const words = searchWords(n);
    for (const w of words) tokens.add(w);
    for (const w of joinedCompounds(n)) tokens.add(w);
    tokens.add(words.join(''));
    for (const w of expansions(words)) tokens.add(w);
  }
  if (node.code) tokens.add(fold(node.code));
  for (const p of node.postalCodes ?? []) tokens.add(fold(p));
  tokens.delete('');
  return { searchNames, searchText: [...tokens].join(' ') };
}

export interface SearchQuery {
  /** A Lucene query made only of `[\p{L}\p{N}]+*` terms, AND, OR and parentheses: user text cannot change its structure. */
  lucene: string;
  /** The query's words separated by one space (stop words kept): compared with `searchNames`. */
  words: string;
  /** The query's letters and digits, no space: compared with joined names and codes. */
  joined: string;
}

/** At most this many words of a query are used (a longer text is still searched by its first words). */
export const MAX_QUERY_WORDS = 10;

/** Null when the text has no letter or digit (an empty search box). */
/** Short forms a query is read in full ("st quentin" ranks like "saint quentin"). */
const QUERY_FULL_FORMS: Record<string, string> = { st: 'saint', ste: 'sainte' };

export function toSearchQuery(text: string): SearchQuery | null {
  const all = searchWords(text)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => QUERY_FULL_FORMS[w] ?? w);
  if (all.length === 0) return null;
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  const required = meaningful.length > 0 ? meaningful : all;
  const joined = all.join('');
  const words = `(${required.map((w) => `${w}*`).join(' AND ')})`;
  // Split words may be one word of the name ("innov ent e", "la BPI France" for Bpifrance).
  const alternatives = [...new Set([joined, required.join('')])].filter((j) => j !== required[0] || required.length > 1);
  const lucene = required.length > 1 || all.length > 1 ? [words, ...alternatives.map((j) => `${j}*`)].join(' OR ') : words;
  return { lucene, words: all.join(' '), joined };
}

/**
 * The rank tier of a node for a query, as a Cypher expression over `names` (the node's
 * `searchNames`, or its names cleaned by APOC when written without them), `codes` (its code and
 * postal codes, may be empty), `$words` and `$joined` (from toSearchQuery):
 * 0 the whole name, short name or a code; 1 the name starts with the query's words;
 * 2 the name joined starts with the query joined ("innov" in "InnovENT-E"); 3 any other match.
 */
export function rankTier(names: string, codes: string, words: string, joined: string): string {
  return `CASE
  WHEN any(s IN ${names} WHERE s = ${words} OR replace(s, ' ', '') = ${joined}) OR ${joined} IN ${codes} THEN 0
  WHEN any(s IN ${names} WHERE s STARTS WITH ${words} + ' ') THEN 1
  WHEN any(s IN ${names} WHERE replace(s, ' ', '') STARTS WITH ${joined}) THEN 2
  ELSE 3 END`;
}
