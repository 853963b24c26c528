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
import { MODEL } from '../../src/domain/model.ts';

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

const KEY_STORE = 'maillage-editor-key';
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
    return sessionStorage.getItem(KEY_STORE);
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
      sessionStorage.removeItem(KEY_STORE);
      this.role = null;
      if (errorBox) errorBox.textContent = this.w.badKey;
      return false;
    }
    sessionStorage.setItem(KEY_STORE, key);
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
        sessionStorage.removeItem(KEY_STORE);
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
    for (const node of document.querySelectorAll<HTMLElement>(`.edit-dialog .error, .edit-section .error`)) if (node.id.startsWith(prefix)) node.textContent = '';
    for (const [field, message] of errors) {
      const box = document.getElementById(`${prefix}${field}-error`);
      if (box) box.textContent = message;
      document.getElementById(`${prefix}${field}`)?.setAttribute('aria-invalid', 'true');
    }
  }

  /** Create (actor null) or edit an actor, with its version for optimistic concurrency. */
  actorDialog(actor: { id: string; name: string; kind: string; version: number; commune: { id: string; name: string } | null } | null): void {
    const name = el('input', { value: actor?.name ?? '', required: true });
    const kind = el('select');
    for (const k of Object.keys(MODEL.kinds)) kind.append(new Option(this.w.kinds[k] ?? k, k, false, k === (actor?.kind ?? 'COMPANY')));
    const commune = this.communeInput();
    if (actor?.commune) {
      this.communes.set(actor.commune.name, actor.commune.id);
      commune.value = actor.commune.name;
    }
    let version = actor?.version;
    const dialog = this.dialog(
      actor ? this.w.editActor : this.w.newActor,
      [this.field('edit-name', this.w.name, name), this.field('edit-kind', this.w.kind, kind), this.field('edit-commune', this.w.commune, commune, this.w.communeHint)],
      async () => {
        const errors = new Map<string, string>();
        if (!name.value.trim()) errors.set('name', this.w.required);
        const communeId = commune.value.trim() ? this.communes.get(commune.value.trim()) : null;
        if (communeId === undefined) errors.set('commune', this.w.chooseCommune);
        this.showFieldErrors('edit-', errors);
        if (errors.size) return;
        const id = actor?.id ?? `${name.value.trim().normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'acteur'}-${Math.random().toString(36).slice(2, 7)}`;
        const input = { id, name: name.value.trim(), kind: kind.value, communeId, ...(actor ? { changeKind: kind.value !== actor.kind, expectedVersion: version } : {}) };
        const res = await this.call<{ upsertActors: { id: string }[] }>('mutation($input: [ActorInput!]!) { upsertActors(input: $input) { id } }', { input: [input] });
        const error = res.errors?.[0];
        if (error) {
          const field = String(error.extensions?.argumentPath?.[2] ?? 'name');
          if (error.extensions?.code === 'CONFLICT') {
            const current = error.extensions.current;
            if (current) {
              name.value = String(current.name ?? name.value);
              version = Number(current.version ?? 0);
            }
            this.showFieldErrors('edit-', new Map([['name', this.w.conflict]]));
          } else this.showFieldErrors('edit-', new Map([[field === 'communeId' ? 'commune' : field, error.message]]));
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
      actor: { id: string; name: string; kind: string; version: number; commune: { id: string; name: string } | null; links: { type: string; direction: string; other: { id: string; name?: string; kind?: string } }[] } | null;
      changes: { edges: { node: { id: string; at: string; by: string; operation: string; otherId: string | null; linkType: string | null; undoneBy: string | null } }[] };
    }>(
      `query($id: ID!) { actor(id: $id) { id name kind version commune { id name } links(first: 50) { type direction other { id ... on Actor { name kind } } } }
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
