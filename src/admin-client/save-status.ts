import type { Status } from './autosave.js';
import { dates, say, text } from './i18n.js';

/** The line under the form that says where the saving stands; `onSaved` runs after each confirmed save. */
export function saveStatus(line: HTMLElement, onSaved: () => void): (s: Status) => void {
  return function showStatus(s) {
    const t = text().save;
    line.className = `save-status ${s.kind === 'offline' ? 'offline' : s.kind === 'refused' || s.kind === 'conflict' ? 'error' : ''}`;
    line.textContent =
      s.kind === 'saved'
        ? say(t.saved, { time: dates().time(s.at), revision: s.revision })
        : s.kind === 'saving'
          ? t.saving
          : s.kind === 'unsaved'
            ? t.unsaved
            : s.kind === 'offline'
              ? t.offline
              : s.kind === 'conflict'
                ? t.conflict
                : say(t.refused, { message: `${s.message}${s.hint ? ` ${s.hint}` : ''}` });
    if (s.kind === 'saved') onSaved();
  };
}
