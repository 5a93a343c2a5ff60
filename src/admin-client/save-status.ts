import type { Status } from './autosave.js';

const clock = (d: Date) => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The line under the form that says where the saving stands; `onSaved` runs after each confirmed save. */
export function saveStatus(line: HTMLElement, onSaved: () => void): (s: Status) => void {
  return function showStatus(s) {
    line.className = `save-status ${s.kind === 'offline' ? 'offline' : s.kind === 'refused' || s.kind === 'conflict' ? 'error' : ''}`;
    line.textContent =
      s.kind === 'saved'
        ? `Saved ${clock(s.at)} (revision ${s.revision})`
        : s.kind === 'saving'
          ? 'Saving…'
          : s.kind === 'unsaved'
            ? 'Unsaved changes'
            : s.kind === 'offline'
              ? 'Offline — kept on this device, retrying'
              : s.kind === 'conflict'
                ? 'Not saved: someone else saved a newer version. Choose below which to keep.'
                : `Not saved: ${s.message}${s.hint ? ` ${s.hint}` : ''}`;
    if (s.kind === 'saved') onSaved();
  };
}
