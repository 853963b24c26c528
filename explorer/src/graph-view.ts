/**
 * The network drawn with sigma.js (WebGL) on a graphology graph, laid out by ForceAtlas2 in a web
 * worker. Knows how to colour (kind or community), size (degree or PageRank), focus an actor (its
 * neighbourhood stays lit) and highlight synergy paths (adding the events or programmes they walk
 * through, which are not actors of the graph).
 *
 *   const view = new GraphView(container);
 *   view.load(nodes, links, communities);
 *   view.focus('utc');
 *   view.showPaths([[{ id: 'altytud' }, ...]]);
 */
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import pagerank from 'graphology-metrics/centrality/pagerank';
import Sigma from 'sigma';
import type { Settings } from 'sigma/settings';
import type { EdgeDisplayData, NodeDisplayData, PartialButFor } from 'sigma/types';
import type { ActorRef, NodeRef } from './api.ts';
import { t } from './text.ts';

export type ColourBy = 'kind' | 'community';
export type SizeBy = 'degree' | 'pagerank';

export const KIND_COLOURS: Record<string, string> = {
  INSTITUTE: '#d6336c',
  UNIVERSITY: '#1c7ed6',
  COMPANY: '#37b24d',
  CLUSTER: '#f59f00',
  FUNDER: '#7048e8',
  CHAMBER: '#e8590c',
  LOCAL_AUTHORITY: '#0c8599',
  REGION: '#5c940d',
  OTHER: '#868e96',
};
const COMMUNITY_COLOURS = ['#1c7ed6', '#e8590c', '#37b24d', '#d6336c', '#7048e8', '#f59f00', '#0c8599', '#5c940d', '#ae3ec9', '#c92a2a', '#1098ad', '#66a80f'];
const DIMMED = '#dee2e6';
const PATH_COLOUR = '#e03131';

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: string;
  temporary?: boolean;
}
interface EdgeAttributes {
  size: number;
  color: string;
  weight: number;
  types: string[];
  temporary?: boolean;
}

/** A label as drawn on screen, in CSS pixels: what the collision test and the browser tests read. */
export interface LabelBox {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How long ForceAtlas2 runs: 1 s + 0.5 ms per actor, at most 4 s (5,000 actors, the most drawn).
 * It was 1.5 s + 2 ms per actor up to 8 s: 7.5 s of a 3,000-actor département's 15 s to be ready.
 * At 4 s a synthetic département of 3,000 or 10,000 actors reads as a disc with its hubs labelled
 * (bench/explorer.ts's screenshots); the longer layout's picture was not compared side by side.
 */
export const layoutMs = (actors: number): number => Math.min(4000, 1000 + actors * 0.5);

/** Space kept free around the drawing, in pixels: big nodes and their labels stay inside the frame. */
const STAGE_PADDING = 48;
/** Below this many actors every label is shown (when it fits); above, the biggest win each spot. */
const ALL_LABELS_BELOW = 80;

export interface LegendEntry {
  colour: string;
  label: string;
  count: number;
}

export class GraphView {
  readonly graph = new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: false, allowSelfLoops: false });
  private readonly renderer: Sigma<NodeAttributes, EdgeAttributes>;
  private layout: FA2Layout | undefined;
  private layoutTimer: number | undefined;
  /** Loaded while hidden: laid out once shown. */
  private layoutPending = false;
  private community = new Map<string, number>();
  private communityNames: string[] = [];
  private colourBy: ColourBy = 'kind';
  private sizeBy: SizeBy = 'degree';
  private focused: string | undefined;
  private neighbours = new Set<string>();
  private pathNodes = new Set<string>();
  private pathEdges = new Set<string>();
  onNodeClick: (id: string) => void = () => {};
  onStageClick: () => void = () => {};

  private readonly container: HTMLElement;
  /** Labels drawn in the current frame: a label that would overlap one of them, or leave the frame, is not drawn. */
  private drawn: LabelBox[] = [];
  private followTimer: number | undefined;

  constructor(container: HTMLElement) {
    this.container = container;
    this.renderer = new Sigma(this.graph, container, {
      zIndex: true,
      // Hidden while the map is shown: sigma then draws nothing instead of throwing.
      allowInvalidContainer: true,
      labelRenderedSizeThreshold: 6,
      labelDensity: 1,
      labelGridCellSize: 60,
      stagePadding: STAGE_PADDING,
      defaultEdgeColor: '#dee2e6',
      defaultDrawNodeLabel: (context, data, settings) => this.drawLabel(context, data, settings),
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.renderer.on('beforeRender', () => (this.drawn = []));
    this.renderer.on('clickNode', ({ node }) => this.onNodeClick(node));
    this.renderer.on('clickStage', () => this.onStageClick());
  }

  /**
   * Sigma's label, kept from colliding: put right, left, above or below its node, wherever it first
   * overlaps no label already drawn in this frame (sigma draws the biggest nodes' labels first) and
   * stays inside the frame. In a small graph every actor is labelled: when none of those four places
   * is free (a crowded force layout leaves that to chance), the label goes to the nearest free place
   * in the frame, tied to its node by a thin leader line. Big graphs skip it (sigma's grid thins them).
   */
  private drawLabel(
    context: CanvasRenderingContext2D,
    data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { key?: string },
    settings: Settings<NodeAttributes, EdgeAttributes>,
  ): void {
    const label = data.label;
    if (!label) return;
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const width = context.measureText(label).width;
    const { width: frameWidth, height: frameHeight } = this.renderer.getDimensions();
    const y = data.y + size / 3;
    const places: { x: number; baseline: number }[] = [
      { x: data.x + data.size + 3, baseline: y },
      { x: data.x - data.size - 3 - width, baseline: y },
      { x: data.x - width / 2, baseline: data.y - data.size - 4 },
      { x: data.x - width / 2, baseline: data.y + data.size + size + 2 },
    ];
    const fits = (b: LabelBox) =>
      b.x >= 0 &&
      b.y >= 0 &&
      b.x + b.width <= frameWidth &&
      b.y + b.height <= frameHeight &&
      !this.drawn.some((o) => b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height);
    let box = places.map((p): LabelBox => ({ id: data.key ?? '', label, x: p.x, y: p.baseline - size, width, height: size + 2 })).find(fits);
    let leader = false;
    if (!box && this.graph.order < ALL_LABELS_BELOW) {
      box = this.nearestFreePlace(data.x, data.y, { id: data.key ?? '', label, x: 0, y: 0, width, height: size + 2 }, frameWidth, frameHeight, fits);
      leader = box !== undefined;
    }
    if (!box) return;
    this.drawn.push(box);
    if (leader) {
      // From the node to the nearest point of its label.
      const toX = Math.min(Math.max(data.x, box.x), box.x + box.width);
      const toY = Math.min(Math.max(data.y, box.y), box.y + box.height);
      context.strokeStyle = '#868e96';
      context.lineWidth = 1;
      context.beginPath();
      context.moveTo(data.x, data.y);
      context.lineTo(toX, toY);
      context.stroke();
    }
    context.fillStyle = '#1d2433';
    context.fillText(label, box.x, box.y + box.height - 2);
  }

  /**
   * The free place nearest to (x, y) for a label of this size: rows half a label's height apart across
   * the frame, each tried centred on the node, beside it, and against each label already drawn.
   * Deterministic for a given drawing; at most a few thousand boxes tried (small graphs only).
   */
  private nearestFreePlace(x: number, y: number, shape: LabelBox, frameWidth: number, frameHeight: number, fits: (b: LabelBox) => boolean): LabelBox | undefined {
    const xs = [x - shape.width / 2, x + 6, x - 6 - shape.width, 0, frameWidth - shape.width];
    for (const o of this.drawn) xs.push(o.x + o.width + 2, o.x - shape.width - 2);
    let best: LabelBox | undefined;
    let bestDistance = Infinity;
    for (let top = 0; top + shape.height <= frameHeight; top += shape.height / 2) {
      for (const left of xs) {
        const box = { ...shape, x: left, y: top };
        const dx = Math.max(box.x - x, 0, x - box.x - box.width);
        const dy = Math.max(box.y - y, 0, y - box.y - box.height);
        const distance = dx * dx + dy * dy;
        if (distance < bestDistance && fits(box)) {
          best = box;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** The labels drawn in the last frame (for tests and for the page's own checks). */
  drawnLabels(): LabelBox[] {
    return [...this.drawn];
  }

  /** Where a node is on screen, in CSS pixels from the graph's top-left corner. */
  viewportOf(id: string): { x: number; y: number; width: number; height: number } | undefined {
    if (!this.graph.hasNode(id)) return undefined;
    const { x, y } = this.graph.getNodeAttributes(id);
    const point = this.renderer.graphToViewport({ x, y });
    const { width, height } = this.renderer.getDimensions();
    return { x: point.x, y: point.y, width, height };
  }

  /** Replaces the graph; `community` maps actor ids to community ranks (0 = largest). */
  load(
    nodes: ActorRef[],
    links: { source: string; target: string; weight: number; types: string[] }[],
    community: Map<string, number>,
    communityNames: string[],
  ): void {
    this.stopLayout();
    this.focused = undefined;
    this.neighbours.clear();
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.graph.clear();
    this.community = community;
    this.communityNames = communityNames;
    for (const actor of nodes) {
      this.graph.addNode(actor.id, { x: 0, y: 0, size: 4, color: '#999', label: actor.name, kind: actor.kind });
    }
    this.placeByCommunity();
    for (const link of links) {
      if (!this.graph.hasNode(link.source) || !this.graph.hasNode(link.target)) continue;
      this.graph.mergeEdge(link.source, link.target, { size: Math.min(3, 0.4 + Math.log2(1 + link.weight) * 0.5), color: '#dee2e6', weight: link.weight, types: link.types });
    }
    this.applySizes();
    this.applyColours();
    // Small graphs: every label is a candidate (our collision test decides); big ones: sigma's grid first.
    this.renderer.setSetting('labelRenderedSizeThreshold', this.graph.order < ALL_LABELS_BELOW ? 0 : 6);
    this.renderer.setSetting('labelDensity', this.graph.order < ALL_LABELS_BELOW ? 100 : 1);
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    // Hidden behind the map, the layout would only take the map's processor time: it waits to be shown.
    this.layoutPending = this.container.hidden;
    if (this.layoutPending) this.container.dataset.layout = 'pending';
    else this.startLayout();
  }

  /** The network is shown again (after the map): lays it out if that waited. */
  shown(): void {
    if (!this.layoutPending) return;
    this.layoutPending = false;
    this.startLayout();
  }

  /** Starts from a disc, each community in its own sector, so that ForceAtlas2 has less to undo. */
  private placeByCommunity(): void {
    const spread = Math.sqrt(this.graph.order) * 10;
    this.graph.forEachNode((node, attributes) => {
      if (attributes.temporary) return;
      const angle = Math.random() * 2 * Math.PI;
      const radius = spread * Math.sqrt(Math.random());
      const group = this.community.get(node);
      const shift = group === undefined ? 0 : spread * 0.6;
      const groupAngle = ((group ?? 0) * 2.4) % (2 * Math.PI);
      this.graph.mergeNodeAttributes(node, {
        x: Math.cos(angle) * radius * 0.5 + Math.cos(groupAngle) * shift,
        y: Math.sin(angle) * radius * 0.5 + Math.sin(groupAngle) * shift,
      });
    });
  }

  /** ForceAtlas2 in its web worker, for a bounded time: longer for bigger graphs, at most 4 s. */
  private startLayout(): void {
    const order = this.graph.order;
    if (order < 2) return;
    const settings = forceAtlas2.inferSettings(this.graph);
    this.layout = new FA2Layout(this.graph, { settings: { ...settings, barnesHutOptimize: order > 500, adjustSizes: false }, getEdgeWeight: 'weight' });
    this.layout.start();
    this.container.dataset.layout = 'running';
    this.layoutTimer = window.setTimeout(() => this.stopLayout(), layoutMs(order));
    // The layout moves every node: a focused actor is followed, or it drifts off screen.
    window.clearInterval(this.followTimer);
    this.followTimer = window.setInterval(() => this.follow(false), 250);
  }

  stopLayout(): void {
    window.clearTimeout(this.layoutTimer);
    window.clearInterval(this.followTimer);
    this.followTimer = undefined;
    const wasRunning = this.layout !== undefined;
    if (this.layout) {
      this.layout.kill();
      this.layout = undefined;
    }
    if (wasRunning) this.follow(true);
    this.container.dataset.layout = 'done';
  }

  /** Keeps the camera on the focused actor (or the shown path) as the layout moves it. */
  private follow(animate: boolean): void {
    if (animate) this.renderer.refresh();
    if (this.pathNodes.size > 0) {
      if (animate) this.moveTo([...this.pathNodes], undefined, false);
      return;
    }
    if (this.focused) this.moveTo([this.focused], 0.6, animate);
  }

  /** Community ranks arrived after the graph was drawn (the shape is computed more slowly). */
  setCommunities(community: Map<string, number>, names: string[]): void {
    this.community = community;
    this.communityNames = names;
    this.applyColours();
    // Not laid out yet: start from community sectors. Already laid out, or being laid out: the
    // colours only (a second layout from sectors cost up to 8 s more, and ForceAtlas2 groups the
    // communities anyway, since they come from the same links).
    if (this.layoutPending && this.pathNodes.size === 0 && community.size > 0) this.placeByCommunity();
  }

  setColourBy(by: ColourBy): void {
    this.colourBy = by;
    this.applyColours();
  }

  setSizeBy(by: SizeBy): void {
    this.sizeBy = by;
    this.applySizes();
  }

  private applyColours(): void {
    this.graph.forEachNode((node, attributes) => {
      let colour = KIND_COLOURS[attributes.kind] ?? KIND_COLOURS.OTHER!;
      if (this.colourBy === 'community' && !attributes.temporary) {
        const group = this.community.get(node);
        colour = group !== undefined && group < COMMUNITY_COLOURS.length ? COMMUNITY_COLOURS[group]! : '#adb5bd';
      }
      this.graph.setNodeAttribute(node, 'color', colour);
    });
    this.renderer.refresh();
  }

  private applySizes(): void {
    const scores = this.sizeBy === 'pagerank' && this.graph.size > 0 ? pagerank(this.graph, { getEdgeWeight: null }) : undefined;
    const valueOf = (node: string) => (scores ? (scores[node] ?? 0) : this.graph.degree(node));
    let max = 0;
    this.graph.forEachNode((node, attributes) => {
      if (!attributes.temporary) max = Math.max(max, valueOf(node));
    });
    // Area follows the measure, relative to the territory's best: 3 px for nothing, 18 px for the top.
    this.graph.forEachNode((node, attributes) => {
      if (attributes.temporary) return;
      this.graph.setNodeAttribute(node, 'size', 3 + 15 * Math.sqrt(max > 0 ? valueOf(node) / max : 0));
    });
    this.renderer.refresh();
  }

  legend(): LegendEntry[] {
    const counts = new Map<string, number>();
    if (this.colourBy === 'kind') {
      this.graph.forEachNode((_, a) => {
        if (!a.temporary) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      });
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, count]) => ({ colour: KIND_COLOURS[kind] ?? KIND_COLOURS.OTHER!, label: t.kinds[kind] ?? kind, count }));
    }
    this.graph.forEachNode((node, a) => {
      if (a.temporary) return;
      const group = this.community.get(node);
      const key = group !== undefined && group < COMMUNITY_COLOURS.length ? String(group) : 'other';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    return [...counts]
      .sort((a, b) => (a[0] === 'other' ? 1 : b[0] === 'other' ? -1 : Number(a[0]) - Number(b[0])))
      .map(([key, count]) =>
        key === 'other'
          ? { colour: '#adb5bd', label: t.otherCommunities, count }
          : { colour: COMMUNITY_COLOURS[Number(key)]!, label: this.communityNames[Number(key)] ?? t.community(Number(key) + 1), count },
      );
  }

  has(id: string): boolean {
    return this.graph.hasNode(id) && !this.graph.getNodeAttribute(id, 'temporary');
  }

  degree(id: string): number {
    return this.graph.hasNode(id) ? this.graph.degree(id) : 0;
  }

  /**
   * Draws an actor that is not in the territory's graph (a link may name any actor), beside those of
   * its partners that are drawn, so that focusing it shows it and what it touches here.
   */
  addVisitor(id: string, label: string, kind: string, partners: string[]): void {
    if (this.graph.hasNode(id)) return;
    const near = partners.filter((p) => this.graph.hasNode(p));
    const points = near.map((p) => this.graph.getNodeAttributes(p));
    let x = 0;
    let y = 0;
    if (points.length > 0) {
      x = points.reduce((sum, p) => sum + p.x, 0) / points.length;
      y = points.reduce((sum, p) => sum + p.y, 0) / points.length;
    } else {
      this.graph.forEachNode((_, a) => ((x += a.x / this.graph.order), (y += a.y / this.graph.order)));
    }
    this.graph.addNode(id, { x, y, size: 8, color: KIND_COLOURS[kind] ?? KIND_COLOURS.OTHER!, label, kind, temporary: true });
    for (const p of near) this.graph.mergeEdge(id, p, { size: 1.5, color: '#495057', weight: 1, types: [], temporary: true });
  }

  /** Lights an actor and its neighbours, dims the rest, and moves the camera to it. */
  focus(id: string | undefined): void {
    this.focused = id && this.graph.hasNode(id) ? id : undefined;
    this.neighbours = new Set(this.focused ? this.graph.neighbors(this.focused) : []);
    this.renderer.refresh();
    this.container.dataset.focused = this.focused ?? '';
    if (this.focused) this.moveTo([this.focused], 0.6, true);
  }

  /** Highlights paths (lists of nodes, in order); nodes missing from the graph are added for the while. */
  showPaths(paths: NodeRef[][]): void {
    this.clearPaths();
    this.stopLayout();
    for (const path of paths) {
      for (const [i, node] of path.entries()) {
        if (!this.graph.hasNode(node.id)) {
          const { x, y } = this.between(path, i);
          this.graph.addNode(node.id, {
            x,
            y,
            size: 6,
            color: KIND_COLOURS[node.kind ?? 'OTHER'] ?? KIND_COLOURS.OTHER!,
            label: node.name ?? node.id,
            kind: typeof node.kind === 'string' && node.kind in KIND_COLOURS ? node.kind : 'OTHER',
            temporary: true,
          });
        }
        this.pathNodes.add(node.id);
        const previous = path[i - 1];
        if (!previous) continue;
        let edge = this.graph.edge(previous.id, node.id);
        if (edge === undefined) {
          edge = this.graph.addEdge(previous.id, node.id, { size: 2, color: PATH_COLOUR, weight: 1, types: [], temporary: true });
        }
        this.pathEdges.add(edge);
      }
    }
    this.renderer.refresh();
    if (this.pathNodes.size > 0) this.moveTo([...this.pathNodes], undefined, true);
  }

  /** Where to put the i-th node of a path that is not in the graph: on the segment between the
   *  nearest drawn nodes before and after it, spaced by index, or beside the one that exists. */
  private between(path: NodeRef[], i: number): { x: number; y: number } {
    const drawn = (j: number) => (this.graph.hasNode(path[j]!.id) ? this.graph.getNodeAttributes(path[j]!.id) : undefined);
    let before = -1;
    for (let j = i - 1; j >= 0; j--) if (drawn(j)) { before = j; break; }
    let after = -1;
    for (let j = i + 1; j < path.length; j++) if (drawn(j) && !this.graph.getNodeAttribute(path[j]!.id, 'temporary')) { after = j; break; }
    const a = before >= 0 ? drawn(before)! : undefined;
    const b = after >= 0 ? drawn(after)! : undefined;
    const step = Math.sqrt(this.graph.order + 1) * 3;
    if (a && b) {
      const t = (i - before) / (after - before);
      // A little off the straight line, so that the path reads as a chain of distinct stops.
      return { x: a.x + (b.x - a.x) * t + (b.y - a.y) * 0.1, y: a.y + (b.y - a.y) * t - (b.x - a.x) * 0.1 };
    }
    const near = a ?? b;
    return near ? { x: near.x + step * (i % 2 ? 1 : -1), y: near.y + step } : { x: i * step, y: 0 };
  }

  clearPaths(): void {
    this.graph.forEachEdge((edge, a) => {
      if (a.temporary) this.graph.dropEdge(edge);
    });
    this.graph.forEachNode((node, a) => {
      if (a.temporary) this.graph.dropNode(node);
    });
    this.pathNodes.clear();
    this.pathEdges.clear();
    this.renderer.refresh();
  }

  highlightedCount(): number {
    return this.pathNodes.size;
  }

  /** Centres the camera on some nodes (their bounding box in the renderer's normalised frame). */
  private moveTo(ids: string[], ratio: number | undefined, animate: boolean): void {
    // Sigma's normalised frame follows the graph's extent, which the layout changes: read it after a render.
    const points = ids.map((id) => this.renderer.getNodeDisplayData(id)).filter((d): d is NodeDisplayData => d !== undefined);
    if (points.length === 0) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    const fit = Math.min(1, Math.max(0.15, Math.max(width, height) * 1.4));
    const target = { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2, ratio: ratio ?? fit };
    const camera = this.renderer.getCamera();
    if (animate) void camera.animate(target, { duration: 400 });
    else if (!camera.isAnimated()) camera.setState(target);
  }

  private reduceNode(node: string, data: NodeAttributes): Partial<NodeDisplayData> {
    const shown: Partial<NodeDisplayData> & { label: string } = { ...data };
    if (this.pathNodes.size > 0) {
      if (this.pathNodes.has(node)) return { ...shown, highlighted: true, forceLabel: true, zIndex: 2, size: Math.max(data.size, 7) };
      return { ...shown, color: DIMMED, label: '', zIndex: 0 };
    }
    if (this.focused) {
      if (node === this.focused) return { ...shown, highlighted: true, forceLabel: true, zIndex: 2 };
      if (this.neighbours.has(node)) return { ...shown, forceLabel: this.neighbours.size <= 30, zIndex: 1 };
      return { ...shown, color: DIMMED, label: '', zIndex: 0 };
    }
    return shown;
  }

  private reduceEdge(edge: string, data: EdgeAttributes): Partial<EdgeDisplayData> {
    if (this.pathEdges.size > 0) {
      if (this.pathEdges.has(edge)) return { ...data, color: PATH_COLOUR, size: Math.max(3, data.size), zIndex: 2 };
      return { ...data, hidden: true };
    }
    if (this.focused) {
      const [source, target] = this.graph.extremities(edge);
      if (source === this.focused || target === this.focused) return { ...data, color: '#495057', zIndex: 1 };
      return { ...data, hidden: true };
    }
    if (data.temporary) return { ...data, hidden: true };
    return data;
  }

  resize(): void {
    this.renderer.refresh();
  }
}
