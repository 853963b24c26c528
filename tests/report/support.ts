/**
 * What the report tests share: only Hauts-de-France's geography (the article's région; the whole
 * of France would take minutes to seed).
 */
import type { GeographyData } from '../../src/seed/geography.ts';

export function hautsDeFrance(data: GeographyData): GeographyData {
  const communes = data.communes.filter((c) => c.region === '32');
  const codes = new Set(communes.map((c) => c.code));
  return {
    regions: data.regions.filter((r) => r.code === '32'),
    departements: data.departements.filter((d) => d.region === '32'),
    communes,
    epci: data.epci.filter((e) => e.membres.some((m) => codes.has(m.code))),
  };
}
