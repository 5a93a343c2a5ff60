import { html, raw } from '../html.js';
import type { Doc } from '../../content/document.js';
import type { DiffPart } from '../../content/text-diff.js';
import { languageName } from '../../content/locales.js';
import { NOTE_MAX } from '../../content/types.js';
import { renderDocument } from '../document-html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

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

const DONE = ['up-to-date', 'noted', 'assigned'] as const;
export type DeskNotice = (typeof DONE)[number];
export const isDeskNotice = (s: string | undefined): s is DeskNotice => !!s && (DONE as readonly string[]).includes(s);

/** A word diff as text with <ins> and <del>; whitespace kept (the body's paragraphs are separated by blank lines). */
export function DiffText(p: { parts: DiffPart[] }) {
  if (p.parts.length === 0) return html`<span class="note">(empty)</span>`;
  return html`${p.parts.map((part) => (part.type === 'added' ? html`<ins>${part.text}</ins>` : part.type === 'removed' ? html`<del>${part.text}</del>` : part.text))}`;
}

function ArticleColumn(p: { label: string; a: DeskArticle; headingId: string; state: string }) {
  return html`<section class="column" aria-labelledby="${p.headingId}"><h3 id="${p.headingId}">${p.label} (${p.a.locale}, ${p.state})</h3><div lang="${p.a.locale}" class="read-only"><p class="headline">${p.a.headline}</p>${p.a.deck ? html`<p class="deck">${p.a.deck}</p>` : null}<div>${raw(renderDocument(p.a.body))}</div></div></section>`;
}

export function renderTranslationDeskPage(
  ctx: AdminContext,
  p: DeskView & { timeZone: string; notice?: DeskNotice | undefined; error?: FormError | undefined },
) {
  const a = p.article;
  const token = ctx.csrfToken;
  const t = ctx.t.translationDesk;
  const state = (s: string) => ctx.t.states[s] ?? s;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title(a.headline),
      current: 'articles',
      children: html`<p class="note"><a href="/admin/articles">${t.articles}</a> › ${t.crumb}</p><h1><span lang="${a.locale}">${a.headline}</span></h1><p>${t.language} <strong>${a.locale}</strong>, ${state(a.state)}. ${p.canEdit ? html`<a href="/admin/articles/${String(a.id)}/edit">${t.editThis(!!p.source)}</a>` : null}</p>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'desk-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}${p.source ? html`<section class="card" aria-labelledby="source-state"><h2 id="source-state">${p.needsUpdate ? t.needsUpdate : t.upToDate}</h2><p>${t.translatedFrom} <a href="/admin/articles/${String(p.source.id)}/translation">${t.theVersion(p.source.locale)}</a>${t.revision(p.source.matchedRevision)}${p.needsUpdate ? t.sourceNow(p.source.currentRevision) : '.'}</p>${p.needsUpdate && p.sourceDiff ? html`<div class="diff" lang="${p.source.locale}"><h3 lang="${ctx.locale}">${t.whatChanged}</h3><p class="note" lang="${ctx.locale}">${t.legend.before}<ins>${t.legend.added}</ins>${t.legend.middle}<del>${t.legend.removed}</del>${t.legend.after}</p><dl><dt lang="${ctx.locale}">${t.headline}</dt><dd>${DiffText({ parts: p.sourceDiff.headline })}</dd><dt lang="${ctx.locale}">${t.deck}</dt><dd>${DiffText({ parts: p.sourceDiff.deck })}</dd><dt lang="${ctx.locale}">${t.body}</dt><dd class="body-diff">${DiffText({ parts: p.sourceDiff.body })}</dd></dl></div>` : null}${p.needsUpdate && p.canMarkUpToDate ? html`<form method="post" action="/admin/articles/${String(a.id)}/translation/up-to-date" class="actions">${CsrfField({ token })}<button type="submit">${t.markUpToDate}</button><span class="note">${t.markNote}</span></form>` : null}</section>` : null}${p.source ? html`<section class="card" aria-labelledby="side-by-side"><h2 id="side-by-side">${t.sideBySide}</h2><div class="side-by-side">${ArticleColumn({ label: t.source, a: p.source, headingId: 'col-source', state: state(p.source.state) })}${ArticleColumn({ label: t.translation, a, headingId: 'col-translation', state: state(a.state) })}</div></section>` : null}<section class="card" aria-labelledby="versions"><h2 id="versions">${t.languages}</h2><div class="table-scroll"><table><caption class="visually-hidden">${t.languagesCaption}</caption><thead><tr><th scope="col">${t.language}</th><th scope="col">${t.headline}</th><th scope="col">${t.state}</th><th scope="col">${t.translation}</th></tr></thead><tbody>${p.versions.map(
        (v) =>
          v.readable
            ? html`<tr><td>${v.locale}</td><td>${v.id === a.id ? html`<span lang="${v.locale}">${v.headline}</span>${t.thisOne}` : html`<a href="/admin/articles/${String(v.id)}/translation" lang="${v.locale}">${v.headline}</a>`}</td><td>${state(v.state)}</td><td>${v.isTranslation ? (v.needsUpdate ? html`<strong class="stale">${t.needsUpdateBadge}</strong>` : t.upToDateShort) : t.original}</td></tr>`
            : html`<tr><td>${v.locale}</td><td class="note">${t.versionExists(html`<span lang="${v.locale}">${languageName(v.locale)}</span>`)}</td><td>${state(v.state)}</td><td>—</td></tr>`,
      )}</tbody></table></div>${p.translateInto.length ? html`<div class="actions">${p.translateInto.map((locale) => html`<form method="post" action="/admin/articles/${String(a.id)}/translate">${CsrfField({ token })}<input type="hidden" name="locale" value="${locale}"/><button type="submit" class="secondary">${t.translateInto(locale)}</button></form>`)}</div>` : null}</section><section class="card" aria-labelledby="assignment"><h2 id="assignment">${t.assignment}</h2><p>${p.assignee ? t.assignedTo(p.assignee.name) : t.nobodyAssigned}</p>${p.assignable.length ? html`<form method="post" action="/admin/articles/${String(a.id)}/assignee" class="actions">${CsrfField({ token })}<label for="assignee" class="inline">${t.assignTo}</label><select id="assignee" name="assignee"><option value=""${!p.assignee ? raw(' selected=""') : null}>${t.nobody}</option>${p.assignable.map((u) => html`<option value="${String(u.id)}"${p.assignee?.id === u.id ? raw(' selected=""') : null}>${u.name} (${ctx.t.roles[u.role] ?? u.role})</option>`)}</select><button type="submit" class="secondary">${t.saveAssignment}</button></form>` : null}</section><section class="card" aria-labelledby="notes"><h2 id="notes">${t.notes}</h2><p class="note">${t.notesNote}</p>${p.notes.length ? html`<ol class="notes">${p.notes.map((n) => html`<li><p class="note">${n.user?.name ?? t.apiKey}, ${When({ iso: n.createdAt, dates: ctx.dates })}</p><p class="note-text">${n.text}</p></li>`)}</ol>` : html`<p>${t.noNotes}</p>`}${p.canNote ? html`<form method="post" action="/admin/articles/${String(a.id)}/notes">${CsrfField({ token })}<label for="note-text">${t.addNote}</label><textarea id="note-text" name="text" rows="3" maxlength="${String(NOTE_MAX)}" required=""></textarea><div class="actions"><button type="submit">${t.addNoteButton}</button></div></form>` : null}</section>`,
    }),
  );
}
