import type { DiffPart } from '../../content/text-diff.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, type AdminContext } from './admin-layout.js';
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
  const t = ctx.t.compare;
  const d = ctx.t.translationDesk;
  return renderPage(
    AdminLayout({
      ctx,
      title: `${t.title}: ${v.headline}`,
      current: 'articles',
      children: html`<p class="note"><a href="/admin/articles">${t.articles}</a> › <a href="/admin/articles/${id}/edit">${t.editor}</a> › ${t.crumb}</p><h1>${t.title}: <span lang="${v.locale}">${v.headline}</span></h1>${
        p
          ? html`<p>${t.intro(p.liveRevision, p.revision, ctx.dates.dateTime(p.savedAt), p.who)}</p><section class="card diff" aria-labelledby="diff-h" lang="${v.locale}"><h2 id="diff-h" lang="${ctx.locale}">${t.what}</h2><p class="note" lang="${ctx.locale}">${d.legend.before}<ins>${d.legend.added}</ins>${d.legend.middle}<del>${d.legend.removed}</del>${d.legend.after}</p><dl><dt lang="${ctx.locale}">${d.headline}</dt><dd>${DiffText({ parts: p.diff.headline })}</dd><dt lang="${ctx.locale}">${d.deck}</dt><dd>${DiffText({ parts: p.diff.deck })}</dd><dt lang="${ctx.locale}">${d.body}</dt><dd class="body-diff">${DiffText({ parts: p.diff.body })}</dd></dl></section><p class="actions"><a href="/admin/articles/${id}/edit#pending">${t.back}</a> <a href="/admin/articles/${id}/preview?revision=${String(p.revision)}">${t.preview}</a></p>`
          : html`<p>${t.none}</p><p class="actions"><a href="/admin/articles/${id}/edit">${t.back}</a></p>`
      }`,
    }),
  );
}
