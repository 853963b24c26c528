/**
 * networkShape(within): the shape of exactly the actor graph of actor-graph.ts, computed by the
 * engine that suits its size, with the territory's indicators (coverage, innovation -> export).
 *
 *   await networkShape(db, { within: 'epci:248000747' })
 *   // { engine: 'graphology', actorCount: 12, linkCount: 30, density: 0.45, hubsByDegree: [...],
 *   //   communities: [...], coverage: { share: 0.5, ... }, innovationExport: { ... }, ... }
 *
 * Engine choice (one code path, by size): up to GRAPHOLOGY_MAX_ACTORS actors the graph is read
 * into the service and measured with graphology (no projection round trips, exact betweenness);
 * above, it is projected into GDS and measured inside Neo4j, the links never leave the database.
 * Both engines give the same numbers on the same graph (tests/shape/engines.test.ts).
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { ACTOR_COUNT, actorGraph, actorGraphParams } from './actor-graph.ts';
import { type CoverageRecord, coverage } from './coverage.ts';
import { computeWithGds, type GdsOptions } from './engine-gds.ts';
import { computeWithGraphology } from './engine-graphology.ts';
import { type InnovationExportRecord, innovationExport } from './innovation-export.ts';
import { type ShapeSummary, summarise } from './metrics.ts';
import type { EngineName } from './node-metrics.ts';

/** Above this many actors the GDS engine is used (graphology keeps the whole graph in memory). */
export const GRAPHOLOGY_MAX_ACTORS = 2_000;

export interface NetworkShapeRecord extends ShapeSummary {
  within: string | null;
  coverage: CoverageRecord;
  innovationExport: InnovationExportRecord;
}

export interface NetworkShapeOptions extends QueryOptions, GdsOptions {
  /** Force an engine (tests compare them); by default chosen by size. */
  engine?: EngineName;
}

export function chooseEngine(actorCount: number): EngineName {
  return actorCount <= GRAPHOLOGY_MAX_ACTORS ? 'graphology' : 'gds';
}

export async function networkShape(
  db: Database,
  args: { within?: string | null | undefined },
  options: NetworkShapeOptions = {},
): Promise<NetworkShapeRecord> {
  const within = args.within ?? null;
  const queryOptions: QueryOptions = { observer: options.observer, timeoutMs: options.timeoutMs ?? 120_000 };
  const [counted] = await db.read<{ actorCount: number }>(ACTOR_COUNT, actorGraphParams({ within }), queryOptions);
  if (!counted) throw new NotFoundError('territory', String(within));
  const engine = options.engine ?? chooseEngine(counted.actorCount);
  const metrics =
    engine === 'graphology' || counted.actorCount === 0
      ? computeWithGraphology(await actorGraph(db, { within }, queryOptions))
      : await computeWithGds(db, { within }, options);
  const [covered, innovation] = await Promise.all([
    coverage(db, { within }, queryOptions),
    innovationExport(db, { within }, queryOptions),
  ]);
  return { ...summarise(metrics), within, coverage: covered, innovationExport: innovation };
}
