/**
 * The questionnaire page (`/questionnaire/<token>`): asks who the company is and which
 * competencies it needs, and sends one `submitSurveyAnswer`. Plain DOM, no framework: it must load
 * fast on a phone. Every error is written beside its field (aria-describedby) and listed in a
 * summary that takes the focus; the API's `argumentPath` says which field.
 */
import { type QLang, questionnaireWords } from './questionnaire-text.ts';

interface Competency {
  id: string;
  name: string;
  theme: string | null;
}
interface Form {
  campaignName: string;
  closesOn: string;
  territoryName: string | null;
  invitation: boolean;
  company: { name: string; communeId: string | null; communeName: string | null; size: string | null; sector: string | null; innovates: boolean | null; exports: boolean | null } | null;
  competencies: Competency[];
}
interface GraphQLError {
  message: string;
  extensions?: { code?: string; argumentPath?: (string | number)[] };
}

const lang: QLang = /(^|[#&])l=en\b/.test(location.hash) ? 'en' : 'fr';
const t = questionnaireWords(lang);
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function call<T>(query: string, variables: Record<string, unknown>): Promise<{ data?: T; errors?: GraphQLError[] }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: GraphQLError[] };
}

function applyWords(): void {
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  for (const el of document.querySelectorAll<HTMLElement>('[data-q]')) {
    const word = (t as unknown as Record<string, unknown>)[el.dataset.q!];
    if (typeof word === 'string') el.textContent = word;
  }
  const other = $<HTMLAnchorElement>('other-language');
  other.textContent = t.otherLanguage;
  other.href = t.otherHash;
  other.lang = lang === 'fr' ? 'en' : 'fr';
  other.addEventListener('click', () => setTimeout(() => location.reload(), 0));
}

/** Commune labels shown in the list, to the id the API wants. */
const communes = new Map<string, string>();

function communeSearch(input: HTMLInputElement): void {
  let timer: number | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const search = input.value.trim();
    if (search.length < 2 || communes.has(search)) return;
    timer = window.setTimeout(async () => {
      const res = await call<{ surveyCommunes: { id: string; name: string; code: string | null }[] }>(
        'query($search: String!) { surveyCommunes(search: $search) { id name code } }',
        { search },
      );
      const list = $('commune-options');
      list.replaceChildren();
      for (const c of res.data?.surveyCommunes ?? []) {
        const label = c.code ? `${c.name} (${c.code})` : c.name;
        communes.set(label, c.id);
        const option = document.createElement('option');
        option.value = label;
        list.append(option);
      }
    }, 150);
  });
}

function competencyFields(list: Competency[]): void {
  const host = $('competencies');
  const themes = new Map<string, Competency[]>();
  for (const k of list) themes.set(k.theme ?? '', [...(themes.get(k.theme ?? '') ?? []), k]);
  for (const [theme, items] of themes) {
    const group = document.createElement('fieldset');
    group.className = 'theme';
    const legend = document.createElement('legend');
    legend.textContent = theme ? theme[0]!.toUpperCase() + theme.slice(1) : '';
    group.append(legend);
    for (const k of items) {
      const id = `need-${k.id.replace(/[^\w-]/g, '_')}`;
      const row = document.createElement('div');
      row.className = 'need';
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = k.name;
      const select = document.createElement('select');
      select.id = id;
      select.dataset.competency = k.id;
      select.append(new Option(t.priorityNone, ''));
      t.priority.forEach((words, i) => select.append(new Option(words, String(i + 1))));
      row.append(label, select);
      group.append(row);
    }
    host.append(group);
  }
}

function radio(name: string): string | null {
  return document.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
}

function setRadio(name: string, value: string | null): void {
  if (value === null) return;
  const input = document.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (input) input.checked = true;
}

/** Field id → message; the summary lists them with links to the fields. */
function showErrors(errors: Map<string, string>): void {
  for (const el of document.querySelectorAll<HTMLElement>('.error')) el.textContent = '';
  for (const el of document.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = $('error-summary');
  if (errors.size === 0) {
    summary.hidden = true;
    return;
  }
  const items = document.createElement('ul');
  for (const [field, message] of errors) {
    $(`${field}-error`).textContent = message;
    const target = $(field);
    target.setAttribute('aria-invalid', 'true');
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${field}`;
    link.textContent = `${document.querySelector(`label[for="${field}"], #${field} > legend`)?.textContent ?? field} : ${message}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      (target.querySelector<HTMLElement>('input, select') ?? target).focus();
    });
    item.append(link);
    items.append(item);
  }
  const title = document.createElement('p');
  title.textContent = t.errorsTitle(errors.size);
  summary.replaceChildren(title, items);
  summary.hidden = false;
  summary.focus();
}

/** The API's argumentPath (`answer.company.communeId`, `answer.needs.2.competencyId`) to a field id. */
function fieldOf(path: (string | number)[] | undefined): string {
  const [, group, key] = path ?? [];
  if (group === 'company' && typeof key === 'string') return key === 'communeId' ? 'commune' : key;
  if (group === 'comment') return 'comment';
  return 'needs';
}

function collect(): { answer: Record<string, unknown> | null; errors: Map<string, string> } {
  const errors = new Map<string, string>();
  const name = $<HTMLInputElement>('name').value.trim();
  if (!name) errors.set('name', t.required);
  const communeLabel = $<HTMLInputElement>('commune').value.trim();
  const communeId = communes.get(communeLabel);
  if (!communeId) errors.set('commune', communeLabel ? t.chooseCommune : t.required);
  const size = radio('size');
  if (!size) errors.set('size', t.chooseOne);
  const sector = $<HTMLInputElement>('sector').value.trim();
  if (!sector) errors.set('sector', t.required);
  const innovates = radio('innovates');
  if (!innovates) errors.set('innovates', t.chooseOne);
  const exports = radio('exports');
  if (!exports) errors.set('exports', t.chooseOne);
  const needs = [...document.querySelectorAll<HTMLSelectElement>('#competencies select')]
    .filter((s) => s.value !== '')
    .map((s) => ({ competencyId: s.dataset.competency!, priority: Number(s.value) }));
  if (needs.length === 0) errors.set('needs', t.atLeastOne);
  if (needs.length > 30) errors.set('needs', t.tooMany);
  const comment = $<HTMLTextAreaElement>('comment').value.trim();
  if (errors.size > 0) return { answer: null, errors };
  return {
    answer: { company: { name, communeId, size, sector, innovates: innovates === 'yes', exports: exports === 'yes' }, needs, comment: comment || null },
    errors,
  };
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const { answer, errors } = collect();
  showErrors(errors);
  if (!answer) return;
  const button = $<HTMLButtonElement>('send');
  button.disabled = true;
  button.textContent = t.sending;
  try {
    const res = await call<{ submitSurveyAnswer: { respondentId: string; updated: boolean } }>(
      'mutation($token: String!, $answer: SurveyAnswerInput!) { submitSurveyAnswer(token: $token, answer: $answer) { respondentId updated needs } }',
      { token, answer },
    );
    const error = res.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      const field = fieldOf(error.extensions?.argumentPath);
      const message =
        code === 'RATE_LIMITED' ? t.tooFast : code === 'NOT_FOUND' && field === 'commune' ? t.chooseCommune : field === 'commune' ? t.outsideTerritory : error.message;
      showErrors(new Map([[code === 'RATE_LIMITED' ? 'needs' : field, message]]));
      return;
    }
    const receipt = res.data!.submitSurveyAnswer;
    $('survey').hidden = true;
    const done = $('done');
    done.textContent = t.done(receipt.respondentId, receipt.updated);
    done.hidden = false;
    done.focus();
  } catch {
    showErrors(new Map([['needs', t.failed]]));
  } finally {
    button.disabled = false;
    button.textContent = t.send;
  }
}

async function start(): Promise<void> {
  applyWords();
  const res = await call<{ surveyForm: Form }>(
    `query($token: String!) { surveyForm(token: $token) { campaignName closesOn territoryName invitation
      company { name communeId communeName size sector innovates exports } competencies { id name theme } } }`,
    { token },
  );
  const form = res.data?.surveyForm;
  if (!form) {
    const problem = $('load-error');
    problem.textContent = res.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? t.linkUnknown : t.linkClosed;
    problem.hidden = false;
    return;
  }
  $('intro').textContent = `${t.intro} ${t.closesOn(form.campaignName, form.closesOn, form.territoryName)}${form.invitation ? ` ${t.invitation}` : ''}`;
  competencyFields(form.competencies);
  communeSearch($<HTMLInputElement>('commune'));
  const company = form.company;
  if (company) {
    $<HTMLInputElement>('name').value = company.name;
    if (company.communeId && company.communeName) {
      communes.set(company.communeName, company.communeId);
      $<HTMLInputElement>('commune').value = company.communeName;
    }
    setRadio('size', company.size);
    $<HTMLInputElement>('sector').value = company.sector ?? '';
    setRadio('innovates', company.innovates === null ? null : company.innovates ? 'yes' : 'no');
    setRadio('exports', company.exports === null ? null : company.exports ? 'yes' : 'no');
  }
  const survey = $<HTMLFormElement>('survey');
  survey.addEventListener('submit', (event) => void submit(event));
  survey.hidden = false;
}

void start();
