import type { ApiCall, Json } from './api-call.js';
import type { ApiArticle, Autosave, Status } from './autosave.js';
import { byId } from './by-id.js';
import { confirmStep } from './confirm-dialog.js';
import { button, el } from './dialog.js';
import { showWordDiff } from './diff-view.js';
import { dates, say, text } from './i18n.js';

/** Pending changes as the Admin API shows them (GET …/articles/{id}: `pendingChanges`). */
type Pending = { revision: number; liveRevision: number | null; state: string; user: { name: string } | null; savedAt: string; textChanged: boolean };

/**
 * The "Pending changes — not live" section of a live story (#pending, rendered by the server): kept up to date after
 * each save, "Compare with live" (the word diff of the live revision and the pending one), and Update and Discard,
 * which save what is typed first and then ask for confirmation saying what will happen.
 */
export function pendingPanel(o: { call: ApiCall; api: string; locale: string; autosave: () => Autosave; showStatus: (s: Status) => void }): {
  update(article: ApiArticle): void;
} {
  const t = text().pending;
  const section = byId('pending');
  if (!section) return { update() {} };
  const saved = byId('pending-saved')!;
  const diff = byId('pending-diff')!;
  const compare = button(t.compare, { class: 'secondary', 'aria-controls': 'pending-diff' });
  section.querySelector('.moves')?.append(compare);
  compare.addEventListener('click', () => {
    const from = Number(section.dataset['liveRevision']);
    const to = Number(section.dataset['pendingRevision']);
    if (!from || !to) return;
    void showWordDiff({
      call: o.call,
      api: o.api,
      locale: o.locale,
      out: diff,
      from,
      to,
      title: say(t.diffTitle, { to, from }),
    });
  });

  /** Saves what is typed; false (and says so) when that did not work. */
  async function savedFirst(): Promise<boolean> {
    const autosave = o.autosave();
    await autosave.flush();
    if (!autosave.dirty) return true;
    o.showStatus({ kind: 'refused', message: t.saveFirst, code: '' });
    return false;
  }

  const setBase = (form: HTMLFormElement) => {
    const input = form.querySelector<HTMLInputElement>('input[name=baseRevision]');
    if (input) input.value = String(o.autosave().revision);
  };

  const update = byId<HTMLFormElement>('pending-update');
  update?.addEventListener('submit', (e) => {
    e.preventDefault();
    const opener = (e as SubmitEvent).submitter as HTMLElement | null;
    void (async () => {
      if (!(await savedFirst())) return;
      const area = update.querySelector<HTMLTextAreaElement>('textarea[name=correction]');
      const offerCorrection = area !== null && section.dataset['textChanged'] === 'true';
      const answer = await confirmStep({
        id: 'confirm-update',
        title: t.updateTitle,
        text: `${update.dataset['confirm'] ?? ''}${offerCorrection ? t.textChanged : ''}`,
        confirm: t.update,
        opener,
        note: offerCorrection ? { label: t.correction, hint: t.correctionHint, value: area.value, maxLength: area.maxLength } : undefined,
      });
      if (answer === null) return;
      if (area && offerCorrection) area.value = answer;
      setBase(update);
      update.submit();
    })();
  });

  const discard = byId<HTMLFormElement>('pending-discard');
  discard?.addEventListener('submit', (e) => {
    e.preventDefault();
    const opener = (e as SubmitEvent).submitter as HTMLElement | null;
    void (async () => {
      if (!(await savedFirst())) return;
      const answer = await confirmStep({
        id: 'confirm-discard',
        title: t.discardTitle,
        text: discard.dataset['confirm'] ?? '',
        confirm: t.discard,
        opener,
      });
      if (answer === null) return;
      setBase(discard);
      discard.submit();
    })();
  });

  const submit = byId<HTMLFormElement>('pending-submit');
  submit?.addEventListener('submit', (e) => {
    e.preventDefault();
    void savedFirst().then((ok) => ok && submit.submit());
  });

  return {
    update(article) {
      const p = (article as Json)['pendingChanges'] as Pending | null | undefined;
      if (!p) {
        section.hidden = true;
        return;
      }
      section.hidden = false;
      section.dataset['liveRevision'] = String(p.liveRevision ?? '');
      section.dataset['pendingRevision'] = String(p.revision);
      section.dataset['textChanged'] = p.textChanged ? 'true' : 'false';
      const when = dates().dateTime(p.savedAt);
      saved.replaceChildren(
        `${say(p.user ? t.savedBy : t.saved, { when, who: p.user?.name ?? '', revision: p.revision })}${p.state === 'in_review' ? t.inReview : ''}.`,
      );
      for (const form of Array.from(section.querySelectorAll<HTMLFormElement>('form'))) setBase(form);
      if (diff.childElementCount) diff.replaceChildren(el('p', { class: 'note' }, t.savedAgain));
    },
  };
}
