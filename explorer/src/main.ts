/**
 * The explorer page: a territory (or the whole network) drawn as its actor graph, an actor search
 * with its card and suggested partners, synergy paths between two actors, and the territory's
 * network shape and competency gaps. Everything comes from POST /graphql.
 *
 * Every view lives in the URL hash, so a link reopens it exactly and a hash typed in the same tab
 * applies at once: t (territory), a (actor), from/to (synergy path), v (network | map),
 * c (colour), i (map indicator), l (fr | en), embed (1: no toolbar, for a partner's page).
 *
 *   /explore/#t=department:80&a=utc&l=en
 */
import {
  ACTOR_CARD,
  ACTOR_GRAPH,
  ACTOR_PLACES,
  ACTOR_SEARCH,
  ApiError,
  CHILDREN,
  COMPETENCY_GAPS,
  NETWORK_SHAPE,
  REGIONS,
  SYNERGIES,
  SYNERGY_PATHS,
  TERRITORY,
  TERRITORY_SEARCH,
  graphql,
  type ActorCardData,
  type ActorGraphData,
  type ActorPlacesData,
  type ActorSearchData,
  type ChildrenData,
  type CompetencyGapsData,
  type NetworkShapeData,
  type RegionsData,
  type SynergiesData,
  type SynergyPathsData,
  type TerritoryData,
  type TerritoryRef,
  type TerritorySearchData,
} from './api.ts';
import { combobox, type Option } from './combobox.ts';
import { GraphView, KIND_COLOURS, type ColourBy, type SizeBy } from './graph-view.ts';
import { MapView, type PlacedActor } from './map-view.ts';
import { actorCardHtml, gapsHtml, partnersHtml, pathsHtml, shapeHtml } from './panels.ts';
import { Editing } from './editing.ts';
import { type Lang, apiLang, escapeHtml, fold, formatNumber, lang, parseLang, setLang, t } from './text.ts';

/** Above this many actors the page draws the best-connected only (the issue's smoothness bound; actorGraph's first). */
const MAX_DRAWN = 5000;
/** Shared events make cliques: past this many links the heaviest are drawn (the issue's 20,000). */
const MAX_LINKS = 20000;
const WHOLE = { id: '', name: '', level: 'ALL' };

// The language comes first: every word below depends on it.
const initial = new URLSearchParams(window.location.hash.slice(1));
setLang(parseLang(initial.get('l')));
applyStaticTexts();
if (initial.get('embed') === '1') document.body.classList.add('embed');

/** Fills index.html's words (data-text, data-placeholder, data-aria-label) in the page's language. */
function applyStaticTexts(): void {
  const lookup = (key: string): string => {
    let value: unknown = t;
    for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
    return typeof value === 'string' ? value : key;
  };
  document.documentElement.lang = t.htmlLang;
  document.title = t.title;
  document.querySelectorAll<HTMLElement>('[data-text]').forEach((el) => (el.textContent = lookup(el.dataset.text!)));
  document.querySelectorAll<HTMLInputElement>('[data-placeholder]').forEach((el) => (el.placeholder = lookup(el.dataset.placeholder!)));
  document.querySelectorAll<HTMLElement>('[data-aria-label]').forEach((el) => el.setAttribute('aria-label', lookup(el.dataset.ariaLabel!)));
  (document.getElementById('lang') as HTMLSelectElement).value = lang;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const notice = $('notice');
const graphEl = $('graph');
const view = new GraphView(graphEl);
const mapEl = $('map');
const mapView = new MapView(mapEl);
type Layout = 'network' | 'map';
type Indicator = 'actors' | 'gap';
let layout: Layout = 'network';
/** The drawn graph's actors and links (the map shows the same ones). */
let drawn: { nodes: ActorGraphData['actorGraph']['nodes']; links: ActorGraphData['actorGraph']['links'] } = { nodes: [], links: [] };

let territory: { id: string; name: string; level: string } = WHOLE;
let shape: NetworkShapeData['networkShape'] | undefined;
let focusedActor: string | undefined;
let loadSequence = 0;
let lastGaps: CompetencyGapsData['competencyGaps'] | undefined;
const errorText = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : String(err));

// ---- territories: régions and départements up front, EPCIs and communes as their département opens
const territories = new Map<string, TerritoryRef>();
const addTerritories = (list: TerritoryRef[]) => list.forEach((t) => territories.set(t.id, t));

async function loadTerritoryList(): Promise<void> {
  const regions = await graphql<RegionsData>(REGIONS);
  const ids = regions.actors.edges.map((e) => e.node.id).filter((id) => id.startsWith('region:'));
  addTerritories(regions.actors.edges.filter((e) => e.node.id.startsWith('region:')).map((e) => ({ id: e.node.id, name: e.node.name, level: 'REGION' })));
  await Promise.all(ids.map((id) => loadChildren(id, 'DEPARTMENT', 50)));
}

async function loadChildren(id: string, level: string, first: number): Promise<void> {
  try {
    const data = await graphql<ChildrenData>(CHILDREN, { id, level, first });
    if (data.territory) addTerritories(data.territory.children);
  } catch {
    // A territory list that cannot grow leaves the search with what it has.
  }
}

const LEVEL_ORDER: Record<string, number> = { ALL: 0, REGION: 1, DEPARTMENT: 2, EPCI: 3, COMMUNE: 4, INDUSTRIAL_TERRITORY: 5 };

const levelName = (level: string) => t.levels[level] ?? level;
const territoryOption = (tr: TerritoryRef): Option => ({ id: tr.id, label: tr.name, detail: `${levelName(tr.level)}${tr.code ? ` ${tr.code}` : ''}` });
/** Set once the API answers that it has no territory search (an older server): the page searches what it loaded. */
let noTerritorySearch = false;

async function territoryOptions(text: string): Promise<Option[]> {
  const key = fold(text);
  const whole = key === '' || fold(t.wholeNetwork).includes(key) ? [{ id: '', label: t.wholeNetwork, detail: t.everyActor }] : [];
  if (key !== '' && !noTerritorySearch) {
    try {
      const data = await graphql<TerritorySearchData>(TERRITORY_SEARCH, { search: text.trim(), first: 12 });
      const found = data.territories.edges.map((e) => e.node);
      addTerritories(found);
      // Homonyms told apart by the API's display name: "Saint-Quentin (02)".
      return [...whole, ...found.map((f) => ({ ...territoryOption(f), label: f.displayName }))];
    } catch (err) {
      if (err instanceof ApiError && err.code === 'GRAPHQL_VALIDATION_FAILED') noTerritorySearch = true;
      else throw err;
    }
  }
  return [...whole, ...localTerritoryOptions(text)];
}

function localTerritoryOptions(text: string): Option[] {
  const key = fold(text);
  const all = [...territories.values()];
  const matches = all
    .filter((t) => key === '' ? t.level === 'REGION' : fold(t.name).includes(key) || t.code === text.trim() || t.id === text.trim())
    .sort((a, b) => {
      const aStarts = fold(a.name).startsWith(key) ? 0 : 1;
      const bStarts = fold(b.name).startsWith(key) ? 0 : 1;
      return aStarts - bStarts || (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) || a.name.localeCompare(b.name, 'fr');
    })
    .slice(0, 12)
    .map(territoryOption);
  return matches;
}

const territoryBox = combobox($('territory-input'), $('territory-options'), territoryOptions, (o) => {
  const known = territories.get(o.id);
  void chooseTerritory(o.id === '' ? WHOLE : { id: o.id, name: known?.name ?? o.label, level: known?.level ?? '' });
}, 120);

/** False until the first territory (the URL's, or the whole network) is chosen. */
let territoryChosen = false;

async function chooseTerritory(next: { id: string; name: string; level: string }): Promise<void> {
  territoryChosen = true;
  territory = next;
  territoryBox.setText(next.id === '' ? '' : next.name);
  if (next.id) territories.set(next.id, { id: next.id, name: next.name, level: next.level });
  writeHash();
  // Its EPCIs and communes become searchable once a département (or EPCI) is open.
  if (next.level === 'DEPARTMENT') void Promise.all([loadChildren(next.id, 'EPCI', 200), loadChildren(next.id, 'COMMUNE', 500)]);
  if (next.level === 'EPCI') void loadChildren(next.id, 'COMMUNE', 500);
  await loadTerritory();
}

/**
 * Requests of which only the latest group matters (the territory shown, the actor in focus, the
 * paths asked). `next(key)` abandons the previous group, unless it was asked for the same key: the
 * server stops its work and frees its places among the client's heavy requests (HEAVY_PER_CLIENT),
 * so the next territory is not refused while the last one is computed for nobody.
 */
function latestRequests(): (key?: string) => AbortSignal {
  let current: { key: string | undefined; controller: AbortController } | undefined;
  return (key) => {
    if (!current || key === undefined || current.key !== key) {
      current?.controller.abort();
      current = { key, controller: new AbortController() };
    }
    return current.controller.signal;
  };
}

// ---- the graph of the territory, its shape and its gaps
const territoryRequests = latestRequests();

async function loadTerritory(): Promise<void> {
  const mine = ++loadSequence;
  const signal = territoryRequests();
  const within = territory.id || null;
  // The synthesis report of the territory shown (src/report/http.ts serves it).
  $<HTMLAnchorElement>('report-link').href = `/report/${within ?? 'network'}`;
  const label = territory.id ? t.territoryLabel(territory.name, levelName(territory.level)) : t.wholeNetworkLabel;
  status.textContent = t.loadingOf(label);
  graphEl.dataset.state = 'loading';
  notice.hidden = true;
  $('shape').innerHTML = `<p class="hint">${t.loading}</p>`;
  $('gaps').innerHTML = `<p class="hint">${t.loading}</p>`;
  const gaps = graphql<CompetencyGapsData>(COMPETENCY_GAPS, { within }, signal).then(
    (d) => {
      if (mine !== loadSequence) return;
      lastGaps = d.competencyGaps;
      $('gaps').innerHTML = gapsHtml(d.competencyGaps);
    },
    (err) => mine === loadSequence && ($('gaps').innerHTML = `<p class="error">${escapeHtml(t.gapsUnavailable(errorText(err)))}</p>`),
  );
  shape = undefined;
  const graphAnswer = graphql<ActorGraphData>(ACTOR_GRAPH, { within, first: MAX_DRAWN }, signal);
  // The map needs its actors' places too: fetched while the graph is computed, not after.
  if (layout === 'map') placesOf(territory.id).catch(() => undefined);
  const shapeDone = graphql<NetworkShapeData>(NETWORK_SHAPE, { within }, signal).then(
    (d) => {
      if (mine !== loadSequence) return;
      shape = d.networkShape;
      $('shape').innerHTML = shapeHtml(d.networkShape);
      $('shape').dataset.territory = territory.id;
    },
    (err) => {
      if (mine !== loadSequence) return;
      $('shape').innerHTML = `<p class="error">${escapeHtml(t.shapeUnavailable(errorText(err)))}</p>`;
      $('shape').dataset.territory = territory.id;
    },
  );
  let graph: ActorGraphData['actorGraph'];
  try {
    graph = (await graphAnswer).actorGraph;
  } catch (err) {
    if (mine !== loadSequence) return;
    status.textContent = t.couldNotLoad(label, errorText(err));
    graphEl.dataset.state = 'error';
    return;
  }
  if (mine !== loadSequence) return;
  drawGraph(graph, label);
  if (focusedActor) void focusActor(focusedActor, false);
  await shapeDone;
  if (mine !== loadSequence) return;
  if (shape) {
    const { community, names } = communitiesOf(shape);
    view.setCommunities(community, names);
    renderLegend();
    // Only the shape knows how many actors the territory has beyond those drawn.
    sizeNote = sizeNoteOf(graph.nodes.length);
    showNotes();
  }
  await gaps;
}

/** What the drawing leaves out: actors past MAX_DRAWN, links past MAX_LINKS. */
let sizeNote = '';
let linksNote = '';
const sizeNoteOf = (drawnActors: number): string =>
  shape && shape.actorCount > drawnActors ? t.tooMany(shape.actorCount, MAX_DRAWN) + t.bestConnected(drawnActors) + t.pickSmaller : '';
function showNotes(): void {
  notice.textContent = [sizeNote, linksNote].filter(Boolean).join(' ');
  notice.hidden = notice.textContent === '';
}

/** Community ranks by actor, largest community first (rank 0), and their names in that order. */
function communitiesOf(of: NetworkShapeData['networkShape'] | undefined): { community: Map<string, number>; names: string[] } {
  const communities = [...(of?.communities ?? [])].sort((a, b) => b.size - a.size);
  const community = new Map<string, number>();
  communities.forEach((c, rank) => c.members.forEach((m) => community.set(m.id, rank)));
  return { community, names: communities.map((c) => c.name) };
}

function drawGraph(data: ActorGraphData['actorGraph'], label: string): void {
  // Communities, largest first, colour the graph (known here when the shape came first).
  const { community, names } = communitiesOf(shape);
  // The API sends the MAX_DRAWN best-connected actors (actorGraph first): no more to choose here.
  const nodes = data.nodes;
  let links = data.links;
  sizeNote = sizeNoteOf(nodes.length);
  linksNote = '';
  if (links.length > MAX_LINKS) {
    linksNote = t.strongestLinks(MAX_LINKS, links.length);
    links = [...links].sort((a, b) => b.weight - a.weight).slice(0, MAX_LINKS);
  }
  showNotes();
  view.load(nodes, links, community, names);
  drawn = { nodes, links };
  if (layout === 'map') void showMap();
  graphEl.dataset.state = 'ready';
  graphEl.dataset.territory = territory.id;
  graphEl.dataset.nodes = String(view.graph.order);
  graphEl.dataset.links = String(view.graph.size);
  graphEl.setAttribute('aria-label', t.graphAria(label, view.graph.order, view.graph.size));
  status.textContent = t.drawnStatus(label, view.graph.order, view.graph.size);
  renderLegend();
}

function renderLegend(): void {
  $('legend').innerHTML = view
    .legend()
    .map((e) => `<li><span class="swatch" style="background:${e.colour}" aria-hidden="true"></span>${escapeHtml(e.label)} <span class="option-detail">${e.count}</span></li>`)
    .join('');
}

$<HTMLSelectElement>('colour-by').addEventListener('change', (e) => {
  view.setColourBy((e.target as HTMLSelectElement).value as ColourBy);
  renderLegend();
  writeHash();
});
$<HTMLSelectElement>('size-by').addEventListener('change', (e) => view.setSizeBy((e.target as HTMLSelectElement).value as SizeBy));

// ---- actors: search, focus, card, partners
async function searchActors(text: string): Promise<Option[]> {
  if (text.trim().length < 2) return [];
  const data = await graphql<ActorSearchData>(ACTOR_SEARCH, { search: text.trim() });
  return data.actors.edges.map(({ node }) => ({
    id: node.id,
    label: node.name,
    detail: [t.kinds[node.kind] ?? node.kind, node.commune?.name].filter(Boolean).join(', '),
  }));
}

const actorBox = combobox($('actor-search'), $('actor-options'), searchActors, (o) => void focusActor(o.id, true), 200);

/** Focusing the same actor again keeps its requests; focusing another (or none) abandons them. */
const actorRequests = latestRequests();

async function focusActor(id: string | undefined, move: boolean): Promise<void> {
  focusedActor = id;
  const signal = actorRequests(id);
  writeHash();
  view.focus(id);
  if (layout === 'map') mapView.focus(id);
  const panel = $('actor-panel');
  if (!id) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  $('actor-card').innerHTML = `<p class="hint">${t.loading}</p>`;
  $('partners').innerHTML = '';
  const [card, partners] = await Promise.allSettled([
    graphql<ActorCardData>(ACTOR_CARD, { id }, signal),
    graphql<SynergiesData>(SYNERGIES, { id, lang: apiLang(lang) }, signal),
  ]);
  if (signal.aborted || focusedActor !== id) return;
  if (card.status === 'rejected' || !card.value.actor) {
    $('actor-card').innerHTML = `<p class="error">${card.status === 'rejected' ? escapeHtml(errorText(card.reason)) : t.noSuchActor}</p>`;
  } else {
    const actor = card.value.actor;
    actorBox.setText(actor.name);
    if (!view.has(id) && graphEl.dataset.state === 'ready') {
      // Outside the drawn territory: drawn all the same, beside its partners that are drawn.
      view.addVisitor(id, actor.name, actor.kind, actor.links.map((l) => l.other.id));
      view.focus(id);
    }
    $('actor-card').innerHTML = actorCardHtml(actor, {
      degree: view.degree(id),
      inGraph: view.has(id),
      hubRank: shape?.hubs.find((r) => r.actor.id === id)?.rank,
      brokerRank: shape?.brokers.find((r) => r.actor.id === id)?.rank,
    });
    if (move) $('actor-heading').focus();
    void editing?.actorShown(id, $('actor-card'));
  }
  $('partners').innerHTML =
    partners.status === 'fulfilled' ? partnersHtml(partners.value.synergies) : `<li class="error">${escapeHtml(t.suggestionsUnavailable(errorText(partners.reason)))}</li>`;
}
$('actor-heading').tabIndex = -1;

view.onNodeClick = (id) => void focusActor(id, false);
view.onStageClick = () => {
  if (focusedActor) void focusActor(undefined, false);
};

// Buttons inside the panels: an actor name focuses it, a territory name opens it.
document.querySelector('.side')!.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest('button');
  if (!button) return;
  if (button.dataset.actor) void focusActor(button.dataset.actor, true);
  if (button.dataset.territory) {
    const known = territories.get(button.dataset.territory);
    void chooseTerritory(known ?? { id: button.dataset.territory, name: button.dataset.name ?? button.dataset.territory, level: button.dataset.level ?? '' });
  }
  if (button.dataset.showAllGaps && lastGaps) $('gaps').innerHTML = gapsHtml(lastGaps, lastGaps.length);
});

// ---- synergy paths between two actors
let pathFrom: string | undefined;
let pathTo: string | undefined;
const fromBox = combobox($('path-from'), $('path-from-options'), searchActors, (o) => (pathFrom = o.id), 200);
const toBox = combobox($('path-to'), $('path-to-options'), searchActors, (o) => (pathTo = o.id), 200);

$('path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void showPaths();
});
$('path-clear').addEventListener('click', () => {
  shownPath = undefined;
  view.clearPaths();
  $('paths').innerHTML = '';
  graphEl.dataset.highlighted = '0';
  writeHash();
});
/** The path on screen (from, to), kept in the URL. */
let shownPath: [string, string] | undefined;
const pathRequests = latestRequests();

async function showPaths(): Promise<void> {
  const list = $('paths');
  if (!pathFrom || !pathTo) {
    list.innerHTML = `<li class="error">${t.pickBoth}</li>`;
    return;
  }
  list.innerHTML = `<li class="hint">${t.lookingForPaths}</li>`;
  shownPath = [pathFrom, pathTo];
  writeHash();
  const signal = pathRequests();
  try {
    const data = await graphql<SynergyPathsData>(SYNERGY_PATHS, { from: pathFrom, to: pathTo, lang: apiLang(lang) }, signal);
    if (signal.aborted) return;
    const [first] = data.synergyPaths;
    if (first) {
      const ends = [first.nodes[0], first.nodes[first.nodes.length - 1]];
      fromBox.setText(ends[0]?.name ?? pathFrom);
      toBox.setText(ends[1]?.name ?? pathTo);
    }
    list.innerHTML = pathsHtml(data.synergyPaths);
    // The cheapest path is drawn; the others are listed beside it.
    const best = data.synergyPaths[0];
    view.showPaths(best ? [best.nodes] : []);
    graphEl.dataset.highlighted = String(view.highlightedCount());
  } catch (err) {
    if (signal.aborted) return;
    list.innerHTML = `<li class="error">${escapeHtml(errorText(err))}</li>`;
  }
}

// ---- the map: the same actors at their commune, the territories' outlines, a choropleth
const places = new Map<string, Promise<Map<string, string>>>();

/**
 * Commune codes of the territory's actors (pages of 100, as the API serves them), cached per
 * territory; the promise is kept, so that the map's first call (made with the graph's, to overlap
 * the two) and the choropleth's share one fetch. A failed fetch is forgotten, to be tried again.
 */
function placesOf(within: string): Promise<Map<string, string>> {
  let known = places.get(within);
  if (!known) {
    known = fetchPlaces(within);
    places.set(within, known);
    known.catch(() => places.delete(within));
  }
  return known;
}

async function fetchPlaces(within: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let after: string | null = null;
  for (let page = 0; page < Math.ceil(MAX_DRAWN / 100); page++) {
    const data: ActorPlacesData = await graphql<ActorPlacesData>(ACTOR_PLACES, { within: within || null, first: 100, after });
    for (const { node } of data.actors.edges) if (node.commune?.code) found.set(node.id, node.commune.code);
    if (!data.actors.pageInfo.hasNextPage) break;
    after = data.actors.pageInfo.endCursor;
  }
  return found;
}

/** The département of a commune, from its INSEE code (2A/2B for Corsica, 3 digits overseas). */
const departmentOfCommune = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

async function setLayout(next: Layout): Promise<void> {
  layout = next;
  $<HTMLSelectElement>('view-by').value = next;
  document.body.dataset.layout = next;
  mapEl.hidden = next !== 'map';
  graphEl.hidden = next === 'map';
  $('legend').hidden = next === 'map';
  $('map-legend').hidden = next !== 'map';
  $('indicator-field').hidden = next !== 'map';
  writeHash();
  // Before the first drawing there is nothing to place: drawGraph shows the map when it is ready.
  if (next === 'map') {
    if (graphEl.dataset.state === 'ready') await showMap();
  } else {
    view.resize();
    view.shown();
    view.focus(focusedActor);
  }
}

async function showMap(): Promise<void> {
  const mine = loadSequence;
  if (!(await mapView.ready)) {
    notice.textContent = t.mapUnavailable;
    notice.hidden = false;
    return;
  }
  mapView.resize();
  const within = territory.id;
  const codes = await placesOf(within).catch(() => new Map<string, string>());
  if (mine !== loadSequence || layout !== 'map') return;
  const actors: PlacedActor[] = drawn.nodes
    .filter((n) => codes.has(n.id))
    .map((n) => ({ id: n.id, label: n.name, colour: KIND_COLOURS[n.kind] ?? KIND_COLOURS.OTHER!, commune: codes.get(n.id)! }));
  mapView.show(actors, drawn.links, within);
  mapView.focus(focusedActor);
  const label = territory.id ? t.territoryLabel(territory.name, levelName(territory.level)) : t.wholeNetworkLabel;
  status.textContent = t.mapStatus(label, actors.length, drawn.nodes.length);
  mapEl.dataset.territory = within;
  mapEl.dataset.state = 'ready';
  await showChoropleth();
}

/** Départements the choropleth colours: those of the territory's région (all of France for the whole network). */
function choroplethDepartments(): string[] {
  const geo = mapView.geo;
  if (!geo) return [];
  const [level, code] = territory.id.split(':');
  let region: string | undefined;
  if (level === 'region') region = code;
  else if (level === 'department') region = geo.departments.features.find((f) => f.properties.code === code)?.properties.region;
  else if (level === 'commune' || level === 'epci') {
    const dep = level === 'commune' ? departmentOfCommune(code ?? '') : undefined;
    region = geo.departments.features.find((f) => f.properties.code === dep)?.properties.region;
  }
  return geo.departments.features.filter((f) => region === undefined || f.properties.region === region).map((f) => f.properties.code);
}

async function showChoropleth(): Promise<void> {
  const mine = loadSequence;
  const indicator = $<HTMLSelectElement>('indicator').value as Indicator;
  const departments = choroplethDepartments();
  const values = new Map<string, number>();
  if (indicator === 'actors') {
    const codes = await placesOf(territory.id);
    for (const d of departments) values.set(d, 0);
    for (const code of codes.values()) {
      const d = departmentOfCommune(code);
      if (values.has(d)) values.set(d, values.get(d)! + 1);
    }
  } else {
    // The largest gap of each département, four at a time.
    const queue = [...departments];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
          const data = await graphql<CompetencyGapsData>(COMPETENCY_GAPS, { within: `department:${d}` }).catch(() => undefined);
          if (data) values.set(d, data.competencyGaps[0]?.gap ?? 0);
        }
      }),
    );
  }
  if (mine !== loadSequence || layout !== 'map') return;
  const { max, colours } = mapView.setChoropleth(values);
  const digits = indicator === 'actors' ? 0 : 1;
  const steps = colours.map((c, i) => `<span style="background:${c}" title="${formatNumber((max * i) / colours.length, digits)} – ${formatNumber((max * (i + 1)) / colours.length, digits)}"></span>`).join('');
  $('map-legend').innerHTML = `<strong>${escapeHtml(t.indicators[indicator])}</strong>
    <div class="ramp">${formatNumber(0, digits)} ${steps} ${formatNumber(max, digits)}</div>
    <div class="ramp"><span style="background:#fff;border:1px solid #adb5bd"></span> ${t.noData}</div>`;
  mapEl.dataset.indicator = indicator;
}

mapView.onTerritoryClick = (id, name) => void chooseTerritory({ id, name, level: 'DEPARTMENT' });
mapView.onActorClick = (id) => void focusActor(id, false);
$<HTMLSelectElement>('view-by').addEventListener('change', (e) => void setLayout((e.target as HTMLSelectElement).value as Layout));
$<HTMLSelectElement>('indicator').addEventListener('change', () => {
  writeHash();
  void showChoropleth();
});

// ---- URL state
function writeHash(): void {
  const params = new URLSearchParams();
  if (territory.id) params.set('t', territory.id);
  if (focusedActor) params.set('a', focusedActor);
  if (shownPath) {
    params.set('from', shownPath[0]);
    params.set('to', shownPath[1]);
  }
  const colour = $<HTMLSelectElement>('colour-by').value;
  if (colour !== 'kind') params.set('c', colour);
  if (lang !== 'fr') params.set('l', lang);
  if (layout !== 'network') params.set('v', layout);
  const indicator = $<HTMLSelectElement>('indicator').value;
  if (layout === 'map' && indicator !== 'actors') params.set('i', indicator);
  if (document.body.classList.contains('embed')) params.set('embed', '1');
  const hash = params.toString();
  const next = hash ? `#${hash}` : window.location.pathname + window.location.search;
  // Only when it changes, so that reading the hash does not write it back in a loop.
  if (`#${hash}` !== window.location.hash && !(hash === '' && window.location.hash === '')) history.replaceState(null, '', next);
}

/** Applies a hash: what differs from the page's state changes, the rest stays as it is. */
async function applyHash(hash: string): Promise<void> {
  const params = new URLSearchParams(hash.slice(1));
  const nextLang: Lang = parseLang(params.get('l'));
  if (nextLang !== lang) {
    // Every word on the page changes: a fresh start in the other language is the simplest honest way.
    window.location.reload();
    return;
  }
  document.body.classList.toggle('embed', params.get('embed') === '1');
  const colour = params.get('c') === 'community' ? 'community' : 'kind';
  if ($<HTMLSelectElement>('colour-by').value !== colour) {
    $<HTMLSelectElement>('colour-by').value = colour;
    view.setColourBy(colour);
    renderLegend();
  }
  const nextIndicator = params.get('i') === 'gap' ? 'gap' : 'actors';
  const indicatorChanged = $<HTMLSelectElement>('indicator').value !== nextIndicator;
  $<HTMLSelectElement>('indicator').value = nextIndicator;
  const nextLayout: Layout = params.get('v') === 'map' ? 'map' : 'network';
  if (nextLayout !== layout) await setLayout(nextLayout);
  else if (indicatorChanged && layout === 'map') void showChoropleth();
  const nextActor = params.get('a') ?? undefined;
  const tId = params.get('t') ?? '';
  if (tId !== territory.id || !territoryChosen) {
    focusedActor = nextActor;
    const found = tId ? await graphql<TerritoryData>(TERRITORY, { id: tId }).catch(() => undefined) : undefined;
    await chooseTerritory(found?.territory ?? WHOLE);
  } else if (nextActor !== focusedActor) {
    await focusActor(nextActor, false);
  }
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && (shownPath?.[0] !== from || shownPath?.[1] !== to)) {
    pathFrom = from;
    pathTo = to;
    await showPaths();
  }
}

window.addEventListener('hashchange', () => void applyHash(window.location.hash));
$<HTMLSelectElement>('lang').addEventListener('change', (e) => {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const chosen = (e.target as HTMLSelectElement).value;
  if (chosen === 'fr') params.delete('l');
  else params.set('l', chosen);
  window.location.hash = params.toString();
});

let editing: Editing | undefined;

async function start(): Promise<void> {
  const listed = loadTerritoryList().catch((err) => {
    status.textContent = t.territoryListUnavailable(errorText(err));
  });
  await applyHash(window.location.hash);
  // Editing controls (src/editing.ts) appear only for a signed-in editor.
  editing = new Editing({ lang, focusActor: (id) => void focusActor(id, true), refresh: () => void loadTerritory() });
  await editing.start(document.querySelector<HTMLElement>('.toolbar')!);
  await listed;
  document.body.dataset.ready = 'true';
}

window.addEventListener('resize', () => {
  view.resize();
  mapView.resize();
});
$('indicator-field').hidden = true;
// For the browser tests and the benchmark: where things are drawn (no data goes through it).
(window as unknown as { explorer: { view: GraphView; map: MapView } }).explorer = { view, map: mapView };
void start();
