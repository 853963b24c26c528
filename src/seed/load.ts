/**
 * The loader: validates a whole source, then writes it in batches, each batch one transaction of
 * `UNWIND ... MERGE` on stable ids, so that seeding twice changes nothing and a seed killed half-way
 * and run again ends with the same graph and no duplicate.
 *
 *   const report = await seed(db, builtInSource('article'), { batchSize: 5000 });
 *   report.nodes   // [{ key: 'Actor:University', created: 1, updated: 0, unchanged: 0 }, ...]
 *
 * Order: nodes (grouped by label set), then relationships (grouped by type; both ends exist by then,
 * so no relationship is ever half-made), then survey answers and the NEEDS they add up to.
 */
import type { Database } from '../neo4j/database.ts';
import type { AnswerRow, NodeRow, Properties, RelRow, SeedSource } from './format.ts';
import { type SeedReport, type Tally, emptyReport, tally } from './report.ts';
import { ANSWER_ID_PREFIX, SeedValidationError, validateSource } from './validate.ts';
import { aggregateNeeds } from './survey.ts';

/**
 * Rows per transaction. Measured on synthetic data (`npm run bench:seed -- --batch-sweep ...`,
 * docs/benchmarks.md): 1,000 and 2,000 rows are clearly slower; from 5,000 to 20,000 throughput is
 * the same within the (large) noise of the machine, while bigger batches hold more memory and lose
 * more work when interrupted.
 */
export const DEFAULT_BATCH_SIZE = 5_000;

export type SeedPhase = 'validating' | 'nodes' | 'relationships' | 'answers' | 'needs';

export interface SeedProgress {
  phase: SeedPhase;
  /** Rows written (or checked, in a dry run) so far in this phase. */
  done: number;
  /** Rows in this phase, when known. */
  total: number | undefined;
  /** Batches committed so far, all phases together. */
  batches: number;
}

export interface SeedOptions {
  batchSize?: number;
  /** Validate and count what would change; write nothing. */
  dryRun?: boolean;
  /** Called after each batch; throwing from it stops the seed (what an interrupt does). */
  onProgress?: (progress: SeedProgress) => void;
  signal?: AbortSignal;
}

export class SeedAbortedError extends Error {
  override name = 'SeedAbortedError';
}

const quote = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/*
 * Written batches tell created from updated without a second look-up per row: a node the MERGE
 * has just made has only its `id`, a relationship it has just made has no property, while every
 * row we write carries at least `source` (seed() sees to it). Reading the state before MERGE with
 * an extra OPTIONAL MATCH cost a third of the time.
 */
function nodeCypher(labels: string[], dryRun: boolean): string {
  const setLabels = labels.map(quote).join(':');
  if (dryRun) {
    return `
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
RETURN count(*) AS rows,
  sum(CASE WHEN old IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN old IS NOT NULL AND (properties(old) <> apoc.map.merge(properties(old), row.properties)
      OR any(l IN $labels WHERE NOT l IN labels(old))) THEN 1 ELSE 0 END) AS updated`;
  }
  return `
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, properties(n) AS before, size(labels(n)) AS labelCount
WITH n, row, before, labelCount, size(keys(before)) = 1 AS isNew
SET n:${setLabels}, n += row.properties
SET n += CASE WHEN isNew THEN row.defaults ELSE {} END
RETURN count(*) AS rows,
  sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT isNew AND (before <> properties(n) OR labelCount <> size(labels(n))) THEN 1 ELSE 0 END) AS updated`;
}

function relCypher(type: string, dryRun: boolean): string {
  const t = quote(type);
  if (dryRun) {
    return `
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.from})
OPTIONAL MATCH (b:Entity {id: row.to})
OPTIONAL CALL (a, b) { MATCH (a)-[o:${t}]->(b) RETURN properties(o) AS before LIMIT 1 }
RETURN count(*) AS rows,
  sum(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN before IS NOT NULL AND before <> apoc.map.merge(before, row.properties) THEN 1 ELSE 0 END) AS updated`;
  }
  return `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:${t}]->(b)
WITH r, row, properties(r) AS before
SET r += row.properties
RETURN count(*) AS rows,
  sum(CASE WHEN size(keys(before)) = 0 THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN size(keys(before)) > 0 AND before <> properties(r) THEN 1 ELSE 0 END) AS updated`;
}

interface BatchCounts {
  rows: number;
  created: number;
  updated: number;
}

/** Survey answers are stored as nodes keyed by answer id: re-importing one replaces it. */
export function answerNode(answer: AnswerRow): NodeRow {
  return {
    id: `${ANSWER_ID_PREFIX}${answer.answer}`,
    labels: ['SurveyAnswer'],
    properties: {
      company: answer.company,
      competency: answer.competency,
      priority: answer.priority,
      source: answer.source,
      ...(answer.source === 'synthetic' ? { synthetic: true } : {}),
    },
    origin: answer.origin,
  };
}

/** Validates the whole source, then writes it (unless `dryRun`). Throws SeedValidationError on bad input, writing nothing. */
export async function seed(db: Database, source: SeedSource, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive whole number, got ${batchSize}`);
  const dryRun = options.dryRun ?? false;
  let batches = 0;
  const progress = (phase: SeedPhase, done: number, total: number | undefined) =>
    options.onProgress?.({ phase, done, total, batches });

  progress('validating', 0, undefined);
  const summary = await validateSource(db, source);
  if (summary.total > 0) throw new SeedValidationError(summary.problems, summary.total);

  const report = emptyReport(source.name, dryRun);
  report.validated = { nodes: summary.nodes, relationships: summary.relationships, answers: summary.answers };
  const checkAbort = () => {
    if (options.signal?.aborted) throw new SeedAbortedError(`Seeding stopped after ${batches} batches.`);
  };

  const runBatches = async <R>(
    phase: SeedPhase,
    rows: Iterable<R>,
    total: number,
    keyOf: (row: R) => string,
    write: (key: string, batch: R[]) => Promise<BatchCounts>,
    into: Map<string, Tally>,
  ) => {
    const buffers = new Map<string, R[]>();
    let done = 0;
    // One batch in flight while the next is being gathered: the client's work (reading or
    // generating rows) overlaps the server's, and the server still sees one transaction at a time.
    let inFlight: Promise<void> | undefined;
    const flush = async (key: string, batch: R[]) => {
      await inFlight;
      checkAbort();
      inFlight = write(key, batch).then((counts) => {
        tally(into, key, counts);
        batches += 1;
        done += batch.length;
        progress(phase, done, total);
      });
      // Surface a failure at the next await, not as an unhandled rejection meanwhile.
      inFlight.catch(() => undefined);
    };
    for (const row of rows) {
      const key = keyOf(row);
      let buffer = buffers.get(key);
      if (!buffer) buffers.set(key, (buffer = []));
      buffer.push(row);
      if (buffer.length >= batchSize) {
        buffers.set(key, []);
        await flush(key, buffer);
      }
    }
    for (const [key, buffer] of buffers) if (buffer.length) await flush(key, buffer);
    await inFlight;
  };

  // A dry run only reads: the same batches, asking what each would change.
  const run = <T extends BatchCounts>(cypher: string, params: Record<string, unknown>) =>
    dryRun ? db.read<T>(cypher, params, { timeoutMs: 120_000 }) : db.write<T>(cypher, params, { timeoutMs: 120_000 });

  const writeNodes = async (key: string, batch: NodeRow[]) => {
    const labels = key.split(':');
    const [counts] = await run<BatchCounts>(nodeCypher(labels, dryRun), {
      labels: ['Entity', ...labels],
      rows: batch.map((n) => ({
        id: n.id,
        // Every written node carries a source (created-or-not above relies on it).
        properties: n.defaults || n.properties.source !== undefined ? n.properties : { ...n.properties, source: source.name },
        defaults: n.defaults ? { source: source.name, ...n.defaults } : {},
      })),
    });
    return counts ?? { rows: 0, created: 0, updated: 0 };
  };
  const nodeKey = (n: NodeRow) => [...new Set(n.labels.filter((l) => l !== 'Entity'))].sort().join(':');

  await runBatches('nodes', source.nodes(), summary.nodes, nodeKey, writeNodes, report.nodes);
  await runBatches(
    'relationships',
    source.relationships(),
    summary.relationships,
    (r: RelRow) => r.type,
    async (type, batch) => {
      const [counts] = await run<BatchCounts>(relCypher(type, dryRun), {
        rows: batch.map((r) => ({
          from: r.from,
          to: r.to,
          properties: (r.properties.source !== undefined ? r.properties : { ...r.properties, source: source.name }) as Properties,
        })),
      });
      return counts ?? { rows: 0, created: 0, updated: 0 };
    },
    report.relationships,
  );
  if (summary.answers > 0) {
    const companies = new Set<string>();
    const answerNodes = function* () {
      for (const answer of source.answers()) {
        companies.add(answer.company);
        yield answerNode(answer);
      }
    };
    await runBatches('answers', answerNodes(), summary.answers, nodeKey, writeNodes, report.nodes);
    if (!dryRun) {
      const needs = await aggregateNeeds(db, [...companies], {
        batchSize,
        onBatch: (done) => {
          checkAbort();
          batches += 1;
          progress('needs', done, companies.size);
        },
      });
      tally(report.relationships, 'NEEDS', needs);
    }
  }
  report.ms = performance.now() - started;
  return report;
}
