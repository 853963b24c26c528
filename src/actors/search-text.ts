/**
 * Turns what a user typed into a safe Lucene query for the `actor_names` full-text index.
 *
 *   toFulltextQuery('Méaulte')   // 'meaulte*'
 *   toFulltextQuery('pays du')   // 'pays* AND du*'
 *
 * Lucene's syntax characters are escaped, so user text can never change the query's structure.
 * Wildcard terms are not analysed by Lucene, so accents and case are folded here, the same way the
 * index's `standard-folding` analyzer folds the names.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

export function toFulltextQuery(text: string): string | null {
  const words = foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 10);
  if (words.length === 0) return null;
  return words.map((w) => `${w}*`).join(' AND ');
}
