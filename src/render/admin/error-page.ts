import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, type AdminContext } from './admin-layout.js';

const TITLES: Record<number, string> = {
  400: 'That did not work',
  401: 'Please log in again',
  403: 'Not allowed',
  404: 'No such page',
  409: 'That would break something',
  429: 'Too many attempts',
};

/** A friendly admin error: what happened, how to fix it, and the stable code to quote to whoever runs the site. */
export function renderAdminErrorPage(ctx: AdminContext, p: { status: number; code: string; message: string; hint?: string | undefined }) {
  const title = TITLES[p.status] ?? (p.status >= 500 ? 'Something went wrong on our side' : 'That did not work');
  return renderPage(
    AdminLayout({
      ctx,
      title,
      children: html`<div class="card narrow"><h1>${title}</h1><p>${p.message}</p>${p.hint ? html`<p>${p.hint}</p>` : null}<p class="note">Error code: <code>${p.code}</code></p><p>${ctx.user ? html`<a href="/admin">Back to the dashboard</a>` : html`<a href="/admin/login">Go to the login page</a>`}</p></div>`,
    }),
  );
}
