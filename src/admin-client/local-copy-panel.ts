import type { Editor } from '@tiptap/core';
import type { ArticleFields } from './article-fields.js';
import { type Autosave, localKey, readLocalCopy } from './autosave.js';
import { byId, inputById } from './by-id.js';
import { button, el } from './dialog.js';
import { hidePanel, showPanel } from './panel.js';
import { FIELD_LABEL, fieldsThatDiffer } from './payload.js';
import { versionSide } from './version-side.js';
import { dates, say, text } from './i18n.js';

/**
 * Unsaved work from an earlier visit (kept on this device by Autosave): dropped when it is what the page already
 * shows, otherwise offered in #local-copy beside the stored version, with editing paused until the editor chooses.
 */
export function offerLocalCopy(o: {
  articleId: number;
  fields: ArticleFields;
  editor: Editor;
  /** The article's fields: the writing column's and the sidebar's groups. */
  fieldsets: HTMLFieldSetElement[];
  autosave: Autosave;
  /** The copy was restored: its slug is the editor's own, no longer following the headline. */
  onRestore: () => void;
}) {
  const c = readLocalCopy(window.localStorage, o.articleId);
  if (!c) return;
  if (JSON.stringify(c.payload) === JSON.stringify(o.fields.read())) {
    window.localStorage.removeItem(localKey(o.articleId));
    return;
  }
  const box = byId('local-copy')!;
  const page = o.fields.read();
  const differs = fieldsThatDiffer(c.payload, page);
  const t = text().panels;
  const restore = button(t.restoreIt);
  const discard = button(t.discardIt, { class: 'secondary' });
  showPanel(
    box,
    'local-copy-title',
    t.localTitle,
    say(t.localText, {
      when: dates().dateTime(c.savedAt),
      base: c.baseRevision,
      revision: o.autosave.revision,
      fields: differs.map((k) => t.fields[k] ?? FIELD_LABEL[k]).join(', ') || t.nothingVisible,
    }),
    el('div', { class: 'sides' }, versionSide(t.onDevice, c.payload, differs), versionSide(t.storedShort, page, differs)),
    [restore, discard],
  );
  for (const f of o.fieldsets) f.disabled = true;
  o.editor.setEditable(false);
  const done = () => {
    hidePanel(box);
    for (const f of o.fieldsets) f.disabled = false;
    o.editor.setEditable(true);
  };
  restore.addEventListener('click', () => {
    done();
    o.fields.apply(c.payload);
    o.onRestore();
    // Based on the revision it was made on: if the article moved on since, the save comes back as a conflict.
    o.autosave.restored(c.baseRevision);
    void o.autosave.flush();
    o.editor.commands.focus('end');
  });
  discard.addEventListener('click', () => {
    done();
    window.localStorage.removeItem(localKey(o.articleId));
    inputById('headline').focus();
  });
}
