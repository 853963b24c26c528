/**
 * The side panels as HTML: the actor card, its suggested partners, synergy paths, the network's
 * shape and the competency gaps bar chart. Pure functions from API data to markup; every name is
 * escaped. Buttons carry `data-actor` / `data-territory` for the page to wire.
 */
import type { ActorCardData, CompetencyGapsData, NetworkShapeData, Ranked, SynergiesData, SynergyPathsData } from './api.ts';
import { KIND_COLOURS } from './graph-view.ts';
import { KIND_LABELS, LEVEL_LABELS, escapeHtml as h, formatNumber } from './text.ts';

type Card = NonNullable<ActorCardData['actor']>;

const actorButton = (a: { id: string; name: string }) =>
  `<button type="button" class="linkish" data-actor="${h(a.id)}" data-name="${h(a.name)}">${h(a.name)}</button>`;

export interface CardScores {
  degree: number;
  inGraph: boolean;
  hubRank?: number;
  brokerRank?: number;
}

export function actorCardHtml(actor: Card, scores: CardScores): string {
  const rows: [string, string][] = [['Kind', h(KIND_LABELS[actor.kind] ?? actor.kind)]];
  if (actor.commune) rows.push(['Commune', h(actor.commune.name)]);
  const places = actor.commune ? [actor.commune, ...actor.commune.parents.filter((p) => p.level !== 'INDUSTRIAL_TERRITORY')] : [];
  if (places.length) {
    rows.push([
      'Explore',
      places.map((t) => `<button type="button" class="linkish" data-territory="${h(t.id)}" data-name="${h(t.name)}" title="${h(LEVEL_LABELS[t.level] ?? t.level)}">${h(t.name)}</button>`).join(' · '),
    ]);
  }
  for (const [label, value] of [
    ['Sector', actor.sector],
    ['Size', actor.size],
    ['Employees', actor.employees],
    ['Category', actor.category],
    ['Founded', actor.founded],
    ['Legal form', actor.legalForm],
    ['Innovates', actor.innovates === null || actor.innovates === undefined ? undefined : actor.innovates ? 'yes' : 'no'],
    ['Exports', actor.exports === null || actor.exports === undefined ? undefined : actor.exports ? 'yes' : 'no'],
    ['Source', actor.source],
  ] as const) {
    if (value !== null && value !== undefined && value !== '') rows.push([label, h(String(value))]);
  }
  const scoreText = scores.inGraph
    ? [`${scores.degree} partner${scores.degree === 1 ? '' : 's'} in this graph`, scores.hubRank ? `hub #${scores.hubRank}` : '', scores.brokerRank ? `broker #${scores.brokerRank}` : '']
        .filter(Boolean)
        .join(', ')
    : 'not in the graph of this territory';
  rows.push(['Scores', h(scoreText)]);
  const links = actor.links
    .map((l) => {
      const name = l.other.name ?? l.other.id;
      const other = l.other.kind && l.other.__typename !== 'Territory' && KIND_LABELS[String(l.other.kind)] ? actorButton({ id: l.other.id, name }) : h(name);
      return `<li>${l.direction === 'OUT' ? '→' : '←'} <code>${h(l.type)}</code> ${other}</li>`;
    })
    .join('');
  return `<div class="card" data-actor-id="${h(actor.id)}">
    <p><span class="swatch" style="background:${KIND_COLOURS[actor.kind] ?? '#999'}"></span> <strong id="actor-name">${h(actor.name)}</strong></p>
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
    <h3>Links (${actor.links.length})</h3>
    <ul class="links">${links || '<li>none</li>'}</ul>
  </div>`;
}

export function partnersHtml(synergies: SynergiesData['synergies']): string {
  if (synergies.length === 0) return '<li>No suggestion.</li>';
  return synergies
    .map(
      (s) => `<li>${actorButton(s.actor)} <span class="option-detail">${h(KIND_LABELS[s.actor.kind] ?? s.actor.kind)}, score ${formatNumber(s.score)}</span>
      <ul class="reasons">${s.reasons.map((r) => `<li>${h(r.sentence)} <span class="option-detail">(${Math.round(r.share * 100)}%)</span></li>`).join('')}</ul></li>`,
    )
    .join('');
}

export function pathsHtml(paths: SynergyPathsData['synergyPaths']): string {
  if (paths.length === 0) return '<li>No path within 4 hops.</li>';
  return paths
    .map(
      (p, i) => `<li class="${i === 0 ? 'first' : ''}" data-path="${i}">
      <p class="explanation">${h(p.explanation)}</p>
      <p class="option-detail">${p.hops} hop${p.hops === 1 ? '' : 's'}, cost ${formatNumber(p.cost)}</p>
      <ol class="steps">${p.steps.map((s) => `<li>${h(s.sentence)}</li>`).join('')}</ol></li>`,
    )
    .join('');
}

const ranked = (list: Ranked[], digits: number) =>
  list.length
    ? `<ol class="ranked">${list.map((r) => `<li>${actorButton(r.actor)} <span class="option-detail">${formatNumber(r.score, digits)}</span></li>`).join('')}</ol>`
    : '<p class="hint">none</p>';

export function shapeHtml(shape: NetworkShapeData['networkShape']): string {
  const numbers: [string, string][] = [
    ['Actors', formatNumber(shape.actorCount, 0)],
    ['Links', formatNumber(shape.linkCount, 0)],
    ['Density', formatNumber(shape.density, 4)],
    ['Average degree', formatNumber(shape.averageDegree)],
    ['Components', formatNumber(shape.componentCount, 0)],
    ['Largest component', formatNumber(shape.largestComponentSize, 0)],
    ['Isolated actors', formatNumber(shape.isolated.length, 0)],
    ['Communities', `${shape.communities.length} (modularity ${formatNumber(shape.modularity)})`],
    [
      'SMEs linked to a university of their région',
      shape.coverage.companyCount ? `${Math.round(shape.coverage.share * 100)}% (${shape.coverage.coveredCount} of ${shape.coverage.companyCount})` : 'no SME',
    ],
  ];
  const kinds = shape.countsByKind.map((k) => `${h(KIND_LABELS[k.kind] ?? k.kind)} ${k.count}`).join(' · ');
  return `<dl class="numbers" id="shape-numbers">${numbers.map(([k, v]) => `<dt>${h(k)}</dt><dd data-measure="${h(k)}">${h(v)}</dd>`).join('')}</dl>
    <p class="hint">${kinds}</p>
    <h3>Hubs (partners)</h3>${ranked(shape.hubs, 0)}
    <h3>Brokers (betweenness)</h3>${ranked(shape.brokers, 3)}
    <p class="hint">Computed by ${h(shape.engine)}.</p>`;
}

/** A horizontal bar chart, plain DOM: one bar per competency, the largest gap first. */
export function gapsHtml(gaps: CompetencyGapsData['competencyGaps'], max = 10): string {
  if (gaps.length === 0) return '<p class="hint">No competency demand recorded in this territory.</p>';
  const shown = gaps.slice(0, max);
  const top = Math.max(...shown.map((g) => g.gap), 1e-9);
  return `<div class="bars" role="list">${shown
    .map((g) => {
      const label = `${g.competency.name}: gap ${formatNumber(g.gap)}, demand ${formatNumber(g.demand)} from ${g.companyCount} SMEs, supply ${formatNumber(g.supply)}`;
      return `<div class="bar-row" role="listitem" aria-label="${h(label)}" title="${h(label)}">
        <span>${h(g.competency.name)}</span>
        <span class="bar-track"><span class="bar" style="display:block;width:${((g.gap / top) * 100).toFixed(1)}%"></span><span class="bar-value">${formatNumber(g.gap, 1)}</span></span>
      </div>`;
    })
    .join('')}</div>${gaps.length > max ? `<p class="hint">${gaps.length - max} more competencies.</p>` : ''}`;
}
