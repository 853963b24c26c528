/**
 * A commune as people write it in a spreadsheet, turned into its INSEE code: the code itself
 * ("80021", or "commune:80021"), the code with its leading zero lost ("2691" for 02691), a postal
 * code ("80000"), or a name ("Amiens", "Saint-Quentin (02)", or with a département column).
 * Ambiguous or unknown places are an error naming the candidates and what is expected.
 *
 *   resolveCommune('Saint-Quentin')         // { error: '"Saint-Quentin" names 2 communes: ... (02) 02691, ...' }
 *   resolveCommune('Saint-Quentin (02)')    // { code: '02691', name: 'Saint-Quentin' }
 *   resolveCommune('80000')                 // { code: '80021', name: 'Amiens' }   (postal code)
 *
 * The communes are those of @etalab/decoupage-administratif, the package the geography seed reads.
 */
import { closest, distance } from 'fastest-levenshtein';
import { normalizeName } from './columns.ts';
import { loadGeographyData } from './geography.ts';

interface CommuneEntry {
  code: string;
  name: string;
  departement: string;
}

interface Index {
  byCode: Map<string, CommuneEntry>;
  byPostal: Map<string, CommuneEntry[]>;
  byName: Map<string, CommuneEntry[]>;
  names: string[];
}

let index: Index | undefined;

function communeIndex(): Index {
  if (index) return index;
  const byCode = new Map<string, CommuneEntry>();
  const byPostal = new Map<string, CommuneEntry[]>();
  const byName = new Map<string, CommuneEntry[]>();
  for (const c of loadGeographyData().communes as { code: string; nom: string; departement: string; codesPostaux?: string[] }[]) {
    const entry = { code: c.code, name: c.nom, departement: c.departement };
    byCode.set(c.code, entry);
    for (const cp of c.codesPostaux ?? []) byPostal.set(cp, [...(byPostal.get(cp) ?? []), entry]);
    const key = nameKey(c.nom);
    byName.set(key, [...(byName.get(key) ?? []), entry]);
  }
  index = { byCode, byPostal, byName, names: [...byName.keys()] };
  return index;
}

/** "St-Quentin", "SAINT QUENTIN" and "Saint-Quentin" are one name. */
function nameKey(name: string): string {
  return normalizeName(name.replace(/\b(st|ste)\b\.?/gi, (m) => (m.toLowerCase().startsWith('ste') ? 'sainte' : 'saint')));
}

const show = (c: CommuneEntry) => `${c.name} (${c.departement}) ${c.code}`;
const EXPECTED = 'expected an INSEE code (e.g. 80021 for Amiens), a postal code, or a name with its département, e.g. "Saint-Quentin (02)"';

function listOf(candidates: CommuneEntry[], max = 8): string {
  const shown = candidates.slice(0, max).map(show).join(', ');
  return candidates.length > max ? `${shown}, and ${candidates.length - max} more` : shown;
}

export type Resolved = { code: string; name: string } | { error: string };

/** A département code as written: "2" -> "02", "2a" -> "2A", "02 - Aisne" -> "02". */
function departementCode(text: string): string | undefined {
  const m = /^\s*(\d{1,3}|2[abAB])\b/.exec(text);
  if (!m?.[1]) return undefined;
  const code = m[1].toUpperCase();
  return code.length === 1 ? `0${code}` : code;
}

export function resolveCommune(written: string, hints: { departement?: string; postalCode?: string } = {}): Resolved {
  const { byCode, byPostal, byName, names } = communeIndex();
  const text = written.trim().replace(/^commune:/i, '');
  const found = (c: CommuneEntry) => ({ code: c.code, name: c.name });

  if (/^\d[\dAB]\d{3}$/i.test(text) || /^\d{4}$/.test(text)) {
    // A code. INSEE first (it is what we store), then a postal code; 4 digits lost their leading zero.
    const code = text.length === 4 ? `0${text}` : text.toUpperCase();
    const insee = byCode.get(code);
    if (insee) return found(insee);
    const postal = byPostal.get(code);
    if (postal?.length === 1 && postal[0]) return found(postal[0]);
    if (postal && postal.length > 1)
      return { error: `"${written}" is the postal code of ${postal.length} communes: ${listOf(postal)}; ${EXPECTED}` };
    return { error: `"${written}" is neither an INSEE code nor a postal code of a current commune; ${EXPECTED}` };
  }

  // A name, perhaps followed by its département: "Saint-Quentin (02)", "Saint-Quentin, 02", "Saint-Quentin 02".
  const m = /^(.*?)[\s,]*(?:\(\s*([0-9]{1,3}|2[abAB])\s*\)|,\s*([0-9]{1,3}|2[abAB])|\s([0-9]{2,3}|2[abAB]))\s*$/.exec(text);
  const name = m?.[1] ?? text;
  const dep = departementCode(m?.[2] ?? m?.[3] ?? m?.[4] ?? hints.departement ?? '');
  let candidates = byName.get(nameKey(name)) ?? [];
  if (candidates.length === 0) {
    const key = nameKey(name);
    const near = key ? closest(key, names) : undefined;
    const hint = near && distance(key, near) <= Math.max(1, Math.floor(key.length / 5)) ? ` Did you mean ${listOf(byName.get(near) ?? [], 4)}?` : '';
    return { error: `"${written}" is not the name of a current commune; ${EXPECTED}.${hint}` };
  }
  if (dep) {
    const inDep = candidates.filter((c) => c.departement === dep);
    if (inDep.length === 0) return { error: `no commune named "${name}" in département ${dep}; communes of that name: ${listOf(candidates)}` };
    candidates = inDep;
  }
  if (candidates.length > 1 && hints.postalCode) {
    const byCp = new Set((byPostal.get(hints.postalCode.trim()) ?? []).map((c) => c.code));
    const matching = candidates.filter((c) => byCp.has(c.code));
    if (matching.length) candidates = matching;
  }
  if (candidates.length === 1 && candidates[0]) return found(candidates[0]);
  return {
    error: `"${written}" names ${candidates.length} communes: ${listOf(candidates)}; add the département, e.g. "${name} (${candidates[0]?.departement ?? '02'})", a departement column, or give the INSEE code`,
  };
}
