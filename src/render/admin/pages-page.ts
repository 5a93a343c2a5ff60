import { languageName } from '../../content/locales.js';
import { html, raw } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

/**
 * The pages screen (/admin/pages): the site's pages (About, Contact, policies) per language with their state and
 * address, and for editors and admins a form that starts a new one and opens it in the editor. Plain forms: it works
 * without JavaScript.
 */

export type PageItem = { id: number; locale: string; slug: string; headline: string; state: string; path: string; hasPendingChanges: boolean };

/** What the new-page form shows: empty, or as sent back with an error. */
export type NewPageForm = { locale: string; headline: string; slug: string };

export function renderPagesScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; pages: PageItem[]; canManage: boolean; form: NewPageForm; notice?: 'deleted'; error?: FormError },
) {
  const t = ctx.t.pages;
  const byLocale = p.locales.map((l) => ({ locale: l, items: p.pages.filter((x) => x.locale === l) }));
  const lists = byLocale.map(
    ({ locale, items }) =>
      html`<section class="card" aria-labelledby="${`pages-${locale}`}"><h2 id="${`pages-${locale}`}">${languageName(locale)}</h2>${
        items.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${t.pageTitle}</th><th scope="col">${t.address}</th><th scope="col">${t.state}</th></tr></thead><tbody>${items.map(
              (x) =>
                html`<tr><td lang="${locale}"><a href="/admin/articles/${String(x.id)}/edit">${x.headline}</a></td><td>${
                  x.state === 'published' ? html`<a href="${x.path}">${x.path}</a>` : html`<code>${x.path}</code>`
                }</td><td><span class="badge">${ctx.t.states[x.state] ?? x.state}</span>${x.hasPendingChanges ? html` <span class="badge">${t.pendingChanges}</span>` : null}</td></tr>`,
            )}</tbody></table></div>`
          : html`<p class="note">${t.noneIn(languageName(locale))}</p>`
      }</section>`,
  );
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">${t.new}</h2><form method="post" action="/admin/pages">${CsrfField({
        token: ctx.csrfToken,
      })}<label for="new-locale">${t.language}</label><select id="new-locale" name="locale">${p.locales.map(
        (l) => html`<option value="${l}"${l === p.form.locale ? raw(' selected=""') : null}>${languageName(l)}</option>`,
      )}</select><label for="new-title">${t.pageTitle}</label><input id="new-title" name="headline" type="text" required="" maxlength="300" value="${p.form.headline}"/><label for="new-slug">${t.slug} <span class="note">${t.slugNote(html`<em>${t.slugWord}</em>`)}</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/><div class="actions"><button type="submit">${t.create}</button><span class="note">${t.createNote}</span></div></form></section>`
    : html`<p class="note">${t.onlyEditors}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'pages',
      children: html`<h1>${t.title}</h1><p class="note">${t.intro}</p>${
        p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null
      }${p.error ? Message({ kind: 'error', id: 'page-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}${create}${lists}`,
    }),
  );
}
