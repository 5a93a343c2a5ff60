import { qrSvg } from './qr-code.js';
import { html, optionalAttr, raw } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, When, type AdminContext } from './admin-layout.js';
import { ADMIN_EN } from './admin-messages-en.js';
import type { AdminMessages } from './admin-messages.js';
import type { FormError } from './auth-pages.js';

export type AccountView = {
  email: string;
  name: string;
  role: string;
  interfaceLanguage: string | null;
  pendingEmail: { email: string; expiresAt: string } | null;
  twoFactor: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number; pending: { secret: string; uri: string } | null };
};
export type AccountSessionView = { id: number; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean };

const DONE = ['profile', 'email-sent', 'email-changed', 'password', 'session-ended', 'logged-out-elsewhere', '2fa-cancelled', '2fa-disabled'] as const;
export type AccountNotice = (typeof DONE)[number];
export const isAccountNotice = (s: string | undefined): s is AccountNotice => !!s && (DONE as readonly string[]).includes(s);

// Each language's name in itself: whoever cannot read the current interface still finds their own.
const LANGUAGES: [string, string][] = [
  ['en', 'English'],
  ['ru', 'Русский'],
  ['kk', 'Қазақша'],
];

/** "Firefox on Linux" from a User-Agent header: enough to tell one's own devices apart. */
export function describeAgent(ua: string | null, t: AdminMessages['account'] = ADMIN_EN.account): string {
  if (!ua) return t.unknownBrowser;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl\//.test(ua)
            ? 'curl'
            : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? t.on_(browser, os) : browser;
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? raw(' selected=""') : null}>${label}</option>`;

function twoFactorSection(ctx: AdminContext, p: { account: AccountView; required: boolean }) {
  const t = ctx.t.account;
  const f = p.account.twoFactor;
  const intro = html`<p>${t.twoFactorIntro}</p>`;
  if (f.enabled) {
    return html`<p><strong>${t.on}</strong>${f.enabledAt ? html` ${t.since} ${When({ iso: f.enabledAt, dates: ctx.dates })}` : null}. ${t.codesLeft(f.recoveryCodesLeft)}</p><h3>${t.newCodes}</h3><p>${t.newCodesText}</p><form method="post" action="/admin/account/2fa/recovery-codes">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="renew-password">${t.currentPassword}</label><input id="renew-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div><div><label for="renew-code">${t.appOrRecovery}</label><input id="renew-code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40"/></div></div><div class="actions"><button type="submit" class="secondary">${t.makeCodes}</button></div></form><h3>${t.turnOffTitle}</h3><form method="post" action="/admin/account/2fa/disable">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="off-password">${t.currentPassword}</label><input id="off-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div><div><label for="off-code">${t.appOrRecovery}</label><input id="off-code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40"/></div></div><div class="actions"><button type="submit" class="secondary">${t.turnOff}</button>${p.required ? html`<span class="note">${t.requiredAgain}</span>` : null}</div></form>`;
  }
  if (f.pending) {
    return html`${intro}<ol><li>${t.step1} <code class="secret" id="totp-secret">${f.pending.secret}</code> ${t.step1b} <code class="secret" id="totp-uri">${f.pending.uri}</code> ${t.qrIntro}<div class="qr-box">${qrSvg(f.pending.uri, t.qrLabel)}</div></li><li>${t.step2}</li></ol><form method="post" action="/admin/account/2fa/confirm">${CsrfField({ token: ctx.csrfToken })}<label for="confirm-code">${t.appCode}</label><input id="confirm-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required="" maxlength="7"/><div class="actions"><button type="submit">${t.turnOn}</button></div></form><form method="post" action="/admin/account/2fa/cancel">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit" class="secondary">${t.cancelSetup}</button></div></form>`;
  }
  return html`${intro}<p>${t.off}</p><form method="post" action="/admin/account/2fa/start">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">${t.setUp}</button></div></form>`;
}

/** Your own account: name and interface language, address, password, two-factor sign-in, and where you are logged in. */
export function renderAccountPage(
  ctx: AdminContext,
  p: {
    account: AccountView;
    sessions: AccountSessionView[];
    notice?: AccountNotice;
    error?: FormError;
    /** This newsroom requires two-factor sign-in for the role; `mustEnrol`: and this account does not use it yet. */
    required: boolean;
    mustEnrol: boolean;
  },
) {
  const t = ctx.t.account;
  const a = p.account;
  const others = p.sessions.filter((s) => !s.current).length;
  const agent = (s: AccountSessionView) => describeAgent(s.userAgent, t);
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'account',
      children: html`<h1>${t.title}</h1>${p.mustEnrol ? Message({ kind: 'error', id: 'enrol-required', text: t.mustEnrol, hint: t.mustEnrolHint }) : null}${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'account-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<section class="card" aria-labelledby="profile"><h2 id="profile">${t.profile}</h2><form method="post" action="/admin/account/profile">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="name">${t.name}</label><input id="name" name="name" type="text" autocomplete="name" required="" maxlength="200" value="${a.name}"/></div><div><label for="language">${t.language}</label><select id="language" name="interfaceLanguage">${option('', t.asBrowser, !a.interfaceLanguage)}${LANGUAGES.map(([v, l]) => option(v, l, a.interfaceLanguage === v))}</select></div></div><div class="actions"><button type="submit">${t.save}</button><span class="note">${t.role(ctx.t.roles[a.role] ?? a.role)}</span></div></form></section><section class="card" aria-labelledby="email-h"><h2 id="email-h">${t.email}</h2><p>${t.logInWith} <strong>${a.email}</strong>.${a.pendingEmail ? html` ${t.linkSent(a.pendingEmail.email)} ${When({ iso: a.pendingEmail.expiresAt, dates: ctx.dates })}.` : null}</p><form method="post" action="/admin/account/email">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="new-email">${t.newAddress}</label><input id="new-email" name="email" type="email" autocomplete="email" required="" maxlength="320"/></div><div><label for="email-password">${t.currentPassword}</label><input id="email-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div></div><div class="actions"><button type="submit">${t.sendLink}</button><span class="note">${t.emailNote}</span></div></form></section><section class="card" aria-labelledby="password-h"><h2 id="password-h">${t.password}</h2><form method="post" action="/admin/account/password">${CsrfField({ token: ctx.csrfToken })}<input type="hidden" name="username" autocomplete="username" value="${a.email}"/><label for="current-password">${t.currentPassword}</label><input id="current-password" name="current" type="password" autocomplete="current-password" required="" maxlength="1024"/><div class="grid"><div><label for="new-password">${t.newPassword}</label><input id="new-password" name="password" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/></div><div><label for="confirm-password">${t.again}</label><input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/></div></div><div class="actions"><button type="submit">${t.change}</button><span class="note">${t.passwordNote}</span></div></form></section><section class="card" aria-labelledby="two-factor"><h2 id="two-factor">${t.twoFactor}</h2>${twoFactorSection(ctx, p)}</section><section class="card" aria-labelledby="sessions-h"><h2 id="sessions-h">${t.sessions}</h2><div class="table-scroll"><table><caption class="visually-hidden">${t.sessionsCaption}</caption><thead><tr><th scope="col">${t.device}</th><th scope="col">${t.address}</th><th scope="col">${t.loggedIn}</th><th scope="col">${t.lastActive}</th><th scope="col"><span class="visually-hidden">${t.action}</span></th></tr></thead><tbody>${p.sessions.map((s) => html`<tr><td><span${optionalAttr('title', s.userAgent ?? undefined)}>${agent(s)}</span>${s.current ? t.thisOne : ''}</td><td>${s.ip ?? '—'}</td><td>${When({ iso: s.createdAt, dates: ctx.dates })}</td><td>${When({ iso: s.lastSeenAt, dates: ctx.dates })}</td><td><form method="post" action="/admin/account/sessions/${String(s.id)}/end">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary" aria-label="${s.current ? t.logOutHere : t.endSession(agent(s), ctx.dates.dateTime(s.createdAt))}">${s.current ? t.logOut : t.end}</button></form></td></tr>`)}</tbody></table></div>${others ? html`<form method="post" action="/admin/account/sessions/others/end">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">${t.logOutElsewhere}</button><span class="note">${t.endsOthers(others)}</span></div></form>` : html`<p class="note">${t.onlyHere}</p>`}</section>`,
    }),
  );
}

/** Shown once, right after two-factor sign-in is turned on: the recovery codes. */
export function renderRecoveryCodesPage(ctx: AdminContext, p: { codes: string[]; renewed?: boolean }) {
  const t = ctx.t.account;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.codesTitle,
      current: 'account',
      children: html`<div class="card narrow"><h1>${t.codesTitle}</h1>${Message({ kind: 'ok', text: p.renewed ? t.codesRenewed : t.codesOn })}<p>${t.codesIntro} <strong>${t.codesOnce}</strong>.</p><ul class="codes" aria-label="${t.codesLabel}">${p.codes.map((c) => html`<li><code>${c}</code></li>`)}</ul><p><a href="/admin/account">${t.backToAccount}</a></p></div>`,
    }),
  );
}

/** An email-change link opened: what it will do, and the button that does it (a link alone changes nothing). */
export function renderConfirmEmailPage(ctx: AdminContext, p: { action: string; email: string; newEmail: string }) {
  const t = ctx.t.account;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.confirmTitle,
      children: html`<div class="card narrow"><h1>${t.confirmTitle}</h1><p>${t.confirmAccount} <strong>${p.email}</strong> ${t.confirmWill} <strong>${p.newEmail}</strong> ${t.confirmFromNow}</p><form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">${t.use(p.newEmail)}</button></div></form></div>`,
    }),
  );
}
