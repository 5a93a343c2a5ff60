import { languageName } from '../../content/locales.js';
import { html, raw } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

/**
 * The wire desk (/admin/wire): the stories partner feeds brought in, newest first, filtered by partner, language,
 * date and words; one story's page (/admin/wire/{id}) shows its original text and the "Adapt" form that makes a
 * draft in a chosen language with the partner's credit filled in. Plain forms, no JavaScript.
 */
export type WireListItem = {
  id: number;
  partnerName: string;
  title: string;
  language: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  fullText: boolean;
  adaptedArticleId: number | null;
};

export type WireFilterForm = { partner: string; language: string; from: string; to: string; q: string };

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

const option = (value: string, label: string, selected: string) =>
  html`<option value="${value}"${selected === value ? raw(' selected') : ''}>${label}</option>`;

export function renderWireScreen(
  ctx: AdminContext,
  p: { items: WireListItem[]; total: number; partners: { id: number; name: string }[]; languages: string[]; filter: WireFilterForm; error?: FormError },
) {
  const m = ctx.t.wire;
  const f = p.filter;
  const filters = html`<form method="get" action="/admin/wire" class="filters"><label>${m.partner} <select name="partner">${option('', m.any, f.partner)}${p.partners.map(
    (x) => option(String(x.id), x.name, f.partner),
  )}</select></label> <label>${m.language} <select name="language">${option('', m.any, f.language)}${p.languages.map((l) => option(l, languageName(l), f.language))}</select></label> <label>${m.from} <input type="date" name="from" value="${f.from}"/></label> <label>${m.to} <input type="date" name="to" value="${f.to}"/></label> <label>${m.search} <input type="search" name="q" value="${f.q}"/></label> <button type="submit">${m.filter}</button></form>`;
  const rows = p.items.map(
    (x) =>
      html`<tr><td><a href="/admin/wire/${String(x.id)}">${x.title}</a></td><td>${x.partnerName}</td><td>${x.language ? languageName(x.language) : ''}</td><td>${day(x.publishedAt ?? x.fetchedAt)}</td><td>${
        x.adaptedArticleId !== null ? html`<a href="/admin/articles/${String(x.adaptedArticleId)}">${m.adapted}</a>` : x.fullText ? m.fullText : m.summaryOnly
      }</td></tr>`,
  );
  return renderPage(
    AdminLayout({
      ctx,
      title: m.title,
      current: 'wire',
      children: html`<h1>${m.title}</h1>${p.error ? Message({ kind: 'error', text: p.error.text, hint: p.error.hint }) : null}<section class="card" aria-labelledby="wire-h"><h2 id="wire-h">${m.count(p.total)}</h2>${filters}${
        p.items.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${m.headline}</th><th scope="col">${m.partner}</th><th scope="col">${m.language}</th><th scope="col">${m.published}</th><th scope="col">${m.state}</th></tr></thead><tbody>${rows}</tbody></table></div>`
          : html`<p class="note">${m.none}</p>`
      }</section>`,
    }),
  );
}

export function renderWireItemScreen(
  ctx: AdminContext,
  p: {
    item: WireListItem & { link: string | null; author: string | null; summary: string | null; contentHtml: string | null; extractError: string | null };
    locales: readonly string[];
    defaultLocale: string;
    sections: { id: number; name: string }[];
    canAdapt: boolean;
    /** TRANSLATE_URL is set: offer to machine-translate the draft. */
    machineTranslation?: boolean;
    error?: FormError;
  },
) {
  const m = ctx.t.wire;
  const x = p.item;
  const adapt = p.canAdapt
    ? html`<section class="card" aria-labelledby="adapt-h"><h2 id="adapt-h">${m.adapt}</h2><p class="note">${m.adaptNote}</p><form method="post" action="/admin/wire/${String(x.id)}/adapt">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<label>${m.into} <select name="locale">${p.locales.map((l) => option(l, languageName(l), p.defaultLocale))}</select></label> <label>${m.section} <select name="sectionId">${p.sections.map(
        (s) => option(String(s.id), s.name, ''),
      )}</select></label> ${p.machineTranslation ? html`<label><input type="checkbox" name="machineTranslate" value="1"/> ${m.machineTranslate}</label> ` : null}<button type="submit">${m.adaptButton}</button></form></section>`
    : html`<p class="note">${m.onlyWriters}</p>`;
  // The text was sanitized to a small allow-list when it was ingested (importers/feed-items.ts).
  const original = x.contentHtml ? raw(x.contentHtml) : x.summary ? html`<p>${x.summary}</p>` : html`<p class="note">${m.noText}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: x.title,
      current: 'wire',
      children: html`<p><a href="/admin/wire">${m.all}</a></p><h1 lang="${x.language ?? ''}">${x.title}</h1>${p.error ? Message({ kind: 'error', text: p.error.text, hint: p.error.hint }) : null}<dl><dt>${m.partner}</dt><dd>${x.partnerName}</dd>${
        x.author ? html`<dt>${m.author}</dt><dd>${x.author}</dd>` : null
      }<dt>${m.published}</dt><dd>${day(x.publishedAt) || m.unknown}</dd>${x.link ? html`<dt>${m.original}</dt><dd><a href="${x.link}" rel="noopener noreferrer">${x.link}</a></dd>` : null}${
        x.adaptedArticleId !== null ? html`<dt>${m.state}</dt><dd><a href="/admin/articles/${String(x.adaptedArticleId)}">${m.adapted}</a></dd>` : null
      }</dl>${x.extractError ? html`<p class="note">${m.extractFailed(x.extractError)}</p>` : null}${adapt}<section class="card" aria-labelledby="text-h"><h2 id="text-h">${m.originalText}</h2><div class="source-text" lang="${x.language ?? ''}">${original}</div></section>`,
    }),
  );
}
