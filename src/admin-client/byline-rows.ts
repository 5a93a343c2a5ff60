import type { ApiCall } from './api-call.js';
import { byId } from './by-id.js';
import { button, el } from './dialog.js';
import { count, say, text } from './i18n.js';
import { problemText } from './image-dialog.js';

export type Byline = { contributorId: number; role: string };

/** The byline: who is on it, in order, each with a role. */
export type BylineRows = { read(): Byline[]; set(bylines: Byline[]): void };

const SHOWN = 8;

/**
 * The contributors picker: search by name (any script, any case), add any number, a role each, move up and down,
 * remove, and (editors) create a new contributor in place through the Admin API. It takes over from the page's fixed
 * rows of dropdowns (#byline-rows, which work without JavaScript): those are hidden and left out of the form, and
 * their options are the list searched. Its controls are outside the form's inputs, so every change is reported.
 */
export function bylineRows(o: { call: ApiCall; onChange: () => void }): BylineRows {
  const t = text().bylines;
  const box = byId('bylines')!;
  const rows = byId('byline-rows')!;
  const canCreate = box.dataset['canCreate'] === 'true';
  const firstSelect = rows.querySelector('select') as HTMLSelectElement;
  const roles = Array.from((rows.querySelectorAll('select')[1] as HTMLSelectElement).options).map((x) => x.value);
  const people = new Map<number, string>(
    Array.from(firstSelect.options)
      .filter((x) => x.value)
      .map((x) => [Number(x.value), x.textContent ?? '']),
  );
  let byline: Byline[] = Array.from(rows.querySelectorAll('li')).flatMap((li) => {
    const [who, role] = Array.from(li.querySelectorAll('select'));
    return who?.value ? [{ contributorId: Number(who.value), role: role?.value ?? 'author' }] : [];
  });
  rows.hidden = true;
  for (const s of Array.from(rows.querySelectorAll('select'))) s.disabled = true;
  byId('bylines-nojs')?.remove();

  const list = el('ol', { class: 'contributors-list', id: 'contributor-list', 'aria-label': t.list });
  const empty = el('p', { class: 'note', id: 'contributor-empty' }, t.empty);
  const search = el('input', {
    id: 'contributor-search',
    type: 'search',
    autocomplete: 'off',
    maxlength: '200',
    'aria-describedby': 'contributor-search-note',
  }) as HTMLInputElement;
  const results = el('ul', { class: 'contributor-results', id: 'contributor-results', 'aria-label': t.results });
  const status = el('p', { class: 'note', role: 'status', id: 'contributor-status' });
  box.append(
    list,
    empty,
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'contributor-search' }, t.add),
      search,
      el('p', { class: 'note', id: 'contributor-search-note' }, canCreate ? t.helpCreate : t.help),
    ),
    results,
    status,
  );

  const nameOf = (id: number) => people.get(id) ?? say(t.contributorN, { n: id });
  const changed = () => {
    render();
    o.onChange();
  };

  function render(focus?: { index: number; what: 'up' | 'down' | 'role' | 'remove' }) {
    list.replaceChildren(
      ...byline.map((b, i) => {
        const name = nameOf(b.contributorId);
        const roleId = `contributor-${i}-role`;
        const role = el(
          'select',
          { id: roleId },
          ...roles.map((r) => el('option', { value: r, ...(r === b.role ? { selected: '' } : {}) }, t.roles[r] ?? r)),
        ) as HTMLSelectElement;
        role.value = b.role;
        role.addEventListener('change', () => {
          byline[i] = { ...b, role: role.value };
          o.onChange();
        });
        const up = button(t.up, { class: 'secondary', 'aria-label': say(t.moveUp, { name }), ...(i === 0 ? { disabled: '' } : {}) });
        const down = button(t.down, { class: 'secondary', 'aria-label': say(t.moveDown, { name }), ...(i === byline.length - 1 ? { disabled: '' } : {}) });
        const remove = button(t.remove, { class: 'secondary', 'aria-label': say(t.removeName, { name }) });
        const move = (to: number, what: 'up' | 'down') => {
          const [x] = byline.splice(i, 1);
          byline.splice(to, 0, x!);
          changed();
          render({ index: to, what });
        };
        up.addEventListener('click', () => move(i - 1, 'up'));
        down.addEventListener('click', () => move(i + 1, 'down'));
        remove.addEventListener('click', () => {
          byline.splice(i, 1);
          changed();
          status.textContent = say(t.removed, { name });
          search.focus();
        });
        const li = el(
          'li',
          { class: 'contributor-row' },
          el('p', { class: 'who' }, `${i + 1}. ${name}`),
          el('label', { for: roleId, class: 'visually-hidden' }, say(t.roleOf, { name })),
          role,
          el('div', { class: 'row-actions' }, up, down, remove),
        );
        if (focus?.index === i) {
          // After a move the button pressed may be at an end and disabled: the other one, or the role, takes focus.
          queueMicrotask(() => {
            const target = focus.what === 'up' ? (i === 0 ? down : up) : focus.what === 'down' ? (i === byline.length - 1 ? up : down) : role;
            (target.disabled ? role : target).focus();
          });
        }
        return li;
      }),
    );
    empty.hidden = byline.length > 0;
  }

  function add(id: number) {
    byline.push({ contributorId: id, role: 'author' });
    changed();
    status.textContent = say(t.added, { name: nameOf(id) });
    search.value = '';
    showResults();
    render({ index: byline.length - 1, what: 'role' });
  }

  async function create(name: string, opener: HTMLButtonElement) {
    opener.disabled = true;
    status.textContent = say(t.adding, { name });
    let answer;
    try {
      answer = await o.call('POST', '/admin/api/v1/contributors', { name });
    } catch {
      opener.disabled = false;
      status.textContent = t.offline;
      return;
    }
    opener.disabled = false;
    if (answer.status !== 201) {
      const p = problemText(answer.status, answer.json as Parameters<typeof problemText>[1]);
      status.textContent = `${p.message} ${p.hint}`.trim();
      return;
    }
    const id = Number(answer.json['id']);
    people.set(id, String(answer.json['name']));
    // The hidden rows' lists too, so that a restore or a conflict view knows the name.
    for (const s of Array.from(rows.querySelectorAll('select[id$=-contributor]')))
      (s as HTMLSelectElement).append(el('option', { value: String(id) }, String(answer.json['name'])));
    add(id);
  }

  function showResults() {
    const q = search.value.trim().toLocaleLowerCase();
    if (!q) {
      results.replaceChildren();
      return;
    }
    const found = [...people].filter(([, name]) => name.toLocaleLowerCase().includes(q));
    const items = found.slice(0, SHOWN).map(([id, name]) => {
      const b = button(say(t.addName, { name }), { class: 'secondary' });
      b.addEventListener('click', () => add(id));
      return el('li', {}, b);
    });
    const typed = search.value.trim();
    if (canCreate && !found.some(([, name]) => name.toLocaleLowerCase() === q)) {
      const b = button(say(t.create, { name: typed }), { id: 'contributor-create' }) as HTMLButtonElement;
      b.addEventListener('click', () => void create(typed, b));
      items.push(el('li', {}, b));
    }
    results.replaceChildren(...items);
    status.textContent =
      found.length === 0 ? say(t.nobody, { name: typed }) : `${count(t.matches, found.length)}${found.length > SHOWN ? say(t.firstShown, { n: SHOWN }) : ''}.`;
  }
  search.addEventListener('input', showResults);
  // Enter adds the only match rather than submitting the article.
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    (results.querySelector('button') as HTMLButtonElement | null)?.click();
  });

  render();
  return {
    read: () => byline.map((b) => ({ ...b })),
    set(next) {
      byline = next.map((b) => ({ ...b }));
      render();
    },
  };
}
