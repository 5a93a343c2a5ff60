import type { Autosave, Status } from './autosave.js';

/** A workflow move (the page's form.move buttons) reloads the page: save what is typed first, and move only once it is saved. */
export function saveBeforeWorkflowMoves(autosave: Autosave, showStatus: (s: Status) => void) {
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
}
