import { adminDates, type AdminDates } from '../../content/admin-dates.js';
import { html, optionalAttr, raw, type Html } from '../html.js';
import { ADMIN_CSS } from './admin-css.js';
import { adminMessages, type AdminLocale, type AdminMessages } from './admin-messages.js';

/** What every admin page knows: the CSP nonce of this response, and who is logged in (if anyone). */
export type AdminContext = {
  siteName: string;
  nonce: string;
  user?: { name: string; role: string; canManageUsers: boolean; canEditFrontPage?: boolean; canEditSettings?: boolean } | undefined;
  /** The session's CSRF token, or the login forms' double-submit token. */
  csrfToken: string;
  /** The interface language (the user's choice, else the browser's), its text, and its dates in the site's time zone. */
  locale: AdminLocale;
  t: AdminMessages;
  dates: AdminDates;
};

/** The language part of an AdminContext: for `locale` in the newsroom's time zone. */
export const adminLanguage = (locale: AdminLocale, timeZone: string) => ({ locale, t: adminMessages(locale), dates: adminDates(locale, timeZone) });

/** The admin's main screens, in the order of the navigation. */
export type AdminSection =
  'dashboard' | 'articles' | 'pages' | 'media' | 'front-page' | 'sections' | 'tags' | 'contributors' | 'partners' | 'wire' | 'users' | 'settings' | 'account';

/** The hidden field every state-changing form carries. */
export const CsrfField = (p: { token: string }) => html`<input type="hidden" name="_csrf" value="${p.token}"/>`;

/**
 * A moment as the admin shows it everywhere: one format (content/admin-dates.ts) in the user's language and the
 * newsroom's time zone, machine-readable in datetime.
 */
export const When = (p: { iso: string; dates: AdminDates }) => html`<time datetime="${p.iso}">${p.dates.dateTime(p.iso)}</time>`;

/** The editor's script reads its text, language and time zone from here (src/admin-client/i18n.ts). */
const ClientText = (ctx: AdminContext) =>
  html`<script type="application/json" id="admin-i18n">${raw(JSON.stringify({ locale: ctx.locale, timeZone: ctx.dates.timeZone, text: ctx.t.client }).replace(/</g, '\\u003c'))}</script>`;

export function AdminLayout(p: { ctx: AdminContext; title: string; current?: AdminSection; scripts?: string[]; styles?: string[]; children?: Html }) {
  const { ctx } = p;
  const t = ctx.t;
  const item = (href: string, section: AdminSection, label: string) =>
    html`<li><a href="${href}"${optionalAttr('aria-current', p.current === section ? 'page' : undefined)}>${label}</a></li>`;
  const nav = ctx.user
    ? html`<nav aria-label="${t.layout.navLabel}"><ul>${item('/admin', 'dashboard', t.nav.dashboard)}${item('/admin/articles', 'articles', t.nav.articles)}${item('/admin/pages', 'pages', t.nav.pages)}${item('/admin/media', 'media', t.nav.media)}${ctx.user.canEditFrontPage ? item('/admin/front-pages', 'front-page', t.nav.frontPage) : null}${item('/admin/sections', 'sections', t.nav.sections)}${item('/admin/tags', 'tags', t.nav.tags)}${item('/admin/contributors', 'contributors', t.nav.contributors)}${item('/admin/partners', 'partners', t.nav.partners)}${item('/admin/wire', 'wire', t.nav.wire)}${ctx.user.canManageUsers ? item('/admin/users', 'users', t.nav.users) : null}${ctx.user.canEditSettings ? item('/admin/settings', 'settings', t.nav.settings) : null}</ul></nav>`
    : null;
  const who = ctx.user
    ? html`<div class="who"><a href="/admin/account"${optionalAttr('aria-current', p.current === 'account' ? 'page' : undefined)}>${ctx.user.name} (${t.roles[ctx.user.role] ?? ctx.user.role})<span class="visually-hidden">${t.layout.yourAccount}</span></a><form method="post" action="/admin/logout">${CsrfField({ token: ctx.csrfToken })}<button type="submit">${t.layout.logOut}</button></form></div>`
    : null;
  return html`<html lang="${ctx.locale}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="robots" content="noindex, nofollow"/><title>${t.layout.title(p.title, ctx.siteName)}</title><style nonce="${ctx.nonce}">${raw(ADMIN_CSS)}</style>${p.styles?.map((href) => html`<link rel="stylesheet" href="${href}"/>`)}</head><body><a class="skip" href="#main">${t.layout.skip}</a><header class="admin"><a class="brand" href="/admin">${t.layout.admin(ctx.siteName)}</a>${nav}${who}</header><main id="main">${p.children}</main>${p.scripts?.length ? ClientText(ctx) : null}${p.scripts?.map((src) => html`<script type="module" src="${src}" nonce="${ctx.nonce}"></script>`)}</body></html>`;
}

/** An error or a confirmation above a form. */
/** The English words of a refusal shown in another language: closed, and marked as English for screen readers. */
export const Details = (d: { summary: string; text: string } | undefined) =>
  d ? html`<details class="error-details"><summary>${d.summary}</summary><p lang="en">${d.text}</p></details>` : null;

export function Message(p: {
  kind: 'error' | 'ok';
  id?: string;
  text: string;
  hint?: string | undefined;
  details?: { summary: string; text: string } | undefined;
}) {
  return html`<div class="message ${p.kind}"${optionalAttr('id', p.id)} role="${p.kind === 'error' ? 'alert' : 'status'}"><p>${p.text}</p>${p.hint ? html`<p>${p.hint}</p>` : null}${Details(p.details)}</div>`;
}
