/**
 * What one batch of the loader costs inside Neo4j: PROFILE of the node and relationship queries
 * (db hits and rows per operator, Eager or not, wall time), on one owned Neo4j in a temp folder.
 *
 *   npx node bench/seed-profile.ts --relationships 200000
 *
 * Loads the synthetic network's nodes with the loader, PROFILEs one node batch (into an emptied
 * label group) and one batch per relationship type, each variant on the same rows then rolled back,
 * so that every variant sees the same database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import type { ProfiledPlan } from 'neo4j-driver';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { arraySource, type RelRow } from '../src/seed/format.ts';
import { seed } from '../src/seed/load.ts';
import { type Statement, createNodes, createRelationships, mergeNodes, mergeRelationships, nodeWrites, relWrites } from '../src/seed/queries.ts';
import { syntheticSource } from '../src/seed/synthetic.ts';

const options = new Command()
  .option('--relationships <n>', 'relationships in the synthetic network', (v) => Number(v), 200_000)
  .option('--batch-size <n>', 'rows per profiled batch', (v) => Number(v), 5_000)
  .option('--repeat <n>', 'timed runs of each variant (first one warms the plan cache)', (v) => Number(v), 3)
  .parse()
  .opts<{ relationships: number; batchSize: number; repeat: number }>();

const LEAN_NODE_MERGE = `
UNWIND range(0, size($ids) - 1) AS i
MERGE (n:Entity {id: $ids[i]})
SET n:Actor:Company, n += $props[i]
RETURN count(*) AS rows`;

function walk(plan: ProfiledPlan, depth: number, lines: string[]): number {
  let hits = plan.dbHits;
  lines.push(`${'  '.repeat(depth)}${plan.operatorType}  rows=${plan.rows} dbHits=${plan.dbHits}`);
  for (const child of plan.children) hits += walk(child, depth + 1, lines);
  return hits;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-seed-profile-'));
  const server = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '1g', log: () => undefined });
  const db = connect({ ...server.connection, database: 'neo4j' });
  try {
    await migrate(db);
    const source = syntheticSource({ seed: 1, relationships: options.relationships, answers: false });
    const nodes = [...source.nodes()];
    const companies = nodes.filter((n) => n.labels.includes('Company'));
    const probe = companies.slice(0, options.batchSize);
    const probeIds = new Set(probe.map((n) => n.id));
    // Everything but the probe batch is in the database, as in the middle of a load.
    await seed(db, arraySource('synthetic', { nodes: nodes.filter((n) => !probeIds.has(n.id)) }));

    const profile = async (title: string, { cypher, params }: Statement) => {
      const times: number[] = [];
      let lines: string[] = [];
      let hits = 0;
      for (let i = 0; i < options.repeat; i++) {
        const session = db.driver.session({ database: db.database });
        const tx = session.beginTransaction();
        try {
          const started = performance.now();
          const result = await tx.run(`PROFILE ${cypher}`, params);
          times.push(performance.now() - started);
          lines = [];
          const plan = result.summary.profile;
          if (plan) hits = walk(plan, 2, lines);
        } finally {
          await tx.rollback();
          await session.close();
        }
      }
      console.log(`\n${title}: ${times.map((t) => t.toFixed(0)).join(' / ')} ms, ${hits} db hits`);
      console.log(lines.join('\n'));
    };

    const labels = ['Actor', 'Company'];
    const existing = companies.slice(options.batchSize, 2 * options.batchSize);
    await profile(`nodes merge (${probe.length} new companies)`, mergeNodes(labels, nodeWrites(probe, 'synthetic')));
    await profile(`nodes create (${probe.length} new companies)`, createNodes(labels, nodeWrites(probe, 'synthetic')));
    // What the created/updated report costs: the same MERGE without reading anything back.
    await profile(`nodes merge without report (${probe.length} new companies)`, { cypher: LEAN_NODE_MERGE, params: mergeNodes(labels, nodeWrites(probe, 'synthetic')).params });
    await profile(`nodes merge (${existing.length} existing companies)`, mergeNodes(labels, nodeWrites(existing, 'synthetic')));
    await seed(db, arraySource('synthetic', { nodes: probe }));

    const byType = new Map<string, RelRow[]>();
    for (const r of source.relationships()) {
      const rows = byType.get(r.type) ?? [];
      if (rows.length < options.batchSize) rows.push(r);
      byType.set(r.type, rows);
    }
    for (const [type, rows] of byType) {
      await profile(`${type} merge (${rows.length} rows)`, mergeRelationships(type, relWrites(rows, 'synthetic')));
      await profile(`${type} create (${rows.length} rows)`, createRelationships(type, relWrites(rows, 'synthetic')));
    }
  } finally {
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
