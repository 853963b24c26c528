/**
 * actors(search) and actors(within): the Cypher of this tree ("after") against the Cypher of another
 * tree ("before", e.g. main before French search and presence), on the same Neo4j and data, in one
 * run, queries of the two interleaved so that both see the same machine load.
 *
 *   git archive <commit> src | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/node_modules
 *   flock /tmp/maillage-bench.lock node bench/search-within.ts --before /tmp/before/src --relationships 100000
 *
 * Starts its own Neo4j, seeds geography, the framework and a synthetic network (seed 7, no answers)
 * with this tree's loader (which adds the search fields; the "before" queries ignore them), draws
 * samples (searches: a word of a synthetic actor's name, in the forms users type; within: départements
 * holding synthetic actors), then runs each sample `--rounds` times per variant and prints p50/p95 in ms
 * and the ratio after/before. The query of each variant is built by that tree's own `actorsQuery`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { actorFilter as afterFilter, actorsQuery as afterQuery } from '../src/actors/list.ts';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { EMPTY_PLAN } from '../src/fetch/plan.ts';
import { connect } from '../src/neo4j/database.ts';
import { migrate } from '../src/neo4j/migrations.ts';
import { freePort, startOwnedNeo4j } from '../src/neo4j/owned-server.ts';
import { resolveSource } from '../src/seed/builtin.ts';
import { seed } from '../src/seed/load.ts';
import { helpIfAsked } from './support.ts';

helpIfAsked(`actors(search) and actors(within): this tree's Cypher against another tree's, same Neo4j and data, p50/p95 and the ratio.

  git archive <commit> src | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/node_modules
  flock /tmp/maillage-bench.lock node bench/search-within.ts --before /tmp/before/src [--relationships 100000] [--rounds 5] [--samples 40]`);

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    relationships: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    samples: { type: 'string', default: '40' },
  },
});
if (!values.before) throw new Error('--before <path to the src folder of the tree to compare with> is required');
const relationships = Number(values.relationships);
const rounds = Number(values.rounds);
const sampleCount = Number(values.samples);
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

type Build = (args: { search?: string | null }, within: string | null) => { cypher: string; params: Record<string, unknown> };
const beforeModule = (await import(path.resolve(values.before, 'actors/list.ts'))) as {
  actorFilter: typeof afterFilter;
  actorsQuery: (filter: unknown, within: string | null, plan: unknown) => { cypher: string; params: Record<string, unknown> };
};
const variants: Record<'before' | 'after', Build> = {
  before: (args, within) => beforeModule.actorsQuery(beforeModule.actorFilter(args), within, EMPTY_PLAN),
  after: (args, within) => afterQuery(afterFilter(args), within, EMPTY_PLAN),
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'maillage-search-within-'));
const neo4j = await startOwnedNeo4j({ dataDir, boltPort: await freePort(), heap: '2g', pagecache: '1g', log: (l) => console.error(l) });
const db = connect({ ...neo4j.connection, database: 'neo4j' });
try {
  await migrate(db);
  log(`seeding geography, framework and ~${relationships} synthetic relationships`);
  for (const set of ['geography', 'framework'] as const) await seed(db, resolveSource(set));
  await seed(db, resolveSource('synthetic', { seed: 7, relationships, answers: false }));
  const [counts] = await db.read<{ actors: number; rels: number }>(
    'MATCH (a:Actor) WITH count(a) AS actors RETURN actors, COUNT { MATCH (:Actor {synthetic: true})-[r]->() } AS rels',
  );
  log(`data: ${JSON.stringify(counts)}`);

  const random = seededRandom(11);
  const names = (await db.read<{ name: string }>('MATCH (a:Actor) WHERE a.synthetic RETURN a.name AS name ORDER BY a.id LIMIT 5000')).map((r) => r.name);
  const searches: string[] = [];
  for (let i = 0; i < sampleCount && names.length; i += 1) {
    const words = names[Math.floor(random() * names.length)]!.split(/\s+/).filter((w) => w.length > 2);
    const word = words[Math.floor(random() * words.length)] ?? 'a';
    // The forms users type: lower case, without accents, a prefix.
    const forms = [word.toLowerCase(), word.normalize('NFD').replace(/\p{Diacritic}/gu, ''), word.slice(0, Math.max(3, word.length - 2))];
    searches.push(forms[i % forms.length]!);
  }
  const departments = (
    await db.read<{ id: string }>(
      `MATCH (d:Department)<-[:PART_OF]-(:Commune)<-[:LOCATED_IN]-(a:Actor) WHERE a.synthetic
       WITH d, count(a) AS n ORDER BY n DESC, d.id LIMIT toInteger($n) RETURN d.id AS id`,
      { n: sampleCount },
    )
  ).map((r) => r.id);

  const shapes: { name: string; samples: { args: { search?: string }; within: string | null }[] }[] = [
    { name: 'actors(search)', samples: searches.map((search) => ({ args: { search }, within: null })) },
    { name: 'actors(within)', samples: departments.map((within) => ({ args: {}, within })) },
  ];
  const percentile = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  };
  const rows: string[] = [];
  for (const shape of shapes) {
    const times: Record<'before' | 'after', number[]> = { before: [], after: [] };
    // Warm-up: plans compiled and caches filled for both.
    for (const sample of shape.samples.slice(0, 3)) {
      for (const v of ['before', 'after'] as const) {
        const q = variants[v](sample.args, sample.within);
        await db.read(q.cypher, q.params, { timeoutMs: 120_000 });
      }
    }
    for (let round = 0; round < rounds; round += 1) {
      for (const sample of shape.samples) {
        for (const v of round % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const)) {
          const q = variants[v](sample.args, sample.within);
          const t0 = performance.now();
          await db.read(q.cypher, q.params, { timeoutMs: 120_000 });
          times[v].push(performance.now() - t0);
        }
      }
    }
    const b95 = percentile(times.before, 95);
    const a95 = percentile(times.after, 95);
    rows.push(
      `| ${shape.name} | ${times.before.length} | ${percentile(times.before, 50).toFixed(1)} | ${b95.toFixed(1)} | ${percentile(times.after, 50).toFixed(1)} | ${a95.toFixed(1)} | ${(a95 / b95).toFixed(2)} |`,
    );
    log(rows.at(-1)!);
  }
  console.log(`Data: ${counts?.actors} actors, ${counts?.rels} relationships from synthetic actors (--relationships ${relationships})`);
  console.log('| query | runs each | before p50 ms | before p95 ms | after p50 ms | after p95 ms | p95 after/before |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
} finally {
  await db.close();
  await neo4j.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
