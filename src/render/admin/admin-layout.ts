import { html, optionalAttr, raw, type Html } from '../html.js';
import { formatDateTime } from '../messages.js';
import { ADMIN_CSS } from './admin-css.js';

/** What every admin page knows: the CSP nonce of this response, and who is logged in (if anyone). */
export type AdminContext = {
  siteName: string;
  nonce: string;
  user?: { name: string; role: string; canManageUsers: boolean; canEditFrontPage?: boolean; canEditSettings?: boolean } | undefined;
  /** The session's CSRF token, or the login forms' double-submit token. */
  csrfToken: string;
};

/** The admin's main screens, in the order of the navigation. */
export type AdminSection =
  'dashboard' | 'articles' | 'pages' | 'media' | 'front-page' | 'sections' | 'tags' | 'contributors' | 'partners' | 'users' | 'settings' | 'account';

/** The hidden field every state-changing form carries. */
export const CsrfField = (p: { token: string }) => html`<input type="hidden" name="_csrf" value="${p.token}"/>`;

/** A moment as the newsroom reads it: in its time zone, machine-readable in datetime. */
export const When = (p: { iso: string; timeZone: string }) => html`<time datetime="${p.iso}">${formatDateTime('en', p.iso, p.timeZone)}</time>`;

const shortFormats = new Map<string, Intl.DateTimeFormat>();
/** "20 Nov 2026, 17:00": list rows are narrow. */
export const ShortWhen = (p: { iso: string; timeZone: string }) => {
  let f = shortFormats.get(p.timeZone);
  if (!f) shortFormats.set(p.timeZone, (f = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: p.timeZone })));
  return html`<time datetime="${p.iso}">${f.format(new Date(p.iso))}</time>`;
};

export function AdminLayout(p: { ctx: AdminContext; title: string; current?: AdminSection; scripts?: string[]; styles?: string[]; children?: Html }) {
  const { ctx } = p;
  return html`<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="robots" content="noindex, nofollow"/><title>${`${p.title} — ${ctx.siteName} admin`}</title><style nonce="${ctx.nonce}">${raw(ADMIN_CSS)}</style>${p.styles?.map((href) => html`<link rel="stylesheet" href="${href}"/>`)}</head><body><a class="skip" href="#main">Skip to content</a><header class="admin"><a class="brand" href="/admin">${ctx.siteName} admin</a>${ctx.user ? html`<nav aria-label="Admin"><ul><li><a href="/admin"${optionalAttr('aria-current', p.current === 'dashboard' ? 'page' : undefined)}>Dashboard</a></li><li><a href="/admin/articles"${optionalAttr('aria-current', p.current === 'articles' ? 'page' : undefined)}>Articles</a></li><li><a href="/admin/pages"${optionalAttr('aria-current', p.current === 'pages' ? 'page' : undefined)}>Pages</a></li><li><a href="/admin/media"${optionalAttr('aria-current', p.current === 'media' ? 'page' : undefined)}>Media</a></li>${ctx.user.canEditFrontPage ? html`<li><a href="/admin/front-pages"${optionalAttr('aria-current', p.current === 'front-page' ? 'page' : undefined)}>Front page</a></li>` : null}<li><a href="/admin/sections"${optionalAttr('aria-current', p.current === 'sections' ? 'page' : undefined)}>Sections</a></li><li><a href="/admin/tags"${optionalAttr('aria-current', p.current === 'tags' ? 'page' : undefined)}>Tags</a></li><li><a href="/admin/contributors"${optionalAttr('aria-current', p.current === 'contributors' ? 'page' : undefined)}>Contributors</a></li><li><a href="/admin/partners"${optionalAttr('aria-current', p.current === 'partners' ? 'page' : undefined)}>Partners</a></li>${ctx.user.canManageUsers ? html`<li><a href="/admin/users"${optionalAttr('aria-current', p.current === 'users' ? 'page' : undefined)}>Users</a></li>` : null}${ctx.user.canEditSettings ? html`<li><a href="/admin/settings"${optionalAttr('aria-current', p.current === 'settings' ? 'page' : undefined)}>Settings</a></li>` : null}</ul></nav>` : null}${ctx.user ? html`<div class="who"><a href="/admin/account"${optionalAttr('aria-current', p.current === 'account' ? 'page' : undefined)}>${ctx.user.name} (${ctx.user.role})<span class="visually-hidden">: your account</span></a><form method="post" action="/admin/logout">${CsrfField({ token: ctx.csrfToken })}<button type="submit">Log out</button></form></div>` : null}</header><main id="main">${p.children}</main>${p.scripts?.map((src) => html`<script type="module" src="${src}" nonce="${ctx.nonce}"></script>`)}</body></html>`;
}

/** An error or a confirmation above a form. */
export function Message(p: { kind: 'error' | 'ok'; id?: string; text: string; hint?: string | undefined }) {
  return html`<div class="message ${p.kind}"${optionalAttr('id', p.id)} role="${p.kind === 'error' ? 'alert' : 'status'}"><p>${p.text}</p>${p.hint ? html`<p>${p.hint}</p>` : null}</div>`;
}
