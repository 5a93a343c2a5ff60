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
  form.addEventListener('input', (e) => {
    const t = e.target as HTMLElement;
    if (t === ignore) return;
    o.onInput(t);
    changed();
  });
  form.addEventListener('change', (e) => {
    if (e.target !== ignore) changed();
  });
  form.addEventListener('focusout', (e) => {
    if (e.target !== ignore && !form.contains(e.relatedTarget as Node | null)) void autosave.flush();
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
