/**
 * The upload page (upload.html): an editor gives their API key, picks or drops a file, sees the
 * dry run of `importFile` (what would change, or every error with its line and column), then
 * confirms and the same file is sent again with `dryRun: false`. A reader's key is refused by the
 * API (FORBIDDEN) and the page says so in words.
 *
 * The key is kept for this tab only, never in the URL (./stored-key.ts).
 *
 *   /explore/upload.html        (#l=en for English)
 */
import { forgetKey, keepKey, storedKey } from './stored-key.ts';
import { lang, parseLang, setLang, t } from './text.ts';

/** Errors listed under the preview: the API gives up to 200, a person reads the first ones. */
const SHOWN_PROBLEMS = 20;

const IMPORT_FILE = `mutation ExplorerImportFile($file: File!, $dryRun: Boolean!) {
  importFile(file: $file, dryRun: $dryRun) {
    dryRun ok problemCount
    problems { where message line column }
    warnings { where message line column }
    nodes { key created updated unchanged }
    relationships { key created updated unchanged }
  }
}`;

interface Problem {
  where: string;
  message: string;
  line: number | null;
  column: string | null;
}
interface Count {
  key: string;
  created: number;
  updated: number;
  unchanged: number;
}
interface ImportReport {
  dryRun: boolean;
  ok: boolean;
  problemCount: number;
  problems: Problem[];
  warnings: Problem[];
  nodes: Count[];
  relationships: Count[];
}

setLang(parseLang(new URLSearchParams(window.location.hash.slice(1)).get('l')));
document.documentElement.lang = t.htmlLang;
document.title = t.upload.title;
document.querySelectorAll<HTMLElement>('[data-text]').forEach((el) => {
  let value: unknown = t;
  for (const part of el.dataset.text!.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value === 'string') el.textContent = value;
});
if (lang !== 'fr') {
  document.querySelector<HTMLAnchorElement>('#back')!.href = `./#l=${lang}`;
  document.querySelector<HTMLAnchorElement>('#campaigns')!.href = `./campaign.html#l=${lang}`;
}
// Another language typed in the address: every word changes, so start again in it (as the explorer does).
window.addEventListener('hashchange', () => {
  if (parseLang(new URLSearchParams(window.location.hash.slice(1)).get('l')) !== lang) window.location.reload();
});

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const keyInput = $<HTMLInputElement>('api-key');
const fileInput = $<HTMLInputElement>('file');
const drop = $('drop');
const result = $('result');
const confirmButton = $<HTMLButtonElement>('confirm');

keyInput.value = storedKey() ?? '';
keyInput.addEventListener('change', () => keepKey(keyInput.value));
$('forget-key').addEventListener('click', () => {
  forgetKey();
  keyInput.value = '';
});
$('upload-form').addEventListener('submit', (e) => e.preventDefault());

/** The file the preview is about: confirming sends this one, not whatever the input holds later. */
let previewed: File | undefined;

class UploadError extends Error {}

/** One multipart request (graphql-multipart-request-spec): the operation, the map, the file. */
async function importFile(file: File, dryRun: boolean): Promise<ImportReport> {
  const key = keyInput.value.trim();
  if (!key) throw new UploadError(t.upload.needKey);
  const form = new FormData();
  form.set('operations', JSON.stringify({ query: IMPORT_FILE, variables: { file: null, dryRun } }));
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', file, file.name);
  const response = await fetch('/graphql', { method: 'POST', body: form, headers: { 'x-api-key': key, 'x-graphql-yoga-csrf': 'explorer', accept: 'application/json' } });
  let body: { data?: { importFile: ImportReport } | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new UploadError(t.upload.failed(String(response.status)));
  }
  const first = body.errors?.[0];
  if (first?.extensions?.code === 'FORBIDDEN') throw new UploadError(t.upload.readerKey);
  if (first?.extensions?.code === 'UNAUTHENTICATED') throw new UploadError(t.upload.badKey);
  if (first || !body.data) throw new UploadError(t.upload.failed(first?.message ?? String(response.status)));
  return body.data.importFile;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function countsTable(report: ImportReport): HTMLElement {
  const rows = [...report.nodes, ...report.relationships];
  if (rows.length === 0) return element('p', t.upload.nothing);
  const table = element('table', undefined, 'counts');
  const head = table.createTHead().insertRow();
  for (const h of [t.upload.what, t.upload.created, t.upload.updated, t.upload.unchanged]) head.appendChild(element('th', h));
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.key = r.key;
    tr.appendChild(element('th', r.key));
    for (const n of [r.created, r.updated, r.unchanged]) tr.appendChild(element('td', n.toLocaleString(lang)));
  }
  return table;
}

/** "ligne 3, colonne « kind » : message" (the file's name is in the heading above). */
function problemList(problems: Problem[], className: string): HTMLElement {
  const list = element('ul', undefined, className);
  for (const p of problems) {
    const li = element('li');
    const at = t.upload.at(p.line, p.column);
    li.appendChild(element('strong', at || p.where));
    const said = t.upload.problem(p.message);
    li.append(lang === 'fr' ? ` : ${said}` : `: ${said}`);
    // The loader's own words stay at hand (the command line and the API say them).
    if (said !== p.message) li.title = p.message;
    if (p.line !== null) li.dataset.line = String(p.line);
    if (p.column !== null) li.dataset.column = p.column;
    list.appendChild(li);
  }
  return list;
}

function show(report: ImportReport, file: File): void {
  result.replaceChildren();
  result.dataset.state = report.ok ? (report.dryRun ? 'preview' : 'done') : 'problems';
  if (!report.ok) {
    result.appendChild(element('p', t.upload.previewBad(file.name, report.problemCount), 'error'));
    const shown = report.problems.slice(0, SHOWN_PROBLEMS);
    const more = t.upload.firstProblems(shown.length, report.problemCount);
    if (more) result.appendChild(element('p', more));
    result.appendChild(problemList(shown, 'problems'));
  } else {
    result.appendChild(element('p', report.dryRun ? t.upload.previewOk(file.name) : t.upload.done(file.name)));
    result.appendChild(countsTable(report));
  }
  if (report.warnings.length) {
    result.appendChild(element('h3', t.upload.warningsHeading));
    result.appendChild(problemList(report.warnings.slice(0, SHOWN_PROBLEMS), 'warnings'));
  }
  confirmButton.hidden = !(report.ok && report.dryRun);
}

function showError(err: unknown): void {
  result.replaceChildren(element('p', err instanceof UploadError ? err.message : t.upload.failed(err instanceof Error ? err.message : String(err)), 'error'));
  result.dataset.state = 'refused';
  confirmButton.hidden = true;
}

async function preview(file: File): Promise<void> {
  previewed = file;
  confirmButton.hidden = true;
  result.dataset.state = 'checking';
  result.replaceChildren(element('p', t.upload.checking(file.name), 'hint'));
  try {
    const report = await importFile(file, true);
    if (previewed === file) show(report, file);
  } catch (err) {
    if (previewed === file) showError(err);
  }
}

confirmButton.addEventListener('click', () => {
  const file = previewed;
  if (!file) return;
  confirmButton.hidden = true;
  result.dataset.state = 'importing';
  result.replaceChildren(element('p', t.upload.importing(file.name), 'hint'));
  importFile(file, false).then(
    (report) => show(report, file),
    (err: unknown) => showError(err),
  );
});

fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  // Emptied so that picking the same file again, once corrected, checks it again.
  fileInput.value = '';
  if (file) void preview(file);
});
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) void preview(file);
});
document.body.dataset.ready = 'true';
