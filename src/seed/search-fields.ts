/**
 * Adds the French search fields (src/search/french.ts) to actor and territory rows as the loader
 * writes them, so that every seed, built-in or a user's folder, is searchable the same way.
 *
 *   withSearchFields(['Territory', 'Commune'], [{ id: 'commune:80523', properties: { name: 'Méaulte', code: '80523' }, defaults: undefined }])
 *   // properties gain searchNames: ['meaulte'] and searchText: 'meaulte 80523 ...'
 *
 * A row naming its node only in `defaults` (the article naming a commune the geography owns) gets
 * the fields among its defaults: written only when the row creates the node, like the name itself.
 */
import { MODEL } from '../domain/model.ts';
import { searchFields } from '../search/french.ts';
import type { Properties } from './format.ts';
import type { NodeWrite } from './queries.ts';

const SEARCHABLE = new Set(['Actor', 'Territory']);

/**
 * Properties the writers derive (search fields from the name, stored presence): never exported,
 * since an import writes them again. Owned by the model (src/domain/model.ts).
 */
export const DERIVED_PROPERTIES: readonly string[] = MODEL.derivedProperties;

function fieldsOf(props: Properties): Properties | undefined {
  const name = props.name;
  if (typeof name !== 'string') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const postal = Array.isArray(props.postalCodes) ? props.postalCodes.filter((p): p is string => typeof p === 'string') : undefined;
  const f = searchFields({ name, shortName: text(props.shortName), code: text(props.code), postalCodes: postal });
  return { searchNames: f.searchNames, searchText: f.searchText };
}

export function withSearchFields(labels: readonly string[], rows: NodeWrite[]): NodeWrite[] {
  if (!labels.some((l) => SEARCHABLE.has(l))) return rows;
  return rows.map((row) => {
    const own = fieldsOf(row.properties);
    if (own) return { ...row, properties: { ...row.properties, ...own } };
    if (row.defaults) {
      const fromDefaults = fieldsOf({ ...row.properties, ...row.defaults });
      if (fromDefaults) return { ...row, defaults: { ...row.defaults, ...fromDefaults } };
    }
    return row;
  });
}
