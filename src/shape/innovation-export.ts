/**
 * Do innovating SMEs export more? Among the companies of the territory that innovate
 * (`innovates: true`), the share that export (`exports: true`), against the same share among those
 * that do not innovate (`innovates: false`). Companies whose `innovates` is unknown are left out;
 * an unknown `exports` counts as not exporting. The article reports 1 in 2 against 1 in 20.
 *
 *   await innovationExport(db, { within: 'region:32' })
 *   // { innovatingCount: 10, innovatingShareExporting: 0.5, otherCount: 40, otherShareExporting: 0.05 }
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { MEMBERS, TERRITORY } from './actor-graph.ts';
import { DEFAULT_PRESENCE, type Presence } from '../territories/presence.ts';

export interface InnovationExportRecord {
  innovatingCount: number;
  innovatingExportingCount: number;
  innovatingShareExporting: number;
  otherCount: number;
  otherExportingCount: number;
  otherShareExporting: number;
}

const QUERY = `
${TERRITORY}
CALL (t) {
  ${MEMBERS}
  WITH a WHERE a:Company AND a.innovates IS NOT NULL
  RETURN
    count(CASE WHEN a.innovates THEN 1 END) AS innovatingCount,
    count(CASE WHEN a.innovates AND a.exports = true THEN 1 END) AS innovatingExportingCount,
    count(CASE WHEN NOT a.innovates THEN 1 END) AS otherCount,
    count(CASE WHEN NOT a.innovates AND a.exports = true THEN 1 END) AS otherExportingCount
}
RETURN innovatingCount, innovatingExportingCount, otherCount, otherExportingCount`;

export async function innovationExport(
  db: Database,
  args: { within?: string | null | undefined; presence?: Presence | null | undefined },
  options?: QueryOptions,
): Promise<InnovationExportRecord> {
  const rows = await db.read<Omit<InnovationExportRecord, 'innovatingShareExporting' | 'otherShareExporting'>>(
    QUERY,
    { within: args.within ?? null, presence: args.presence ?? DEFAULT_PRESENCE, kinds: ['COMPANY'] },
    options,
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('territory', String(args.within));
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    ...row,
    innovatingShareExporting: share(row.innovatingExportingCount, row.innovatingCount),
    otherShareExporting: share(row.otherExportingCount, row.otherCount),
  };
}
