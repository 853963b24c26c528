/**
 * Export, then import the export: the same actor graph (issue #17 "Done when"). A synthetic
 * territory of 3,000 actors is exported in each format, its actors deleted, the file imported with
 * the seed loader, and the territory's actors and links compared with what they were. The article's
 * network, which other tests share, is exported and imported back onto itself: nothing may change.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStream, type ExportFormat } from '../../src/exchange/formats.ts';
import type { ExportScope } from '../../src/exchange/read-graph.ts';
import { seededRandom } from '../../src/domain/seeded-random.ts';
import { KIND_LABEL } from '../../src/domain/records.ts';
import { resolveSource } from '../../src/seed/builtin.ts';
import { type NodeRow, type RelRow, arraySource } from '../../src/seed/format.ts';
import { seed } from '../../src/seed/load.ts';
import { readSeedPath } from '../../src/seed/read-files.ts';
import { reportJson, totals } from '../../src/seed/report.ts';
import { ensureNetworkx } from '../shape/support/networkx.ts';
import { execFileSync } from 'node:child_process';
import { testDatabase, uniquePrefix } from '../support/harness.ts';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { createGraphQLServer } from '../../src/graphql/server.ts';
import { createLogger } from '../../src/logger.ts';
import { DERIVED_PROPERTIES } from '../../src/seed/search-fields.ts';

const db = testDatabase();
const p = uniquePrefix('rt');
const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-rt-'));
const ACTORS = 3_000;
const department = `${p}-dept`;
const scope: ExportScope = { within: department };

/** A territory of ACTORS actors in 5 communes (ids `commune:<p>-<n>`), linked as real networks are, plus outsiders. */
function syntheticTerritory(): { nodes: NodeRow[]; relationships: RelRow[] } {
  const random = seededRandom(11);
  const nodes: NodeRow[] = [
    { id: `${p}-region`, labels: ['Territory', 'Region', 'Actor'], properties: { name: 'Région test', kind: 'REGION', code: '99' }, origin: 'r' },
    { id: department, labels: ['Territory', 'Department'], properties: { name: 'Département test', code: '9X' }, origin: 'd' },
  ];
  const relationships: RelRow[] = [{ type: 'PART_OF', from: department, to: `${p}-region`, properties: {}, origin: 'd' }];
  const communes = [0, 1, 2, 3, 4].map((i) => `commune:${p}-${i}`);
  for (const c of communes) {
    nodes.push({ id: c, labels: ['Territory', 'Commune'], properties: { name: `Ville ${c.slice(-1)}`, code: c.slice(-6) }, origin: c });
    relationships.push({ type: 'PART_OF', from: c, to: department, properties: {}, origin: c });
  }
  nodes.push({ id: `commune:${p}-out`, labels: ['Territory', 'Commune'], properties: { name: 'Ailleurs' }, origin: 'out' });
  const kinds: [string, string][] = [['COMPANY', 'Company'], ['COMPANY', 'Company'], ['COMPANY', 'Company'], ['UNIVERSITY', 'University'], ['CLUSTER', 'Cluster'], ['FUNDER', 'Funder'], ['CHAMBER', 'Chamber']];
  const ids: string[] = [];
  const byKind = new Map<string, string[]>();
  for (let i = 0; i < ACTORS + 20; i += 1) {
    const outside = i >= ACTORS;
    const id = `${p}-${outside ? 'out' : 'a'}-${String(i).padStart(4, '0')}`;
    const [kind, label] = kinds[Math.floor(random() * kinds.length)] ?? ['COMPANY', 'Company'];
    const properties: NodeRow['properties'] = { name: `Acteur « ${i} » & Cie`, kind, source: `${p}-src` };
    if (kind === 'COMPANY') Object.assign(properties, { employees: Math.floor(random() * 900), innovates: random() < 0.4, sector: ['25.62A', '30.30Z'][i % 2] ?? '' });
    nodes.push({ id, labels: ['Actor', label], properties, origin: id });
    relationships.push({ type: 'LOCATED_IN', from: id, to: outside ? `commune:${p}-out` : (communes[i % 5] ?? ''), properties: { source: `${p}-src` }, origin: id });
    if (!outside) {
      ids.push(id);
      byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
  }
  const seen = new Set<string>();
  const link = (type: string, from: string | undefined, to: string | undefined, properties: RelRow['properties']) => {
    if (!from || !to || from === to || seen.has(`${from}|${type}|${to}`)) return;
    seen.add(`${from}|${type}|${to}`);
    relationships.push({ type, from, to, properties: { source: `${p}-src`, ...properties }, origin: `${from}-${to}` });
  };
  const pick = (list: string[] | undefined) => list?.[Math.floor(random() * list.length)];
  for (const id of byKind.get('COMPANY') ?? []) {
    link('MEMBER_OF', id, pick(byKind.get('CLUSTER')), { since: 2000 + Math.floor(random() * 24) });
    link('COLLABORATES_WITH', id, pick(byKind.get('UNIVERSITY')), { kind: 'research', weight: Math.round(random() * 100) / 100 });
    link('PARTNER_OF', id, pick(byKind.get('COMPANY')), { weight: 0.5 });
  }
  for (const id of ids.slice(0, 300)) link('SUPPORTS', pick(byKind.get('FUNDER')), id, { amount: 12_500.5 });
  // Links that leave the territory are not part of its actor graph.
  link('PARTNER_OF', ids[0], `${p}-out-${ACTORS}`, {});
  return { nodes, relationships };
}

interface Snapshot {
  actors: string[];
  links: string[];
}

/** The territory's actor graph, as sorted lines: every property, the commune, every link between members. */
async function snapshot(): Promise<Snapshot> {
  const actors = await db.read<{ line: string }>(
    `MATCH (a:Actor)-[:LOCATED_IN]->(c:Commune)-[:PART_OF]->(:Department {id: $d})
     WITH a, c ORDER BY a.id
     RETURN a.id + ' ' + apoc.convert.toJson(apoc.map.sortedProperties(a)) + ' ' + apoc.text.join(apoc.coll.sort([l IN labels(a) | l]), ':') + ' @' + c.id AS line`,
    { d: department },
  );
  const links = await db.read<{ line: string }>(
    `MATCH (a:Actor)-[:LOCATED_IN]->(:Commune)-[:PART_OF]->(:Department {id: $d})
     MATCH (a)-[r]->(b:Actor)-[:LOCATED_IN]->(:Commune)-[:PART_OF]->(:Department {id: $d})
     RETURN a.id + ' ' + type(r) + ' ' + b.id + ' ' + apoc.convert.toJson(apoc.map.sortedProperties(r)) AS line ORDER BY line`,
    { d: department },
  );
  return { actors: actors.map((r) => r.line), links: links.map((r) => r.line) };
}

async function exportTo(format: 'gexf' | 'graphml' | 'csv' | 'json' | 'xlsx', target: ExportScope = scope): Promise<string> {
  const out = path.join(dir, `${format}-${Date.now()}`);
  mkdirSync(out);
  const jobs: [ExportFormat, string][] =
    format === 'csv' ? [['csv-actors', 'actors.csv'], ['csv-links', 'links.csv']] : [[format, `export.${format}`]];
  for (const [f, name] of jobs) await pipeline(exportStream(db, f, target), createWriteStream(path.join(out, name)));
  return out;
}

let before: Snapshot;

beforeAll(async () => {
  await seed(db, resolveSource('article'));
  await seed(db, arraySource(`${p}-src`, syntheticTerritory()));
  before = await snapshot();
}, 240_000);

afterAll(async () => {
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $p OR n.id STARTS WITH $c DETACH DELETE n', { p, c: `commune:${p}` });
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('export then import: the same actor graph', () => {
  it('the synthetic territory is what we think it is', () => {
    expect(before.actors).toHaveLength(ACTORS);
    expect(before.links.length).toBeGreaterThan(ACTORS);
  });

  for (const format of ['gexf', 'graphml', 'csv', 'json', 'xlsx'] as const) {
    it(`${format}: 3,000 actors exported, deleted, imported back: identical`, async () => {
      const folder = await exportTo(format);
      await db.write('MATCH (a:Actor) WHERE a.id STARTS WITH $a DETACH DELETE a', { a: `${p}-a-` });
      expect((await snapshot()).actors).toEqual([]);
      const report = await seed(db, readSeedPath(folder));
      expect(report.warnings).toEqual([]);
      const after = await snapshot();
      expect(after.actors).toEqual(before.actors);
      expect(after.links).toEqual(before.links);
    }, 240_000);
  }

  for (const format of ['gexf', 'graphml', 'csv', 'json', 'xlsx'] as const) {
    it(`${format}: the article's actors exported and imported onto themselves: nothing changes`, async () => {
      const folder = await exportTo(format, { within: null, source: 'article' });
      const report = await seed(db, readSeedPath(folder));
      const [count] = await db.read<{ n: number }>("MATCH (a:Actor {source: 'article'}) RETURN count(a) AS n");
      expect(report.validated.nodes).toBeGreaterThanOrEqual(count?.n ?? 0);
      expect(reportJson(report)).toEqual(expect.anything());
      expect(totals(report.nodes).created + totals(report.nodes).updated, JSON.stringify(reportJson(report))).toBe(0);
      expect(totals(report.relationships).created + totals(report.relationships).updated, JSON.stringify(reportJson(report))).toBe(0);
    }, 120_000);
  }
});

/**
 * The article's actor graph, as sorted lines, ids without the prefix: its actors (properties but the
 * source and the derived search fields, labels, commune) and the links between two of them.
 */
async function articleSnapshot(match: { source: string } | { prefix: string }): Promise<Snapshot> {
  const where = 'source' in match ? 'a.source = $source' : 'a.id STARTS WITH $prefix';
  const whereB = 'source' in match ? 'b.source = $source' : 'b.id STARTS WITH $prefix';
  // An actor's labels as the actor graph has them (Actor and its kind's): the Territory and level
  // labels of the régions and EPCIs that are actors too come from the geography, not the export.
  const kept = ['Actor', ...Object.values(KIND_LABEL)];
  // Derived fields (search, presence) are the database's own, recomputed from what is imported; the
  // imported actors' presence differs since the article's events are not part of the actor graph.
  const omit = ['id', 'source', ...DERIVED_PROPERTIES];
  const params = { source: 'source' in match ? match.source : null, prefix: 'prefix' in match ? match.prefix : '', kept, omit };
  const props = (v: string) => `apoc.convert.toJson(apoc.map.sortedProperties(apoc.map.removeKeys(properties(${v}), $omit)))`;
  const actors = await db.read<{ line: string }>(
    `MATCH (a:Actor) WHERE ${where} OPTIONAL MATCH (a)-[:LOCATED_IN]->(c:Commune)
     RETURN substring(a.id, size($prefix)) + ' ' + ${props('a')} + ' ' + apoc.text.join(apoc.coll.sort([l IN labels(a) WHERE l IN $kept | l]), ':') + ' @' + coalesce(c.id, '-') AS line ORDER BY line`,
    params,
  );
  const links = await db.read<{ line: string }>(
    `MATCH (a:Actor)-[r]->(b:Actor) WHERE ${where} AND ${whereB}
     RETURN substring(a.id, size($prefix)) + ' ' + type(r) + ' ' + substring(b.id, size($prefix)) + ' ' + ${props('r')} AS line ORDER BY line`,
    params,
  );
  return { actors: actors.map((r) => r.line), links: links.map((r) => r.line) };
}

describe("the article's network into an empty database", () => {
  // The article's actors are shared with other test files: the export is imported under fresh ids
  // (every actor id prefixed, so none exists yet), which is what an empty database sees.
  for (const format of ['gexf', 'graphml', 'csv', 'json', 'xlsx'] as const) {
    it(`${format}: exported, imported as new actors: the same actor graph`, async () => {
      const original = await articleSnapshot({ source: 'article' });
      // Its 18 actors meet through events and programmes (not actors): its stored actor graph has
      // no link of its own, so the synthetic territory above is the test of links.
      // Other files edit some of the shared article actors (their source, a région's from the
      // geography): the comparison below is of one moment's state, which must not be empty.
      expect(original.actors.length).toBeGreaterThan(0);
      const folder = await exportTo(format, { within: null, source: 'article' });
      const read = readSeedPath(folder);
      await read.prepare?.();
      expect(read.problems).toEqual([]);
      const prefix = `${p}-art-${format}-`;
      const actorIds = new Set([...read.nodes()].filter((n) => n.labels.includes('Actor')).map((n) => n.id));
      const rename = (id: string) => (actorIds.has(id) ? `${prefix}${id}` : id);
      const source = `${prefix}src`;
      const copy = arraySource(source, {
        nodes: [...read.nodes()].map((n) => ({ ...n, id: rename(n.id), properties: actorIds.has(n.id) ? { ...n.properties, source } : n.properties })),
        relationships: [...read.relationships()].map((r) => ({ ...r, from: rename(r.from), to: rename(r.to), properties: { ...r.properties, source } })),
      });
      const report = await seed(db, copy);
      expect(totals(report.nodes).created).toBe(original.actors.length);
      const after = await articleSnapshot({ prefix });
      expect(after.actors).toEqual(original.actors);
      expect(after.links).toEqual(original.links);
      await db.write('MATCH (a:Actor) WHERE a.id STARTS WITH $prefix DETACH DELETE a', { prefix });
    }, 120_000);
  }
});

describe('exports as a URL of the API', () => {
  it('GET /export/gexf?within=<territory> streams the file with a file name; unknown ones are 404', async () => {
    const server = createGraphQLServer({ db, logger: createLogger('silent') });
    const res = await server.fetch(`http://maillage.test/export/gexf?within=${encodeURIComponent(department)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/gexf+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="maillage-rt-[0-9a-f]+-dept\.gexf"$/);
    const body = await res.text();
    expect(body.match(/<node /g)).toHaveLength(ACTORS);
    expect((await server.fetch('http://maillage.test/export/gexf?within=department:nowhere')).status).toBe(404);
    const pdf = await server.fetch('http://maillage.test/export/pdf');
    expect(pdf.status).toBe(404);
    expect(await pdf.json()).toEqual({ errors: [{ message: expect.stringMatching(/^No export format "pdf"; expected one of gexf, graphml/), extensions: { code: 'NOT_FOUND' } }] });
  });

  it('with MAILLAGE_READS=key, an export needs an API key', async () => {
    const config = loadConfig({ MAILLAGE_READS: 'key', MAILLAGE_API_KEYS: `reader:reader:${createHash('sha256').update('secret-reader-key').digest('hex')}` });
    const server = createGraphQLServer({ db, logger: createLogger('silent'), security: config.security, limits: config.limits });
    const url = `http://maillage.test/export/csv-actors?within=${encodeURIComponent(department)}`;
    expect((await server.fetch(url)).status).toBe(401);
    expect((await server.fetch(url, { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    const ok = await server.fetch(url, { headers: { 'x-api-key': 'secret-reader-key' } });
    expect(ok.status).toBe(200);
    expect((await ok.text()).split('\n')[0]).toMatch(/^id,kind,name,commune,communeName,departement,departementName,/);
  });
});

describe('Kumu', () => {
  it("Kumu's JSON export (elements, connections by label) imports as actors and links", async () => {
    const file = path.join(dir, 'kumu.json');
    writeFileSync(
      file,
      JSON.stringify({
        elements: [
          { _id: 'k1', attributes: { label: 'Kumu PME', 'element type': 'COMPANY', id: `${p}-kumu-1`, commune: 'Amiens', effectif: 12 } },
          { _id: 'k2', attributes: { label: 'Kumu Pôle', 'element type': 'CLUSTER', id: `${p}-kumu-2` } },
        ],
        connections: [{ _id: 'c1', from: 'Kumu PME', to: 'k2', direction: 'directed', attributes: { 'connection type': 'MEMBER_OF', poids: 0.5 } }],
      }),
    );
    await seed(db, arraySource('communes', { nodes: [{ id: 'commune:80021', labels: ['Territory', 'Commune'], properties: {}, defaults: { name: 'Amiens', code: '80021' }, origin: 'c' }] }));
    const report = await seed(db, readSeedPath(file));
    expect(report.warnings).toEqual([]);
    const rows = await db.read<{ a: Record<string, unknown>; c: string; w: number }>(
      'MATCH (c)<-[:LOCATED_IN]-(a:Actor {id: $id})-[r:MEMBER_OF]->(:Cluster {id: $k}) RETURN properties(a) AS a, c.id AS c, r.weight AS w',
      { id: `${p}-kumu-1`, k: `${p}-kumu-2` },
    );
    expect(rows).toEqual([{ a: expect.objectContaining({ name: 'Kumu PME', kind: 'COMPANY', employees: 12 }), c: 'commune:80021', w: 0.5 }]);
  });
});

describe('networkx reads our GEXF and GraphML', () => {
  it('same node and edge counts and attributes as the export', async () => {
    const python = ensureNetworkx();
    const gexf = path.join(await exportTo('gexf'), 'export.gexf');
    const graphml = path.join(await exportTo('graphml'), 'export.graphml');
    const sample = `${p}-a-0000`;
    const script = `
import json, sys, networkx as nx
out = {}
for name, g in (('gexf', nx.read_gexf(sys.argv[1])), ('graphml', nx.read_graphml(sys.argv[2]))):
    node = g.nodes[sys.argv[3]]
    edge_types = sorted({d.get('type') or d.get('label') for _, _, d in g.edges(data=True)})
    out[name] = {'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(), 'directed': g.is_directed(),
                 'node': {k: node.get(k) for k in ('label', 'kind', 'commune', 'communeName', 'departement', 'employees', 'innovates')},
                 'types': edge_types}
print(json.dumps(out))`;
    writeFileSync(path.join(dir, 'read.py'), script);
    const result = JSON.parse(execFileSync(python, [path.join(dir, 'read.py'), gexf, graphml, sample], { encoding: 'utf8' })) as Record<string, unknown>;
    const [a] = await db.read<{ a: Record<string, unknown>; c: string }>('MATCH (a:Actor {id: $id})-[:LOCATED_IN]->(c) RETURN properties(a) AS a, c.id AS c', { id: sample });
    const types = [...new Set(before.links.map((l) => l.split(' ')[1]))].sort();
    const node = { label: a?.a.name, kind: a?.a.kind, commune: a?.c, communeName: 'Ville 0', departement: '9X', employees: a?.a.employees ?? null, innovates: a?.a.innovates ?? null };
    for (const name of ['gexf', 'graphml']) {
      expect(result[name]).toEqual({ nodes: ACTORS, edges: before.links.length, directed: true, node, types });
    }
    expect(readFileSync(gexf, 'utf8')).toContain('<attribute id="kind" title="kind" type="string"');
  }, 240_000);
});
