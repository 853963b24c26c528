/**
 * What the report tests share: only Hauts-de-France's geography (the article's région; the whole
 * of France would take minutes to seed).
 */
import { type GeographyData, geographyPart } from '../../src/seed/geography.ts';

export function hautsDeFrance(data: GeographyData): GeographyData {
  return geographyPart(data, { region: '32' });
}
