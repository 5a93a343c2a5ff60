/*
 * The article editor in the browser: TipTap on the body of the edit page (src/render/admin/editor-page.tsx), autosave
 * through the Admin API with a copy of unsaved work on the device, the conflict view, tags and contributors, and the
 * history with word diffs and restore. Served as /admin/assets/editor.js (src/web/admin/editor-bundle.ts). The page
 * works without it; this script takes over the body and the saving.
 */
import { Editor, type JSONContent } from '@tiptap/core';
import { EMBED_LABEL, embedProvider, isAllowedHref, MAX_URL_LENGTH, urlScheme } from '../content/body-rules.js';
import { slugFromHeadline } from '../content/slug.js';
import { Autosave, readLocalCopy, localKey, type ApiArticle, type LocalCopy, type Payload, type SaveOutcome, type Status } from './autosave.js';
import { bodyExtensions } from '../content/body-extensions.js';
import { askForm, button, el } from './dialog.js';
import { chooseImage } from './image-dialog.js';

type Json = Record<string, unknown>;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T | null;
async function main(form: HTMLFormElement) {
  const articleId = Number(form.dataset['articleId']);
  const locale = form.dataset['locale'] ?? 'en';
  const csrf = (form.querySelector('input[name=_csrf]') as HTMLInputElement).value;
  const api = `/admin/api/v1/articles/${articleId}`;
  const fieldset = form.querySelector('fieldset.plain') as HTMLFieldSetElement;
  const input = (id: string) => $<HTMLInputElement>(id)!;
  const statusLine = $('save-status')!;
  let historyLoaded = false;

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    let json: Json = {};
    try {
      json = (await res.json()) as Json;
    } catch {
      // An empty or non-JSON answer (a proxy's error page) says no more than its status.
    }
    return { status: res.status, json };
  }

  // ---- the body ----

  const host = $('body-editor')!;
  const doc = JSON.parse(host.dataset['doc'] || '{"type":"doc","content":[]}') as JSONContent;
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Text', 'aria-controls': 'body-content' });
  const mount = el('div');
  host.append(toolbar, mount);
  const editor = new Editor({
    element: mount,
    extensions: bodyExtensions(),
    content: doc,
    // TipTap's own <style> would need this page's CSP nonce; its rules are in /admin/assets/editor.css instead.
    injectCSS: false,
    editorProps: {
      attributes: { id: 'body-content', role: 'textbox', 'aria-multiline': 'true', 'aria-labelledby': 'body-label', lang: locale, spellcheck: 'true' },
    },
  });
  $('body-static')!.hidden = true;
  $('body-nojs')!.hidden = true;
  host.hidden = false;
  buildToolbar(editor, toolbar, csrf);

  // ---- tags: chips, autocomplete from the language's tags, new ones created by name ----

  const known = new Map<string, { id: number; name: string }>(); // by lower-case name
  const datalist = $('tag-options')!;
  for (const o of Array.from(datalist.querySelectorAll('option'))) {
    const id = Number(o.dataset['id']);
    if (id) known.set(o.value.toLowerCase(), { id, name: o.value });
  }
  let tags: { id: number; name: string }[] = [];
  const tagsInput = input('tags');
  const chips = el('ul', { class: 'chips', 'aria-label': 'Chosen tags' });
  const tagNew = el('input', { id: 'tag-new', type: 'text', list: 'tag-options', maxlength: '100', 'aria-describedby': 'tags-note' }) as HTMLInputElement;
  const tagAdd = button('Add tag', { class: 'secondary' });
  tagsInput.hidden = true;
  tagsInput.disabled = true; // with this script, tags travel as ids in the API save
  tagsInput.insertAdjacentElement('afterend', el('div', {}, chips, el('div', { class: 'tag-add' }, tagNew, tagAdd)));
  (form.querySelector('label[for=tags]') as HTMLLabelElement).htmlFor = 'tag-new';
  $('tags-note')!.textContent = 'Type a tag and press Enter; suggestions come from this language’s tags, and a new one is created.';

  function renderChips() {
    chips.replaceChildren(
      ...tags.map((t) => {
        const remove = button('×', { 'aria-label': `Remove the tag ${t.name}` });
        remove.addEventListener('click', () => {
          tags = tags.filter((x) => x.id !== t.id);
          renderChips();
          changed();
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
        const res = await call('POST', `/admin/articles/${articleId}/tags`, { names: [name] });
        const made = (res.json['tags'] as { id: number; name: string }[] | undefined)?.[0];
        if (res.status !== 200 || !made) {
          showStatus({ kind: 'refused', message: String(res.json['message'] ?? 'The tag could not be created.'), code: String(res.json['code'] ?? '') });
          return;
        }
        tag = { id: made.id, name: made.name };
        known.set(made.name.toLowerCase(), tag);
        datalist.append(el('option', { value: made.name, 'data-id': String(made.id) }));
      } catch {
        showStatus({ kind: 'refused', message: 'Offline: a new tag can be added once the connection is back.', code: '' });
        return;
      }
    }
    if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
    tagNew.value = '';
    renderChips();
    changed();
  }
  tagAdd.addEventListener('click', () => void addTag());
  tagNew.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      void addTag();
    }
  });

  // ---- contributors: one more row on request ----

  const rows = $('byline-rows')!;
  const addRow = button('Add another contributor', { class: 'secondary' });
  rows.insertAdjacentElement('afterend', addRow);
  function bylineRow(): HTMLElement {
    const all = rows.querySelectorAll('li');
    const last = all[all.length - 1]!;
    const i = all.length;
    const copy = last.cloneNode(true) as HTMLElement;
    for (const l of Array.from(copy.querySelectorAll('label'))) {
      const f = l.htmlFor.replace(/\d+/, String(i));
      l.htmlFor = f;
      if (f.endsWith('contributor')) l.textContent = `Contributor ${i + 1}`;
    }
    for (const s of Array.from(copy.querySelectorAll('select'))) {
      s.id = s.id.replace(/\d+/, String(i));
      s.name = s.id;
      s.selectedIndex = 0;
    }
    rows.append(copy);
    return copy;
  }
  addRow.addEventListener('click', () => {
    (bylineRow().querySelector('select') as HTMLSelectElement).focus();
  });

  // ---- reading and writing the page ----

  let slugFollows = form.dataset['slugFollows'] === 'true';
  const text = (id: string) => input(id).value;
  const orNull = (id: string) => input(id).value.trim() || null;

  function read(): Payload {
    const bylines = Array.from(rows.querySelectorAll('li')).flatMap((li) => {
      const [who, role] = Array.from(li.querySelectorAll('select'));
      return who?.value ? [{ contributorId: Number(who.value), role: role?.value ?? 'author' }] : [];
    });
    const slug = text('slug').trim();
    return {
      headline: text('headline'),
      deck: orNull('deck'),
      ...(slug ? { slug } : {}),
      body: editor.getJSON(),
      dateline: orNull('dateline'),
      sectionId: Number(text('sectionId')),
      tagIds: tags.map((t) => t.id),
      bylines,
      hero: text('heroMediaId').trim()
        ? { mediaId: Number(text('heroMediaId')), alt: orNull('heroAlt'), caption: orNull('heroCaption'), credit: orNull('heroCredit') }
        : null,
      source: text('sourcePartnerId')
        ? { partnerId: Number(text('sourcePartnerId')), url: orNull('sourceUrl'), headline: orNull('sourceHeadline'), locale: orNull('sourceLocale') }
        : null,
      seoTitle: orNull('seoTitle'),
      seoDescription: orNull('seoDescription'),
      canonicalUrl: orNull('canonicalUrl'),
    };
  }

  function apply(p: Payload) {
    const set = (id: string, v: unknown) => (input(id).value = v === null || v === undefined ? '' : String(v));
    set('headline', p.headline);
    set('deck', p['deck']);
    set('slug', p['slug'] ?? text('slug'));
    set('dateline', p['dateline']);
    set('sectionId', p['sectionId']);
    const hero = p['hero'] as Json | null;
    set('heroMediaId', hero?.['mediaId']);
    set('heroAlt', hero?.['alt']);
    set('heroCaption', hero?.['caption']);
    set('heroCredit', hero?.['credit']);
    const source = p['source'] as Json | null;
    set('sourcePartnerId', source?.['partnerId']);
    set('sourceUrl', source?.['url']);
    set('sourceHeadline', source?.['headline']);
    set('sourceLocale', source?.['locale']);
    set('seoTitle', p['seoTitle']);
    set('seoDescription', p['seoDescription']);
    set('canonicalUrl', p['canonicalUrl']);
    const byId = new Map([...known.values()].map((t) => [t.id, t]));
    tags = ((p['tagIds'] as number[] | undefined) ?? []).map((id) => byId.get(id) ?? { id, name: `tag ${id}` });
    renderChips();
    const bylines = (p['bylines'] as { contributorId: number; role: string }[] | undefined) ?? [];
    while (rows.querySelectorAll('li').length < bylines.length + 1) bylineRow();
    Array.from(rows.querySelectorAll('li')).forEach((li, i) => {
      const [who, role] = Array.from(li.querySelectorAll('select'));
      const b = bylines[i];
      if (who) who.value = b ? String(b.contributorId) : '';
      if (role) role.value = b?.role ?? 'author';
    });
    editor.commands.setContent((p['body'] as JSONContent) ?? { type: 'doc', content: [] }, { emitUpdate: false });
  }

  /** The stored article as the fields a save sends. */
  function payloadOf(a: Json): Payload {
    const hero = a['hero'] as Json | null;
    const source = a['source'] as Json | null;
    return {
      headline: String(a['headline'] ?? ''),
      deck: (a['deck'] as string | null) ?? null,
      slug: a['slug'] as string,
      body: a['body'],
      dateline: (a['dateline'] as string | null) ?? null,
      sectionId: a['sectionId'],
      tagIds: a['tagIds'] ?? [],
      bylines: ((a['bylines'] as Json[] | undefined) ?? []).map((b) => ({ contributorId: b['contributorId'], role: b['role'] })),
      hero: hero ? { mediaId: hero['mediaId'], alt: hero['alt'] ?? null, caption: hero['caption'] ?? null, credit: hero['credit'] ?? null } : null,
      source: source ? { partnerId: source['partnerId'], url: source['url'] ?? null, headline: source['headline'] ?? null, locale: source['locale'] ?? null } : null,
      seoTitle: (a['seoTitle'] as string | null) ?? null,
      seoDescription: (a['seoDescription'] as string | null) ?? null,
      canonicalUrl: (a['canonicalUrl'] as string | null) ?? null,
    };
  }
  // Tags the article has that the datalist does not (none, normally) still get their names.
  const rememberTags = (a: Json) => {
    for (const t of (a['tags'] as { id: number; name: string }[] | undefined) ?? []) known.set(t.name.toLowerCase(), { id: t.id, name: t.name });
  };

  // ---- saving ----

  async function send(payload: Payload, baseRevision: number): Promise<SaveOutcome> {
    const { status, json } = await call('PUT', api, { ...payload, baseRevision });
    if (status === 200) return { kind: 'saved', article: json as ApiArticle };
    if (status === 409 && json['code'] === 'CONFLICT') {
      const details = (json['details'] as Json | undefined) ?? {};
      const current = (json['current'] ?? details['current']) as ApiArticle;
      const { baseRevision: _b, ...sent } = (json['sent'] ?? details['sent'] ?? payload) as Json;
      // The stored version is this very text: an earlier save got through but its answer was lost (a tab closed or
      // the network dropped mid-request). Nothing to choose between.
      if (canonical(payloadOf(current)) === canonical(payload)) return { kind: 'saved', article: current };
      return { kind: 'conflict', current, sent: sent as Payload };
    }
    // The server or a proxy in front of it is down: the same as no network, worth retrying.
    if (status === 0 || status >= 500) return { kind: 'offline' };
    const errors = (json['errors'] as { field: string; detail: string }[] | undefined) ?? [];
    return {
      kind: 'refused',
      status,
      code: String(json['code'] ?? status),
      message: `${String(json['detail'] ?? json['message'] ?? `The server answered ${status}.`)}${errors.length ? ` (${errors.map((e) => `${e.field}: ${e.detail}`).join('; ')})` : ''}`,
      hint: status === 401 ? 'Log in again in another tab; your text is kept on this device and saved when you are back.' : (json['hint'] as string | undefined),
    };
  }

  const clock = (d: Date) => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  function showStatus(s: Status) {
    statusLine.className = `save-status ${s.kind === 'offline' ? 'offline' : s.kind === 'refused' || s.kind === 'conflict' ? 'error' : ''}`;
    statusLine.textContent =
      s.kind === 'saved'
        ? `Saved ${clock(s.at)} (revision ${s.revision})`
        : s.kind === 'saving'
          ? 'Saving…'
          : s.kind === 'unsaved'
            ? 'Unsaved changes'
            : s.kind === 'offline'
              ? 'Offline — kept on this device, retrying'
              : s.kind === 'conflict'
                ? 'Not saved: someone else saved a newer version. Choose below which to keep.'
                : `Not saved: ${s.message}${s.hint ? ` ${s.hint}` : ''}`;
    if (s.kind === 'saved' && historyLoaded) void loadHistory();
  }

  const autosave = new Autosave({
    articleId,
    baseRevision: Number(form.dataset['revision']),
    store: window.localStorage,
    read,
    send,
    onStatus: showStatus,
    onSaved: (a) => {
      rememberTags(a);
      // The server makes a taken slug unique (…-2): show the address it really has.
      if (typeof a['slug'] === 'string' && a['slug'] !== text('slug')) input('slug').value = a['slug'];
      (form.querySelector('input[name=baseRevision]') as HTMLInputElement).value = String(a.revision);
    },
    onConflict: showConflict,
    delayMs: 2500,
  });
  const changed = () => autosave.changed();

  editor.on('update', changed);
  editor.on('blur', () => void autosave.flush());
  form.addEventListener('input', (e) => {
    const t = e.target as HTMLElement;
    if (t === tagNew) return;
    if (t.id === 'slug') slugFollows = false;
    if (t.id === 'headline' && slugFollows) input('slug').value = slugFromHeadline(text('headline'));
    changed();
  });
  form.addEventListener('change', (e) => {
    if (e.target !== tagNew) changed();
  });
  form.addEventListener('focusout', (e) => {
    if (e.target !== tagNew && !form.contains(e.relatedTarget as Node | null)) void autosave.flush();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void autosave.flush();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void autosave.flush();
  });
  window.addEventListener('online', () => autosave.retryNow());
  window.addEventListener('beforeunload', (e) => {
    if (!autosave.dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });

  // A workflow move reloads the page: save what is typed first, and move only once it is saved.
  for (const move of Array.from(document.querySelectorAll<HTMLFormElement>('form.move'))) {
    move.addEventListener('submit', (e) => {
      if (!autosave.dirty) return;
      e.preventDefault();
      void autosave.flush().then(() => {
        if (!autosave.dirty) move.submit();
        else showStatus({ kind: 'refused', message: 'Save your changes first: the workflow buttons work on the saved article.', code: '' });
      });
    });
  }

  // ---- unsaved work from an earlier visit ----

  const copy = readLocalCopy(window.localStorage, articleId);
  if (copy) {
    if (JSON.stringify(copy.payload) === JSON.stringify(read())) window.localStorage.removeItem(localKey(articleId));
    else offerLocalCopy(copy);
  }

  /** A choice above the form (unsaved work found, a conflict): a titled region whose heading takes the focus. */
  function showPanel(box: HTMLElement, titleId: string, title: string, text: string, content: HTMLElement, actions: HTMLElement[]) {
    const heading = el('h2', { id: titleId, tabindex: '-1' }, title);
    box.setAttribute('role', 'region');
    box.setAttribute('aria-labelledby', titleId);
    box.replaceChildren(heading, el('p', {}, text), content, el('div', { class: 'actions' }, ...actions));
    box.hidden = false;
    heading.focus();
  }

  function hidePanel(box: HTMLElement) {
    box.hidden = true;
    box.replaceChildren();
  }

  function offerLocalCopy(c: LocalCopy) {
    const box = $('local-copy')!;
    const page = read();
    const differs = fieldsThatDiffer(c.payload, page);
    const restore = button('Restore it');
    const discard = button('Discard it', { class: 'secondary' });
    showPanel(
      box,
      'local-copy-title',
      'Unsaved work on this device',
      `This browser kept changes to this article that did not reach the server (from ${new Date(c.savedAt).toLocaleString()}, made on revision ${c.baseRevision}; the stored article is at revision ${autosave.revision}). They differ in: ${differs.map((k) => FIELD_LABEL[k]).join(', ') || 'nothing visible'}. Editing is paused until you choose.`,
      el('div', { class: 'sides' }, side('On this device (unsaved)', c.payload, differs), side('Stored', page, differs)),
      [restore, discard],
    );
    fieldset.disabled = true;
    editor.setEditable(false);
    const done = () => {
      hidePanel(box);
      fieldset.disabled = false;
      editor.setEditable(true);
    };
    restore.addEventListener('click', () => {
      done();
      apply(c.payload);
      slugFollows = false;
      // Based on the revision it was made on: if the article moved on since, the save comes back as a conflict.
      autosave.restored(c.baseRevision);
      void autosave.flush();
      editor.commands.focus('end');
    });
    discard.addEventListener('click', () => {
      done();
      window.localStorage.removeItem(localKey(articleId));
      input('headline').focus();
    });
  }

  // ---- conflicts ----

  function showConflict(current: ApiArticle, sent: Payload) {
    rememberTags(current);
    const box = $('conflict')!;
    const theirs = payloadOf(current);
    const mine = read();
    const differs = fieldsThatDiffer(theirs, sent);
    const keep = button('Keep mine');
    const use = button('Use theirs', { class: 'secondary' });
    showPanel(
      box,
      'conflict-title',
      'Someone else saved this article while you were editing',
      `The stored article is at revision ${current.revision}; your changes were made on an older one and are not saved yet (they are kept on this device). "Keep mine" saves your version on top of theirs; "Use theirs" puts their version in the editor. Either way the other stays in the history or below.`,
      el('div', { class: 'sides' }, side(`Stored version (revision ${current.revision})`, theirs, differs, 'theirs'), side('Your version (not saved)', mine, differs, 'mine')),
      [keep, use],
    );
    keep.addEventListener('click', () => {
      hidePanel(box);
      void autosave.keepMine(current.revision);
    });
    use.addEventListener('click', () => {
      apply(theirs);
      autosave.useTheirs(current);
      (form.querySelector('input[name=baseRevision]') as HTMLInputElement).value = String(current.revision);
      // Yours stays on screen until dismissed, so nothing typed is lost by choosing theirs.
      const close = button('Close', { class: 'secondary' });
      showPanel(box, 'conflict-title', 'Their version is in the editor', 'Your discarded version is below: copy what you need from it before closing.', side('Your discarded version', mine, differs, 'mine'), [close]);
      close.addEventListener('click', () => hidePanel(box));
    });
  }

  // ---- history ----

  const history = $('history')!;
  const historyBody = $('history-body')!;
  history.hidden = false;
  const loadButton = button('Show the history', { class: 'secondary', 'aria-controls': 'history-body' });
  historyBody.append(el('p', { class: 'note' }, 'Every save is a revision: compare any two word by word, or bring an old one back.'), loadButton);
  loadButton.addEventListener('click', () => void loadHistory());

  async function loadHistory() {
    historyLoaded = true;
    let res: { status: number; json: Json };
    try {
      res = await call('GET', `${api}/revisions`);
    } catch {
      historyBody.replaceChildren(el('p', { class: 'note' }, 'The history cannot be loaded while offline.'), loadButton);
      historyLoaded = false;
      return;
    }
    const items = (res.json['items'] as { number: number; createdAt: string; user: { name: string } | null; headline: string; wordCount: number; status: string | null }[] | undefined) ?? [];
    const prior = historyBody.querySelector<HTMLInputElement>('input[name=diff-from]:checked')?.value;
    const latest = items.at(-1)?.number ?? 1;
    const from = prior && historyLoaded && Number(prior) < latest ? Number(prior) : Math.max(1, latest - 1);
    const table = el(
      'table',
      { class: 'history-table' },
      el('caption', {}, `${items.length} ${items.length === 1 ? 'revision' : 'revisions'}, oldest first`),
      el('thead', {}, el('tr', {}, ...['Revision', 'When', 'Who', 'Headline', 'Words', 'Compare from', 'to', 'Restore'].map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...items.map((r) => {
          const radio = (name: string, checked: boolean, label: string) => {
            const i = el('input', { type: 'radio', name, value: String(r.number), 'aria-label': label }) as HTMLInputElement;
            i.checked = checked;
            return i;
          };
          const restore = r.number === latest ? el('span', { class: 'note' }, 'current') : button(`Restore revision ${r.number}`, { class: 'secondary' });
          if (restore instanceof HTMLButtonElement) restore.addEventListener('click', () => void restoreRevision(r.number));
          return el(
            'tr',
            {},
            el('td', {}, String(r.number)),
            el('td', {}, new Date(r.createdAt).toLocaleString()),
            el('td', {}, r.user?.name ?? 'a script or import'),
            el('td', {}, r.headline),
            el('td', {}, String(r.wordCount)),
            el('td', {}, radio('diff-from', r.number === from, `Compare from revision ${r.number}`)),
            el('td', {}, radio('diff-to', r.number === latest, `Compare to revision ${r.number}`)),
            el('td', {}, restore),
          );
        }),
      ),
    );
    const compare = button('Show the changes');
    const out = el('div', { id: 'diff', 'aria-live': 'polite' });
    compare.addEventListener('click', () => void showDiff(out));
    historyBody.replaceChildren(table, el('div', { class: 'actions' }, compare, button('Refresh', { class: 'secondary' })), out);
    historyBody.querySelector('.actions button.secondary')!.addEventListener('click', () => void loadHistory());
  }

  async function showDiff(out: HTMLElement) {
    const from = historyBody.querySelector<HTMLInputElement>('input[name=diff-from]:checked')?.value;
    const to = historyBody.querySelector<HTMLInputElement>('input[name=diff-to]:checked')?.value;
    if (!from || !to) return;
    const { status, json } = await call('GET', `${api}/diff?from=${from}&to=${to}`);
    if (status !== 200) {
      out.replaceChildren(el('p', { class: 'note' }, String(json['detail'] ?? 'The changes cannot be shown.')));
      return;
    }
    const fields = json['fields'] as Record<string, { type: string; text: string }[]>;
    const part = (p: { type: string; text: string }) => (p.type === 'added' ? el('ins', {}, p.text) : p.type === 'removed' ? el('del', {}, p.text) : document.createTextNode(p.text));
    out.replaceChildren(
      el('h3', {}, `Changes from revision ${json['from'] as number} to ${json['to'] as number}`),
      el('div', { class: 'diff', lang: locale }, ...(['headline', 'deck', 'body'] as const).flatMap((k) => [el('h4', { lang: 'en' }, k === 'body' ? 'Text' : k[0]!.toUpperCase() + k.slice(1)), el('p', {}, ...(fields[k]?.length ? fields[k]!.map(part) : ['(empty)']))])),
    );
  }

  async function restoreRevision(n: number) {
    await autosave.flush();
    if (autosave.dirty) {
      showStatus({ kind: 'refused', message: 'Your latest changes are not saved yet; restore once they are.', code: '' });
      return;
    }
    let res: { status: number; json: Json };
    try {
      res = await call('POST', `${api}/revisions/${n}/restore`, { baseRevision: autosave.revision });
    } catch {
      showStatus({ kind: 'refused', message: 'Offline: restoring needs the connection.', code: '' });
      return;
    }
    if (res.status !== 200) {
      showStatus({ kind: 'refused', message: String(res.json['detail'] ?? 'The revision could not be restored.'), hint: res.json['hint'] as string | undefined, code: String(res.json['code'] ?? '') });
      return;
    }
    const article = res.json['article'] as ApiArticle;
    rememberTags(article);
    apply(payloadOf(article));
    (form.querySelector('input[name=baseRevision]') as HTMLInputElement).value = String(article.revision);
    autosave.replaced(article);
    statusLine.textContent = `Restored revision ${n} as revision ${article.revision}`;
    await loadHistory();
  }
}

/** JSON with keys in a fixed order and empty values as null, to compare versions that took different paths. */
function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, norm((x as Json)[k])])
          .filter(([, value]) => value !== null && value !== undefined && value !== ''),
      );
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

// ---- showing a version without running any of its markup ----

const FIELD_LABEL: Record<string, string> = {
  headline: 'headline',
  deck: 'deck',
  slug: 'slug',
  body: 'text',
  dateline: 'dateline',
  sectionId: 'section',
  tagIds: 'tags',
  bylines: 'contributors',
  hero: 'hero image',
  source: 'partner attribution',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  canonicalUrl: 'canonical address',
};

function fieldsThatDiffer(a: Payload, b: Payload): string[] {
  return Object.keys(FIELD_LABEL).filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}

function side(title: string, p: Payload, differs: string[], key = '') {
  const row = (k: string, label: string, value: Node | string) =>
    el('div', { class: differs.includes(k) ? 'differs' : '', 'data-field': k }, el('strong', {}, `${label}: `), value);
  const others = differs.filter((k) => !['headline', 'deck', 'body'].includes(k));
  return el(
    'section',
    { class: 'side', 'data-side': key, 'aria-label': title },
    el('h3', {}, title),
    row('headline', 'Headline', String(p.headline ?? '')),
    row('deck', 'Deck', String(p['deck'] ?? '')),
    row('body', 'Text', el('div', { class: 'side-body' }, ...blocks(p['body'] as JSONContent | undefined))),
    ...(others.length ? [el('p', { class: 'note' }, `Also different: ${others.map((k) => FIELD_LABEL[k]).join(', ')}.`)] : []),
  );
}

/** Text of a body as plain elements (textContent only), never as HTML. */
function blocks(node: JSONContent | undefined): Node[] {
  const out: Node[] = [];
  const inline = (n: JSONContent): string => (n.type === 'text' ? (n.text ?? '') : n.type === 'hardBreak' ? '\n' : (n.content ?? []).map(inline).join(''));
  const walk = (n: JSONContent) => {
    switch (n.type) {
      case 'paragraph':
        out.push(el('p', {}, inline(n)));
        return;
      case 'heading':
        out.push(el('p', {}, el('strong', {}, inline(n))));
        return;
      case 'pullQuote':
      case 'blockquote':
        out.push(el('blockquote', {}, n.type === 'pullQuote' ? inline(n) : (n.content ?? []).map(inline).join('\n')));
        return;
      case 'horizontalRule':
        out.push(el('hr'));
        return;
      case 'image':
        out.push(el('p', { class: 'note' }, `[image: ${String(n.attrs?.['alt'] ?? '')}]`));
        return;
      case 'embed':
        out.push(el('p', { class: 'note' }, `[embed: ${String(n.attrs?.['url'] ?? '')}]`));
        return;
      case 'bulletList':
      case 'orderedList':
        out.push(el(n.type === 'bulletList' ? 'ul' : 'ol', {}, ...(n.content ?? []).map((li) => el('li', {}, inline(li)))));
        return;
      default:
        for (const c of n.content ?? []) walk(c);
    }
  };
  if (node) walk(node);
  return out;
}

// ---- the toolbar ----

/** A toolbar button's action; the dialogs get the button to give the focus back to when cancelled. */
type Tool = { label: string; run: (b: HTMLButtonElement) => unknown; active?: () => boolean; available?: boolean; dialog?: boolean };

const PROVIDERS = Object.values(EMBED_LABEL);
const providerList = `${PROVIDERS.slice(0, -1).join(', ')} or ${PROVIDERS.at(-1)!}`;

// A bare host ("example.com/x") or mail address would be a link relative to this page; whoever typed it meant the
// web or mail address.
const withScheme = (href: string) =>
  urlScheme(href) !== undefined ? href : /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(href) ? `mailto:${href}` : /^[\w-]+(\.[\w-]+)+(?:[/?#:]|$)/.test(href) ? `https://${href}` : href;

function buildToolbar(editor: Editor, bar: HTMLElement, csrf: string) {
  const cmd = editor.commands as unknown as Record<string, ((...a: unknown[]) => boolean) | undefined>;
  const has = (name: string) => typeof cmd[name] === 'function';
  const chain = () => editor.chain().focus() as unknown as Record<string, (...a: unknown[]) => { run(): boolean }>;
  const go = (name: string, ...args: unknown[]) => () => chain()[name]!(...args).run();

  async function link(opener: HTMLButtonElement) {
    const current = editor.isActive('link') ? String(editor.getAttributes('link')['href'] ?? '') : '';
    const values = await askForm({
      id: 'link-dialog',
      title: current ? 'Edit the link' : 'Link',
      intro: current ? 'Change the address, or empty it to remove the link.' : 'The selected words link to this address; with nothing selected, the address itself is inserted as a link.',
      opener,
      submit: current ? 'Save the link' : 'Add the link',
      fields: [
        {
          name: 'href',
          label: 'Address',
          type: 'url',
          value: current,
          maxLength: MAX_URL_LENGTH,
          note: 'A web address (https://…), an e-mail address as mailto:…, or an address on this site (/…).',
          check: (v) => (!v ? (current ? null : 'Type the address to link to.') : isAllowedHref(withScheme(v)) ? null : 'Only web (http:// or https://), mailto: and this site’s (/…) addresses can be links.'),
        },
      ],
    });
    if (!values) return;
    const href = values['href'] ? withScheme(values['href']) : '';
    const c = editor.chain().focus().extendMarkRange('link');
    if (!href) c.unsetLink().run();
    else if (editor.state.selection.empty && !current) c.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    else c.setLink({ href }).run();
  }

  async function embed(opener: HTMLButtonElement) {
    const values = await askForm({
      id: 'embed-dialog',
      title: 'Embed',
      intro: `A post or video from ${providerList}. Readers get a link to it with the provider’s name; nothing of theirs runs on our pages.`,
      opener,
      submit: 'Embed it',
      fields: [
        {
          name: 'url',
          label: 'Address of the post or video',
          type: 'url',
          maxLength: MAX_URL_LENGTH,
          note: `An https address on ${PROVIDERS.join(', ')} (for example https://www.youtube.com/watch?v=…, https://x.com/…/status/…, https://t.me/…/123).`,
          check: (v) => (!v ? 'Paste the address of the post or video.' : embedProvider(v) ? null : `This address cannot be embedded: only https addresses of ${providerList} are accepted. For another site, add a link instead.`),
        },
      ],
    });
    if (values) chain()['setEmbed']!({ url: values['url'] }).run();
  }

  async function factBox(opener: HTMLButtonElement) {
    const values = await askForm({
      id: 'factbox-dialog',
      title: 'Fact box',
      intro: 'The selected paragraphs and lists go into a box beside the story, under this title.',
      opener,
      submit: 'Make the fact box',
      fields: [{ name: 'title', label: 'Title', value: 'What we know', maxLength: 200, check: (v) => (v ? null : 'Give the box a title, such as “What we know” or “Key dates”.') }],
    });
    if (values) chain()['setFactBox']!({ title: values['title'] }).run();
  }

  async function image(opener: HTMLButtonElement) {
    const attrs = await chooseImage({ csrf, opener });
    if (attrs) editor.chain().focus().insertContent({ type: 'image', attrs }).run();
  }

  const groups: Tool[][] = [
    [
      { label: 'Paragraph', run: go('setParagraph'), active: () => editor.isActive('paragraph') },
      { label: 'Subhead', run: go('toggleHeading', { level: 2 }), active: () => editor.isActive('heading', { level: 2 }) },
      { label: 'Minor subhead', run: go('toggleHeading', { level: 3 }), active: () => editor.isActive('heading', { level: 3 }) },
    ],
    [
      { label: 'Bold', run: go('toggleBold'), active: () => editor.isActive('bold') },
      { label: 'Italic', run: go('toggleItalic'), active: () => editor.isActive('italic') },
      { label: 'Link', active: () => editor.isActive('link'), run: link, available: has('setLink'), dialog: true },
    ],
    [
      { label: 'Quote', run: go('toggleBlockquote'), active: () => editor.isActive('blockquote') },
      {
        label: 'Pull quote',
        run: () => (editor.isActive('pullQuote') ? chain()['setParagraph']!().run() : chain()['setPullQuote']!().run()),
        active: () => editor.isActive('pullQuote'),
        available: has('setPullQuote'),
      },
      { label: 'Bulleted list', run: go('toggleBulletList'), active: () => editor.isActive('bulletList') },
      { label: 'Numbered list', run: go('toggleOrderedList'), active: () => editor.isActive('orderedList') },
      {
        label: 'Fact box',
        // Inside a box the button takes the box away again; only making one asks for a title.
        run: (b) => (editor.isActive('factBox') ? chain()['lift']!('factBox').run() : factBox(b)),
        active: () => editor.isActive('factBox'),
        available: has('setFactBox'),
        dialog: true,
      },
    ],
    [
      { label: 'Image', run: image, available: has('setImage'), dialog: true },
      { label: 'Embed', run: embed, available: has('setEmbed'), dialog: true },
      { label: 'Table', run: go('insertTable', { rows: 3, cols: 3, withHeaderRow: true }), available: has('insertTable') },
      { label: 'Rule', run: go('setHorizontalRule'), available: has('setHorizontalRule') },
    ],
    [
      { label: 'Undo', run: go('undo'), available: has('undo') },
      { label: 'Redo', run: go('redo'), available: has('redo') },
    ],
  ];

  const toggles: { b: HTMLButtonElement; t: Tool }[] = [];
  groups.forEach((group, gi) => {
    if (gi > 0) bar.append(el('span', { class: 'sep', 'aria-hidden': 'true' }));
    for (const t of group) {
      if (t.available === false) continue;
      const b = button(t.label, { ...(t.active ? { 'aria-pressed': 'false' } : {}), ...(t.dialog ? { 'aria-haspopup': 'dialog' } : {}) });
      // Keep the selection in the text: a mouse press on the button would otherwise take the focus first.
      b.addEventListener('mousedown', (e) => e.preventDefault());
      b.addEventListener('click', () => {
        void Promise.resolve(t.run(b)).then(refresh);
        refresh();
      });
      bar.append(b);
      if (t.active) toggles.push({ b, t });
    }
  });
  function refresh() {
    for (const { b, t } of toggles) b.setAttribute('aria-pressed', String(t.active!()));
  }
  editor.on('transaction', refresh);
  editor.on('selectionUpdate', refresh);
  refresh();
}

// Last, so that every declaration above is initialised before the page is wired up.
const form = $<HTMLFormElement>('article-form');
if (form) void main(form);
