/**
 * The loader: validates a whole source, then writes it in batches, each batch one transaction
 * (`UNWIND` over the batch's columns, see queries.ts), so that seeding twice changes nothing and a
 * seed killed half-way and run again ends with the same graph and no duplicate.
 *
 *   const report = await seed(db, builtInSource('article'), { batchSize: 5000 });
 *   report.nodes   // Map { 'Actor:University' => { created: 1, updated: 0, unchanged: 0 }, ... }
 *
 * Order: nodes (grouped by label set), then relationships (grouped by type; both ends exist by then,
 * so no relationship is ever half-made), then survey answers and the NEEDS they add up to.
 * What is new is CREATEd (nothing to look up), what may exist is MERGEd: see `fresh` below.
 */
import type { Database, WriteOptions } from '../neo4j/database.ts';
import type { AnswerRow, NodeRow, RelRow, SeedSource } from './format.ts';
import {
  type BatchCounts,
  type Statement,
  type WriteMode,
  createNodes,
  createRelationships,
  dryRunNodes,
  dryRunRelationships,
  mergeNodes,
  mergeRelationships,
  nodeWrites,
  relWrites,
} from './queries.ts';
import { type SeedReport, emptyReport, tally } from './report.ts';
import { ANSWER_ID_PREFIX, SeedValidationError, validateSource } from './validate.ts';
import { aggregateNeeds, forecastNeeds } from './survey.ts';
import { withSearchFields } from './search-fields.ts';
import { resolveCompetencies } from './references.ts';
import { presenceChange, presenceRefreshSteps } from '../territories/stored-presence.ts';

/**
 * Rows per transaction. Measured on synthetic data (`npm run bench:seed -- --batch-sweep ...`,
 * docs/benchmarks.md): 1,000 and 2,000 rows are clearly slower; from 5,000 to 20,000 throughput is
 * the same within the (large) noise of the machine, while bigger batches hold more memory and lose
 * more work when interrupted.
 */
export const DEFAULT_BATCH_SIZE = 5_000;

/**
 * Batches in flight at once: Neo4j commits one while it runs the next, and the client gathers a
 * third meanwhile. Distinct new nodes take no common lock; relationships that share a node may wait
 * on each other's lock, or deadlock and be retried whole by the driver (one transaction each).
 */
export const DEFAULT_CONCURRENCY = 2;

/** The database refused a node because its id is taken (Entity.id is unique). */
function isUniquenessViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

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
  /** Batches written at once (default DEFAULT_CONCURRENCY); 1 writes one transaction at a time. */
  concurrency?: number;
  /** Validate and count what would change; write nothing. */
  dryRun?: boolean;
  /** Called after each batch; throwing from it stops the seed (what an interrupt does). */
  onProgress?: (progress: SeedProgress) => void;
  signal?: AbortSignal;
}

export class SeedAbortedError extends Error {
  override name = 'SeedAbortedError';
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
export async function seed(db: Database, given: SeedSource, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive whole number, got ${batchSize}`);
  const dryRun = options.dryRun ?? false;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive whole number, got ${concurrency}`);
  let batches = 0;
  const progress = (phase: SeedPhase, done: number, total: number | undefined) =>
    options.onProgress?.({ phase, done, total, batches });

  progress('validating', 0, undefined);
  await given.prepare?.();
  const source = await resolveCompetencies(db, given);
  const summary = await validateSource(db, source);
  if (summary.total > 0) throw new SeedValidationError(summary.problems, summary.total, source.warnings);

  const report = emptyReport(source.name, dryRun);
  report.warnings = source.warnings ?? [];
  report.validated = { nodes: summary.nodes, relationships: summary.relationships, answers: summary.answers };
  const checkAbort = () => {
    if (options.signal?.aborted) throw new SeedAbortedError(`Seeding stopped after ${batches} batches.`);
  };

  const runBatches = async <R>(
    phase: SeedPhase,
    rows: Iterable<R>,
    total: number,
    groupOf: (row: R) => string,
    write: (group: string, batch: R[]) => Promise<void>,
  ) => {
    const buffers = new Map<string, R[]>();
    let done = 0;
    // Up to `concurrency` batches in flight while the next is being gathered: the client's work
    // (reading or generating rows) overlaps the server's, and the server commits one batch while
    // it runs another.
    const inFlight = new Set<Promise<void>>();
    const flush = async (group: string, batch: R[]) => {
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (options.signal?.aborted) {
        await Promise.all(inFlight);
        checkAbort();
      }
      const pending = write(group, batch).then(() => {
        batches += 1;
        done += batch.length;
        progress(phase, done, total);
      });
      inFlight.add(pending);
      // A failure surfaces at the next await of it (race or all), not as an unhandled rejection meanwhile.
      pending.then(
        () => inFlight.delete(pending),
        () => undefined,
      );
    };
    try {
      for (const row of rows) {
        const group = groupOf(row);
        let buffer = buffers.get(group);
        if (!buffer) buffers.set(group, (buffer = []));
        buffer.push(row);
        if (buffer.length >= batchSize) {
          buffers.set(group, []);
          await flush(group, buffer);
        }
      }
      for (const [group, buffer] of buffers) if (buffer.length) await flush(group, buffer);
      await Promise.all(inFlight);
    } catch (err) {
      // Let the other batch finish (committed or not) before reporting: nothing keeps running after us.
      await Promise.allSettled(inFlight);
      throw err;
    }
  };

  const timeout = { timeoutMs: db.budgets.seedMs };

  /*
   * Nodes are first CREATEd, a batch at a time: the uniqueness constraint on Entity.id makes a batch
   * holding an id the database already has fail whole (nothing of it is written), and that batch is
   * MERGEd instead, as are the next ones until a merged batch turns out to have been all new. The
   * ids this run created are remembered: a relationship touching one of them cannot exist yet
   * (relationships are written after every node, each given once), so it is CREATEd, not MERGEd.
   * Re-seeding, or resuming an interrupted seed, finds its nodes in the database and merges
   * everything: no duplicate either way. (A writer linking these new nodes concurrently, between
   * our node and relationship phases, could see its link doubled: seed a database nobody writes.)
   */
  const fresh = new Set<string>();
  let tryCreate = !dryRun;
  /** `around`: the presence refresh's steps, in the statement's transaction (src/territories/stored-presence.ts). */
  const exec = async (statement: Statement, mode: 'READ' | 'WRITE', around: WriteOptions = {}) => {
    const rows = await (mode === 'READ'
      ? db.read<BatchCounts>(statement.cypher, statement.params, timeout)
      : db.write<BatchCounts>(statement.cypher, statement.params, { ...timeout, ...around }));
    return rows[0] ?? { rows: 0, created: 0, updated: 0 };
  };
  const writeNodes = async (labelKey: string, batch: NodeRow[]) => {
    const labels = labelKey.split(':');
    const rows = withSearchFields(labels, nodeWrites(batch, source.name));
    let counts: BatchCounts | undefined;
    if (dryRun) counts = await exec(dryRunNodes(labels, rows), 'READ');
    // An actor written (new, or a territory becoming one) gets its stored presence in the same transaction.
    const around = labels.includes('Actor') ? presenceRefreshSteps(batch.map((n) => n.id), []) : {};
    if (!counts && tryCreate) {
      try {
        counts = await exec(createNodes(labels, rows), 'WRITE', around);
        for (const n of batch) fresh.add(n.id);
      } catch (err) {
        if (!isUniquenessViolation(err)) throw err;
        tryCreate = false;
      }
    }
    if (!counts) {
      counts = await exec(mergeNodes(labels, rows), 'WRITE', around);
      if (counts.created === batch.length) {
        tryCreate = true;
        for (const n of batch) fresh.add(n.id);
      }
    }
    tally(report.nodes, labelKey, counts);
  };
  const nodeKey = (n: NodeRow) => [...new Set(n.labels.filter((l) => l !== 'Entity'))].sort().join(':');

  const writeRelationships = async (group: string, batch: RelRow[]) => {
    const [mode, type = ''] = group.split(' ') as [WriteMode, string];
    const rows = relWrites(batch, source.name);
    const write = async () => {
      const plain = mode === 'create' ? createRelationships(type, rows) : mergeRelationships(type, rows);
      // Relationships that change presence refresh it in the same transaction (src/territories/stored-presence.ts).
      const change = presenceChange(type);
      if (!change) return exec(plain, 'WRITE');
      const from = batch.map((r) => r.from);
      const touched = change.touched === 'both' ? [...from, ...batch.map((r) => r.to)] : from;
      return exec(plain, 'WRITE', presenceRefreshSteps([...new Set(touched)], change.moved ? [...new Set(from)] : []));
    };
    const counts = dryRun ? await exec(dryRunRelationships(type, rows), 'READ') : await write();
    tally(report.relationships, type, counts);
  };
  const relGroup = (r: RelRow) => `${fresh.has(r.from) || fresh.has(r.to) ? 'create' : 'merge'} ${r.type}`;

  await runBatches('nodes', source.nodes(), summary.nodes, nodeKey, writeNodes);
  await runBatches('relationships', source.relationships(), summary.relationships, relGroup, writeRelationships);
  if (summary.answers > 0) {
    const companies = new Set<string>();
    const answerNodes = function* () {
      for (const answer of source.answers()) {
        companies.add(answer.company);
        yield answerNode(answer);
      }
    };
    await runBatches('answers', answerNodes(), summary.answers, nodeKey, writeNodes);
    if (dryRun) {
      // Companies that will exist: those of the database, and those of the input.
      const known = new Set<string>();
      for (const node of source.nodes()) if (node.labels.includes('Company')) known.add(node.id);
      const inDb = await db.read<{ id: string }>('UNWIND $ids AS id MATCH (c:Entity:Company {id: id}) RETURN c.id AS id', {
        ids: [...companies].filter((c) => !known.has(c)),
      });
      for (const row of inDb) known.add(row.id);
      tally(report.relationships, 'NEEDS', await forecastNeeds(db, source.answers(), known));
    } else {
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
