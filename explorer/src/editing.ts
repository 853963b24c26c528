/**
 * Editing in the explorer, for editors: sign in with an API key (kept in sessionStorage for the
 * tab, never in the URL), create and edit actors (commune from a place search), add and remove
 * links (only the relationship types the model registry allows between the two kinds), see an
 * actor's recorded changes and undo one. Readers and anonymous visitors see no editing control.
 * Every validation message is written beside its field. Its own words (French, English) are here,
 * so that the explorer's shared text catalogue is untouched.
 *
 *   setupEditing({ lang, focusActor, refresh });   // once, at start
 *   editing.actorShown(id);                          // after the actor card is drawn
 */
import { ACTOR_FIELDS, type ActorField, fieldsOfKind } from '../../src/domain/actor-fields.ts';
import { MODEL } from '../../src/domain/model.ts';
import { forgetKey, keepKey, storedKey } from './stored-key.ts';

type Lang = 'fr' | 'en';
interface Hooks {
  lang: Lang;
  focusActor(id: string): void;
  refresh(): void;
}
interface ApiErrorBody {
  message: string;
  extensions?: { code?: string; argumentPath?: (string | number)[]; current?: Record<string, unknown> | null };
}

const WORDS = {
  fr: {
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    key: 'Clé d’API',
    keyHint: 'Gardée dans cet onglet seulement.',
    badKey: 'Cette clé n’est pas valide.',
    signedIn: (who: string) => `Éditeur (${who})`,
    campaigns: 'Campagnes de questionnaire',
    newActor: 'Nouvel acteur',
    editActor: 'Modifier',
    name: 'Nom',
    kind: 'Nature',
    commune: 'Commune',
    communeHint: 'Nom ou code postal, puis choisir dans la liste.',
    chooseCommune: 'Choisissez une commune de la liste.',
    save: 'Enregistrer',
    cancel: 'Annuler',
    required: 'Ce champ est nécessaire.',
    fields: {
      shortName: 'Nom court (sigle)',
      founded: 'Année de création',
      legalForm: 'Forme juridique',
      category: 'Catégorie',
      size: 'Taille',
      sector: 'Secteur d’activité',
      innovates: 'Innove',
      exports: 'Exporte',
      employees: 'Salariés',
    } as Record<ActorField, string>,
    notGiven: 'non renseigné',
    yes: 'oui',
    no: 'non',
    tooLong: (max: number) => `Au plus ${max} caractères.`,
    year: (min: number, max: number) => `Une année, de ${min} à ${max}.`,
    count: 'Un nombre entier, 0 ou plus.',
    conflict: 'Quelqu’un d’autre a modifié cet acteur entre-temps : voici ses valeurs actuelles, vérifiez puis enregistrez à nouveau.',
    addLink: 'Ajouter un lien',
    linkTo: 'Vers l’acteur',
    linkType: 'Type de lien',
    chooseActor: 'Choisissez un acteur de la liste.',
    noType: 'Aucun type de lien possible entre ces deux natures d’acteurs.',
    link: 'Lier',
    links: 'Liens',
    removeLink: 'Retirer',
    changes: 'Modifications',
    noChanges: 'Aucune modification enregistrée.',
    undo: 'Annuler',
    undone: 'annulée',
    operations: { CREATE_ACTOR: 'création', UPDATE_ACTOR: 'modification', DELETE_ACTOR: 'suppression', LINK: 'lien', UNLINK: 'lien retiré' } as Record<string, string>,
    kinds: { INSTITUTE: 'institut', UNIVERSITY: 'université', COMPANY: 'PME', CLUSTER: 'cluster', FUNDER: 'financeur', CHAMBER: 'chambre consulaire', LOCAL_AUTHORITY: 'collectivité', REGION: 'région' } as Record<string, string>,
  },
  en: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    key: 'API key',
    keyHint: 'Kept in this tab only.',
    badKey: 'This key is not valid.',
    signedIn: (who: string) => `Editor (${who})`,
    campaigns: 'Survey campaigns',
    newActor: 'New actor',
    editActor: 'Edit',
    name: 'Name',
    kind: 'Kind',
    commune: 'Commune',
    communeHint: 'Name or postal code, then pick from the list.',
    chooseCommune: 'Pick a commune from the list.',
    save: 'Save',
    cancel: 'Cancel',
    required: 'This field is needed.',
    fields: {
      shortName: 'Short name (acronym)',
      founded: 'Year founded',
      legalForm: 'Legal form',
      category: 'Category',
      size: 'Size',
      sector: 'Sector',
      innovates: 'Innovates',
      exports: 'Exports',
      employees: 'Employees',
    } as Record<ActorField, string>,
    notGiven: 'not given',
    yes: 'yes',
    no: 'no',
    tooLong: (max: number) => `At most ${max} characters.`,
    year: (min: number, max: number) => `A year, from ${min} to ${max}.`,
    count: 'A whole number, 0 or more.',
    conflict: 'Someone else changed this actor meanwhile: here are its current values; check them and save again.',
    addLink: 'Add a link',
    linkTo: 'To the actor',
    linkType: 'Link type',
    chooseActor: 'Pick an actor from the list.',
    noType: 'No link type is possible between these two kinds of actor.',
    link: 'Link',
    links: 'Links',
    removeLink: 'Remove',
    changes: 'Changes',
    noChanges: 'No recorded change.',
    undo: 'Undo',
    undone: 'undone',
    operations: { CREATE_ACTOR: 'created', UPDATE_ACTOR: 'changed', DELETE_ACTOR: 'removed', LINK: 'link', UNLINK: 'link removed' } as Record<string, string>,
    kinds: { INSTITUTE: 'institute', UNIVERSITY: 'university', COMPANY: 'SME', CLUSTER: 'cluster', FUNDER: 'funder', CHAMBER: 'chamber', LOCAL_AUTHORITY: 'local authority', REGION: 'région' } as Record<string, string>,
  },
};

type FieldValue = string | number | boolean | null;
/** An actor as the edit dialog reads it: its version (optimistic concurrency) and the fields of its kind. */
export type EditedActor = { id: string; name: string; kind: string; version: number; commune: { id: string; name: string } | null } & Partial<Record<ActorField, FieldValue>>;

/** The largest GraphQL Int. */
const MAX_INT = 2_147_483_647;

/**
 * The values typed in the dialog for the fields of `kind`, checked as the API checks them
 * (src/domain/actor-fields.ts): what to send (`null` clears a field of an existing actor; an
 * empty field of a new actor is left out) and a message per wrong field, in the page's language.
 *
 *   readActorFields('COMPANY', { employees: '-3', sector: 'aéronautique' }, 'fr', true)
 *   // { values: { sector: 'aéronautique', ... }, errors: Map { 'employees' => 'Un nombre entier, 0 ou plus.' } }
 */
export function readActorFields(kind: string, typed: Partial<Record<ActorField, string>>, lang: Lang, existing: boolean) {
  const w = WORDS[lang];
  const values: Partial<Record<ActorField, FieldValue>> = {};
  const errors = new Map<ActorField, string>();
  for (const field of fieldsOfKind(kind)) {
    const spec: (typeof ACTOR_FIELDS)[ActorField] = ACTOR_FIELDS[field];
    const raw = (typed[field] ?? '').trim();
    if (raw === '') {
      if (existing) values[field] = null;
      continue;
    }
    if (spec.type === 'text') {
      if ([...raw].length > spec.max) errors.set(field, w.tooLong(spec.max));
      else values[field] = raw;
    } else if (spec.type === 'boolean') {
      values[field] = raw === 'true';
    } else {
      // French writes "1 200": spaces between digits are not an error.
      const digits = raw.replace(/[\s\u202f]/g, '');
      const n = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
      if (spec.type === 'year' && !(n >= spec.min && n <= spec.max)) errors.set(field, w.year(spec.min, spec.max));
      else if (spec.type === 'count' && !(n >= 0 && n <= MAX_INT)) errors.set(field, w.count);
      else values[field] = n;
    }
  }
  return { values, errors };
}

/** Relationship types the registry allows from an actor of one kind to an actor of another (what the API checks). */
export function allowedLinkTypes(fromKind: string, toKind: string): string[] {
  const labels = (kind: string) => {
    const spec = (MODEL.kinds as Record<string, { label: string }>)[kind];
    return ['Entity', 'Actor', ...(spec ? [spec.label] : []), ...(kind === 'REGION' ? ['Territory'] : [])];
  };
  const from = labels(fromKind);
  const to = labels(toKind);
  return Object.entries(MODEL.relationships)
    .filter(([type, spec]) => type !== 'LOCATED_IN' && spec.from.some((l) => from.includes(l)) && spec.to.some((l) => to.includes(l)))
    .map(([type]) => type)
    .sort();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class Editing {
  private role: 'editor' | 'reader' | null = null;
  /** An admin key also follows survey campaigns (campaign.html): the bar links there. */
  private admin = false;
  private subject = '';
  private readonly w: (typeof WORDS)['fr'];
  private readonly bar = el('div', { className: 'edit-bar', id: 'edit-bar' });
  private readonly communes = new Map<string, string>();
  private readonly actors = new Map<string, { id: string; kind: string }>();
  private seq = 0;

  private readonly hooks: Hooks;

  constructor(hooks: Hooks) {
    this.hooks = hooks;
    this.w = WORDS[hooks.lang];
  }

  private get key(): string | null {
    return storedKey();
  }

  async call<T>(query: string, variables: Record<string, unknown> = {}, key = this.key): Promise<{ data?: T; errors?: ApiErrorBody[] }> {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: ApiErrorBody[] };
  }

  async start(toolbar: HTMLElement): Promise<void> {
    toolbar.append(this.bar);
    if (this.key) await this.signIn(this.key, null);
    this.drawBar();
  }

  get canEdit(): boolean {
    return this.role === 'editor';
  }

  /** Tries a key: an editor may read `changes`, a reader gets FORBIDDEN, a wrong key UNAUTHENTICATED. */
  private async signIn(key: string, errorBox: HTMLElement | null): Promise<boolean> {
    const res = await this.call<{ changes: unknown }>('{ changes(first: 1) { edges { node { by } } } }', {}, key);
    const code = res.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || (!res.data && code !== 'FORBIDDEN')) {
      forgetKey();
      this.role = null;
      if (errorBox) errorBox.textContent = this.w.badKey;
      return false;
    }
    keepKey(key);
    this.role = code === 'FORBIDDEN' ? 'reader' : 'editor';
    this.subject = code === 'FORBIDDEN' ? '' : 'API';
    // Only an admin may list campaigns: asked once, at sign-in, to offer the campaign page.
    this.admin = this.role === 'editor' && !(await this.call('{ surveyCampaigns { id } }', {}, key)).errors;
    return true;
  }

  private drawBar(): void {
    this.bar.replaceChildren();
    if (this.key) {
      const out = el('button', { type: 'button', id: 'sign-out', textContent: this.w.signOut });
      out.addEventListener('click', () => {
        forgetKey();
        this.role = null;
        this.admin = false;
        this.drawBar();
        this.hooks.refresh();
      });
      if (this.canEdit) {
        const create = el('button', { type: 'button', id: 'new-actor', textContent: this.w.newActor });
        create.addEventListener('click', () => this.actorDialog(null));
        this.bar.append(el('span', { className: 'who', textContent: this.w.signedIn(this.subject) }), create);
      }
      if (this.admin) {
        this.bar.append(el('a', { id: 'campaigns-link', className: 'report-link', href: `./campaign.html${this.hooks.lang === 'fr' ? '' : `#l=${this.hooks.lang}`}`, textContent: this.w.campaigns }));
      }
      this.bar.append(out);
      return;
    }
    const open = el('button', { type: 'button', id: 'sign-in', textContent: this.w.signIn });
    open.addEventListener('click', () => this.signInDialog());
    this.bar.append(open);
  }

  private field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
    const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
    input.id = id;
    input.setAttribute('aria-describedby', describedBy);
    return el(
      'div',
      { className: 'edit-field' },
      el('label', { htmlFor: id, textContent: label }),
      ...(hint ? [el('p', { className: 'hint', id: `${id}-hint`, textContent: hint })] : []),
      input,
      el('p', { className: 'error', id: `${id}-error` }),
    );
  }

  private dialog(title: string, body: HTMLElement[], onSubmit: (form: HTMLFormElement) => Promise<void>): HTMLDialogElement {
    const form = el('form', { method: 'dialog', noValidate: true }, el('h2', { textContent: title }), ...body);
    const save = el('button', { type: 'submit', textContent: this.w.save, className: 'primary' });
    const cancel = el('button', { type: 'button', textContent: this.w.cancel });
    form.append(el('div', { className: 'edit-actions' }, save, cancel));
    const dialog = el('dialog', { className: 'edit-dialog' }, form);
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save.disabled = true;
      void onSubmit(form).finally(() => (save.disabled = false));
    });
    document.body.append(dialog);
    dialog.showModal();
    return dialog;
  }

  private signInDialog(): void {
    const input = el('input', { type: 'password', autocomplete: 'off', required: true });
    const dialog = this.dialog(this.w.signIn, [this.field('editor-key', this.w.key, input, this.w.keyHint)], async () => {
      const error = document.getElementById('editor-key-error')!;
      if (!input.value.trim()) {
        error.textContent = this.w.required;
        return;
      }
      if (await this.signIn(input.value.trim(), error)) {
        dialog.close();
        this.drawBar();
        this.hooks.refresh();
      } else input.setAttribute('aria-invalid', 'true');
    });
  }

  private communeInput(): HTMLInputElement {
    const list = el('datalist', { id: `edit-communes-${(this.seq += 1)}` });
    const input = el('input', { autocomplete: 'off' });
    input.setAttribute('list', list.id);
    let timer: number | undefined;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const search = input.value.trim();
      if (search.length < 2 || this.communes.has(search)) return;
      timer = window.setTimeout(async () => {
        const res = await this.call<{ surveyCommunes: { id: string; name: string; code: string | null }[] }>('query($s: String!) { surveyCommunes(search: $s) { id name code } }', { s: search });
        list.replaceChildren(
          ...(res.data?.surveyCommunes ?? []).map((c) => {
            const label = c.code ? `${c.name} (${c.code})` : c.name;
            this.communes.set(label, c.id);
            return el('option', { value: label });
          }),
        );
      }, 150);
    });
    queueMicrotask(() => input.after(list));
    return input;
  }

  private showFieldErrors(prefix: string, errors: Map<string, string>): void {
    for (const node of document.querySelectorAll<HTMLElement>(`.edit-dialog .error, .edit-section .error`)) {
      if (!node.id.startsWith(prefix)) continue;
      node.textContent = '';
      document.getElementById(node.id.replace(/-error$/, ''))?.removeAttribute('aria-invalid');
    }
    for (const [field, message] of errors) {
      const box = document.getElementById(`${prefix}${field}-error`);
      if (box) box.textContent = message;
      document.getElementById(`${prefix}${field}`)?.setAttribute('aria-invalid', 'true');
    }
  }

  /** The input of one optional field: a yes/no list for booleans, else text (checked by readActorFields). */
  private fieldInput(field: ActorField, value: FieldValue | undefined): HTMLInputElement | HTMLSelectElement {
    const spec = ACTOR_FIELDS[field];
    if (spec.type === 'boolean') {
      const select = el('select');
      for (const [v, label] of [['', this.w.notGiven], ['true', this.w.yes], ['false', this.w.no]] as const) select.append(new Option(label, v, false, String(value ?? '') === v));
      return select;
    }
    const input = el('input', { value: value === null || value === undefined ? '' : String(value), autocomplete: 'off' });
    if (spec.type !== 'text') input.inputMode = 'numeric';
    return input;
  }

  /** Create (actor null) or edit an actor, with its version for optimistic concurrency. */
  actorDialog(actor: EditedActor | null): void {
    const name = el('input', { value: actor?.name ?? '', required: true });
    const kind = el('select');
    for (const k of Object.keys(MODEL.kinds)) kind.append(new Option(this.w.kinds[k] ?? k, k, false, k === (actor?.kind ?? 'COMPANY')));
    const commune = this.communeInput();
    if (actor?.commune) {
      this.communes.set(actor.commune.name, actor.commune.id);
      commune.value = actor.commune.name;
    }
    // The fields of the chosen kind; what was typed in one stays when the kind changes back and forth.
    const inputs = new Map<ActorField, HTMLInputElement | HTMLSelectElement>();
    const extra = el('div', { className: 'edit-extra', id: 'edit-extra' });
    const drawExtra = () => {
      extra.replaceChildren(
        ...fieldsOfKind(kind.value).map((field) => {
          let input = inputs.get(field);
          if (!input) inputs.set(field, (input = this.fieldInput(field, actor?.[field])));
          return this.field(`edit-${field}`, this.w.fields[field], input);
        }),
      );
    };
    drawExtra();
    kind.addEventListener('change', drawExtra);
    let version = actor?.version;
    const dialog = this.dialog(
      actor ? this.w.editActor : this.w.newActor,
      [this.field('edit-name', this.w.name, name), this.field('edit-kind', this.w.kind, kind), this.field('edit-commune', this.w.commune, commune, this.w.communeHint), extra],
      async () => {
        const typed = Object.fromEntries([...inputs].map(([field, input]) => [field, input.value])) as Partial<Record<ActorField, string>>;
        const fields = readActorFields(kind.value, typed, this.hooks.lang, actor !== null);
        const errors = new Map<string, string>(fields.errors);
        if (!name.value.trim()) errors.set('name', this.w.required);
        const communeId = commune.value.trim() ? this.communes.get(commune.value.trim()) : null;
        if (communeId === undefined) errors.set('commune', this.w.chooseCommune);
        this.showFieldErrors('edit-', errors);
        if (errors.size) return;
        const id = actor?.id ?? `${name.value.trim().normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'acteur'}-${Math.random().toString(36).slice(2, 7)}`;
        const input = {
          id,
          name: name.value.trim(),
          kind: kind.value,
          communeId,
          ...fields.values,
          ...(actor ? { changeKind: kind.value !== actor.kind, expectedVersion: version } : {}),
        };
        const res = await this.call<{ upsertActors: { id: string }[] }>('mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id } }', { input: [input] });
        const error = res.errors?.[0];
        if (error) {
          if (error.extensions?.code === 'CONFLICT') {
            const current = error.extensions.current;
            if (current) {
              name.value = String(current.name ?? name.value);
              version = Number(current.version ?? 0);
              for (const [field, box] of inputs) if (field in current) box.value = current[field] === null || current[field] === undefined ? '' : String(current[field]);
            }
            this.showFieldErrors('edit-', new Map([['name', this.w.conflict]]));
            return;
          }
          // Beside the field the API names (argumentPath ["input", 0, field]); else beside the name.
          const named = String(error.extensions?.argumentPath?.[2] ?? 'name');
          const field = named === 'communeId' ? 'commune' : named;
          this.showFieldErrors('edit-', new Map([[document.getElementById(`edit-${field}-error`) ? field : 'name', error.message]]));
          return;
        }
        dialog.close();
        this.hooks.refresh();
        this.hooks.focusActor(id);
      },
    );
  }

  /** Adds the editing section under the actor card (nothing for readers). */
  async actorShown(id: string, host: HTMLElement): Promise<void> {
    if (!this.canEdit) return;
    const res = await this.call<{
      actor: (EditedActor & { links: { type: string; direction: string; other: { id: string; name?: string; kind?: string } }[] }) | null;
      changes: { edges: { node: { id: string; at: string; by: string; operation: string; otherId: string | null; linkType: string | null; undoneBy: string | null } }[] };
    }>(
      `query($id: ID!) { actor(id: $id) { id name kind version commune { id name } links(first: 50) { type direction other { id ... on Actor { name kind } } }
          ... on Company { size sector innovates exports employees } ... on Institute { shortName founded legalForm }
          ... on University { shortName category } ... on Funder { shortName category } ... on Cluster { sector } }
        changes(actorId: $id, first: 10) { edges { node { id at by operation otherId linkType undoneBy } } } }`,
      { id },
    );
    const actor = res.data?.actor;
    if (!actor) return;
    host.querySelector('.edit-section')?.remove();
    const section = el('section', { className: 'edit-section', id: 'edit-section' });
    const edit = el('button', { type: 'button', id: 'edit-actor', textContent: this.w.editActor });
    edit.addEventListener('click', () => this.actorDialog(actor));
    section.append(edit);

    // A link to another actor: the types offered follow the two kinds.
    const target = el('input', { autocomplete: 'off' });
    const targets = el('datalist', { id: `edit-targets-${(this.seq += 1)}` });
    target.setAttribute('list', targets.id);
    const type = el('select', { disabled: true });
    const linkButton = el('button', { type: 'submit', textContent: this.w.link });
    const form = el('form', { className: 'edit-link', noValidate: true }, el('h3', { textContent: this.w.addLink }), this.field('link-to', this.w.linkTo, target), targets, this.field('link-type', this.w.linkType, type), linkButton);
    const chosen = () => this.actors.get(target.value.trim());
    target.addEventListener('input', () => {
      const picked = chosen();
      type.replaceChildren();
      type.disabled = !picked;
      if (picked) {
        const types = allowedLinkTypes(actor.kind, picked.kind);
        for (const t of types) type.append(new Option(t, t));
        this.showFieldErrors('link-', types.length ? new Map() : new Map([['type', this.w.noType]]));
        type.disabled = types.length === 0;
        return;
      }
      const search = target.value.trim();
      if (search.length < 2) return;
      void this.call<{ actors: { edges: { node: { id: string; name: string; kind: string } }[] } }>('query($s: String) { actors(search: $s, first: 10) { edges { node { id name kind } } } }', { s: search }).then((r) => {
        targets.replaceChildren(
          ...(r.data?.actors.edges ?? [])
            .filter((e) => e.node.id !== actor.id)
            .map(({ node }) => {
              const label = `${node.name} (${this.w.kinds[node.kind] ?? node.kind})`;
              this.actors.set(label, node);
              return el('option', { value: label });
            }),
        );
      });
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const picked = chosen();
      if (!picked) return this.showFieldErrors('link-', new Map([['to', this.w.chooseActor]]));
      if (!type.value) return this.showFieldErrors('link-', new Map([['type', this.w.noType]]));
      void this.call('mutation($input: LinkInput!) { link(input: $input) { type } }', { input: { from: actor.id, to: picked.id, type: type.value } }).then((r) => {
        const error = r.errors?.[0];
        if (error) return this.showFieldErrors('link-', new Map([[error.extensions?.argumentPath?.[1] === 'from' ? 'to' : 'type', error.message]]));
        this.hooks.refresh();
        void this.actorShown(actor.id, host);
      });
    });
    section.append(form);

    // Its links, each removable (outgoing ones: a link is removed from where it starts).
    const links = el('ul', { className: 'edit-links' });
    for (const l of actor.links.filter((l) => l.type !== 'LOCATED_IN')) {
      const remove = el('button', { type: 'button', textContent: this.w.removeLink });
      const [from, to] = l.direction === 'OUT' ? [actor.id, l.other.id] : [l.other.id, actor.id];
      remove.setAttribute('aria-label', `${this.w.removeLink} ${l.type} ${l.other.name ?? l.other.id}`);
      remove.addEventListener('click', () => {
        void this.call('mutation($input: LinkInput!) { unlink(input: $input) }', { input: { from, to, type: l.type } }).then(() => {
          this.hooks.refresh();
          void this.actorShown(actor.id, host);
        });
      });
      links.append(el('li', {}, `${l.type} ${l.direction === 'OUT' ? '→' : '←'} ${l.other.name ?? l.other.id} `, remove));
    }
    section.append(el('h3', { textContent: this.w.links }), links);

    // Its recorded changes, newest first, each undoable once.
    const list = el('ol', { className: 'edit-changes', id: 'change-list' });
    for (const { node } of res.data?.changes.edges ?? []) {
      const when = new Date(node.at).toLocaleString(this.hooks.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
      const what = `${this.w.operations[node.operation] ?? node.operation}${node.linkType ? ` ${node.linkType} ${node.otherId ?? ''}` : ''}`;
      const item = el('li', {}, `${when} · ${node.by} · ${what}${node.undoneBy ? ` (${this.w.undone})` : ''} `);
      if (!node.undoneBy && node.operation !== 'DELETE_ACTOR') {
        const undo = el('button', { type: 'button', textContent: this.w.undo, className: 'undo' });
        undo.setAttribute('aria-label', `${this.w.undo} : ${what}`);
        undo.addEventListener('click', () => {
          void this.call('mutation($id: ID!) { undoChange(id: $id) { id } }', { id: node.id }).then((r) => {
            if (r.errors?.[0]) item.append(el('span', { className: 'error', textContent: r.errors[0].message }));
            else {
              this.hooks.refresh();
              void this.actorShown(actor.id, host);
            }
          });
        });
        item.append(undo);
      }
      list.append(item);
    }
    if (list.children.length === 0) list.append(el('li', { textContent: this.w.noChanges }));
    section.append(el('h3', { textContent: this.w.changes }), list);
    host.append(section);
  }
}
