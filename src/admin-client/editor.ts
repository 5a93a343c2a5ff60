/*
 * The article editor in the browser: TipTap on the body of the edit page (src/render/admin/editor-page.tsx), autosave
 * through the Admin API with a copy of unsaved work on the device, the conflict view, tags and contributors, and the
 * history with word diffs and restore. Served as /admin/assets/editor.js (src/web/admin/editor-bundle.ts). The page
 * works without it; this script takes over the body and the saving. Each part is a module of its own; this one wires
 * them to the page and to one Autosave.
 */
import { apiCall } from './api-call.js';
import { articleFields } from './article-fields.js';
import { Autosave } from './autosave.js';
import { bodyEditor } from './body-editor.js';
import { byId, inputById } from './by-id.js';
import { bylineRows } from './byline-rows.js';
import { conflictPanel } from './conflict-panel.js';
import { counters } from './counters.js';
import { heroPicker } from './hero-picker.js';
import { historyPanel, type HistoryPanel } from './history-panel.js';
import { offerLocalCopy } from './local-copy-panel.js';
import { pendingPanel } from './pending-panel.js';
import { saveRequest } from './save-request.js';
import { saveStatus } from './save-status.js';
import { saveTriggers } from './save-triggers.js';
import { slugFollow } from './slug-follow.js';
import { tagChips } from './tag-chips.js';
import { saveBeforeWorkflowMoves } from './workflow-moves.js';

/**
 * After a workflow step the server sends the editor back to the group it was taken in (#publish): open that group
 * if it was closed, and show it, so the page does not start again at the top.
 */
function keepPlace() {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const group = target?.closest('details');
  if (!target || !group) return;
  group.open = true;
  target.scrollIntoView({ block: 'start' });
}

function main(form: HTMLFormElement) {
  const articleId = Number(form.dataset['articleId']);
  const locale = form.dataset['locale'] ?? 'en';
  const csrf = (form.querySelector('input[name=_csrf]') as HTMLInputElement).value;
  const api = `/admin/api/v1/articles/${articleId}`;
  // Published or scheduled: every save goes to the pending changes; readers keep the live version until Update.
  const live = () => form.dataset['live'] === 'true';
  const fieldsets = Array.from(document.querySelectorAll<HTMLFieldSetElement>('#editor-layout fieldset.plain'));
  const statusLine = byId('save-status')!;
  const call = apiCall(csrf);
  const setBaseRevision = (revision: number) => ((form.querySelector('input[name=baseRevision]') as HTMLInputElement).value = String(revision));
  // The parts below call each other through these: Autosave needs the page's fields and panels, they need Autosave.
  // Statuses come before the history exists too (TipTap's setEditable emits an update while unsaved work is offered).
  let history: HistoryPanel | undefined;
  const showStatus = saveStatus(statusLine, () => {
    if (history?.loaded) void history.load();
  });
  const changed = () => autosave.changed();

  const editor = bodyEditor(locale, csrf);
  const tags = tagChips({ form, articleId, call, onChange: changed, onRefused: showStatus });
  const bylines = bylineRows({ call, onChange: changed });
  const fields = articleFields({ editor, tags, bylines });
  const slug = slugFollow(form);
  const pending = pendingPanel({ call, api, locale, autosave: () => autosave, showStatus });

  const autosave: Autosave = new Autosave({
    articleId,
    baseRevision: Number(form.dataset['revision']),
    store: window.localStorage,
    read: fields.read,
    send: saveRequest(call, api, live),
    onStatus: showStatus,
    onSaved: (a) => {
      tags.remember(a);
      // The server makes a taken slug unique (…-2): show the address it really has.
      if (typeof a['slug'] === 'string' && a['slug'] !== inputById('slug').value) inputById('slug').value = a['slug'];
      setBaseRevision(a.revision);
      pending.update(a);
    },
    onConflict: conflictPanel({ fields, tags, autosave: () => autosave, setBaseRevision }),
    delayMs: 2500,
  });

  saveTriggers({ form, editor, autosave, ignore: tags.input, onInput: slug.input });
  saveBeforeWorkflowMoves(autosave, showStatus);
  offerLocalCopy({ articleId, fields, editor, fieldsets, autosave, onRestore: slug.stop });
  counters(editor);
  keepPlace();
  heroPicker(csrf, call);
  byId('history-nojs')?.remove();
  history = historyPanel({ call, api, locale, fields, tags, autosave: () => autosave, showStatus, statusLine, setBaseRevision, live });
}

const form = byId<HTMLFormElement>('article-form');
if (form) main(form);
