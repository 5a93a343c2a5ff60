/*
 * Modal dialogs of the editor (link, embed, fact box, image), on the browser's own <dialog> and showModal(): the
 * browser makes the rest of the page inert, keeps Tab inside and turns Escape into a cancel, so none of that is
 * re-implemented here. Every dialog is built when it opens and removed when it closes; the page's CSP allows no
 * inline styles, so its look is in /admin/assets/editor.css (src/render/admin/editor-css.ts).
 */
import { text } from './i18n.js';

type Props = Partial<Record<string, string>>;

export const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
};
export const button = (text: string, props: Props = {}) => el('button', { type: 'button', ...props }, text);

export type Modal = {
  dialog: HTMLDialogElement;
  /** Closes the dialog. `done` says it did its job: focus is then left to the caller (the text, where the change is). */
  close(done: boolean): void;
  /** Resolves when the dialog has closed, with whether it was done or cancelled (Escape, Cancel). */
  closed: Promise<boolean>;
};

/**
 * Opens a modal dialog titled by its heading. Cancelled, focus goes back to `opener` (the toolbar button): a toolbar
 * button keeps the text's focus on a mouse press, so the browser's own return of focus would skip it.
 */
export function openModal(o: { id: string; title: string; intro?: string; opener: HTMLElement | null; content: Node[]; className?: string }): Modal {
  const titleId = `${o.id}-heading`;
  const introId = `${o.id}-about`;
  const dialog = el(
    'dialog',
    { id: o.id, class: `dialog ${o.className ?? ''}`.trim(), 'aria-labelledby': titleId, ...(o.intro ? { 'aria-describedby': introId } : {}) },
    el('h2', { id: titleId }, o.title),
    ...(o.intro ? [el('p', { id: introId, class: 'note' }, o.intro)] : []),
    ...o.content,
  ) as HTMLDialogElement;
  let done = false;
  let resolve!: (done: boolean) => void;
  const closed = new Promise<boolean>((r) => (resolve = r));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (!done) o.opener?.focus();
    resolve(done);
  });
  // Inside <main>, so its content is in a landmark for screen readers that list them; never inside the article's
  // <form>, which cannot hold the dialog's own forms.
  (document.querySelector('main') ?? document.body).append(dialog);
  dialog.showModal();
  return {
    dialog,
    closed,
    close(d) {
      done = d;
      dialog.close();
    },
  };
}

export type FieldSpec = {
  name: string;
  label: string;
  type?: 'text' | 'url' | 'search';
  value?: string;
  /** Shown under the field and read with it. */
  note?: string;
  maxLength?: number;
  /** What is wrong with the trimmed value, or null when it will do. */
  check?: (value: string) => string | null;
  autocomplete?: string;
};

/** A labelled input with its note and a place for its error, all tied to it by aria-describedby. */
export function field(prefix: string, f: FieldSpec) {
  const id = `${prefix}-${f.name}`;
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  const input = el('input', {
    id,
    name: f.name,
    type: f.type ?? 'text',
    ...(f.maxLength ? { maxlength: String(f.maxLength) } : {}),
    autocomplete: f.autocomplete ?? 'off',
    'aria-describedby': f.note ? noteId : undefined,
  }) as HTMLInputElement;
  input.value = f.value ?? '';
  const error = el('p', { id: errorId, class: 'field-error', hidden: '' });
  const wrap = el(
    'div',
    { class: 'dialog-field' },
    el('label', { for: id }, f.label),
    input,
    ...(f.note ? [el('p', { id: noteId, class: 'note' }, f.note)] : []),
    error,
  );
  return { wrap, input, error: (message: string | null) => showFieldError(input, error, message, f.note ? noteId : null) };
}

/** Marks a field invalid with a message read with it, or clears that. */
export function showFieldError(input: HTMLInputElement, error: HTMLElement, message: string | null, noteId: string | null) {
  error.textContent = message ?? '';
  error.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  const described = [message ? error.id : null, noteId].filter(Boolean).join(' ');
  if (described) input.setAttribute('aria-describedby', described);
  else input.removeAttribute('aria-describedby');
}

/**
 * A small form in a dialog: the trimmed values when sent, null when cancelled. Each field's `check` runs on sending;
 * the first field in error gets the focus and its message, and the dialog stays open.
 */
export function askForm(o: {
  id: string;
  title: string;
  intro?: string;
  opener: HTMLElement | null;
  fields: FieldSpec[];
  submit: string;
}): Promise<Record<string, string> | null> {
  // Field ids under their own prefix, so that a field named "heading" cannot take the dialog's title's id.
  const fields = o.fields.map((f) => ({ spec: f, ...field(`${o.id}-field`, f) }));
  const cancel = button(text().panels.cancel, { class: 'secondary' });
  // novalidate: the checks below say what is wrong in words tied to the field, not in a browser bubble.
  const form = el(
    'form',
    { novalidate: '' },
    ...fields.map((f) => f.wrap),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, o.submit), cancel),
  ) as HTMLFormElement;
  const modal = openModal({ id: o.id, title: o.title, ...(o.intro ? { intro: o.intro } : {}), opener: o.opener, content: [form] });
  let values: Record<string, string> | null = null;
  cancel.addEventListener('click', () => modal.close(false));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    let first: HTMLInputElement | null = null;
    const out: Record<string, string> = {};
    for (const f of fields) {
      const v = f.input.value.trim();
      const problem = f.spec.check?.(v) ?? null;
      f.error(problem);
      if (problem) first ??= f.input;
      out[f.spec.name] = v;
    }
    if (first) {
      first.focus();
      return;
    }
    values = out;
    modal.close(true);
  });
  fields[0]?.input.focus();
  fields[0]?.input.select();
  return modal.closed.then(() => values);
}
