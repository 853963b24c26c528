/**
 * The map of France: MapLibre GL JS drawing local GeoJSON (no tile server, no CDN): région,
 * département and EPCI outlines from ./geo/france.json (built by scripts/geo-build.ts), actors at
 * their commune's town hall, links between places, and a choropleth of one indicator per département.
 *
 *   const map = new MapView(container);
 *   if (await map.ready) map.show(actors, links, 'department:80');
 *   map.setChoropleth(new Map([['80', 12]]));
 */
import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

export interface FranceGeo {
  regions: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  departments: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; region: string }>;
  epci: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;
  communes: Record<string, [number, number]>;
}

export interface PlacedActor {
  id: string;
  label: string;
  colour: string;
  commune: string;
}

/** Metropolitan France, for the whole network. */
const FRANCE: LngLatBoundsLike = [
  [-5.3, 41.3],
  [9.7, 51.2],
];
/** A sequential ramp, light to dark (ColorBrewer "Blues", 5 classes). */
export const RAMP = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class MapView {
  readonly ready: Promise<boolean>;
  private map: MapLibreMap | undefined;
  geo: FranceGeo | undefined;
  private placed = new Map<string, [number, number]>();
  onTerritoryClick: (id: string, name: string) => void = () => {};
  onActorClick: (id: string) => void = () => {};
  private readonly container: HTMLElement;

  constructor(container: HTMLElement) {
    this.container = container;
    this.ready = this.load();
  }

  private async load(): Promise<boolean> {
    const response = await fetch('./geo/france.json').catch(() => undefined);
    if (!response?.ok) return false;
    this.geo = (await response.json()) as FranceGeo;
    const map = new maplibregl.Map({
      container: this.container,
      // Our own data only: a background and GeoJSON sources, no tiles, no glyphs, no sprites.
      style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef3f7' } }] },
      bounds: FRANCE,
      attributionControl: false,
      // Screenshots (README, tests) read the canvas after drawing.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map = map;
    await new Promise<void>((resolve) => map.once('load', () => resolve()));
    map.addSource('departments', { type: 'geojson', data: this.geo.departments, promoteId: 'code' });
    map.addSource('regions', { type: 'geojson', data: this.geo.regions, promoteId: 'code' });
    map.addSource('epci', { type: 'geojson', data: this.geo.epci, promoteId: 'code' });
    map.addSource('links', { type: 'geojson', data: EMPTY });
    map.addSource('actors', { type: 'geojson', data: EMPTY, promoteId: 'id' });
    map.addLayer({
      id: 'department-fill',
      type: 'fill',
      source: 'departments',
      paint: {
        'fill-color': ['coalesce', ['feature-state', 'colour'], '#ffffff'],
        'fill-opacity': 0.85,
      },
    });
    map.addLayer({ id: 'epci-line', type: 'line', source: 'epci', minzoom: 6.5, paint: { 'line-color': '#adb5bd', 'line-width': 0.6 } });
    map.addLayer({ id: 'department-line', type: 'line', source: 'departments', paint: { 'line-color': '#6c757d', 'line-width': 1 } });
    map.addLayer({ id: 'region-line', type: 'line', source: 'regions', paint: { 'line-color': '#343a40', 'line-width': 2 } });
    map.addLayer({ id: 'links', type: 'line', source: 'links', paint: { 'line-color': '#495057', 'line-opacity': 0.35, 'line-width': 1 } });
    map.addLayer({
      id: 'actors',
      type: 'circle',
      source: 'actors',
      paint: {
        'circle-color': ['get', 'colour'],
        'circle-radius': ['case', ['boolean', ['feature-state', 'focused'], false], 9, 5],
        'circle-stroke-color': ['case', ['boolean', ['feature-state', 'focused'], false], '#e03131', '#ffffff'],
        'circle-stroke-width': ['case', ['boolean', ['feature-state', 'focused'], false], 3, 1],
      },
    });
    map.on('click', (event) => {
      const actor = map.queryRenderedFeatures(event.point, { layers: ['actors'] })[0];
      if (actor) return this.onActorClick(String(actor.properties.id));
      const department = map.queryRenderedFeatures(event.point, { layers: ['department-fill'] })[0];
      if (department) this.onTerritoryClick(`department:${department.properties.code}`, String(department.properties.name));
    });
    map.on('mousemove', (event) => {
      const hit = map.queryRenderedFeatures(event.point, { layers: ['actors', 'department-fill'] });
      map.getCanvas().style.cursor = hit.length ? 'pointer' : '';
    });
    return true;
  }

  /** Draws actors at their commune and the links between them, and frames the territory. */
  show(actors: PlacedActor[], links: { source: string; target: string }[], territory: string): void {
    const map = this.map;
    const geo = this.geo;
    if (!map || !geo) return;
    this.placed.clear();
    const points: Feature<Point, { id: string; label: string; colour: string }>[] = [];
    // Actors of one commune share its town hall: spread them on a small spiral so that each shows.
    const perCommune = new Map<string, number>();
    for (const a of actors) {
      const at = geo.communes[a.commune];
      if (!at) continue;
      const n = perCommune.get(a.commune) ?? 0;
      perCommune.set(a.commune, n + 1);
      const angle = n * 2.4;
      const radius = n === 0 ? 0 : 0.004 * Math.sqrt(n);
      const position: [number, number] = [at[0] + Math.cos(angle) * radius, at[1] + Math.sin(angle) * radius * 0.65];
      this.placed.set(a.id, position);
      points.push({ type: 'Feature', properties: { id: a.id, label: a.label, colour: a.colour }, geometry: { type: 'Point', coordinates: position } });
    }
    const lines: Feature<LineString>[] = [];
    for (const l of links) {
      const a = this.placed.get(l.source);
      const b = this.placed.get(l.target);
      if (a && b && (a[0] !== b[0] || a[1] !== b[1])) lines.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [a, b] } });
    }
    (map.getSource('actors') as GeoJSONSource).setData({ type: 'FeatureCollection', features: points });
    (map.getSource('links') as GeoJSONSource).setData({ type: 'FeatureCollection', features: lines });
    this.container.dataset.actors = String(points.length);
    this.container.dataset.links = String(lines.length);
    this.frame(territory);
  }

  /** Fits the view to a territory's outline (or a commune's surroundings, or France). */
  frame(territory: string): void {
    const map = this.map;
    const geo = this.geo;
    if (!map || !geo) return;
    const [level, code] = territory.split(':');
    const outline =
      level === 'department' ? geo.departments.features.find((f) => f.properties.code === code)
      : level === 'region' ? geo.regions.features.find((f) => f.properties.code === code)
      : level === 'epci' ? geo.epci.features.find((f) => f.properties.code === code)
      : undefined;
    let bounds: LngLatBoundsLike = FRANCE;
    if (outline) bounds = boundsOf(outline.geometry);
    else if (level === 'commune' && code && geo.communes[code]) {
      const [x, y] = geo.communes[code]!;
      bounds = [
        [x - 0.15, y - 0.1],
        [x + 0.15, y + 0.1],
      ];
    }
    map.fitBounds(bounds, { padding: 40, animate: false });
  }

  /** Colours départements by value (5 equal classes from 0 to the largest); others stay white. */
  setChoropleth(values: Map<string, number>): { max: number; colours: string[] } {
    const map = this.map;
    const max = Math.max(0, ...values.values());
    if (!map || !this.geo) return { max, colours: RAMP };
    for (const f of this.geo.departments.features) {
      const value = values.get(f.properties.code);
      const colour = value === undefined ? null : RAMP[Math.min(RAMP.length - 1, Math.floor((max > 0 ? value / max : 0) * RAMP.length))]!;
      map.setFeatureState({ source: 'departments', id: f.properties.code }, { colour });
    }
    this.container.dataset.choropleth = String(values.size);
    return { max, colours: RAMP };
  }

  focus(id: string | undefined): void {
    const map = this.map;
    if (!map) return;
    map.removeFeatureState({ source: 'actors' });
    if (id && this.placed.has(id)) {
      map.setFeatureState({ source: 'actors', id }, { focused: true });
      map.easeTo({ center: this.placed.get(id)!, duration: 300 });
    }
    this.container.dataset.focused = id ?? '';
  }

  resize(): void {
    this.map?.resize();
  }

  /** Where an actor is drawn, in pixels of the map's frame, and which département is drawn there. */
  inspect(id: string): { x: number; y: number; department: string | undefined } | undefined {
    const map = this.map;
    const at = this.placed.get(id);
    if (!map || !at) return undefined;
    const point = map.project(at);
    const hit = map.queryRenderedFeatures(point, { layers: ['department-fill'] })[0];
    return { x: point.x, y: point.y, department: hit ? String(hit.properties.code) : undefined };
  }

  /** The screen point inside a département's outline nearest its middle (for clicking it). */
  pointIn(code: string): { x: number; y: number } | undefined {
    const map = this.map;
    const f = this.geo?.departments.features.find((d) => d.properties.code === code);
    if (!map || !f) return undefined;
    const [[w, s], [e, n]] = boundsOf(f.geometry) as [[number, number], [number, number]];
    for (let step = 0; step < 40; step++) {
      const angle = step * 2.4;
      const r = step / 80;
      const lngLat: [number, number] = [(w + e) / 2 + Math.cos(angle) * r * (e - w), (s + n) / 2 + Math.sin(angle) * r * (n - s)];
      const point = map.project(lngLat);
      const hit = map.queryRenderedFeatures(point, { layers: ['department-fill'] })[0];
      if (hit && String(hit.properties.code) === code) return { x: point.x, y: point.y };
    }
    return undefined;
  }
}

function boundsOf(geometry: Polygon | MultiPolygon): LngLatBoundsLike {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  }
  return [
    [w, s],
    [e, n],
  ];
}
