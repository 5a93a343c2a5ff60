import { button, el, openModal } from './dialog.js';
import { text } from './i18n.js';

/**
 * "Are you sure?" for a step that readers will see or that drops work (publish, update a live story, discard, restore
 * on a live story): says what will happen, in a modal <dialog>. An optional text area asks for something that goes
 * with the step (the correction note of an update). Resolves with the text (empty when none) when confirmed, with
 * null when cancelled.
 */
export function confirmStep(o: {
  id: string;
  title: string;
  text: string;
  confirm: string;
  opener: HTMLElement | null;
  note?: { label: string; hint: string; value: string; maxLength: number } | undefined;
}): Promise<string | null> {
  const ok = el('button', { type: 'submit' }, o.confirm);
  const cancel = button(text().panels.cancel, { class: 'secondary' });
  const noteId = `${o.id}-note`;
  const area = o.note
    ? (el('textarea', { id: noteId, rows: '3', maxlength: String(o.note.maxLength), 'aria-describedby': `${noteId}-hint` }) as HTMLTextAreaElement)
    : null;
  if (area && o.note) area.value = o.note.value;
  const form = el(
    'form',
    { method: 'dialog' },
    ...(area && o.note
      ? [el('div', { class: 'dialog-field' }, el('label', { for: noteId }, o.note.label), area, el('p', { id: `${noteId}-hint`, class: 'note' }, o.note.hint))]
      : []),
    el('div', { class: 'actions' }, ok, cancel),
  ) as HTMLFormElement;
  const modal = openModal({ id: o.id, title: o.title, intro: o.text, opener: o.opener, content: [form] });
  cancel.addEventListener('click', () => modal.close(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    modal.close(true);
  });
  (area ?? ok).focus();
  return modal.closed.then((done) => (done ? (area?.value.trim() ?? '') : null));
}
