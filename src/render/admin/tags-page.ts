import { languageName } from '../../content/locales.js';
import { html, optionalAttr } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

/**
 * The tags screens (/admin/tags and /admin/tags/{id}): one language's tags in slug order with their story counts, a
 * search box and keyset pages; one tag's page to rename it, link its equivalents in the other languages, merge it
 * into another tag or delete it while unused. Plain forms: all of it works without JavaScript.
 */

export type TagItem = {
  id: number;
  locale: string;
  slug: string;
  name: string;
  articles: number;
  translations: Record<string, { id: number; slug: string; name: string }>;
};

const DONE = {
  created: 'Tag created.',
  saved: 'Saved. Pages show it within a second; a new slug keeps the old address as a redirect.',
  merged: 'Merged: its stories carry this tag now and its old address leads here.',
  deleted: 'Tag deleted.',
} as const;
export type TagNotice = keyof typeof DONE;
export const isTagNotice = (s: string | undefined): s is TagNotice => !!s && s in DONE;

export function renderTagsScreen(
  ctx: AdminContext,
  p: {
    locale: string;
    locales: readonly string[];
    q: string;
    items: TagItem[];
    next: string | null;
    first: boolean;
    canManage: boolean;
    notice?: TagNotice;
    error?: FormError;
    form?: { name: string; slug: string };
  },
) {
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">New ${languageName(p.locale)} tag</h2><form method="post" action="/admin/tags">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<input type="hidden" name="locale" value="${p.locale}"/><div class="grid"><div><label for="new-name">Name</label><input id="new-name" name="name" type="text" required="" maxlength="100" lang="${p.locale}" value="${p.form?.name ?? ''}"/></div><div><label for="new-slug">Slug <span class="note">(optional: made from the name)</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form?.slug ?? ''}"/></div></div><div class="actions"><button type="submit">Create the tag</button></div></form></section>`
    : null;
  const query = (extra: Record<string, string>) => `/admin/tags?${new URLSearchParams({ locale: p.locale, ...(p.q ? { q: p.q } : {}), ...extra })}`;
  const rows = p.items.map(
    (t) =>
      html`<tr><td lang="${t.locale}"><a href="/admin/tags/${String(t.id)}">${t.name}</a></td><td>${t.slug}</td><td>${String(t.articles)}</td><td>${Object.entries(
        t.translations,
      ).map(([l, x]) => html`<span class="badge" lang="${l}">${l}: ${x.name}</span> `)}</td></tr>`,
  );
  return renderPage(
    AdminLayout({
      ctx,
      title: `Tags (${languageName(p.locale)})`,
      current: 'tags',
      children: html`<h1>Tags: ${languageName(p.locale)}</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'tag-error', text: p.error.text, hint: p.error.hint }) : null
      }<nav class="langs" aria-label="Tag languages"><ul class="badges">${p.locales.map(
        (l) => html`<li><a href="/admin/tags?locale=${l}"${optionalAttr('aria-current', l === p.locale ? 'page' : undefined)}>${languageName(l)}</a></li>`,
      )}</ul></nav><form method="get" action="/admin/tags" role="search"><input type="hidden" name="locale" value="${p.locale}"/><label for="tag-q">Find a tag</label><input id="tag-q" name="q" type="search" maxlength="100" value="${p.q}"/><div class="actions"><button type="submit">Search</button></div></form><section class="card" aria-labelledby="list-h"><h2 id="list-h">${
        p.q ? `Tags matching “${p.q}”` : 'All tags, by slug'
      }</h2>${
        p.items.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Stories</th><th scope="col">In other languages</th></tr></thead><tbody>${rows}</tbody></table></div>`
          : html`<p>No tags${p.q ? ' match' : ' yet'}.</p>`
      }<p class="actions">${p.first ? null : html`<a href="${query({})}">First page</a>`}${p.next ? html`<a href="${query({ after: p.next })}">Next page</a>` : null}</p></section>${create}`,
    }),
  );
}

export function renderTagScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; tag: TagItem; canManage: boolean; form: { name: string; slug: string }; notice?: TagNotice; error?: FormError },
) {
  const t = p.tag;
  const base = `/admin/tags/${String(t.id)}`;
  const csrf = CsrfField({ token: ctx.csrfToken });
  const others = p.locales.filter((l) => l !== t.locale);
  const manage = p.canManage
    ? html`<section class="card" id="rename" aria-labelledby="rename-h"><h2 id="rename-h">Rename</h2><form method="post" action="${base}">${csrf}<label for="tag-name">Name</label><input id="tag-name" name="name" type="text" required="" maxlength="100" lang="${t.locale}" value="${p.form.name}"/><label for="tag-slug">Slug <span class="note">(a change keeps the old address as a redirect)</span></label><input id="tag-slug" name="slug" type="text" required="" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/><div class="actions"><button type="submit">Save</button></div></form></section><section class="card" id="translations" aria-labelledby="tr-h"><h2 id="tr-h">In other languages</h2><p class="note" id="tr-note">A translation of a story with this tag gets the tag linked here. Type the slug of the tag in that language (as the tags list shows it), or leave it empty for none.</p><form method="post" action="${base}/translations">${csrf}<div class="grid">${others.map(
        (l) =>
          html`<div><label for="${`tr-${l}`}">Slug in ${languageName(l)}</label><input id="${`tr-${l}`}" name="${`tr-${l}`}" type="text" maxlength="80" autocomplete="off" aria-describedby="tr-note" value="${t.translations[l]?.slug ?? ''}"/>${
            t.translations[l] ? html`<p class="note" lang="${l}">${t.translations[l]!.name}</p>` : null
          }</div>`,
      )}</div><div class="actions"><button type="submit">Save the links</button></div></form></section><section class="card" id="merge" aria-labelledby="merge-h"><h2 id="merge-h">Merge into another tag</h2><form method="post" action="${base}/merge">${csrf}<label for="merge-into">Slug of the ${languageName(t.locale)} tag to keep</label><input id="merge-into" name="into" type="text" required="" maxlength="80" autocomplete="off"/><div class="actions"><button type="submit" class="secondary">Merge “${t.name}” into it</button></div></form></section><section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">Delete</h2>${
        t.articles > 0
          ? html`<p>${String(t.articles)} ${t.articles === 1 ? 'story carries' : 'stories carry'} this tag: merge it into another tag instead.</p>`
          : html`<form method="post" action="${base}/delete">${csrf}<p>No story carries it.</p><button type="submit" class="secondary">Delete “${t.name}”</button></form>`
      }</section>`
    : html`<p class="note">Editors and admins rename, link, merge and delete tags.</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: `Tag: ${t.name}`,
      current: 'tags',
      children: html`<p><a href="/admin/tags?locale=${t.locale}">All ${languageName(t.locale)} tags</a></p><h1>Tag: <span lang="${t.locale}">${t.name}</span></h1>${
        p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null
      }${p.error ? Message({ kind: 'error', id: 'tag-error', text: p.error.text, hint: p.error.hint }) : null}<p class="note">${languageName(t.locale)} · ${String(t.articles)} ${
        t.articles === 1 ? 'story' : 'stories'
      } · <a href="/${t.locale}/tag/${t.slug}">Open its page</a></p>${manage}`,
    }),
  );
}
