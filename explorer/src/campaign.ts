/**
 * The campaign page (campaign.html): an admin gives their key, picks a survey campaign (or opens
 * `campaign.html#c=<id>`), and follows its answers as they arrive: the total (read out by screen
 * readers when it changes), respondents by département and by commune, the most needed
 * competencies. It asks `surveyCampaignProgress` again every POLL_SECONDS while the tab is visible,
 * so a new answer shows without reloading. Any other key gets the API's refusal, said in words.
 *
 * The key is the one the explorer keeps (./stored-key.ts): signing in there signs in here, in the
 * same tab.
 *
 *   /explore/campaign.html#c=campaign:somme-2026       (&l=en for English)
 */
import type { SurveyCampaign } from './generated/schema.ts';
import { forgetKey, keepKey, storedKey } from './stored-key.ts';
import { formatNumber, lang, parseLang, setLang, t } from './text.ts';

/** How often the page asks again: a few seconds is "as they arrive" for people, and one light query per admin tab. */
const POLL_SECONDS = 3;

const CAMPAIGNS = `query CampaignPageList { surveyCampaigns { id name } }`;
const PROGRESS = `query CampaignPageProgress($id: ID!) {
  surveyCampaignProgress(id: $id, levels: [DEPARTMENT, COMMUNE], needs: 10) {
    campaign { id name opensOn closesOn territoryId territoryName frameworkVersion }
    publicLink invitations respondents lastAnswerAt
    byTerritory { level territoryId name code respondents }
    neededCompetencies { competency { id name } respondents meanPriority }
  }
}`;

type CampaignRef = Pick<SurveyCampaign, 'id' | 'name'>;
/** What the page reads of `surveyCampaignProgress` (./schema-check.ts checks it against the schema). */
export interface Progress {
  campaign: Pick<SurveyCampaign, 'id' | 'name' | 'opensOn' | 'closesOn' | 'territoryId' | 'territoryName' | 'frameworkVersion'>;
  publicLink: boolean;
  invitations: number;
  respondents: number;
  lastAnswerAt: string | null;
  byTerritory: { level: string; territoryId: string | null; name: string | null; code: string | null; respondents: number }[];
  neededCompetencies: { competency: { id: string; name: string }; respondents: number; meanPriority: number }[];
}

const hashParams = () => new URLSearchParams(window.location.hash.slice(1));
setLang(parseLang(hashParams().get('l')));
document.documentElement.lang = t.htmlLang;
document.title = t.campaign.title;
document.querySelectorAll<HTMLElement>('[data-text]').forEach((el) => {
  let value: unknown = t;
  for (const part of el.dataset.text!.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value === 'string') el.textContent = value;
});
if (lang !== 'fr') document.querySelector<HTMLAnchorElement>('#back')!.href = `./#l=${lang}`;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const keyInput = $<HTMLInputElement>('api-key');
const refusal = $('refusal');
const picker = $('picker');
const select = $<HTMLSelectElement>('campaign');
const section = $('progress');
const total = $('total');
const updated = $('updated');

class Refused extends Error {}

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const key = keyInput.value.trim();
  if (!key) throw new Refused(t.campaign.needKey);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-api-key': key, 'x-graphql-yoga-csrf': 'explorer' },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new Error(t.campaign.failed(String(response.status)));
  }
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'FORBIDDEN') throw new Refused(t.campaign.notAdmin);
  if (code === 'UNAUTHENTICATED') throw new Refused(t.campaign.badKey);
  if (code === 'NOT_FOUND') throw new Refused(t.campaign.unknown);
  if (body.errors?.[0] || !body.data) throw new Error(t.campaign.failed(body.errors?.[0]?.message ?? String(response.status)));
  return body.data;
}

function refuse(err: unknown): void {
  refusal.textContent = err instanceof Error ? err.message : String(err);
  refusal.hidden = false;
  document.body.dataset.state = err instanceof Refused ? 'refused' : 'failed';
}

const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' });

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  return el;
}

function fillRows(table: HTMLTableElement, rows: { id: string; cells: string[] }[]): void {
  const body = table.tBodies[0]!;
  if (rows.length === 0) {
    const td = element('td', t.campaign.noAnswers);
    td.colSpan = table.tHead!.rows[0]!.cells.length;
    body.replaceChildren(element('tr'));
    body.rows[0]!.appendChild(td);
    return;
  }
  body.replaceChildren(
    ...rows.map(({ id, cells: [head, ...rest] }) => {
      const tr = element('tr');
      tr.dataset.id = id;
      const th = element('th', head);
      th.scope = 'row';
      tr.appendChild(th);
      for (const cell of rest) tr.appendChild(element('td', cell));
      return tr;
    }),
  );
}

function territoryRows(progress: Progress, level: string) {
  return progress.byTerritory
    .filter((row) => row.level === level)
    .map((row) => ({
      id: row.territoryId ?? '',
      cells: [row.name === null ? t.campaign.notPlaced : row.code ? `${row.name} (${row.code})` : row.name, formatNumber(row.respondents, 0)],
    }));
}

function draw(progress: Progress): void {
  const { campaign } = progress;
  $('campaign-name').textContent = campaign.name;
  const details: [string, string][] = [
    [t.campaign.dates, t.campaign.from(day(campaign.opensOn), day(campaign.closesOn))],
    [t.campaign.territory, campaign.territoryName ?? campaign.territoryId ?? t.campaign.anywhere],
    [t.campaign.framework, campaign.frameworkVersion],
    [t.campaign.publicLink, progress.publicLink ? t.campaign.publicYes : t.campaign.publicNo],
    [t.campaign.invitations, formatNumber(progress.invitations, 0)],
  ];
  $('details').replaceChildren(...details.flatMap(([term, value]) => [element('dt', term), element('dd', value)]));
  // Written only when an answer arrived (a new one, or an invitation answered again): the live
  // region then speaks once per answer, not at every poll.
  const said = t.campaign.total(progress.respondents);
  const last = progress.lastAnswerAt ? ` (${t.campaign.last(new Date(progress.lastAnswerAt).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' }))})` : '';
  if (total.dataset.count !== String(progress.respondents) || total.dataset.last !== (progress.lastAnswerAt ?? '')) {
    total.textContent = `${said}${last}`;
    total.dataset.count = String(progress.respondents);
    total.dataset.last = progress.lastAnswerAt ?? '';
  }
  updated.textContent = t.campaign.updated(new Date().toLocaleTimeString(locale), POLL_SECONDS);
  fillRows($<HTMLTableElement>('by-department'), territoryRows(progress, 'DEPARTMENT'));
  fillRows($<HTMLTableElement>('by-commune'), territoryRows(progress, 'COMMUNE'));
  fillRows(
    $<HTMLTableElement>('needs'),
    progress.neededCompetencies.map((n) => ({ id: n.competency.id, cells: [n.competency.name, formatNumber(n.respondents, 0), formatNumber(n.meanPriority, 1)] })),
  );
  section.hidden = false;
}

/** Bumped when the campaign or the key changes: an older answer arriving late is dropped. */
let generation = 0;
let timer: number | undefined;

async function follow(id: string): Promise<void> {
  const mine = (generation += 1);
  clearTimeout(timer);
  const tick = async (): Promise<void> => {
    if (mine !== generation) return;
    if (!document.hidden) {
      try {
        const data = await ask<{ surveyCampaignProgress: Progress }>(PROGRESS, { id });
        if (mine !== generation) return;
        refusal.hidden = true;
        draw(data.surveyCampaignProgress);
        document.body.dataset.state = 'following';
      } catch (err) {
        if (mine !== generation) return;
        refuse(err);
        // A refusal does not go away by asking again; a failed request may.
        if (err instanceof Refused) return;
      }
    }
    timer = window.setTimeout(() => void tick(), POLL_SECONDS * 1000);
  };
  await tick();
}

function choose(id: string): void {
  const params = hashParams();
  params.set('c', id);
  history.replaceState(null, '', `#${params.toString()}`);
  total.dataset.count = '';
  total.dataset.last = '';
  void follow(id);
}

async function start(): Promise<void> {
  const mine = (generation += 1);
  clearTimeout(timer);
  section.hidden = true;
  picker.hidden = true;
  refusal.hidden = true;
  document.body.dataset.state = 'loading';
  let campaigns: CampaignRef[];
  try {
    campaigns = (await ask<{ surveyCampaigns: CampaignRef[] }>(CAMPAIGNS)).surveyCampaigns;
  } catch (err) {
    if (mine === generation) refuse(err);
    return;
  }
  // The key was changed or forgotten meanwhile: that newer start speaks.
  if (mine !== generation) return;
  select.replaceChildren(...campaigns.map((c) => new Option(c.name, c.id)));
  if (campaigns.length === 0) {
    refuse(new Refused(t.campaign.none));
    return;
  }
  picker.hidden = false;
  const wanted = hashParams().get('c');
  if (wanted && !campaigns.some((c) => c.id === wanted)) {
    refuse(new Refused(t.campaign.unknown));
    select.selectedIndex = -1;
    return;
  }
  select.value = wanted ?? campaigns[0]!.id;
  choose(select.value);
}

keyInput.value = storedKey() ?? '';
$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  keepKey(keyInput.value);
  void start();
});
$('forget-key').addEventListener('click', () => {
  forgetKey();
  keyInput.value = '';
  generation += 1;
  clearTimeout(timer);
  section.hidden = true;
  picker.hidden = true;
});
select.addEventListener('change', () => choose(select.value));
// Another language typed in the address: every word changes, so start again in it; another campaign: follow it.
window.addEventListener('hashchange', () => {
  if (parseLang(hashParams().get('l')) !== lang) return window.location.reload();
  const wanted = hashParams().get('c');
  if (wanted && wanted !== select.value && [...select.options].some((o) => o.value === wanted)) {
    select.value = wanted;
    choose(wanted);
  }
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden && select.value && !section.hidden) void follow(select.value);
});

document.body.dataset.ready = 'true';
if (keyInput.value) void start();
else refuse(new Refused(t.campaign.needKey));
