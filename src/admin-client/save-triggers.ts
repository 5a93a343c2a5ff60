import type { Editor } from '@tiptap/core';
import type { Autosave } from './autosave.js';

/**
 * When the page tells Autosave about a change (every edit) and when it saves at once: leaving the text or the form,
 * the Save button, hiding the tab, the network coming back. Leaving with unsaved work asks first.
 */
export function saveTriggers(o: {
  form: HTMLFormElement;
  editor: Editor;
  autosave: Autosave;
  /** A field whose typing is not a change to the article (the new tag's name). */
  ignore: HTMLElement;
  /** Runs on each input in the form before it counts as a change. */
  onInput: (target: HTMLElement) => void;
}) {
  const { form, editor, autosave, ignore } = o;
  const changed = () => autosave.changed();
  editor.on('update', changed);
  editor.on('blur', () => void autosave.flush());
  // The sidebar's fields belong to the form by their form="article-form" but sit outside the <form> element: events
  // are caught on the whole layout, and only the article's own fields count (not a schedule's time or a note).
  const area = form.closest('#editor-layout') ?? form;
  const ofArticle = (t: EventTarget | null) =>
    t instanceof Node &&
    (form.contains(t) || ((t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) && t.form === form));
  area.addEventListener('input', (e) => {
    const t = e.target as HTMLElement;
    if (t === ignore || !ofArticle(t)) return;
    o.onInput(t);
    changed();
  });
  area.addEventListener('change', (e) => {
    if (e.target !== ignore && ofArticle(e.target)) changed();
  });
  area.addEventListener('focusout', (e) => {
    const to = (e as FocusEvent).relatedTarget;
    if (e.target !== ignore && ofArticle(e.target) && !ofArticle(to)) void autosave.flush();
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
}
