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

export interface ImportProblemRecord {
  where: string;
  message: string;
  line: number | null;
  column: string | null;
}

export interface ImportReportRecord {
  dryRun: boolean;
  ok: boolean;
  problems: ImportProblemRecord[];
  problemCount: number;
  warnings: ImportProblemRecord[];
  nodes: { key: string; created: number; updated: number; unchanged: number }[];
  relationships: { key: string; created: number; updated: number; unchanged: number }[];
}

/**
 * The line and column of a problem, read from what the readers write (`actors.csv:4`,
 * `reseau.xlsx [Acteurs]:3`, `x.json:2:17`; `column kind: ...`, `expected a value in column name`),
 * so that a page can show them apart from the message.
 */
export function locate(problem: { where: string; message: string }): ImportProblemRecord {
  const at = /:(\d+)(?::(\d+))?$/.exec(problem.where);
  const named = /(?:^column|in column|unknown column) "?(\w+)/.exec(problem.message);
  return { ...problem, line: at ? Number(at[1]) : null, column: at?.[2] ?? named?.[1] ?? null };
}

const counts = (map: SeedReport['nodes']) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([key, t]) => ({ key, ...t }));

export async function importUploadedFile(db: Database, file: File, dryRun: boolean, maxBytes = loadConfig().limits.seedMaxFileBytes): Promise<ImportReportRecord> {
  const name = file.name || 'upload';
  const refused = (message: string): ImportReportRecord => ({ dryRun, ok: false, problems: [locate({ where: name, message })], problemCount: 1, warnings: [], nodes: [], relationships: [] });
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
    return { dryRun, ok: true, problems: [], problemCount: 0, warnings: report.warnings.map(locate), nodes: counts(report.nodes), relationships: counts(report.relationships) };
  } catch (err) {
    if (!(err instanceof SeedValidationError)) throw err;
    return { dryRun, ok: false, problems: err.problems.map(locate), problemCount: err.total, warnings: err.warnings.map(locate), nodes: [], relationships: [] };
  }
}
