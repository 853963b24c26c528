/**
 * A seed file sent to the running service (GraphQL multipart upload, `importFile`): read with the
 * same readers and checks as `npm run seed`, then a dry run (what would change) or the import.
 *
 *   await importUploadedFile(db, file, true)   // { ok: false, problems: [{ where: 'actors.csv:4', ... }], ... }
 */
import { loadConfig } from '../config.ts';
import type { Database } from '../neo4j/database.ts';
import { seed } from '../seed/load.ts';
import { type SeedReport } from '../seed/report.ts';
import { emptyCollected, readSeedBytes, SEED_FILE_PATTERN } from '../seed/read-files.ts';
import { arraySource } from '../seed/format.ts';
import { SeedValidationError } from '../seed/validate.ts';

export interface ImportReportRecord {
  dryRun: boolean;
  ok: boolean;
  problems: { where: string; message: string }[];
  problemCount: number;
  warnings: { where: string; message: string }[];
  nodes: { key: string; created: number; updated: number; unchanged: number }[];
  relationships: { key: string; created: number; updated: number; unchanged: number }[];
}

const counts = (map: SeedReport['nodes']) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => ({ key, ...t }));

export async function importUploadedFile(db: Database, file: File, dryRun: boolean, maxBytes = loadConfig().limits.seedMaxFileBytes): Promise<ImportReportRecord> {
  const name = file.name || 'upload';
  const refused = (message: string): ImportReportRecord => ({ dryRun, ok: false, problems: [{ where: name, message }], problemCount: 1, warnings: [], nodes: [], relationships: [] });
  if (!SEED_FILE_PATTERN.test(name)) return refused('expected a .json, .csv, .xlsx, .gexf or .graphml file');
  if (file.size > maxBytes) return refused(`is ${Math.ceil(file.size / 1_048_576)} MB; the limit is ${Math.floor(maxBytes / 1_048_576)} MB per file (SEED_MAX_FILE_MB)`);
  const collected = emptyCollected();
  const pending: Promise<void>[] = [];
  readSeedBytes(new Uint8Array(await file.arrayBuffer()), name, name, name, collected, {}, pending);
  await Promise.all(pending);
  const source = arraySource(name, collected);
  source.warnings = collected.warnings;
  try {
    const report = await seed(db, source, { dryRun });
    return { dryRun, ok: true, problems: [], problemCount: 0, warnings: report.warnings, nodes: counts(report.nodes), relationships: counts(report.relationships) };
  } catch (err) {
    if (!(err instanceof SeedValidationError)) throw err;
    return { dryRun, ok: false, problems: err.problems, problemCount: err.total, warnings: err.warnings, nodes: [], relationships: [] };
  }
}
