/**
 * Accent- and case-insensitive text keys, the way the API's `actors(search)` matches names.
 *
 *   fold('Méaulte')   // "meaulte"
 */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** Escapes text for innerHTML templates (names come from the database). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const KIND_LABELS: Record<string, string> = {
  INSTITUTE: 'Institute',
  UNIVERSITY: 'University',
  COMPANY: 'Company',
  CLUSTER: 'Cluster',
  FUNDER: 'Funder',
  CHAMBER: 'Chamber',
  LOCAL_AUTHORITY: 'Local authority',
  REGION: 'Région',
  OTHER: 'Event, programme, person',
};

export const LEVEL_LABELS: Record<string, string> = {
  REGION: 'région',
  DEPARTMENT: 'département',
  EPCI: 'EPCI',
  COMMUNE: 'commune',
  INDUSTRIAL_TERRITORY: 'industrial territory',
};

export function formatNumber(value: number, digits = 2): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits });
}
