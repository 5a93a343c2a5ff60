import { el } from './dialog.js';

/** A choice above the form (unsaved work found, a conflict): a titled region whose heading takes the focus. */
export function showPanel(box: HTMLElement, titleId: string, title: string, text: string, content: HTMLElement, actions: HTMLElement[]) {
  const heading = el('h2', { id: titleId, tabindex: '-1' }, title);
  box.setAttribute('role', 'region');
  box.setAttribute('aria-labelledby', titleId);
  box.replaceChildren(heading, el('p', {}, text), content, el('div', { class: 'actions' }, ...actions));
  box.hidden = false;
  heading.focus();
}

export function hidePanel(box: HTMLElement) {
  box.hidden = true;
  box.replaceChildren();
}
