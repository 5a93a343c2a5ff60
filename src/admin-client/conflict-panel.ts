import type { ArticleFields } from './article-fields.js';
import type { ApiArticle, Autosave, Payload } from './autosave.js';
import { byId } from './by-id.js';
import { button, el } from './dialog.js';
import { hidePanel, showPanel } from './panel.js';
import { fieldsThatDiffer, payloadOf } from './payload.js';
import type { TagChips } from './tag-chips.js';
import { versionSide } from './version-side.js';
import { say, text } from './i18n.js';

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
    const t = text().panels;
    const keep = button(t.keepMine);
    const use = button(t.useTheirs, { class: 'secondary' });
    showPanel(
      box,
      'conflict-title',
      t.conflictTitle,
      say(t.conflictText, { revision: current.revision }),
      el(
        'div',
        { class: 'sides' },
        versionSide(say(t.stored, { revision: current.revision }), theirs, differs, 'theirs'),
        versionSide(t.yours, mine, differs, 'mine'),
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
      const close = button(t.close, { class: 'secondary' });
      showPanel(box, 'conflict-title', t.theirsIn, t.discardedBelow, versionSide(t.discarded, mine, differs, 'mine'), [close]);
      close.addEventListener('click', () => hidePanel(box));
    });
  };
}
