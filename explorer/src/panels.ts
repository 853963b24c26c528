/**
 * The side panels as HTML: the actor card, its suggested partners, synergy paths, the network's
 * shape and the competency gaps bar chart. Pure functions from API data to markup; every name is
 * escaped. Buttons carry `data-actor` / `data-territory` for the page to wire.
 */
import type { ActorCardData, CompetencyGapsData, NetworkShapeData, Ranked, SynergiesData, SynergyPathsData } from './api.ts';
import { KIND_COLOURS } from './graph-view.ts';
import { escapeHtml as h, formatNumber, t } from './text.ts';

type Card = NonNullable<ActorCardData['actor']>;
/** The card asks for this many links (ACTOR_CARD); as many back means there may be more. */
const LINKS_ASKED = 500;

const actorButton = (a: { id: string; name: string }) =>
  `<button type="button" class="linkish" data-actor="${h(a.id)}" data-name="${h(a.name)}">${h(a.name)}</button>`;

export interface CardScores {
  degree: number;
  inGraph: boolean;
  hubRank?: number;
  brokerRank?: number;
}

export function actorCardHtml(actor: Card, scores: CardScores): string {
  const rows: [string, string][] = [[t.kind, h(t.kinds[actor.kind] ?? actor.kind)]];
  if (actor.commune) rows.push([t.commune, h(actor.commune.name)]);
  const places = actor.commune ? [actor.commune, ...actor.commune.parents.filter((p) => p.level !== 'INDUSTRIAL_TERRITORY')] : [];
  if (places.length) {
    rows.push([
      t.explore,
      places.map((p) => `<button type="button" class="linkish" data-territory="${h(p.id)}" data-name="${h(p.name)}" data-level="${h(p.level)}" title="${h(t.levels[p.level] ?? p.level)}">${h(p.name)}</button>`).join(' · '),
    ]);
  }
  for (const [label, value] of [
    [t.sector, actor.sector],
    [t.size, actor.size],
    [t.employees, actor.employees],
    [t.category, actor.category],
    [t.founded, actor.founded],
    [t.legalForm, actor.legalForm],
    [t.innovates, actor.innovates === null || actor.innovates === undefined ? undefined : actor.innovates ? t.yes : t.no],
    [t.exports, actor.exports === null || actor.exports === undefined ? undefined : actor.exports ? t.yes : t.no],
    [t.source, actor.source],
  ] as const) {
    if (value !== null && value !== undefined && value !== '') rows.push([label, h(String(value))]);
  }
  const scoreText = scores.inGraph
    ? [t.partnersInGraph(scores.degree), scores.hubRank ? t.hubRank(scores.hubRank) : '', scores.brokerRank ? t.brokerRank(scores.brokerRank) : '']
        .filter(Boolean)
        .join(', ')
    : t.notInGraph;
  rows.push([t.scores, h(scoreText)]);
  const links = actor.links
    .map((l) => {
      const name = l.other.name ?? l.other.id;
      const other = l.other.kind && l.other.__typename !== 'Territory' && t.kinds[String(l.other.kind)] ? actorButton({ id: l.other.id, name }) : h(name);
      return `<li>${l.direction === 'OUT' ? '→' : '←'} <code>${h(l.type)}</code> ${other}</li>`;
    })
    .join('');
  return `<div class="card" data-actor-id="${h(actor.id)}">
    <p><span class="swatch" style="background:${KIND_COLOURS[actor.kind] ?? '#999'}"></span> <strong id="actor-name">${h(actor.name)}</strong></p>
    <dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
    <h3 id="links-heading">${h(t.linksHeading(actor.links.length, actor.links.length >= LINKS_ASKED))}</h3>
    <ul class="links" aria-labelledby="links-heading">${links || `<li>${t.none}</li>`}</ul>
  </div>`;
}

export function partnersHtml(synergies: SynergiesData['synergies']): string {
  if (synergies.length === 0) return `<li>${t.noSuggestion}</li>`;
  return synergies
    .map(
      (s) => `<li>${actorButton(s.actor)} <span class="option-detail">${h(t.kinds[s.actor.kind] ?? s.actor.kind)}, ${t.score} ${formatNumber(s.score)}</span>
      <ul class="reasons">${s.reasons.map((r) => `<li>${h(r.sentence)} <span class="option-detail">(${Math.round(r.share * 100)}%)</span></li>`).join('')}</ul></li>`,
    )
    .join('');
}

export function pathsHtml(paths: SynergyPathsData['synergyPaths']): string {
  if (paths.length === 0) return `<li>${t.noPath}</li>`;
  return paths
    .map(
      (p, i) => `<li class="${i === 0 ? 'first' : ''}" data-path="${i}">
      <p class="explanation">${h(p.explanation)}</p>
      <p class="option-detail">${h(t.hopsCost(p.hops, formatNumber(p.cost)))}</p>
      <ol class="steps">${p.steps.map((s) => `<li>${h(s.sentence)}</li>`).join('')}</ol></li>`,
    )
    .join('');
}

const ranked = (list: Ranked[], digits: number) =>
  list.length
    ? `<ol class="ranked">${list.map((r) => `<li>${actorButton(r.actor)} <span class="option-detail">${formatNumber(r.score, digits)}</span></li>`).join('')}</ol>`
    : `<p class="hint">${t.none}</p>`;

export function shapeHtml(shape: NetworkShapeData['networkShape']): string {
  const m = t.measures;
  // data-measure keys stay the same in every language (tests and styles read them).
  const numbers: [keyof typeof m, string][] = [
    ['actors', formatNumber(shape.actorCount, 0)],
    ['links', formatNumber(shape.linkCount, 0)],
    ['density', formatNumber(shape.density, 4)],
    ['averageDegree', formatNumber(shape.averageDegree)],
    ['components', formatNumber(shape.componentCount, 0)],
    ['largestComponent', formatNumber(shape.largestComponentSize, 0)],
    ['isolated', formatNumber(shape.isolated.length, 0)],
    ['communities', t.modularity(shape.communities.length, formatNumber(shape.modularity))],
    [
      'coverage',
      shape.coverage.companyCount ? t.coverageValue(Math.round(shape.coverage.share * 100), shape.coverage.coveredCount, shape.coverage.companyCount) : t.noSme,
    ],
  ];
  const kinds = shape.countsByKind.map((k) => `${h(t.kinds[k.kind] ?? k.kind)} ${k.count}`).join(' · ');
  return `<dl class="numbers" id="shape-numbers">${numbers.map(([k, v]) => `<dt>${h(m[k])}</dt><dd data-measure="${k}" data-value="${h(v)}">${h(v)}</dd>`).join('')}</dl>
    <p class="hint">${kinds}</p>
    <h3>${t.hubs}</h3>${ranked(shape.hubs, 0)}
    <h3>${t.brokers}</h3>${ranked(shape.brokers, 3)}
    <p class="hint">${h(t.computedBy(shape.engine))}</p>`;
}

/** A horizontal bar chart, plain DOM: one bar per competency, the largest gap first. */
export function gapsHtml(gaps: CompetencyGapsData['competencyGaps'], max = 10): string {
  if (gaps.length === 0) return `<p class="hint">${t.noDemand}</p>`;
  const shown = gaps.slice(0, max);
  const top = Math.max(...shown.map((g) => g.gap), 1e-9);
  return `<div class="bars" role="list">${shown
    .map((g) => {
      const label = t.gapLabel(g.competency.name, formatNumber(g.gap), formatNumber(g.demand), g.companyCount, formatNumber(g.supply));
      return `<div class="bar-row" role="listitem" aria-label="${h(label)}" title="${h(label)}">
        <span>${h(g.competency.name)}</span>
        <span class="bar-track"><span class="bar" style="display:block;width:${((g.gap / top) * 100).toFixed(1)}%"></span><span class="bar-value">${formatNumber(g.gap, 1)}</span></span>
      </div>`;
    })
    .join('')}</div>${gaps.length > max ? `<p class="hint">${h(t.moreCompetencies(gaps.length - max))} <button type="button" class="linkish" data-show-all-gaps="${gaps.length}">${h(t.showAll(gaps.length))}</button></p>` : ''}`;
}
