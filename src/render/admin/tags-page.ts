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

const DONE = ['created', 'saved', 'merged', 'deleted'] as const;
export type TagNotice = (typeof DONE)[number];
export const isTagNotice = (s: string | undefined): s is TagNotice => !!s && (DONE as readonly string[]).includes(s);

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
  const m = ctx.t.tags;
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">${m.newIn(languageName(p.locale))}</h2><form method="post" action="/admin/tags">${CsrfField(
        {
          token: ctx.csrfToken,
        },
      )}<input type="hidden" name="locale" value="${p.locale}"/><div class="grid"><div><label for="new-name">${m.name}</label><input id="new-name" name="name" type="text" required="" maxlength="100" lang="${p.locale}" value="${p.form?.name ?? ''}"/></div><div><label for="new-slug">${m.slug} <span class="note">${m.slugOptional}</span></label><input id="new-slug" name="slug" type="text" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form?.slug ?? ''}"/></div></div><div class="actions"><button type="submit">${m.create}</button></div></form></section>`
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
      title: m.title(languageName(p.locale)),
      current: 'tags',
      children: html`<h1>${m.heading(languageName(p.locale))}</h1>${p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'tag-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<nav class="langs" aria-label="${m.languages}"><ul class="badges">${p.locales.map(
        (l) => html`<li><a href="/admin/tags?locale=${l}"${optionalAttr('aria-current', l === p.locale ? 'page' : undefined)}>${languageName(l)}</a></li>`,
      )}</ul></nav><form method="get" action="/admin/tags" role="search"><input type="hidden" name="locale" value="${p.locale}"/><label for="tag-q">${m.find}</label><input id="tag-q" name="q" type="search" maxlength="100" value="${p.q}"/><div class="actions"><button type="submit">${m.search}</button></div></form><section class="card" aria-labelledby="list-h"><h2 id="list-h">${
        p.q ? m.matching(p.q) : m.all
      }</h2>${
        p.items.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${m.name}</th><th scope="col">${m.slug}</th><th scope="col">${m.stories}</th><th scope="col">${m.inOthers}</th></tr></thead><tbody>${rows}</tbody></table></div>`
          : html`<p>${p.q ? m.noneMatch : m.noneYet}</p>`
      }<p class="actions">${p.first ? null : html`<a href="${query({})}">${m.first}</a>`}${p.next ? html`<a href="${query({ after: p.next })}">${m.next}</a>` : null}</p></section>${create}`,
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
  const m = ctx.t.tags;
  const manage = p.canManage
    ? html`<section class="card" id="rename" aria-labelledby="rename-h"><h2 id="rename-h">${m.rename}</h2><form method="post" action="${base}">${csrf}<label for="tag-name">${m.name}</label><input id="tag-name" name="name" type="text" required="" maxlength="100" lang="${t.locale}" value="${p.form.name}"/><label for="tag-slug">${m.slug} <span class="note">${m.slugRedirect}</span></label><input id="tag-slug" name="slug" type="text" required="" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*" autocomplete="off" value="${p.form.slug}"/><div class="actions"><button type="submit">${m.save}</button></div></form></section><section class="card" id="translations" aria-labelledby="tr-h"><h2 id="tr-h">${m.inOthers}</h2><p class="note" id="tr-note">${m.othersNote}</p><form method="post" action="${base}/translations">${csrf}<div class="grid">${others.map(
        (l) =>
          html`<div><label for="${`tr-${l}`}">${m.slugIn(languageName(l))}</label><input id="${`tr-${l}`}" name="${`tr-${l}`}" type="text" maxlength="80" autocomplete="off" aria-describedby="tr-note" value="${t.translations[l]?.slug ?? ''}"/>${
            t.translations[l] ? html`<p class="note" lang="${l}">${t.translations[l]!.name}</p>` : null
          }</div>`,
      )}</div><div class="actions"><button type="submit">${m.saveLinks}</button></div></form></section><section class="card" id="merge" aria-labelledby="merge-h"><h2 id="merge-h">${m.mergeTitle}</h2><form method="post" action="${base}/merge">${csrf}<label for="merge-into">${m.keep(languageName(t.locale))}</label><input id="merge-into" name="into" type="text" required="" maxlength="80" autocomplete="off"/><div class="actions"><button type="submit" class="secondary">${m.mergeButton(t.name)}</button></div></form></section><section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">${m.delete}</h2>${
        t.articles > 0
          ? html`<p>${m.carried(t.articles)}</p>`
          : html`<form method="post" action="${base}/delete">${csrf}<p>${m.unused}</p><button type="submit" class="secondary">${m.deleteButton(t.name)}</button></form>`
      }</section>`
    : html`<p class="note">${m.onlyEditors}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: m.tagTitle(t.name),
      current: 'tags',
      children: html`<p><a href="/admin/tags?locale=${t.locale}">${m.allIn(languageName(t.locale))}</a></p><h1>${m.tagHeading} <span lang="${t.locale}">${t.name}</span></h1>${
        p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null
      }${p.error ? Message({ kind: 'error', id: 'tag-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<p class="note">${languageName(t.locale)} · ${m.storiesN(t.articles)} · <a href="/${t.locale}/tag/${t.slug}">${m.open}</a></p>${manage}`,
    }),
  );
}
