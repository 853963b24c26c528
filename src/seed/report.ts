/**
 * What a seed did: nodes per label set and relationships per type, created / updated / unchanged.
 *
 *   formatReport(report)
 *   // seed "article": 41 nodes, 63 relationships in 0.4 s
 *   //   nodes                    created  updated  unchanged
 *   //   Actor:University               1        0          0
 */
export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SeedReport {
  source: string;
  dryRun: boolean;
  validated: { nodes: number; relationships: number; answers: number };
  /** Keyed by the node's labels (without Entity), e.g. "Actor:University". */
  nodes: Map<string, Tally>;
  /** Keyed by relationship type. */
  relationships: Map<string, Tally>;
  ms: number;
  /** Read but perhaps not meant (unknown columns...): printed, nothing refused. */
  warnings: { where: string; message: string }[];
}

export function emptyReport(source: string, dryRun: boolean): SeedReport {
  return { source, dryRun, validated: { nodes: 0, relationships: 0, answers: 0 }, nodes: new Map(), relationships: new Map(), ms: 0, warnings: [] };
}

export function tally(into: Map<string, Tally>, key: string, counts: { rows: number; created: number; updated: number }): void {
  const t = into.get(key) ?? { created: 0, updated: 0, unchanged: 0 };
  t.created += counts.created;
  t.updated += counts.updated;
  t.unchanged += counts.rows - counts.created - counts.updated;
  into.set(key, t);
}

export function totals(map: Map<string, Tally>): Tally {
  const t = { created: 0, updated: 0, unchanged: 0 };
  for (const v of map.values()) {
    t.created += v.created;
    t.updated += v.updated;
    t.unchanged += v.unchanged;
  }
  return t;
}

/** A plain-text table, for the command line and the logs. */
export function formatReport(report: SeedReport): string {
  const verb = report.dryRun ? 'would be' : '';
  const n = totals(report.nodes);
  const r = totals(report.relationships);
  const lines = [
    `${report.dryRun ? 'Dry run of' : 'Seeded'} "${report.source}" in ${(report.ms / 1000).toFixed(1)} s: ` +
      `nodes ${n.created} created, ${n.updated} updated, ${n.unchanged} unchanged; ` +
      `relationships ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged${verb ? ` (${verb} changed: nothing written)` : ''}.`,
  ];
  const table = (title: string, map: Map<string, Tally>) => {
    if (map.size === 0) return;
    const width = Math.max(title.length, ...[...map.keys()].map((k) => k.length)) + 2;
    lines.push(`  ${title.padEnd(width)}${'created'.padStart(10)}${'updated'.padStart(10)}${'unchanged'.padStart(11)}`);
    for (const [key, t] of [...map].sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`  ${key.padEnd(width)}${String(t.created).padStart(10)}${String(t.updated).padStart(10)}${String(t.unchanged).padStart(11)}`);
  };
  table('nodes', report.nodes);
  table('relationships', report.relationships);
  for (const w of report.warnings) lines.push(`  warning: ${w.where}: ${w.message}`);
  return lines.join('\n');
}

/** The report as plain JSON (for logs and tests). */
export function reportJson(report: SeedReport): Record<string, unknown> {
  return {
    source: report.source,
    dryRun: report.dryRun,
    ms: Math.round(report.ms),
    nodes: Object.fromEntries(report.nodes),
    relationships: Object.fromEntries(report.relationships),
    warnings: report.warnings,
  };
}
