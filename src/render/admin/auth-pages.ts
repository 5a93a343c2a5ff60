import { html, optionalAttr } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';

export type FormError = { text: string; hint?: string | undefined };

const NOTICES = {
  'logged-out': 'You are logged out.',
  'logged-out-everywhere': 'You are logged out on every device.',
  'password-set': 'Your password is set. Log in with it now.',
  'email-changed': 'Your address is changed. Log in with the new one.',
} as const;
export type LoginNotice = keyof typeof NOTICES;
export const isLoginNotice = (s: string | undefined): s is LoginNotice => !!s && s in NOTICES;

export function renderLoginPage(ctx: AdminContext, p: { email?: string; next?: string; error?: FormError; notice?: LoginNotice }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Log in',
      children: html`<div class="card narrow"><h1>Log in</h1>${p.notice ? Message({ kind: 'ok', text: NOTICES[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'login-error', text: p.error.text, hint: p.error.hint }) : null}<form method="post" action="${p.next ? `/admin/login?next=${encodeURIComponent(p.next)}` : '/admin/login'}">${CsrfField({ token: ctx.csrfToken })}<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required="" maxlength="320" value="${p.email ?? ''}"${optionalAttr('aria-describedby', p.error ? 'login-error' : undefined)}/><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/><div class="actions"><button type="submit">Log in</button><a href="/admin/password/forgot">Forgot your password?</a></div></form></div>`,
    }),
  );
}

export function renderForgotPage(ctx: AdminContext, p: { sent?: boolean }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Forgot your password?',
      children: html`<div class="card narrow"><h1>Forgot your password?</h1>${p.sent ? html`${Message({ kind: 'ok', text: 'If an active account uses that address, we have sent it a link to choose a new password.', hint: 'The link works once, for one hour. No mail after a few minutes? Check the spam folder, or ask an administrator.' })}<p><a href="/admin/login">Back to the login page</a></p>` : html`<form method="post" action="/admin/password/forgot">${CsrfField({ token: ctx.csrfToken })}<p>Give the email address of your account; we will send it a link to choose a new password.</p><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required="" maxlength="320"/><div class="actions"><button type="submit">Send the link</button><a href="/admin/login">Back to the login page</a></div></form>`}</div>`,
    }),
  );
}

export function renderResetPage(ctx: AdminContext, p: { action: string; email: string; purpose: 'reset' | 'invite'; error?: FormError }) {
  const title = p.purpose === 'invite' ? 'Choose your password' : 'Choose a new password';
  return renderPage(
    AdminLayout({
      ctx,
      title,
      children: html`<div class="card narrow"><h1>${title}</h1><p>For <strong>${p.email}</strong>. Use 12 characters or more; a passphrase of a few words is easy to type and hard to guess.${p.purpose === 'reset' ? ' Every device logged in to this account will be logged out.' : ''}</p>${p.error ? Message({ kind: 'error', id: 'reset-error', text: p.error.text, hint: p.error.hint }) : null}<form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}${/* Lets password managers save the new password under the right account. */ null}<input type="hidden" name="username" autocomplete="username" value="${p.email}"/><label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"${optionalAttr('aria-describedby', p.error ? 'reset-error' : undefined)}/><label for="confirm">The same password again</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/><div class="actions"><button type="submit">Set the password</button></div></form></div>`,
    }),
  );
}

/** The second step of a login with two-factor sign-in: the code from the app, or a recovery code. */
export function renderCodePage(ctx: AdminContext, p: { action: string; error?: FormError }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Code from your app',
      children: html`<div class="card narrow"><h1>Code from your app</h1><p>Your password was right. Now type the 6-digit code your authenticator app shows for this site.</p>${p.error ? Message({ kind: 'error', id: 'code-error', text: p.error.text, hint: p.error.hint }) : null}<form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}<label for="code">Code</label><input id="code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40" autofocus=""${optionalAttr('aria-describedby', p.error ? 'code-error' : 'code-help')}/><p class="note" id="code-help">No phone at hand? Type one of your recovery codes instead (each works once).</p><div class="actions"><button type="submit">Log in</button><a href="/admin/login">Start again</a></div></form></div>`,
    }),
  );
}
