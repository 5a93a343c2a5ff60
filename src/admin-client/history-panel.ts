import type { ApiAnswer, ApiCall } from './api-call.js';
import type { ArticleFields } from './article-fields.js';
import type { ApiArticle, Autosave, Status } from './autosave.js';
import { byId } from './by-id.js';
import { button, el } from './dialog.js';
import { confirmStep } from './confirm-dialog.js';
import { showWordDiff } from './diff-view.js';
import { count, dates, say, text } from './i18n.js';
import { payloadOf } from './payload.js';
import type { TagChips } from './tag-chips.js';

/** The history under the form (#history): loaded on request, then kept fresh after each save. */
export type HistoryPanel = {
  /** Whether the editor asked to see it (then each save reloads it). */
  readonly loaded: boolean;
  load(): Promise<void>;
};

/**
 * Every save is a revision: the table of revisions, a word diff between any two (GET …/diff), and a restore of an
 * old one as a new revision. `autosave` is read on use, so it may be created after this.
 */
export function historyPanel(o: {
  call: ApiCall;
  api: string;
  locale: string;
  fields: ArticleFields;
  tags: TagChips;
  autosave: () => Autosave;
  showStatus: (s: Status) => void;
  statusLine: HTMLElement;
  setBaseRevision: (revision: number) => void;
  /** A live story: a restore goes into its pending changes, after a confirmation. */
  live: () => boolean;
}): HistoryPanel {
  const { call, api, locale, showStatus } = o;
  const t = text().history;
  let historyLoaded = false;
  const history = byId('history')!;
  const historyBody = byId('history-body')!;
  history.hidden = false;
  const loadButton = button(t.show, { class: 'secondary', 'aria-controls': 'history-body' });
  historyBody.append(el('p', { class: 'note' }, t.intro), loadButton);
  loadButton.addEventListener('click', () => void loadHistory());

  async function loadHistory() {
    historyLoaded = true;
    let res: ApiAnswer;
    try {
      res = await call('GET', `${api}/revisions`);
    } catch {
      historyBody.replaceChildren(el('p', { class: 'note' }, t.offline), loadButton);
      historyLoaded = false;
      return;
    }
    const items =
      (res.json['items'] as
        { number: number; createdAt: string; user: { name: string } | null; headline: string; wordCount: number; status: string | null }[] | undefined) ?? [];
    const prior = historyBody.querySelector<HTMLInputElement>('input[name=diff-from]:checked')?.value;
    const latest = items.at(-1)?.number ?? 1;
    const from = prior && historyLoaded && Number(prior) < latest ? Number(prior) : Math.max(1, latest - 1);
    const table = el(
      'table',
      { class: 'history-table' },
      el('caption', {}, count(t.caption, items.length)),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[t.columns.revision, t.columns.when, t.columns.who, t.columns.headline, t.columns.words, t.columns.from, t.columns.to, t.columns.restore].map(
            (h) => el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...items.map((r) => {
          const radio = (name: string, checked: boolean, label: string) => {
            const i = el('input', { type: 'radio', name, value: String(r.number), 'aria-label': label }) as HTMLInputElement;
            i.checked = checked;
            return i;
          };
          const restore = r.number === latest ? el('span', { class: 'note' }, t.current) : button(say(t.restoreN, { n: r.number }), { class: 'secondary' });
          if (restore instanceof HTMLButtonElement) restore.addEventListener('click', () => void restoreRevision(r.number, restore));
          return el(
            'tr',
            {},
            el('td', {}, String(r.number)),
            el('td', {}, dates().dateTime(r.createdAt)),
            el('td', {}, r.user?.name ?? t.script),
            el('td', {}, r.headline),
            el('td', {}, dates().number(r.wordCount)),
            el('td', {}, radio('diff-from', r.number === from, say(t.compareFrom, { n: r.number }))),
            el('td', {}, radio('diff-to', r.number === latest, say(t.compareTo, { n: r.number }))),
            el('td', {}, restore),
          );
        }),
      ),
    );
    const compare = button(t.showChanges);
    const out = el('div', { id: 'diff', 'aria-live': 'polite' });
    compare.addEventListener('click', () => void showDiff(out));
    historyBody.replaceChildren(table, el('div', { class: 'actions' }, compare, button(t.refresh, { class: 'secondary' })), out);
    historyBody.querySelector('.actions button.secondary')!.addEventListener('click', () => void loadHistory());
  }

  async function showDiff(out: HTMLElement) {
    const from = historyBody.querySelector<HTMLInputElement>('input[name=diff-from]:checked')?.value;
    const to = historyBody.querySelector<HTMLInputElement>('input[name=diff-to]:checked')?.value;
    if (!from || !to) return;
    await showWordDiff({ call, api, locale, out, from: Number(from), to: Number(to) });
  }

  async function restoreRevision(n: number, opener: HTMLElement) {
    const autosave = o.autosave();
    await autosave.flush();
    if (autosave.dirty) {
      showStatus({ kind: 'refused', message: t.notSavedYet, code: '' });
      return;
    }
    if (o.live()) {
      await restoreIntoPending(n, opener);
      return;
    }
    let res: ApiAnswer;
    try {
      res = await call('POST', `${api}/revisions/${n}/restore`, { baseRevision: autosave.revision });
    } catch {
      showStatus({ kind: 'refused', message: t.offlineRestore, code: '' });
      return;
    }
    if (res.status !== 200) {
      showStatus({
        kind: 'refused',
        message: String(res.json['detail'] ?? t.notRestored),
        hint: res.json['hint'] as string | undefined,
        code: String(res.json['code'] ?? ''),
      });
      return;
    }
    const article = res.json['article'] as ApiArticle;
    o.tags.remember(article);
    o.fields.apply(payloadOf(article));
    o.setBaseRevision(article.revision);
    autosave.replaced(article);
    o.statusLine.textContent = say(t.restored, { n, revision: article.revision });
    await loadHistory();
  }

  /**
   * On a live story a restore must not change what readers see: revision n's content goes into the editor and is
   * saved as pending changes (replacing those, which stay in the history), to be made live with Update.
   */
  async function restoreIntoPending(n: number, opener: HTMLElement) {
    const answer = await confirmStep({
      id: 'confirm-restore',
      title: say(t.restoreTitle, { n }),
      text: t.restoreText,
      confirm: say(t.restoreN, { n }),
      opener,
    });
    if (answer === null) return;
    let res: ApiAnswer;
    try {
      res = await call('GET', `${api}/revisions/${n}`);
    } catch {
      showStatus({ kind: 'refused', message: t.offlineRestore, code: '' });
      return;
    }
    if (res.status !== 200) {
      showStatus({ kind: 'refused', message: String(res.json['detail'] ?? t.notRead), code: String(res.json['code'] ?? '') });
      return;
    }
    const autosave = o.autosave();
    o.fields.apply(payloadOf(res.json['snapshot'] as Record<string, unknown>));
    autosave.changed();
    await autosave.flush();
    if (!autosave.dirty) o.statusLine.textContent = say(t.inPending, { n, revision: autosave.revision });
    await loadHistory();
  }

  return {
    get loaded() {
      return historyLoaded;
    },
    load: loadHistory,
  };
}
