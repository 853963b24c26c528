/**
 * An accessible combobox (WAI-ARIA 1.2 pattern): a text input, a listbox of suggestions, arrow keys
 * to move, Enter to pick, Escape to close. Suggestions come from a provider, local or remote; a
 * late answer for an older text is dropped.
 *
 *   combobox(input, list, async (text) => [{ id: 'utc', label: 'UTC', detail: 'University' }], (o) => focus(o.id));
 */
import { escapeHtml } from './text.ts';

export interface Option {
  id: string;
  label: string;
  detail?: string;
}

export interface Combobox {
  setText(text: string): void;
  close(): void;
}

export function combobox(
  input: HTMLInputElement,
  list: HTMLUListElement,
  provide: (text: string) => Promise<Option[]> | Option[],
  onPick: (option: Option) => void,
  delayMs = 150,
): Combobox {
  let options: Option[] = [];
  let active = -1;
  let sequence = 0;
  let timer: number | undefined;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.autocomplete = 'off';
  list.setAttribute('role', 'listbox');
  list.hidden = true;

  const render = () => {
    list.innerHTML = options
      .map(
        (o, i) =>
          `<li role="option" id="${list.id}-${i}" data-index="${i}" aria-selected="${i === active}">` +
          `<span class="option-label">${escapeHtml(o.label)}</span>${o.detail ? ` <span class="option-detail">${escapeHtml(o.detail)}</span>` : ''}</li>`,
      )
      .join('');
    list.hidden = options.length === 0;
    input.setAttribute('aria-expanded', String(options.length > 0));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    options = [];
    active = -1;
    render();
  };
  const pick = (index: number) => {
    const option = options[index];
    if (!option) return;
    input.value = option.label;
    close();
    onPick(option);
  };
  const refresh = async () => {
    const mine = ++sequence;
    const text = input.value;
    const found = await provide(text);
    if (mine !== sequence) return;
    options = found;
    active = found.length > 0 ? 0 : -1;
    render();
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh().catch(() => close()), delayMs);
  });
  input.addEventListener('focus', () => {
    if (input.value === '') void refresh().catch(() => close());
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return void refresh();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length;
      render();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active >= 0) pick(active);
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 200));
  // mousedown, not click: it fires before the input's blur closes the list.
  list.addEventListener('mousedown', (event) => {
    const item = (event.target as HTMLElement).closest('li');
    if (item) {
      event.preventDefault();
      pick(Number(item.dataset.index));
    }
  });
  return {
    setText: (text) => {
      input.value = text;
    },
    close,
  };
}
