import { html, optionalAttr } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';

/** A refusal as a form shows it; `details`: the service's own English words, under a closed <details> (form-error.ts). */
export type FormError = { text: string; hint?: string | undefined; details?: { summary: string; text: string } | undefined };

const NOTICES = ['logged-out', 'logged-out-everywhere', 'password-set', 'email-changed'] as const;
export type LoginNotice = (typeof NOTICES)[number];
export const isLoginNotice = (s: string | undefined): s is LoginNotice => !!s && (NOTICES as readonly string[]).includes(s);

export function renderLoginPage(ctx: AdminContext, p: { email?: string; next?: string; error?: FormError; notice?: LoginNotice }) {
  const t = ctx.t.login;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      children: html`<div class="card narrow"><h1>${t.title}</h1>${p.notice ? Message({ kind: 'ok', text: t.notices[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'login-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<form method="post" action="${p.next ? `/admin/login?next=${encodeURIComponent(p.next)}` : '/admin/login'}">${CsrfField({ token: ctx.csrfToken })}<label for="email">${t.email}</label><input id="email" name="email" type="email" autocomplete="username" required="" maxlength="320" value="${p.email ?? ''}"${optionalAttr('aria-describedby', p.error ? 'login-error' : undefined)}/><label for="password">${t.password}</label><input id="password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/><div class="actions"><button type="submit">${t.submit}</button><a href="/admin/password/forgot">${t.forgot}</a></div></form></div>`,
    }),
  );
}

export function renderForgotPage(ctx: AdminContext, p: { sent?: boolean }) {
  const t = ctx.t.forgot;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      children: html`<div class="card narrow"><h1>${t.title}</h1>${p.sent ? html`${Message({ kind: 'ok', text: t.sent, hint: t.sentHint })}<p><a href="/admin/login">${t.back}</a></p>` : html`<form method="post" action="/admin/password/forgot">${CsrfField({ token: ctx.csrfToken })}<p>${t.intro}</p><label for="email">${ctx.t.login.email}</label><input id="email" name="email" type="email" autocomplete="username" required="" maxlength="320"/><div class="actions"><button type="submit">${t.submit}</button><a href="/admin/login">${t.back}</a></div></form>`}</div>`,
    }),
  );
}

export function renderResetPage(ctx: AdminContext, p: { action: string; email: string; purpose: 'reset' | 'invite'; error?: FormError }) {
  const t = ctx.t.reset;
  const title = p.purpose === 'invite' ? t.inviteTitle : t.resetTitle;
  return renderPage(
    AdminLayout({
      ctx,
      title,
      children: html`<div class="card narrow"><h1>${title}</h1><p>${t.for} <strong>${p.email}</strong>. ${t.rule}${p.purpose === 'reset' ? t.loggedOut : ''}</p>${p.error ? Message({ kind: 'error', id: 'reset-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}${/* Lets password managers save the new password under the right account. */ null}<input type="hidden" name="username" autocomplete="username" value="${p.email}"/><label for="password">${t.newPassword}</label><input id="password" name="password" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"${optionalAttr('aria-describedby', p.error ? 'reset-error' : undefined)}/><label for="confirm">${t.again}</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/><div class="actions"><button type="submit">${t.submit}</button></div></form></div>`,
    }),
  );
}

/** The second step of a login with two-factor sign-in: the code from the app, or a recovery code. */
export function renderCodePage(ctx: AdminContext, p: { action: string; error?: FormError }) {
  const t = ctx.t.code;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      children: html`<div class="card narrow"><h1>${t.title}</h1><p>${t.intro}</p>${p.error ? Message({ kind: 'error', id: 'code-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}<label for="code">${t.label}</label><input id="code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40" autofocus=""${optionalAttr('aria-describedby', p.error ? 'code-error' : 'code-help')}/><p class="note" id="code-help">${t.help}</p><div class="actions"><button type="submit">${t.submit}</button><a href="/admin/login">${t.again}</a></div></form></div>`,
    }),
  );
}
