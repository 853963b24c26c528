/**
 * The explorer page: a territory (or the whole network) drawn as its actor graph, an actor search
 * with its card and suggested partners, synergy paths between two actors, and the territory's
 * network shape and competency gaps. Everything comes from POST /graphql.
 *
 * The chosen territory and actor live in the URL hash (#t=department:80&a=utc), so views can be shared.
 */
import {
  ACTOR_CARD,
  ACTOR_GRAPH,
  ACTOR_SEARCH,
  ApiError,
  CHILDREN,
  COMPETENCY_GAPS,
  NETWORK_SHAPE,
  REGIONS,
  SYNERGIES,
  SYNERGY_PATHS,
  TERRITORY,
  graphql,
  type ActorCardData,
  type ActorGraphData,
  type ActorSearchData,
  type ChildrenData,
  type CompetencyGapsData,
  type NetworkShapeData,
  type RegionsData,
  type SynergiesData,
  type SynergyPathsData,
  type TerritoryData,
  type TerritoryRef,
} from './api.ts';
import { combobox, type Option } from './combobox.ts';
import { GraphView, type ColourBy, type SizeBy } from './graph-view.ts';
import { actorCardHtml, gapsHtml, partnersHtml, pathsHtml, shapeHtml } from './panels.ts';
import { KIND_LABELS, LEVEL_LABELS, escapeHtml, fold, formatNumber } from './text.ts';

/** Above this many actors the page draws the largest communities only (the issue's smoothness bound). */
const MAX_DRAWN = 5000;
/** Shared events make cliques: past this many links the heaviest are drawn (the issue's 20,000). */
const MAX_LINKS = 20000;
const WHOLE = { id: '', name: 'Whole network', level: 'ALL' };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const notice = $('notice');
const graphEl = $('graph');
const view = new GraphView(graphEl);

let territory: { id: string; name: string; level: string } = WHOLE;
let shape: NetworkShapeData['networkShape'] | undefined;
let focusedActor: string | undefined;
let loadSequence = 0;
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

function territoryOptions(text: string): Option[] {
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
    .map((t) => ({ id: t.id, label: t.name, detail: `${LEVEL_LABELS[t.level] ?? t.level}${t.code ? ` ${t.code}` : ''}` }));
  const whole = key === '' || fold(WHOLE.name).includes(key) ? [{ id: '', label: WHOLE.name, detail: 'every actor' }] : [];
  return [...whole, ...matches];
}

const territoryBox = combobox($('territory-input'), $('territory-options'), territoryOptions, (o) => {
  const t = territories.get(o.id);
  void chooseTerritory(o.id === '' ? WHOLE : { id: o.id, name: o.label, level: t?.level ?? '' });
}, 0);

async function chooseTerritory(next: { id: string; name: string; level: string }): Promise<void> {
  territory = next;
  territoryBox.setText(next.id === '' ? '' : next.name);
  writeHash();
  // Its EPCIs and communes become searchable once a département (or EPCI) is open.
  if (next.level === 'DEPARTMENT') void Promise.all([loadChildren(next.id, 'EPCI', 200), loadChildren(next.id, 'COMMUNE', 500)]);
  if (next.level === 'EPCI') void loadChildren(next.id, 'COMMUNE', 500);
  await loadTerritory();
}

// ---- the graph of the territory, its shape and its gaps
async function loadTerritory(): Promise<void> {
  const mine = ++loadSequence;
  const within = territory.id || null;
  // The synthesis report of the territory shown (src/report/http.ts serves it).
  $<HTMLAnchorElement>('report-link').href = `/report/${within ?? 'network'}`;
  const label = territory.id ? `${territory.name} (${LEVEL_LABELS[territory.level] ?? territory.level})` : 'the whole network';
  status.textContent = `Loading ${label}…`;
  graphEl.dataset.state = 'loading';
  notice.hidden = true;
  $('shape').innerHTML = '<p class="hint">Loading…</p>';
  $('gaps').innerHTML = '<p class="hint">Loading…</p>';
  const gaps = graphql<CompetencyGapsData>(COMPETENCY_GAPS, { within }).then(
    (d) => mine === loadSequence && ($('gaps').innerHTML = gapsHtml(d.competencyGaps)),
    (err) => mine === loadSequence && ($('gaps').innerHTML = `<p class="error">Competency gaps unavailable: ${escapeHtml(errorText(err))}</p>`),
  );
  shape = undefined;
  const graphAnswer = graphql<ActorGraphData>(ACTOR_GRAPH, { within });
  const shapeDone = graphql<NetworkShapeData>(NETWORK_SHAPE, { within }).then(
    (d) => {
      if (mine !== loadSequence) return;
      shape = d.networkShape;
      $('shape').innerHTML = shapeHtml(d.networkShape);
      $('shape').dataset.territory = territory.id;
    },
    (err) => {
      if (mine !== loadSequence) return;
      $('shape').innerHTML = `<p class="error">Network shape unavailable: ${escapeHtml(errorText(err))}</p>`;
      $('shape').dataset.territory = territory.id;
    },
  );
  let graph: ActorGraphData['actorGraph'];
  try {
    graph = (await graphAnswer).actorGraph;
  } catch (err) {
    if (mine !== loadSequence) return;
    status.textContent = `Could not load ${label}: ${errorText(err)}`;
    graphEl.dataset.state = 'error';
    return;
  }
  if (mine !== loadSequence) return;
  // Small enough: draw now and colour by community when the shape (slower) arrives. Too big: the
  // shape's communities decide what is drawn, so wait for them.
  const drawNow = graph.nodes.length <= MAX_DRAWN;
  if (!drawNow) {
    status.textContent = `${label}: ${formatNumber(graph.nodes.length, 0)} actors; finding its communities…`;
    await shapeDone;
    if (mine !== loadSequence) return;
  }
  drawGraph(graph, label);
  if (focusedActor) void focusActor(focusedActor, false);
  await shapeDone;
  if (mine !== loadSequence) return;
  if (drawNow && shape) {
    const { community, names } = communitiesOf(shape);
    view.setCommunities(community, names);
    renderLegend();
  }
  await gaps;
}

/** Community ranks by actor, largest community first (rank 0), and their names in that order. */
function communitiesOf(of: NetworkShapeData['networkShape'] | undefined): { community: Map<string, number>; names: string[]; sizes: number[] } {
  const communities = [...(of?.communities ?? [])].sort((a, b) => b.size - a.size);
  const community = new Map<string, number>();
  communities.forEach((c, rank) => c.members.forEach((m) => community.set(m.id, rank)));
  return { community, names: communities.map((c) => c.name), sizes: communities.map((c) => c.size) };
}

function drawGraph(data: ActorGraphData['actorGraph'], label: string): void {
  // Communities, largest first: they colour the graph, and bound what is drawn for big territories.
  const { community, names, sizes } = communitiesOf(shape);
  let nodes = data.nodes;
  let links = data.links;
  let keptCommunities = 0;
  if (nodes.length > MAX_DRAWN) {
    let kept = 0;
    let total = 0;
    for (const size of sizes) {
      if (total + size > MAX_DRAWN && kept > 0) break;
      total += size;
      kept += 1;
    }
    const keep = new Set<string>();
    if (kept > 0) {
      for (const [id, rank] of community) if (rank < kept) keep.add(id);
    } else {
      // No communities to go by: the best-connected actors.
      const degree = new Map<string, number>();
      for (const l of links) {
        degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
        degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
      }
      [...degree].sort((a, b) => b[1] - a[1]).slice(0, MAX_DRAWN).forEach(([id]) => keep.add(id));
    }
    keptCommunities = kept;
    nodes = nodes.filter((n) => keep.has(n.id));
    links = links.filter((l) => keep.has(l.source) && keep.has(l.target));
  }
  const notes: string[] = [];
  if (nodes.length < data.nodes.length) {
    notes.push(
      `${formatNumber(data.nodes.length, 0)} actors is more than the ${formatNumber(MAX_DRAWN, 0)} drawn smoothly: ` +
        (keptCommunities > 0
          ? `showing the ${keptCommunities} largest communit${keptCommunities === 1 ? 'y' : 'ies'} (${formatNumber(nodes.length, 0)} actors).`
          : `showing the ${formatNumber(nodes.length, 0)} best-connected actors.`) +
        ' Pick a smaller territory to see everyone.',
    );
  }
  if (links.length > MAX_LINKS) {
    notes.push(`Drawing the ${formatNumber(MAX_LINKS, 0)} strongest of ${formatNumber(links.length, 0)} links; sizes count the drawn links.`);
    links = [...links].sort((a, b) => b.weight - a.weight).slice(0, MAX_LINKS);
  }
  notice.textContent = notes.join(' ');
  notice.hidden = notes.length === 0;
  view.load(nodes, links, community, names);
  graphEl.dataset.state = 'ready';
  graphEl.dataset.territory = territory.id;
  graphEl.dataset.nodes = String(view.graph.order);
  graphEl.dataset.links = String(view.graph.size);
  graphEl.setAttribute('aria-label', `Actor graph of ${label}: ${view.graph.order} actors, ${view.graph.size} links drawn`);
  status.textContent = `${label}: ${formatNumber(view.graph.order, 0)} actors, ${formatNumber(view.graph.size, 0)} links drawn`;
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
});
$<HTMLSelectElement>('size-by').addEventListener('change', (e) => view.setSizeBy((e.target as HTMLSelectElement).value as SizeBy));

// ---- actors: search, focus, card, partners
async function searchActors(text: string): Promise<Option[]> {
  if (text.trim().length < 2) return [];
  const data = await graphql<ActorSearchData>(ACTOR_SEARCH, { search: text.trim() });
  return data.actors.edges.map(({ node }) => ({
    id: node.id,
    label: node.name,
    detail: [KIND_LABELS[node.kind] ?? node.kind, node.commune?.name].filter(Boolean).join(', '),
  }));
}

const actorBox = combobox($('actor-search'), $('actor-options'), searchActors, (o) => void focusActor(o.id, true), 200);

async function focusActor(id: string | undefined, move: boolean): Promise<void> {
  focusedActor = id;
  writeHash();
  view.focus(id);
  const panel = $('actor-panel');
  if (!id) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  $('actor-card').innerHTML = '<p class="hint">Loading…</p>';
  $('partners').innerHTML = '';
  const [card, partners] = await Promise.allSettled([graphql<ActorCardData>(ACTOR_CARD, { id }), graphql<SynergiesData>(SYNERGIES, { id })]);
  if (focusedActor !== id) return;
  if (card.status === 'rejected' || !card.value.actor) {
    $('actor-card').innerHTML = `<p class="error">${card.status === 'rejected' ? escapeHtml(errorText(card.reason)) : 'No such actor.'}</p>`;
  } else {
    const actor = card.value.actor;
    actorBox.setText(actor.name);
    $('actor-card').innerHTML = actorCardHtml(actor, {
      degree: view.degree(id),
      inGraph: view.has(id),
      hubRank: shape?.hubs.find((r) => r.actor.id === id)?.rank,
      brokerRank: shape?.brokers.find((r) => r.actor.id === id)?.rank,
    });
    if (move) $('actor-heading').focus();
  }
  $('partners').innerHTML =
    partners.status === 'fulfilled' ? partnersHtml(partners.value.synergies) : `<li class="error">Suggestions unavailable: ${escapeHtml(errorText(partners.reason))}</li>`;
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
    void chooseTerritory(known ?? { id: button.dataset.territory, name: button.dataset.name ?? button.dataset.territory, level: '' });
  }
});

// ---- synergy paths between two actors
let pathFrom: string | undefined;
let pathTo: string | undefined;
combobox($('path-from'), $('path-from-options'), searchActors, (o) => (pathFrom = o.id), 200);
combobox($('path-to'), $('path-to-options'), searchActors, (o) => (pathTo = o.id), 200);

$('path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void showPaths();
});
$('path-clear').addEventListener('click', () => {
  view.clearPaths();
  $('paths').innerHTML = '';
  graphEl.dataset.highlighted = '0';
});

async function showPaths(): Promise<void> {
  const list = $('paths');
  if (!pathFrom || !pathTo) {
    list.innerHTML = '<li class="error">Pick both actors from the suggestions first.</li>';
    return;
  }
  list.innerHTML = '<li class="hint">Looking for paths…</li>';
  try {
    const data = await graphql<SynergyPathsData>(SYNERGY_PATHS, { from: pathFrom, to: pathTo });
    list.innerHTML = pathsHtml(data.synergyPaths);
    // The cheapest path is drawn; the others are listed beside it.
    const best = data.synergyPaths[0];
    view.showPaths(best ? [best.nodes] : []);
    graphEl.dataset.highlighted = String(view.highlightedCount());
  } catch (err) {
    list.innerHTML = `<li class="error">${escapeHtml(errorText(err))}</li>`;
  }
}

// ---- URL state
function writeHash(): void {
  const params = new URLSearchParams();
  if (territory.id) params.set('t', territory.id);
  if (focusedActor) params.set('a', focusedActor);
  const hash = params.toString();
  history.replaceState(null, '', hash ? `#${hash}` : window.location.pathname + window.location.search);
}

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const listed = loadTerritoryList().catch((err) => {
    status.textContent = `Territory list unavailable: ${errorText(err)}`;
  });
  const t = params.get('t');
  focusedActor = params.get('a') ?? undefined;
  if (t) {
    const found = await graphql<TerritoryData>(TERRITORY, { id: t }).catch(() => undefined);
    await chooseTerritory(found?.territory ?? WHOLE);
  } else {
    await chooseTerritory(WHOLE);
  }
  await listed;
  document.body.dataset.ready = 'true';
}

window.addEventListener('resize', () => view.resize());
void start();
