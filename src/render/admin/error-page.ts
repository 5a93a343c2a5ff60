import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, Details, type AdminContext } from './admin-layout.js';

/** A friendly admin error: what happened, how to fix it, and the stable code to quote to whoever runs the site. */
export function renderAdminErrorPage(
  ctx: AdminContext,
  p: { status: number; code: string; message: string; hint?: string | undefined; details?: { summary: string; text: string } | undefined },
) {
  const t = ctx.t.error;
  const title = t.titles[p.status] ?? (p.status >= 500 ? t.server : t.generic);
  return renderPage(
    AdminLayout({
      ctx,
      title,
      children: html`<div class="card narrow"><h1>${title}</h1><p>${p.message}</p>${p.hint ? html`<p>${p.hint}</p>` : null}${Details(p.details)}<p class="note">${t.code} <code>${p.code}</code></p><p>${ctx.user ? html`<a href="/admin">${t.backToDashboard}</a>` : html`<a href="/admin/login">${t.toLogin}</a>`}</p></div>`,
    }),
  );
}
