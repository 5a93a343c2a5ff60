import { html, optionalAttr, raw } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, ShortWhen, type AdminContext } from './admin-layout.js';
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

const DONE = {
  profile: 'Saved.',
  'email-sent': 'We have sent a link to the new address. Your address changes when you open it (within 24 hours).',
  'email-changed': 'Your address is changed. Log in with the new one from now on.',
  password: 'Your password is changed. Every other device logged in to this account is logged out.',
  'session-ended': 'That session is ended.',
  'logged-out-elsewhere': 'You are logged out on every other device.',
  '2fa-cancelled': 'Set-up cancelled.',
  '2fa-disabled': 'Two-factor sign-in is off. Logging in needs only your password now.',
} as const;
export type AccountNotice = keyof typeof DONE;
export const isAccountNotice = (s: string | undefined): s is AccountNotice => !!s && s in DONE;

const LANGUAGES: [string, string][] = [
  ['', 'As my browser asks'],
  ['en', 'English'],
  ['ru', 'Русский'],
  ['kk', 'Қазақша'],
];

/** "Firefox on Linux" from a User-Agent header: enough to tell one's own devices apart. */
export function describeAgent(ua: string | null): string {
  if (!ua) return 'Unknown browser';
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
  return os ? `${browser} on ${os}` : browser;
}

const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? raw(' selected=""') : null}>${label}</option>`;

function twoFactorSection(ctx: AdminContext, p: { account: AccountView; timeZone: string; required: boolean }) {
  const t = p.account.twoFactor;
  const intro = html`<p>With two-factor sign-in, logging in asks for a 6-digit code from an authenticator app on your phone (any app that speaks TOTP: Aegis, Google Authenticator, 1Password, Microsoft Authenticator…) after your password: a stolen password alone opens nothing.</p>`;
  if (t.enabled) {
    return html`<p><strong>On</strong>${t.enabledAt ? html` since ${ShortWhen({ iso: t.enabledAt, timeZone: p.timeZone })}` : null}. ${String(t.recoveryCodesLeft)} of 10 recovery codes unused.</p><h3>New recovery codes</h3><p>Ten new codes replace the old ones, used or not.</p><form method="post" action="/admin/account/2fa/recovery-codes">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="renew-password">Current password</label><input id="renew-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div><div><label for="renew-code">Code from the app, or a recovery code</label><input id="renew-code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40"/></div></div><div class="actions"><button type="submit" class="secondary">Make new recovery codes</button></div></form><h3>Turn it off</h3><form method="post" action="/admin/account/2fa/disable">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="off-password">Current password</label><input id="off-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div><div><label for="off-code">Code from the app, or a recovery code</label><input id="off-code" name="code" type="text" autocomplete="one-time-code" required="" maxlength="40"/></div></div><div class="actions"><button type="submit" class="secondary">Turn two-factor sign-in off</button>${p.required ? html`<span class="note">This newsroom requires it for your role: you will be asked to set it up again.</span>` : null}</div></form>`;
  }
  if (t.pending) {
    return html`${intro}<ol><li>In your authenticator app, add an account and type this key: <code class="secret" id="totp-secret">${t.pending.secret}</code> (time-based, 6 digits, 30 seconds). Or, if the app takes an address, give it: <code class="secret" id="totp-uri">${t.pending.uri}</code></li><li>Type the 6-digit code the app shows now.</li></ol><form method="post" action="/admin/account/2fa/confirm">${CsrfField({ token: ctx.csrfToken })}<label for="confirm-code">Code from the app</label><input id="confirm-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required="" maxlength="7"/><div class="actions"><button type="submit">Turn on two-factor sign-in</button></div></form><form method="post" action="/admin/account/2fa/cancel">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit" class="secondary">Cancel the set-up</button></div></form>`;
  }
  return html`${intro}<p>Off.</p><form method="post" action="/admin/account/2fa/start">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">Set up two-factor sign-in</button></div></form>`;
}

/** Your own account: name and language, address, password, two-factor sign-in, and where you are logged in. */
export function renderAccountPage(
  ctx: AdminContext,
  p: {
    account: AccountView;
    sessions: AccountSessionView[];
    timeZone: string;
    notice?: AccountNotice;
    error?: FormError;
    /** This newsroom requires two-factor sign-in for the role; `mustEnrol`: and this account does not use it yet. */
    required: boolean;
    mustEnrol: boolean;
  },
) {
  const a = p.account;
  const others = p.sessions.filter((s) => !s.current).length;
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Your account',
      current: 'account',
      children: html`<h1>Your account</h1>${p.mustEnrol ? Message({ kind: 'error', id: 'enrol-required', text: 'This newsroom requires two-factor sign-in for your role.', hint: 'Set it up below to go on working in the admin.' }) : null}${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'account-error', text: p.error.text, hint: p.error.hint }) : null}<section class="card" aria-labelledby="profile"><h2 id="profile">Name and language</h2><form method="post" action="/admin/account/profile">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="name">Name</label><input id="name" name="name" type="text" autocomplete="name" required="" maxlength="200" value="${a.name}"/></div><div><label for="language">Language of the admin</label><select id="language" name="interfaceLanguage">${LANGUAGES.map(([v, l]) => option(v, l, (a.interfaceLanguage ?? '') === v))}</select></div></div><div class="actions"><button type="submit">Save</button><span class="note">Role: ${a.role}.</span></div></form></section><section class="card" aria-labelledby="email-h"><h2 id="email-h">Email address</h2><p>You log in with <strong>${a.email}</strong>.${a.pendingEmail ? html` A link to confirm <strong>${a.pendingEmail.email}</strong> was sent; it works until ${ShortWhen({ iso: a.pendingEmail.expiresAt, timeZone: p.timeZone })}.` : null}</p><form method="post" action="/admin/account/email">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="new-email">New address</label><input id="new-email" name="email" type="email" autocomplete="email" required="" maxlength="320"/></div><div><label for="email-password">Current password</label><input id="email-password" name="password" type="password" autocomplete="current-password" required="" maxlength="1024"/></div></div><div class="actions"><button type="submit">Send a confirmation link</button><span class="note">The address changes when you open the link we send to it; the old address is told.</span></div></form></section><section class="card" aria-labelledby="password-h"><h2 id="password-h">Password</h2><form method="post" action="/admin/account/password">${CsrfField({ token: ctx.csrfToken })}<input type="hidden" name="username" autocomplete="username" value="${a.email}"/><label for="current-password">Current password</label><input id="current-password" name="current" type="password" autocomplete="current-password" required="" maxlength="1024"/><div class="grid"><div><label for="new-password">New password</label><input id="new-password" name="password" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/></div><div><label for="confirm-password">The same password again</label><input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required="" minlength="12" maxlength="1000"/></div></div><div class="actions"><button type="submit">Change the password</button><span class="note">12 characters or more. Every other device logged in to this account is logged out; this one stays.</span></div></form></section><section class="card" aria-labelledby="two-factor"><h2 id="two-factor">Two-factor sign-in</h2>${twoFactorSection(ctx, p)}</section><section class="card" aria-labelledby="sessions-h"><h2 id="sessions-h">Where you are logged in</h2><div class="table-scroll"><table><caption class="visually-hidden">Your sessions, most recently used first</caption><thead><tr><th scope="col">Device</th><th scope="col">Address</th><th scope="col">Logged in</th><th scope="col">Last active</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>${p.sessions.map((s) => html`<tr><td><span${optionalAttr('title', s.userAgent ?? undefined)}>${describeAgent(s.userAgent)}</span>${s.current ? ' (this one)' : ''}</td><td>${s.ip ?? '—'}</td><td>${ShortWhen({ iso: s.createdAt, timeZone: p.timeZone })}</td><td>${ShortWhen({ iso: s.lastSeenAt, timeZone: p.timeZone })}</td><td><form method="post" action="/admin/account/sessions/${String(s.id)}/end">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary" aria-label="${s.current ? 'Log out here' : `End the session of ${describeAgent(s.userAgent)} logged in ${s.createdAt.slice(0, 16).replace('T', ' ')} UTC`}">${s.current ? 'Log out' : 'End'}</button></form></td></tr>`)}</tbody></table></div>${others ? html`<form method="post" action="/admin/account/sessions/others/end">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">Log out everywhere else</button><span class="note">Ends ${String(others)} other session${others === 1 ? '' : 's'}; this one stays.</span></div></form>` : html`<p class="note">You are logged in on this device only.</p>`}</section>`,
    }),
  );
}

/** Shown once, right after two-factor sign-in is turned on: the recovery codes. */
export function renderRecoveryCodesPage(ctx: AdminContext, p: { codes: string[]; renewed?: boolean }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Your recovery codes',
      current: 'account',
      children: html`<div class="card narrow"><h1>Your recovery codes</h1>${Message({ kind: 'ok', text: p.renewed ? 'New recovery codes are made; the old ones no longer work.' : 'Two-factor sign-in is on. From your next login, a code from the app is asked after your password.' })}<p>Without your phone, each of these codes logs you in once instead of a code from the app. Write them down or keep them in a password manager now: <strong>they are shown only this once</strong>.</p><ul class="codes" aria-label="Recovery codes">${p.codes.map((c) => html`<li><code>${c}</code></li>`)}</ul><p><a href="/admin/account">Back to your account</a></p></div>`,
    }),
  );
}

/** An email-change link opened: what it will do, and the button that does it (a link alone changes nothing). */
export function renderConfirmEmailPage(ctx: AdminContext, p: { action: string; email: string; newEmail: string }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Confirm your new address',
      children: html`<div class="card narrow"><h1>Confirm your new address</h1><p>The account <strong>${p.email}</strong> will log in with <strong>${p.newEmail}</strong> from now on.</p><form method="post" action="${p.action}">${CsrfField({ token: ctx.csrfToken })}<div class="actions"><button type="submit">Use ${p.newEmail}</button></div></form></div>`,
    }),
  );
}
