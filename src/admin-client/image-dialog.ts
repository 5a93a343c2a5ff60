/*
 * "Insert image": a picture from the media library (search, a grid of thumbnails, "More") or a new upload, through
 * the Admin API at /admin/api/v1/media with the admin session and its CSRF token. The result is a body image node
 * tied to the library item (mediaId), which the server renders as <picture> with every rendition.
 */
import { ACCEPTED_LABEL, ACCEPTED_MIME } from '../content/media.js';
import { button, el, field, openModal } from './dialog.js';
import { count, say, text } from './i18n.js';

const API = '/admin/api/v1/media';
const PAGE = 24;

type Rendition = { format: string; width: number; height: number; path: string };
export type MediaItem = {
  id: number;
  src: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  originalName: string | null;
  renditions: Rendition[];
};
export type ImageAttrs = { src: string; alt: string; caption: string | null; credit: string | null; mediaId: number };
type Problem = { detail?: string; message?: string; hint?: string; code?: string; errors?: { field: string; detail: string }[] };

const jpegs = (m: MediaItem) => m.renditions.filter((r) => r.format === 'jpeg').sort((a, b) => a.width - b.width);
/** The thumbnail: the smallest JPEG (every browser shows it), or the file itself for items without renditions. */
const thumbOf = (m: MediaItem) => jpegs(m)[0] ?? { path: m.src, width: m.width, height: m.height };
/** The node's src, for feeds and anything that does not read mediaId: the largest JPEG, as the server's fallback. */
const srcOf = (m: MediaItem) => jpegs(m).at(-1)?.path ?? m.src;

/** The problem+json answer as one sentence and its hint, for a person rather than a script. */
export function problemText(status: number, p: Problem): { message: string; hint: string } {
  const fields = p.errors?.length ? ` (${p.errors.map((e) => `${e.field}: ${e.detail}`).join('; ')})` : '';
  return { message: `${p.detail ?? p.message ?? `The server answered ${status}.`}${fields}`, hint: p.hint ?? '' };
}

/** What the dialog says: the body's "Insert image" by default; the hero picker names its own step. */
export type ImageDialogWords = { title: string; use: string; upload: string };

/** Opens the dialog; resolves with the chosen image, or null when it was cancelled. */
export function chooseImage(o: { csrf: string; opener: HTMLElement | null; words?: ImageDialogWords }): Promise<ImageAttrs | null> {
  const tx = text().image;
  const ALT_NOTE = tx.altNote;
  const ALT_MISSING = tx.altMissing;
  const words = o.words ?? { title: tx.insertTitle, use: tx.insertUse, upload: tx.insertUpload };
  let result: ImageAttrs | null = null;

  // ---- tabs (the ARIA tabs pattern: arrow keys move between them, Tab goes into the panel) ----
  const tabs = [
    { key: 'library', label: tx.fromLibrary },
    { key: 'upload', label: tx.upload },
  ].map((t) => ({
    ...t,
    tab: el('button', { type: 'button', role: 'tab', id: `image-tab-${t.key}`, 'aria-controls': `image-panel-${t.key}` }, t.label),
    panel: el('div', { role: 'tabpanel', id: `image-panel-${t.key}`, 'aria-labelledby': `image-tab-${t.key}`, class: 'tab-panel' }),
  }));
  const select = (i: number, focus: boolean) =>
    tabs.forEach((t, j) => {
      t.tab.setAttribute('aria-selected', String(i === j));
      t.tab.tabIndex = i === j ? 0 : -1;
      t.panel.hidden = i !== j;
      if (i === j && focus) t.tab.focus();
    });
  tabs.forEach((t, i) => {
    t.tab.addEventListener('click', () => select(i, true));
    t.tab.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      select((to + tabs.length) % tabs.length, true);
    });
  });
  const [library, upload] = [tabs[0]!.panel, tabs[1]!.panel];
  const cancel = button(text().panels.cancel, { class: 'secondary' });
  const modal = openModal({
    id: 'image-dialog',
    title: words.title,
    className: 'image-dialog',
    opener: o.opener,
    content: [
      el('div', { role: 'tablist', 'aria-label': tx.where, class: 'tabs' }, ...tabs.map((t) => t.tab)),
      library,
      upload,
      el('div', { class: 'actions' }, cancel),
    ],
  });
  cancel.addEventListener('click', () => modal.close(false));
  const insert = (attrs: ImageAttrs) => {
    result = attrs;
    modal.close(true);
  };

  // ---- from the library ----

  const search = el('input', { id: 'image-q', type: 'search', name: 'q', maxlength: '200', autocomplete: 'off' }) as HTMLInputElement;
  const searchForm = el(
    'form',
    { role: 'search', class: 'image-search', 'aria-label': tx.library },
    el('label', { for: 'image-q' }, tx.search),
    el('div', { class: 'inline-form' }, search, el('button', { type: 'submit', class: 'secondary' }, tx.searchButton)),
  );
  const status = el('p', { class: 'note', role: 'status', id: 'image-library-status' });
  const grid = el('ul', { class: 'picker-grid', 'aria-label': tx.images });
  const more = button(tx.more, { class: 'secondary', hidden: '' });
  const chosenBox = el('div', { class: 'chosen', hidden: '' });
  library.append(searchForm, status, grid, more, chosenBox);

  let shown = 0;
  let before: string | null = null;
  let query = '';
  let latest = 0;

  async function load(reset: boolean) {
    // Only the last request's answer is shown: a slow earlier search must not replace a newer one.
    const mine = ++latest;
    if (reset) {
      query = search.value.trim();
      before = null;
    }
    const params = new URLSearchParams({ limit: String(PAGE), ...(query ? { q: query } : {}), ...(before ? { before } : {}) });
    status.textContent = tx.loading;
    let res: Response;
    let body: { items?: MediaItem[]; next?: string | null } & Problem;
    try {
      res = await fetch(`${API}?${params}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      body = (await res.json()) as typeof body;
    } catch {
      if (mine === latest) status.textContent = tx.offline;
      return;
    }
    if (mine !== latest) return;
    if (!res.ok) {
      const p = problemText(res.status, body);
      status.textContent = say(tx.failed, { message: `${p.message} ${p.hint}`.trim() });
      return;
    }
    const items = body.items ?? [];
    if (reset) {
      grid.replaceChildren();
      shown = 0;
    }
    const buttons = items.map((m) => {
      const b = itemButton(m);
      grid.append(el('li', {}, b));
      return b;
    });
    shown += items.length;
    // The API's `next` is at /api/admin/v1, where the session cookie does not go: only its cursor is taken.
    before = body.next ? new URL(body.next, location.origin).searchParams.get('before') : null;
    more.hidden = !before;
    status.textContent =
      shown === 0
        ? query
          ? say(tx.noMatch, { query })
          : tx.empty
        : `${count(tx.count, shown)}${before ? tx.moreOnRequest : ''}${query ? say(tx.forQuery, { query }) : ''}.`;
    // After "More", the first new image, so that a keyboard user goes on where the list grew.
    if (!reset) buttons[0]?.focus();
  }

  function itemButton(m: MediaItem) {
    const t = thumbOf(m);
    const alt = m.alt.trim();
    const b = el(
      'button',
      { type: 'button', class: `picker-item${alt ? '' : ' no-alt'}`, 'aria-pressed': 'false' },
      // The button's text says what the image is; the thumbnail would say it again.
      el('img', { src: t.path, alt: '', width: String(t.width), height: String(t.height), loading: 'lazy', decoding: 'async' }),
      alt ? el('span', { class: 'alt' }, alt) : el('span', { class: 'badge stale' }, `${tx.noAlt}${m.originalName ? ` (${m.originalName})` : ''}`),
    );
    b.addEventListener('click', () => {
      for (const other of Array.from(grid.querySelectorAll('button[aria-pressed=true]'))) other.setAttribute('aria-pressed', 'false');
      b.setAttribute('aria-pressed', 'true');
      choose(m);
    });
    return b;
  }

  function choose(m: MediaItem) {
    const t = thumbOf(m);
    const alt = field('image-chosen', { name: 'alt', label: tx.alt, value: m.alt, note: ALT_NOTE, maxLength: 500 });
    const caption = field('image-chosen', { name: 'caption', label: tx.caption, value: m.caption ?? '', maxLength: 1000 });
    const credit = field('image-chosen', { name: 'credit', label: tx.credit, value: m.credit ?? '', maxLength: 300 });
    const form = el(
      'form',
      { novalidate: '', 'aria-labelledby': 'image-chosen-title' },
      el('h3', { id: 'image-chosen-title' }, tx.chosen),
      el('p', { class: 'note' }, tx.chosenNote),
      el(
        'div',
        { class: 'chosen-row' },
        el('img', { src: t.path, alt: '', width: String(t.width), height: String(t.height) }),
        el('div', {}, alt.wrap, caption.wrap, credit.wrap),
      ),
      el('div', { class: 'actions' }, el('button', { type: 'submit' }, words.use)),
    ) as HTMLFormElement;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const a = alt.input.value.trim();
      alt.error(a ? null : ALT_MISSING);
      if (!a) return alt.input.focus();
      insert({ src: srcOf(m), alt: a, caption: caption.input.value.trim() || null, credit: credit.input.value.trim() || null, mediaId: m.id });
    });
    chosenBox.replaceChildren(form);
    chosenBox.hidden = false;
    alt.input.focus();
  }

  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    chosenBox.hidden = true;
    chosenBox.replaceChildren();
    void load(true);
  });
  more.addEventListener('click', () => void load(false));

  // ---- upload ----

  const fileId = 'image-upload-file';
  const file = el('input', {
    id: fileId,
    name: 'file',
    type: 'file',
    accept: ACCEPTED_MIME.join(','),
    'aria-describedby': `${fileId}-note`,
  }) as HTMLInputElement;
  const fileError = el('p', { id: `${fileId}-error`, class: 'field-error', hidden: '' });
  const upAlt = field('image-upload', { name: 'alt', label: tx.alt, note: ALT_NOTE, maxLength: 500 });
  const upCaption = field('image-upload', { name: 'caption', label: tx.caption, maxLength: 1000 });
  const upCredit = field('image-upload', { name: 'credit', label: tx.credit, maxLength: 300 });
  const sendButton = el('button', { type: 'submit' }, words.upload) as HTMLButtonElement;
  const problem = el('div', { class: 'message error', role: 'alert', hidden: '' });
  const progress = el('p', { class: 'note', role: 'status' });
  const upForm = el(
    'form',
    { novalidate: '', 'aria-label': tx.uploadLabel },
    el(
      'div',
      { class: 'dialog-field' },
      el('label', { for: fileId }, tx.file),
      file,
      el('p', { id: `${fileId}-note`, class: 'note' }, say(tx.fileNote, { accepted: ACCEPTED_LABEL })),
      fileError,
    ),
    upAlt.wrap,
    el('div', { class: 'grid' }, upCaption.wrap, upCredit.wrap),
    problem,
    progress,
    el('div', { class: 'actions' }, sendButton),
  ) as HTMLFormElement;
  upload.append(upForm);

  const fileProblem = (message: string | null) => {
    fileError.textContent = message ?? '';
    fileError.hidden = !message;
    if (message) file.setAttribute('aria-invalid', 'true');
    else file.removeAttribute('aria-invalid');
    file.setAttribute('aria-describedby', message ? `${fileId}-error ${fileId}-note` : `${fileId}-note`);
  };
  const showProblem = (message: string | null, hint = '') => {
    problem.replaceChildren(...(message ? [el('p', {}, message), ...(hint ? [el('p', {}, hint)] : [])] : []));
    problem.hidden = !message;
  };

  upForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const chosen = file.files?.[0];
      const alt = upAlt.input.value.trim();
      fileProblem(chosen ? null : tx.chooseFile);
      upAlt.error(alt ? null : ALT_MISSING);
      showProblem(null);
      if (!chosen) return file.focus();
      if (!alt) return upAlt.input.focus();
      const data = new FormData();
      data.append('file', chosen);
      data.append('alt', alt);
      const caption = upCaption.input.value.trim();
      const credit = upCredit.input.value.trim();
      if (caption) data.append('caption', caption);
      if (credit) data.append('credit', credit);
      sendButton.disabled = true;
      progress.textContent = say(tx.uploading, { name: chosen.name });
      let res: Response;
      let body: MediaItem & Problem;
      try {
        res = await fetch(API, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': o.csrf }, body: data });
        body = (await res.json().catch(() => ({}))) as typeof body;
      } catch {
        sendButton.disabled = false;
        progress.textContent = '';
        showProblem(tx.uploadOffline);
        return;
      }
      sendButton.disabled = false;
      progress.textContent = '';
      // 201 is a new item; 200 is the same bytes uploaded before, which are that item. Either is the image to insert,
      // with the words typed here (the existing item keeps its own).
      if (res.status === 201 || res.status === 200) {
        insert({ src: srcOf(body), alt, caption: caption || null, credit: credit || null, mediaId: body.id });
        return;
      }
      const p = problemText(res.status, body);
      showProblem(p.message, p.hint);
      if (body.code === 'UNSUPPORTED_MEDIA' || body.code === 'MEDIA_TOO_LARGE' || body.errors?.some((x) => x.field === 'file')) file.focus();
    })();
  });

  select(0, false);
  search.focus();
  void load(true);
  return modal.closed.then(() => result);
}
