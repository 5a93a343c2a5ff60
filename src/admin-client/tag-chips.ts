import type { ApiCall, Json } from './api-call.js';
import type { Status } from './autosave.js';
import { byId, inputById } from './by-id.js';
import { button, el } from './dialog.js';
import { say, text } from './i18n.js';

type Tag = { id: number; name: string };

/** The article's tags as chips; the page's comma-separated field is hidden and left out of the form. */
export type TagChips = {
  /** The field a new tag's name is typed in: its keystrokes are not a change to the article. */
  input: HTMLInputElement;
  ids(): number[];
  setIds(ids: number[]): void;
  /** Tags the article has that the datalist does not (none, normally) still get their names. */
  remember(article: Json): void;
};

/**
 * Tags as chips with autocomplete from the language's tags (the page's #tag-options datalist); a name that is not
 * one of them is created on the server when added.
 */
export function tagChips(o: { form: HTMLFormElement; articleId: number; call: ApiCall; onChange: () => void; onRefused: (s: Status) => void }): TagChips {
  const known = new Map<string, Tag>(); // by lower-case name
  const datalist = byId('tag-options')!;
  for (const opt of Array.from(datalist.querySelectorAll('option'))) {
    const id = Number(opt.dataset['id']);
    if (id) known.set(opt.value.toLowerCase(), { id, name: opt.value });
  }
  let tags: Tag[] = [];
  const tagsInput = inputById('tags');
  const chips = el('ul', { class: 'chips', 'aria-label': text().tags.chosen });
  const tagNew = el('input', { id: 'tag-new', type: 'text', list: 'tag-options', maxlength: '100', 'aria-describedby': 'tags-note' }) as HTMLInputElement;
  const tagAdd = button(text().tags.add, { class: 'secondary' });
  tagsInput.hidden = true;
  tagsInput.disabled = true; // with this script, tags travel as ids in the API save
  tagsInput.insertAdjacentElement('afterend', el('div', {}, chips, el('div', { class: 'tag-add' }, tagNew, tagAdd)));
  (document.querySelector('label[for=tags]') as HTMLLabelElement).htmlFor = 'tag-new';
  byId('tags-note')!.textContent = text().tags.help;

  function renderChips() {
    chips.replaceChildren(
      ...tags.map((t) => {
        const remove = button('×', { 'aria-label': say(text().tags.remove, { name: t.name }) });
        remove.addEventListener('click', () => {
          tags = tags.filter((x) => x.id !== t.id);
          renderChips();
          o.onChange();
          tagNew.focus();
        });
        return el('li', {}, t.name, remove);
      }),
    );
  }
  tags = tagsInput.value
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .flatMap((n) => known.get(n.toLowerCase()) ?? []);
  renderChips();

  async function addTag() {
    const name = tagNew.value.trim().replace(/\s+/g, ' ');
    if (!name) return;
    let tag = known.get(name.toLowerCase());
    if (!tag) {
      try {
        const res = await o.call('POST', `/admin/articles/${o.articleId}/tags`, { names: [name] });
        const made = (res.json['tags'] as Tag[] | undefined)?.[0];
        if (res.status !== 200 || !made) {
          o.onRefused({ kind: 'refused', message: String(res.json['message'] ?? text().tags.notCreated), code: String(res.json['code'] ?? '') });
          return;
        }
        tag = { id: made.id, name: made.name };
        known.set(made.name.toLowerCase(), tag);
        datalist.append(el('option', { value: made.name, 'data-id': String(made.id) }));
      } catch {
        o.onRefused({ kind: 'refused', message: text().tags.offline, code: '' });
        return;
      }
    }
    if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
    tagNew.value = '';
    renderChips();
    o.onChange();
  }
  tagAdd.addEventListener('click', () => void addTag());
  tagNew.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      void addTag();
    }
  });

  return {
    input: tagNew,
    ids: () => tags.map((t) => t.id),
    setIds(ids) {
      const byTagId = new Map([...known.values()].map((t) => [t.id, t]));
      tags = ids.map((id) => byTagId.get(id) ?? { id, name: `tag ${id}` });
      renderChips();
    },
    remember(article) {
      for (const t of (article['tags'] as Tag[] | undefined) ?? []) known.set(t.name.toLowerCase(), { id: t.id, name: t.name });
    },
  };
}
