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

const STATE: Record<string, string> = {
  draft: 'draft',
  in_review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
  archived: 'archived',
};

export function renderPagesScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; pages: PageItem[]; canManage: boolean; form: NewPageForm; notice?: 'deleted'; error?: FormError },
) {
  const byLocale = p.locales.map((l) => ({ locale: l, items: p.pages.filter((x) => x.locale === l) }));
  const lists = byLocale.map(
    ({ locale, items }) =>
      html`<section class="card" aria-labelledby="${`pages-${locale}`}"><h2 id="${`pages-${locale}`}">${languageName(locale)}</h2>${
        items.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Title</th><th scope="col">Address</th><th scope="col">State</th></tr></thead><tbody>${items.map(
              (x) =>
                html`<tr><td lang="${locale}"><a href="/admin/articles/${String(x.id)}/edit">${x.headline}</a></td><td>${
                  x.state === 'published' ? html`<a href="${x.path}">${x.path}</a>` : html`<code>${x.path}</code>`
                }</td><td><span class="badge">${STATE[x.state] ?? x.state}</span>${x.hasPendingChanges ? html` <span class="badge">pending changes</span>` : null}</td></tr>`,
            )}</tbody></table></div>`
          : html`<p class="note">No pages in ${languageName(locale)} yet.</p>`
      }</section>`,
  );
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">New page</h2><form method="post" action="/admin/pages">${CsrfField({
        token: ctx.csrfToken,
      })}<label for="new-locale">Language</label><select id="new-locale" name="locale">${p.locales.map(
        (l) => html`<option value="${l}"${l === p.form.locale ? raw(' selected=""') : null}>${languageName(l)}</option>`,
      )}</select><label for="new-title">Title</label><input id="new-title" name="headline" type="text" required="" maxlength="300" value="${p.form.headline}"/><label for="new-slug">Slug <span class="note">(the address: /{language}/<em>slug</em>; made from the title when left empty)</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/><div class="actions"><button type="submit">Create the page</button><span class="note">Then write it in the editor and publish it: the footer of its language links to it.</span></div></form></section>`
    : html`<p class="note">Editors and admins start pages.</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Pages',
      current: 'pages',
      children: html`<h1>Pages</h1><p class="note">About, Contact, the ethics and corrections policies, Privacy: written like stories, published at their own address and linked from the footer of their language.</p>${
        p.notice ? Message({ kind: 'ok', text: 'Page deleted.' }) : null
      }${p.error ? Message({ kind: 'error', id: 'page-error', text: p.error.text, hint: p.error.hint }) : null}${create}${lists}`,
    }),
  );
}
