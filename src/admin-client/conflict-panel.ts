import type { ArticleFields } from './article-fields.js';
import type { ApiArticle, Autosave, Payload } from './autosave.js';
import { byId } from './by-id.js';
import { button, el } from './dialog.js';
import { hidePanel, showPanel } from './panel.js';
import { fieldsThatDiffer, payloadOf } from './payload.js';
import type { TagChips } from './tag-chips.js';
import { versionSide } from './version-side.js';

/**
 * What a save that lost the race shows in #conflict: the stored version beside mine, and the choice between "Keep
 * mine" and "Use theirs". `autosave` is read when a conflict comes, so it may be created after this.
 */
export function conflictPanel(o: {
  fields: ArticleFields;
  tags: TagChips;
  autosave: () => Autosave;
  setBaseRevision: (revision: number) => void;
}): (current: ApiArticle, sent: Payload) => void {
  return function showConflict(current, sent) {
    const autosave = o.autosave();
    o.tags.remember(current);
    const box = byId('conflict')!;
    const theirs = payloadOf(current);
    const mine = o.fields.read();
    const differs = fieldsThatDiffer(theirs, sent);
    const keep = button('Keep mine');
    const use = button('Use theirs', { class: 'secondary' });
    showPanel(
      box,
      'conflict-title',
      'Someone else saved this article while you were editing',
      `The stored article is at revision ${current.revision}; your changes were made on an older one and are not saved yet (they are kept on this device). "Keep mine" saves your version on top of theirs; "Use theirs" puts their version in the editor. Either way the other stays in the history or below.`,
      el(
        'div',
        { class: 'sides' },
        versionSide(`Stored version (revision ${current.revision})`, theirs, differs, 'theirs'),
        versionSide('Your version (not saved)', mine, differs, 'mine'),
      ),
      [keep, use],
    );
    keep.addEventListener('click', () => {
      hidePanel(box);
      void autosave.keepMine(current.revision);
    });
    use.addEventListener('click', () => {
      o.fields.apply(theirs);
      autosave.useTheirs(current);
      o.setBaseRevision(current.revision);
      // Yours stays on screen until dismissed, so nothing typed is lost by choosing theirs.
      const close = button('Close', { class: 'secondary' });
      showPanel(
        box,
        'conflict-title',
        'Their version is in the editor',
        'Your discarded version is below: copy what you need from it before closing.',
        versionSide('Your discarded version', mine, differs, 'mine'),
        [close],
      );
      close.addEventListener('click', () => hidePanel(box));
    });
  };
}
