import { languageName } from '../../content/locales.js';
import { html, raw, type Html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';

/**
 * The partners screens (/admin/partners and /admin/partners/{id}): the outlets the newsroom republishes, each with its
 * name and credit line in every language of the site, site address, language, logo, licence terms and whether the
 * partnership is active; a form to add one; one partner's page to edit or delete it. Plain forms, no JavaScript.
 */

export type PartnerItem = {
  id: number;
  name: string;
  names: Record<string, string>;
  creditLines: Record<string, string>;
  url: string;
  locale: string;
  licence: string | null;
  logoMediaId: number | null;
  active: boolean;
  articles: number;
  /** The feed the Wire polls (issue 14), if any. */
  feedUrl: string | null;
};

/** What a partner form shows: as stored, or as sent back with an error. */
export type PartnerForm = {
  names: Record<string, string>;
  creditLines: Record<string, string>;
  url: string;
  locale: string;
  licence: string;
  logoMediaId: string;
  active: boolean;
  feedUrl: string;
};

const DONE = ['created', 'saved', 'deleted'] as const;
export type PartnerNotice = (typeof DONE)[number];
export const isPartnerNotice = (s: string | undefined): s is PartnerNotice => !!s && (DONE as readonly string[]).includes(s);

export const partnerForm = (p: PartnerItem): PartnerForm => ({
  names: { ...p.names, ...(p.names[p.locale] ? {} : { [p.locale]: p.name }) },
  creditLines: p.creditLines,
  url: p.url,
  locale: p.locale,
  licence: p.licence ?? '',
  logoMediaId: p.logoMediaId === null ? '' : String(p.logoMediaId),
  active: p.active,
  feedUrl: p.feedUrl ?? '',
});

/** The feed the Wire polls: after the site address, with what it takes and that it is polled at once. */
function feedField(m: AdminMessages['partnerFeed'], f: PartnerForm, prefix: string): Html {
  return html`<label for="${`${prefix}-feed`}">${m.feedUrl} <span class="note">${m.optional}</span></label><input id="${`${prefix}-feed`}" name="feedUrl" type="url" maxlength="2048" placeholder="https://partner.example/feed.xml" aria-describedby="${`${prefix}-feed-note`}" value="${f.feedUrl}"/><p class="note" id="${`${prefix}-feed-note`}">${m.feedNote}</p>`;
}

function fields(m: AdminMessages['partners'], mf: AdminMessages['partnerFeed'], locales: readonly string[], f: PartnerForm, prefix: string): Html {
  return html`<div class="grid">${locales.map(
    (l) =>
      html`<div lang="${l}"><label for="${`${prefix}-name-${l}`}">${m.nameIn(languageName(l))}</label><input id="${`${prefix}-name-${l}`}" name="${`name-${l}`}" type="text" maxlength="200" value="${f.names[l] ?? ''}"/><label for="${`${prefix}-credit-${l}`}">${m.creditIn(languageName(l))} <span class="note">${m.optional}</span></label><input id="${`${prefix}-credit-${l}`}" name="${`credit-${l}`}" type="text" maxlength="300" placeholder="${m.creditPlaceholder}" value="${f.creditLines[l] ?? ''}"/></div>`,
  )}</div><label for="${`${prefix}-url`}">${m.url}</label><input id="${`${prefix}-url`}" name="url" type="url" required="" maxlength="2048" value="${f.url}"/>${feedField(mf, f, prefix)}<label for="${`${prefix}-locale`}">${m.locale}</label><select id="${`${prefix}-locale`}" name="locale">${[
    ...new Set([...locales, f.locale].filter(Boolean)),
  ].map(
    (l) => html`<option value="${l}"${l === f.locale ? raw(' selected=""') : null}>${languageName(l)}</option>`,
  )}</select><label for="${`${prefix}-licence`}">${m.licence} <span class="note">${m.optional}</span></label><textarea id="${`${prefix}-licence`}" name="licence" rows="3" maxlength="4000">${f.licence}</textarea><label for="${`${prefix}-logo`}">${m.logo} <span class="note">${m.logoNote}</span></label><input id="${`${prefix}-logo`}" name="logoMediaId" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="12" value="${f.logoMediaId}"/><p><input id="${`${prefix}-active`}" name="active" type="checkbox" value="1"${f.active ? raw(' checked=""') : null}/> <label class="inline" for="${`${prefix}-active`}">${m.active}</label> <span class="note">${m.activeNote}</span></p>`;
}

export function renderPartnersScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; partners: PartnerItem[]; canManage: boolean; form: PartnerForm; notice?: PartnerNotice; error?: FormError },
) {
  const m = ctx.t.partners;
  const rows = p.partners.map(
    (x) =>
      html`<tr><td><a href="/admin/partners/${String(x.id)}">${x.name}</a></td><td>${languageName(x.locale)}</td><td>${String(x.articles)}</td><td><span class="badge">${x.active ? m.isActive : m.inactive}</span></td></tr>`,
  );
  const create = p.canManage
    ? html`<section class="card" id="new" aria-labelledby="new-h"><h2 id="new-h">${m.new}</h2><form method="post" action="/admin/partners">${CsrfField({
        token: ctx.csrfToken,
      })}${fields(m, ctx.t.partnerFeed, p.locales, p.form, 'new')}<div class="actions"><button type="submit">${m.create}</button></div></form></section>`
    : html`<p class="note">${m.onlyEditors}</p>`;
  return renderPage(
    AdminLayout({
      ctx,
      title: m.title,
      current: 'partners',
      children: html`<h1>${m.title}</h1>${p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'partner-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="list-h"><h2 id="list-h">${m.outlets}</h2>${
        p.partners.length
          ? html`<div class="table-scroll"><table><thead><tr><th scope="col">${m.name}</th><th scope="col">${m.language}</th><th scope="col">${m.stories}</th><th scope="col">${m.state}</th></tr></thead><tbody>${rows}</tbody></table></div>`
          : html`<p class="note">${m.noneYet}</p>`
      }</section>${create}`,
    }),
  );
}

export function renderPartnerScreen(
  ctx: AdminContext,
  p: { locales: readonly string[]; partner: PartnerItem; canManage: boolean; form: PartnerForm; notice?: PartnerNotice; error?: FormError },
) {
  const x = p.partner;
  const m = ctx.t.partners;
  const base = `/admin/partners/${String(x.id)}`;
  const edit = p.canManage
    ? html`<form method="post" action="${base}">${CsrfField({ token: ctx.csrfToken })}${fields(m, ctx.t.partnerFeed, p.locales, p.form, 'edit')}<div class="actions"><button type="submit">${m.save}</button></div></form>`
    : html`<dl>${p.locales.map((l) => html`<dt>${languageName(l)}</dt><dd lang="${l}">${x.names[l] ?? x.name}${x.creditLines[l] ? html`<br/><span class="note">${x.creditLines[l]}</span>` : null}</dd>`)}<dt>${m.site}</dt><dd><a href="${x.url}">${x.url}</a></dd>${x.feedUrl ? html`<dt>${ctx.t.partnerFeed.feedUrl}</dt><dd><a href="${x.feedUrl}">${x.feedUrl}</a></dd>` : null}</dl>`;
  const remove = p.canManage
    ? html`<section class="card" id="delete" aria-labelledby="delete-h"><h2 id="delete-h">${m.delete}</h2>${
        x.articles > 0
          ? html`<p>${m.inUse(x.articles)}</p>`
          : html`<form method="post" action="${base}/delete">${CsrfField({ token: ctx.csrfToken })}<p>${m.unused}</p><button type="submit" class="secondary">${m.deleteButton(x.name)}</button></form>`
      }</section>`
    : null;
  return renderPage(
    AdminLayout({
      ctx,
      title: m.partnerTitle(x.name),
      current: 'partners',
      children: html`<p><a href="/admin/partners">${m.all}</a></p><h1>${m.partnerTitle(x.name)}</h1>${p.notice ? Message({ kind: 'ok', text: m.done[p.notice] }) : null}${
        p.error ? Message({ kind: 'error', id: 'partner-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null
      }<section class="card" aria-labelledby="edit-h"><h2 id="edit-h">${m.namesTitle}</h2><p class="note">${m.storiesN(x.articles)}</p>${edit}</section>${remove}`,
    }),
  );
}
