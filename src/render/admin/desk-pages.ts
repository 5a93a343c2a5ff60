import { html, raw } from '../html.js';
import type { Doc } from '../../content/document.js';
import type { DiffPart } from '../../content/text-diff.js';
import { languageName } from '../../content/locales.js';
import { NOTE_MAX } from '../../content/types.js';
import { stateLabel, WORKFLOW_STATES } from '../../content/workflow.js';
import { renderDocument } from '../document-html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';

/** The newsroom's article list, the translation desk of one article, and the desk's sections of the dashboard. */


const shortFormats = new Map<string, Intl.DateTimeFormat>();
/** "20 Nov 2026, 17:00": list rows are narrow. */
const ShortWhen = (p: { iso: string; timeZone: string }) => {
  let f = shortFormats.get(p.timeZone);
  if (!f) shortFormats.set(p.timeZone, (f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: p.timeZone })));
  return html`<time datetime="${p.iso}">${f.format(new Date(p.iso))}</time>`;
};

export type Badge = { id: number; locale: string; state: string; needsUpdate: boolean };

/** "ru: needs update", "kk: draft": one per other language version. */
export function TranslationBadges(p: { items: Badge[] }) {
  if (p.items.length === 0) return html`<span class="note">none</span>`;
  return (
    html`<ul class="badges">${p.items.map((t) => (
        html`<li class="${t.needsUpdate ? 'badge stale' : 'badge'}"><a href="${`/admin/articles/${t.id}/translation`}">${t.locale}: ${t.needsUpdate ? 'needs update' : stateLabel(t.state)}</a></li>`
      ))}</ul>`
  );
}

// ---- the article list ----

export type ArticleRowView = {
  id: number;
  locale: string;
  headline: string;
  state: string;
  section_slug: string;
  updated_at: string;
  authors: { id: number; name: string }[];
  assignee: { id: number; name: string } | null;
  needsUpdate: boolean;
  translatedFrom: { id: number; locale: string } | null;
  translations: Badge[];
};

export type ListFilters = {
  status?: string | undefined;
  section?: string | undefined;
  author?: string | undefined;
  language?: string | undefined;
  dateField?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  assignee?: string | undefined;
  q?: string | undefined;
};

export type ListChoices = {
  sections: { slug: string; name: string }[];
  contributors: { id: number; name: string }[];
  locales: string[];
  users: { id: number; name: string }[];
};

const Select = (p: { id: string; name: string; label: string; value: string | undefined; options: [string, string][] }) => (
  html`<div><label for="${p.id}">${p.label}</label><select id="${p.id}" name="${p.name}">${p.options.map(([value, text]) => (
        html`<option value="${value}"${(p.value ?? '') === value ? raw(' selected=""') : null}>${text}</option>`
      ))}</select></div>`
);

export function renderArticleListPage(
  ctx: AdminContext,
  p: { timeZone: string; rows: ArticleRowView[]; filters: ListFilters; choices: ListChoices; olderHref: string | null; firstPageHref: string | null },
) {
  const f = p.filters;
  return renderPage(
    AdminLayout({ ctx, title: 'Articles', current: 'articles', children: html`<div class="title-row"><h1>Articles</h1><a class="button" href="/admin/articles/new">New article</a></div><section class="card" aria-labelledby="filters"><h2 id="filters">Find articles</h2><form method="get" action="/admin/articles" role="search" aria-labelledby="filters"><div class="grid"><div><label for="f-q">Search headlines and decks</label><input id="f-q" name="q" type="search" maxlength="200" value="${f.q ?? ''}"/></div>${Select({ id: 'f-status', name: 'status', label: 'State', value: f.status, options: [['', 'Any'], ...WORKFLOW_STATES.map((s): [string, string] => [s, stateLabel(s)])] })}${Select({ id: 'f-section', name: 'section', label: 'Section', value: f.section, options: [['', 'Any'], ...p.choices.sections.map((s): [string, string] => [s.slug, s.name])] })}${Select({ id: 'f-language', name: 'language', label: 'Language', value: f.language, options: [['', 'Any'], ...p.choices.locales.map((l): [string, string] => [l, l])] })}${Select({ id: 'f-author', name: 'author', label: 'Author', value: f.author, options: [['', 'Anyone'], ...p.choices.contributors.map((c): [string, string] => [String(c.id), c.name])] })}${Select({ id: 'f-assignee', name: 'assignee', label: 'Assigned to', value: f.assignee, options: [['', 'Anyone or nobody'], ['me', 'Me'], ['none', 'Nobody'], ...p.choices.users.map((u): [string, string] => [String(u.id), u.name])] })}${Select({ id: 'f-date-field', name: 'dateField', label: 'Dates apply to', value: f.dateField, options: [['updated', 'Last change'], ['published', 'Publication']] })}<div><label for="f-from">From (day)</label><input id="f-from" name="from" type="date" value="${f.from ?? ''}"/></div><div><label for="f-to">To (day, included)</label><input id="f-to" name="to" type="date" value="${f.to ?? ''}"/></div></div><div class="actions"><button type="submit">Filter</button><a href="/admin/articles">Clear the filters</a></div></form></section><section class="card" aria-labelledby="results"><h2 id="results">${p.rows.length ? 'Newest first' : 'No articles match'}</h2>${p.rows.length ? (
          html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="results"><table class="list"><thead><tr><th scope="col">Headline</th><th scope="col">Language</th><th scope="col">State</th><th scope="col">Section</th><th scope="col">Authors</th><th scope="col">Assigned to</th><th scope="col">Updated</th><th scope="col">Other languages</th></tr></thead><tbody>${p.rows.map((r) => (
                  html`<tr><td class="headline"><a href="${`/admin/articles/${r.id}/edit`}" lang="${r.locale}">${r.headline}</a><br/><a class="note" href="${`/admin/articles/${r.id}/translation`}">${r.translatedFrom ? (r.needsUpdate ? `Translation desk (needs update from ${r.translatedFrom.locale})` : `Translation desk (from ${r.translatedFrom.locale})`) : 'Translations and notes'}</a></td><td>${r.locale}</td><td>${stateLabel(r.state)}</td><td>${r.section_slug}</td><td>${r.authors.map((a) => a.name).join(', ')}</td><td>${r.assignee?.name ?? ''}</td><td>${ShortWhen({ iso: r.updated_at, timeZone: p.timeZone })}</td><td>${TranslationBadges({ items: r.translations })}</td></tr>`
                ))}</tbody></table></div>`
        ) : (
          html`<p>Change or clear the filters to see more.</p>`
        )}${p.olderHref || p.firstPageHref ? (
          html`<nav class="actions" aria-label="Pages">${p.firstPageHref ? html`<a href="${p.firstPageHref}">Newest</a>` : null}${p.olderHref ? (
              html`<a href="${p.olderHref}" rel="next">Older</a>`
            ) : null}</nav>`
        ) : null}</section>` }),
  );
}

// ---- the translation desk ----

export type NoteView = { id: number; user: { name: string } | null; text: string; createdAt: string };

/** A version of the story; one the user may not read shows its language and state only. */
export type DeskVersion =
  | { readable: true; id: number; locale: string; headline: string; state: string; needsUpdate: boolean; isTranslation: boolean }
  | { readable: false; locale: string; state: string };

export type DeskArticle = { id: number; locale: string; headline: string; deck: string | null; body: Doc; state: string };

export type DeskView = {
  article: DeskArticle;
  /** Set when the article is a translation whose source exists. */
  source: (DeskArticle & { matchedRevision: number; currentRevision: number }) | null;
  needsUpdate: boolean;
  /** The source's word diff since the translation was made (only when it needs an update). */
  sourceDiff: { headline: DiffPart[]; deck: DiffPart[]; body: DiffPart[] } | null;
  versions: DeskVersion[];
  /** Languages of the site the story has no version in yet, when the user may translate. */
  translateInto: string[];
  canEdit: boolean;
  canMarkUpToDate: boolean;
  notes: NoteView[];
  canNote: boolean;
  assignee: { id: number; name: string } | null;
  /** Whom the article may be assigned to (empty when the user may not assign). */
  assignable: { id: number; name: string; role: string }[];
};

const DONE = {
  'up-to-date': 'Marked as up to date with the source.',
  noted: 'Note added.',
  assigned: 'Assignment saved.',
} as const;
export type DeskNotice = keyof typeof DONE;
export const isDeskNotice = (s: string | undefined): s is DeskNotice => !!s && s in DONE;

/** A word diff as text with <ins> and <del>; whitespace kept (the body's paragraphs are separated by blank lines). */
export function DiffText(p: { parts: DiffPart[] }) {
  if (p.parts.length === 0) return html`<span class="note">(empty)</span>`;
  return (
    html`${p.parts.map((part) => (part.type === 'added' ? html`<ins>${part.text}</ins>` : part.type === 'removed' ? html`<del>${part.text}</del>` : part.text))}`
  );
}

function ArticleColumn(p: { label: string; a: DeskArticle; headingId: string }) {
  return (
    html`<section class="column" aria-labelledby="${p.headingId}"><h3 id="${p.headingId}">${p.label} (${p.a.locale}, ${stateLabel(p.a.state)})</h3><div lang="${p.a.locale}" class="read-only"><p class="headline">${p.a.headline}</p>${p.a.deck ? html`<p class="deck">${p.a.deck}</p>` : null}<div>${raw(renderDocument(p.a.body))}</div></div></section>`
  );
}

export function renderTranslationDeskPage(ctx: AdminContext, p: DeskView & { timeZone: string; notice?: DeskNotice | undefined; error?: { text: string; hint?: string | undefined } | undefined }) {
  const a = p.article;
  const token = ctx.csrfToken;
  return renderPage(
    AdminLayout({ ctx, title: `Desk: ${a.headline}`, current: 'articles', children: html`<p class="note"><a href="/admin/articles">Articles</a> › translation desk</p><h1><span lang="${a.locale}">${a.headline}</span></h1><p>Language <strong>${a.locale}</strong>, ${stateLabel(a.state)}. ${p.canEdit ? html`<a href="${`/admin/articles/${a.id}/edit`}">Edit this ${p.source ? 'translation' : 'article'}</a>` : null}</p>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'desk-error', text: p.error.text, hint: p.error.hint }) : null}${p.source ? (
        html`<section class="card" aria-labelledby="source-state"><h2 id="source-state">${p.needsUpdate ? 'Needs update: the source changed' : 'Up to date with the source'}</h2><p>Translated from <a href="${`/admin/articles/${p.source.id}/translation`}">the ${p.source.locale} version</a>, revision ${String(p.source.matchedRevision)}${p.needsUpdate ? `; the source is now at revision ${p.source.currentRevision}.` : '.'}</p>${p.needsUpdate && p.sourceDiff ? (
            html`<div class="diff" lang="${p.source.locale}"><h3>What changed in the source</h3><p class="note">Added text is <ins>underlined</ins>, removed text <del>struck through</del>.</p><dl><dt>Headline</dt><dd>${DiffText({ parts: p.sourceDiff.headline })}</dd><dt>Deck</dt><dd>${DiffText({ parts: p.sourceDiff.deck })}</dd><dt>Body</dt><dd class="body-diff">${DiffText({ parts: p.sourceDiff.body })}</dd></dl></div>`
          ) : null}${p.needsUpdate && p.canMarkUpToDate ? (
            html`<form method="post" action="${`/admin/articles/${a.id}/translation/up-to-date`}" class="actions">${CsrfField({ token })}<button type="submit">Mark as up to date</button><span class="note">Once the translation carries the source&#39;s changes (or they do not matter for it).</span></form>`
          ) : null}</section>`
      ) : null}${p.source ? (
        html`<section class="card" aria-labelledby="side-by-side"><h2 id="side-by-side">Source and translation</h2><div class="side-by-side">${ArticleColumn({ label: 'Source', a: p.source, headingId: 'col-source' })}${ArticleColumn({ label: 'Translation', a, headingId: 'col-translation' })}</div></section>`
      ) : null}<section class="card" aria-labelledby="versions"><h2 id="versions">Languages of this story</h2><table><caption class="visually-hidden">Every language version of the story and its state</caption><thead><tr><th scope="col">Language</th><th scope="col">Headline</th><th scope="col">State</th><th scope="col">Translation</th></tr></thead><tbody>${p.versions.map((v) =>
              v.readable ? (
                html`<tr><td>${v.locale}</td><td>${v.id === a.id ? (
                      html`<span lang="${v.locale}">${v.headline} (this one)</span>`
                    ) : (
                      html`<a href="${`/admin/articles/${v.id}/translation`}" lang="${v.locale}">${v.headline}</a>`
                    )}</td><td>${stateLabel(v.state)}</td><td>${v.isTranslation ? (v.needsUpdate ? html`<strong class="stale">needs update</strong>` : 'up to date') : 'original'}</td></tr>`
              ) : (
                html`<tr><td>${v.locale}</td><td class="note">A <span lang="${v.locale}">${languageName(v.locale)}</span> version exists.</td><td>${stateLabel(v.state)}</td><td>—</td></tr>`
              ),
            )}</tbody></table>${p.translateInto.length ? (
          html`<div class="actions">${p.translateInto.map((locale) => (
              html`<form method="post" action="${`/admin/articles/${a.id}/translate`}">${CsrfField({ token })}<input type="hidden" name="locale" value="${locale}"/><button type="submit" class="secondary">Translate into ${locale}</button></form>`
            ))}</div>`
        ) : null}</section><section class="card" aria-labelledby="assignment"><h2 id="assignment">Assignment</h2><p>${p.assignee ? `Assigned to ${p.assignee.name}.` : 'Nobody is assigned.'}</p>${p.assignable.length ? (
          html`<form method="post" action="${`/admin/articles/${a.id}/assignee`}" class="actions">${CsrfField({ token })}<label for="assignee" class="inline">Assign to</label><select id="assignee" name="assignee"><option value=""${!p.assignee ? raw(' selected=""') : null}>Nobody</option>${p.assignable.map((u) => (
                html`<option value="${String(u.id)}"${p.assignee?.id === u.id ? raw(' selected=""') : null}>${u.name} (${u.role})</option>`
              ))}</select><button type="submit" class="secondary">Save assignment</button></form>`
        ) : null}</section><section class="card" aria-labelledby="notes"><h2 id="notes">Editorial notes</h2><p class="note">For the newsroom only: readers never see notes.</p>${p.notes.length ? (
          html`<ol class="notes">${p.notes.map((n) => (
              html`<li><p class="note">${n.user?.name ?? 'An API key'}, ${When({ iso: n.createdAt, timeZone: p.timeZone })}</p><p class="note-text">${n.text}</p></li>`
            ))}</ol>`
        ) : (
          html`<p>No notes yet.</p>`
        )}${p.canNote ? (
          html`<form method="post" action="${`/admin/articles/${a.id}/notes`}">${CsrfField({ token })}<label for="note-text">Add a note</label><textarea id="note-text" name="text" rows="3" maxlength="${String(NOTE_MAX)}" required=""></textarea><div class="actions"><button type="submit">Add note</button></div></form>`
        ) : null}</section>` }),
  );
}

// ---- the dashboard's desk ----

export type DashboardItemView = { id: number; locale: string; headline: string; state: string; updatedAt: string; publishAt: string | null; source?: { id: number; locale: string } };
export type DashboardView = {
  scheduled: DashboardItemView[];
  inReview: DashboardItemView[];
  assignedToMe: DashboardItemView[];
  needsUpdate: DashboardItemView[];
  recentNotes: (NoteView & { articleId: number; headline: string; locale: string })[];
};

function ItemList(p: { items: DashboardItemView[]; empty: string; timeZone: string; what: 'publish' | 'updated' | 'source' }) {
  if (p.items.length === 0) return html`<p class="note">${p.empty}</p>`;
  return (
    html`<ul class="items">${p.items.map((i) => (
        html`<li><a href="${p.what === 'source' ? `/admin/articles/${i.id}/translation` : `/admin/articles/${i.id}/edit`}" lang="${i.locale}">${i.headline}</a> <span class="note">(${i.locale}${p.what === 'source' && i.source ? ` from ${i.source.locale}` : ''}${p.what === 'publish' && i.publishAt ? (
              html`, goes out ${When({ iso: i.publishAt, timeZone: p.timeZone })}`
            ) : null}${p.what === 'updated' ? (
              html`, ${stateLabel(i.state)}, changed ${When({ iso: i.updatedAt, timeZone: p.timeZone })}`
            ) : null})</span></li>`
      ))}</ul>`
  );
}

/** The desk's part of the dashboard: what goes out next, what waits, what is mine, what lags, what was said. */
export function DeskDashboard(p: { desk: DashboardView; timeZone: string }) {
  const d = p.desk;
  return (
    html`<div class="two-up"><section class="card" aria-labelledby="scheduled"><h2 id="scheduled">Scheduled</h2>${ItemList({ items: d.scheduled, empty: 'Nothing is scheduled.', timeZone: p.timeZone, what: 'publish' })}</section><section class="card" aria-labelledby="in-review"><h2 id="in-review">In review</h2>${ItemList({ items: d.inReview, empty: 'Nothing waits for review.', timeZone: p.timeZone, what: 'updated' })}</section><section class="card" aria-labelledby="assigned"><h2 id="assigned">Assigned to me</h2>${ItemList({ items: d.assignedToMe, empty: 'Nothing is assigned to you.', timeZone: p.timeZone, what: 'updated' })}</section><section class="card" aria-labelledby="stale"><h2 id="stale">Translations needing update</h2>${ItemList({ items: d.needsUpdate, empty: 'Every translation is up to date with its source.', timeZone: p.timeZone, what: 'source' })}</section></div><section class="card" aria-labelledby="recent-notes"><h2 id="recent-notes">Recent notes</h2>${d.recentNotes.length ? (
          html`<ul class="items">${d.recentNotes.map((n) => (
              html`<li><a href="${`/admin/articles/${n.articleId}/translation#notes`}" lang="${n.locale}">${n.headline}</a>: <span class="note-text">${n.text}</span> <span class="note">(${n.user?.name ?? 'an API key'}, ${When({ iso: n.createdAt, timeZone: p.timeZone })})</span></li>`
            ))}</ul>`
        ) : (
          html`<p class="note">No notes yet.</p>`
        )}</section>`
  );
}
