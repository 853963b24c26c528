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
 * Both engines give the same numbers on the same graph (tests/shape/networkx.test.ts).
 *
 * Only what `needs` asks for is computed (the GraphQL resolver reads it from the selection), the
 * indicators' queries run while the graph is measured, and answers are cached until the data
 * changes (shape-cache.ts).
 */
import type { Database, QueryOptions } from '../neo4j/database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { type ProjectedNode, project, toActorRecord } from '../domain/read-node.ts';
import type { ActorRecord } from '../domain/records.ts';
import { ACTOR_COUNT, actorGraph, actorGraphParams } from './actor-graph.ts';
import { type CoverageRecord, coverage } from './coverage.ts';
import { computeWithGds, type GdsOptions } from './engine-gds.ts';
import { computeWithGraphology } from './engine-graphology.ts';
import { type InnovationExportRecord, innovationExport } from './innovation-export.ts';
import { type ShapeSummary, summarise } from './metrics.ts';
import type { EngineName } from './node-metrics.ts';
import { cachedShape } from './shape-cache.ts';
import { DEFAULT_PRESENCE, type Presence } from '../territories/presence.ts';
import { ALL_NEEDS, needsKey } from './shape-needs.ts';

/** Above this many actors the GDS engine is used (graphology keeps the whole graph in memory). */
export const GRAPHOLOGY_MAX_ACTORS = 2_000;

export interface NetworkShapeRecord extends ShapeSummary {
  within: string | null;
  presence: Presence;
  /** Empty values when not asked for (needs.coverage false). */
  coverage: CoverageRecord;
  innovationExport: InnovationExportRecord;
}

export interface NetworkShapeOptions extends QueryOptions, GdsOptions {
  /** Force an engine (tests compare them); by default chosen by size. */
  engine?: EngineName;
  /** false: compute even if a cached answer is current (the benchmark measures both). */
  cache?: boolean;
}

export function chooseEngine(actorCount: number): EngineName {
  return actorCount <= GRAPHOLOGY_MAX_ACTORS ? 'graphology' : 'gds';
}

const NO_COVERAGE: CoverageRecord = { companyCount: 0, coveredCount: 0, share: 0, uncovered: [] };
const NO_INNOVATION: InnovationExportRecord = {
  innovatingCount: 0, innovatingExportingCount: 0, innovatingShareExporting: 0,
  otherCount: 0, otherExportingCount: 0, otherShareExporting: 0,
};

const FULL_RECORDS = `UNWIND $ids AS id MATCH (n:Entity:Actor {id: id}) RETURN ${project('n')} AS n`;

/** Replaces the light records of the GDS engine by full ones, for the actors the answer shows. */
async function completeActors(db: Database, summary: ShapeSummary, options: QueryOptions): Promise<ShapeSummary> {
  const shown = [
    ...summary.isolated, ...summary.articulationPoints,
    ...[summary.hubsByDegree, summary.hubsByPageRank, summary.brokers].flatMap((ranking) => ranking.map((entry) => entry.actor)),
    ...summary.communities.flatMap((community) => community.members),
  ];
  const ids = [...new Set(shown.map((actor) => actor.id))];
  if (ids.length === 0) return summary;
  const rows = await db.read<{ n: ProjectedNode }>(FULL_RECORDS, { ids }, options);
  const full = new Map(rows.map((row) => [row.n.id, toActorRecord(row.n)]));
  const complete = (actor: ActorRecord) => full.get(actor.id) ?? actor;
  const ranked = (ranking: ShapeSummary['brokers']) => ranking.map((entry) => ({ ...entry, actor: complete(entry.actor) }));
  return {
    ...summary,
    isolated: summary.isolated.map(complete),
    articulationPoints: summary.articulationPoints.map(complete),
    hubsByDegree: ranked(summary.hubsByDegree),
    hubsByPageRank: ranked(summary.hubsByPageRank),
    brokers: ranked(summary.brokers),
    communities: summary.communities.map((community) => ({ ...community, members: community.members.map(complete) })),
  };
}

async function computeShape(db: Database, within: string | null, presence: Presence, options: NetworkShapeOptions): Promise<NetworkShapeRecord> {
  const needs = options.needs ?? ALL_NEEDS;
  const queryOptions: QueryOptions = { observer: options.observer, timeoutMs: options.timeoutMs ?? db.budgets.shapeMs };
  const [counted] = await db.read<{ actorCount: number }>(ACTOR_COUNT, actorGraphParams({ within, presence }), queryOptions);
  if (!counted) throw new NotFoundError('territory', String(within));
  const engine = options.engine ?? chooseEngine(counted.actorCount);
  // The indicators are independent queries: they run while the graph is measured.
  const indicators = Promise.all([
    needs.coverage ? coverage(db, { within, presence }, queryOptions) : NO_COVERAGE,
    needs.innovationExport ? innovationExport(db, { within, presence }, queryOptions) : NO_INNOVATION,
  ]);
  indicators.catch(() => undefined);
  const metrics =
    engine === 'graphology' || counted.actorCount === 0
      ? computeWithGraphology(await actorGraph(db, { within, presence }, queryOptions))
      : await computeWithGds(db, { within, presence }, { ...options, needs });
  const summary = summarise(metrics, needs);
  const [shape, [covered, innovation]] = await Promise.all([
    metrics.partialActors ? completeActors(db, summary, queryOptions) : summary,
    indicators,
  ]);
  return { ...shape, within, presence, coverage: covered, innovationExport: innovation };
}

export async function networkShape(
  db: Database,
  args: { within?: string | null | undefined; presence?: Presence | null | undefined },
  options: NetworkShapeOptions = {},
): Promise<NetworkShapeRecord> {
  const within = args.within ?? null;
  const presence = args.presence ?? DEFAULT_PRESENCE;
  if (options.cache === false) return computeShape(db, within, presence, options);
  // Everything that changes the answer is in the key (the test-only betweenness options too).
  const key = JSON.stringify([within, presence, needsKey(options.needs ?? ALL_NEEDS), options.engine ?? null,
    options.betweennessExactMax ?? null, options.betweennessSampleSize ?? null]);
  return cachedShape(db, key, (shared) => computeShape(shared, within, presence, options), { observer: options.observer });
}
