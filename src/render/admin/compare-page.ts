import type { DiffPart } from '../../content/text-diff.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, When, type AdminContext } from './admin-layout.js';
import { DiffText } from './translation-desk-page.js';

/** What "Compare with live" shows: the live version against the pending changes, as a word diff. */
export type CompareView = {
  id: number;
  locale: string;
  headline: string;
  timeZone: string;
  /** Null when no pending changes wait: the article is as readers see it. */
  pending: {
    revision: number;
    liveRevision: number;
    who: string | null;
    savedAt: string;
    diff: { headline: DiffPart[]; deck: DiffPart[]; body: DiffPart[] };
  } | null;
};

/**
 * /admin/articles/{id}/compare: the pending changes of a live story against what readers see, server-rendered (the
 * editor's own diff needs JavaScript). Read-only; links back to the editor and to the preview of the pending version.
 */
export function renderComparePage(ctx: AdminContext, v: CompareView) {
  const id = String(v.id);
  const p = v.pending;
  return renderPage(
    AdminLayout({
      ctx,
      title: `Compare with live: ${v.headline}`,
      current: 'articles',
      children: html`<p class="note"><a href="/admin/articles">Articles</a> › <a href="/admin/articles/${id}/edit">the editor</a> › compare with live</p><h1>Compare with live: <span lang="${v.locale}">${v.headline}</span></h1>${
        p
          ? html`<p>The live version (revision ${String(p.liveRevision)}, what readers see) against the pending changes (revision ${String(p.revision)}, saved ${When({ iso: p.savedAt, timeZone: v.timeZone })}${p.who ? ` by ${p.who}` : ''}).</p><section class="card diff" aria-labelledby="diff-h" lang="${v.locale}"><h2 id="diff-h">What the pending changes change</h2><p class="note">Added text is <ins>underlined</ins>, removed text <del>struck through</del>.</p><dl><dt>Headline</dt><dd>${DiffText({ parts: p.diff.headline })}</dd><dt>Deck</dt><dd>${DiffText({ parts: p.diff.deck })}</dd><dt>Body</dt><dd class="body-diff">${DiffText({ parts: p.diff.body })}</dd></dl></section><p class="actions"><a href="/admin/articles/${id}/edit#pending">Back to the editor</a> <a href="/admin/articles/${id}/preview?revision=${String(p.revision)}">Preview the pending changes</a></p>`
          : html`<p>No pending changes wait: the article is as readers see it.</p><p class="actions"><a href="/admin/articles/${id}/edit">Back to the editor</a></p>`
      }`,
    }),
  );
}
