import { html, raw } from '../html.js';
import type { Doc } from '../../content/document.js';
import type { DiffPart } from '../../content/text-diff.js';
import { languageName } from '../../content/locales.js';
import { NOTE_MAX } from '../../content/types.js';
import { stateLabel } from '../../content/workflow.js';
import { renderDocument } from '../document-html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';

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
  return html`${p.parts.map((part) => (part.type === 'added' ? html`<ins>${part.text}</ins>` : part.type === 'removed' ? html`<del>${part.text}</del>` : part.text))}`;
}

function ArticleColumn(p: { label: string; a: DeskArticle; headingId: string }) {
  return html`<section class="column" aria-labelledby="${p.headingId}"><h3 id="${p.headingId}">${p.label} (${p.a.locale}, ${stateLabel(p.a.state)})</h3><div lang="${p.a.locale}" class="read-only"><p class="headline">${p.a.headline}</p>${p.a.deck ? html`<p class="deck">${p.a.deck}</p>` : null}<div>${raw(renderDocument(p.a.body))}</div></div></section>`;
}

export function renderTranslationDeskPage(
  ctx: AdminContext,
  p: DeskView & { timeZone: string; notice?: DeskNotice | undefined; error?: { text: string; hint?: string | undefined } | undefined },
) {
  const a = p.article;
  const token = ctx.csrfToken;
  return renderPage(
    AdminLayout({
      ctx,
      title: `Desk: ${a.headline}`,
      current: 'articles',
      children: html`<p class="note"><a href="/admin/articles">Articles</a> › translation desk</p><h1><span lang="${a.locale}">${a.headline}</span></h1><p>Language <strong>${a.locale}</strong>, ${stateLabel(a.state)}. ${p.canEdit ? html`<a href="/admin/articles/${String(a.id)}/edit">Edit this ${p.source ? 'translation' : 'article'}</a>` : null}</p>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'desk-error', text: p.error.text, hint: p.error.hint }) : null}${p.source ? html`<section class="card" aria-labelledby="source-state"><h2 id="source-state">${p.needsUpdate ? 'Needs update: the source changed' : 'Up to date with the source'}</h2><p>Translated from <a href="/admin/articles/${String(p.source.id)}/translation">the ${p.source.locale} version</a>, revision ${String(p.source.matchedRevision)}${p.needsUpdate ? `; the source is now at revision ${p.source.currentRevision}.` : '.'}</p>${p.needsUpdate && p.sourceDiff ? html`<div class="diff" lang="${p.source.locale}"><h3>What changed in the source</h3><p class="note">Added text is <ins>underlined</ins>, removed text <del>struck through</del>.</p><dl><dt>Headline</dt><dd>${DiffText({ parts: p.sourceDiff.headline })}</dd><dt>Deck</dt><dd>${DiffText({ parts: p.sourceDiff.deck })}</dd><dt>Body</dt><dd class="body-diff">${DiffText({ parts: p.sourceDiff.body })}</dd></dl></div>` : null}${p.needsUpdate && p.canMarkUpToDate ? html`<form method="post" action="/admin/articles/${String(a.id)}/translation/up-to-date" class="actions">${CsrfField({ token })}<button type="submit">Mark as up to date</button><span class="note">Once the translation carries the source&#39;s changes (or they do not matter for it).</span></form>` : null}</section>` : null}${p.source ? html`<section class="card" aria-labelledby="side-by-side"><h2 id="side-by-side">Source and translation</h2><div class="side-by-side">${ArticleColumn({ label: 'Source', a: p.source, headingId: 'col-source' })}${ArticleColumn({ label: 'Translation', a, headingId: 'col-translation' })}</div></section>` : null}<section class="card" aria-labelledby="versions"><h2 id="versions">Languages of this story</h2><table><caption class="visually-hidden">Every language version of the story and its state</caption><thead><tr><th scope="col">Language</th><th scope="col">Headline</th><th scope="col">State</th><th scope="col">Translation</th></tr></thead><tbody>${p.versions.map(
        (v) =>
          v.readable
            ? html`<tr><td>${v.locale}</td><td>${v.id === a.id ? html`<span lang="${v.locale}">${v.headline} (this one)</span>` : html`<a href="/admin/articles/${String(v.id)}/translation" lang="${v.locale}">${v.headline}</a>`}</td><td>${stateLabel(v.state)}</td><td>${v.isTranslation ? (v.needsUpdate ? html`<strong class="stale">needs update</strong>` : 'up to date') : 'original'}</td></tr>`
            : html`<tr><td>${v.locale}</td><td class="note">A <span lang="${v.locale}">${languageName(v.locale)}</span> version exists.</td><td>${stateLabel(v.state)}</td><td>—</td></tr>`,
      )}</tbody></table>${p.translateInto.length ? html`<div class="actions">${p.translateInto.map((locale) => html`<form method="post" action="/admin/articles/${String(a.id)}/translate">${CsrfField({ token })}<input type="hidden" name="locale" value="${locale}"/><button type="submit" class="secondary">Translate into ${locale}</button></form>`)}</div>` : null}</section><section class="card" aria-labelledby="assignment"><h2 id="assignment">Assignment</h2><p>${p.assignee ? `Assigned to ${p.assignee.name}.` : 'Nobody is assigned.'}</p>${p.assignable.length ? html`<form method="post" action="/admin/articles/${String(a.id)}/assignee" class="actions">${CsrfField({ token })}<label for="assignee" class="inline">Assign to</label><select id="assignee" name="assignee"><option value=""${!p.assignee ? raw(' selected=""') : null}>Nobody</option>${p.assignable.map((u) => html`<option value="${String(u.id)}"${p.assignee?.id === u.id ? raw(' selected=""') : null}>${u.name} (${u.role})</option>`)}</select><button type="submit" class="secondary">Save assignment</button></form>` : null}</section><section class="card" aria-labelledby="notes"><h2 id="notes">Editorial notes</h2><p class="note">For the newsroom only: readers never see notes.</p>${p.notes.length ? html`<ol class="notes">${p.notes.map((n) => html`<li><p class="note">${n.user?.name ?? 'An API key'}, ${When({ iso: n.createdAt, timeZone: p.timeZone })}</p><p class="note-text">${n.text}</p></li>`)}</ol>` : html`<p>No notes yet.</p>`}${p.canNote ? html`<form method="post" action="/admin/articles/${String(a.id)}/notes">${CsrfField({ token })}<label for="note-text">Add a note</label><textarea id="note-text" name="text" rows="3" maxlength="${String(NOTE_MAX)}" required=""></textarea><div class="actions"><button type="submit">Add note</button></div></form>` : null}</section>`,
    }),
  );
}
