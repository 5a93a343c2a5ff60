import type { Autosave, Status } from './autosave.js';
import { confirmStep } from './confirm-dialog.js';
import { text } from './i18n.js';

/**
 * A workflow move (the page's form.move buttons) reloads the page: save what is typed first, and move only once it is
 * saved. A move that puts the story before readers (its form's `data-confirm`: publish, schedule) asks first, saying
 * what will happen.
 */
export function saveBeforeWorkflowMoves(autosave: Autosave, showStatus: (s: Status) => void) {
  for (const move of Array.from(document.querySelectorAll<HTMLFormElement>('form.move'))) {
    move.addEventListener('submit', (e) => {
      const confirmText = move.dataset['confirm'];
      if (!autosave.dirty && !confirmText) return;
      e.preventDefault();
      const opener = (e as SubmitEvent).submitter as HTMLElement | null;
      void (async () => {
        await autosave.flush();
        if (autosave.dirty) {
          showStatus({ kind: 'refused', message: text().panels.saveFirst, code: '' });
          return;
        }
        if (confirmText) {
          const label = opener?.textContent?.trim() || text().panels.goAhead;
          const answer = await confirmStep({ id: 'confirm-move', title: `${label}?`, text: confirmText, confirm: label, opener });
          if (answer === null) return;
        }
        // The browser checks the form's own fields (a schedule's time) before a confirmed move is sent.
        if (move.reportValidity()) move.submit();
      })();
    });
  }
}
