import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can } from '../../content/policy.js';
import { AppError, isAppError, notFound } from '../../errors.js';
import type { Mailer } from '../../services/mail.js';
import { isLoginNotice, renderCodePage, renderForgotPage, renderLoginPage, renderResetPage, type FormError } from '../../render/admin/auth-pages.js';
import { renderDashboardPage } from '../../render/admin/dashboard-page.js';
import { isUsersNotice, renderUsersPage } from '../../render/admin/users-page.js';
import type { SiteContext } from '../../content/site-context.js';
import { actorOf, beginLogin, completeLogin, logout, logoutEverywhere, sessionFromToken, whoIsLoggedIn, type Session } from '../../services/sessions.js';
import { isTwoFactorRequired, mustEnrol, setTwoFactorRequired, twoFactorRequired } from '../../services/two-factor.js';
import type { Deps } from '../../services/deps.js';
import { dashboard } from '../../services/desk-dashboard.js';
import { userPrincipal } from '../../content/principal.js';
import { checkPasswordLink, confirmPasswordReset, requestPasswordReset, type MailDeps } from '../../services/password-reset.js';
import { changeRole, deactivateUser, inviteUser, listAccounts, reactivateUser } from '../../services/accounts.js';
import { bodyLimit } from '../body.js';
import { clientIp } from '../client-ip.js';
import { mediaUploadLimit } from '../media-upload.js';
import {
  clearChallengeCookie,
  clearSessionCookie,
  formToken,
  readChallengeCookie,
  readSessionCookie,
  setChallengeCookie,
  setSessionCookie,
} from './cookies.js';
import { accountRoutes, OPEN_WHILE_ENROLLING } from './account-routes.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { deskRoutes } from './desk-routes.js';
import { frontPageAdminRoutes } from './front-page-routes.js';
import { contributorAdminRoutes } from './contributor-routes.js';
import { pageAdminRoutes } from './page-routes.js';
import { partnerAdminRoutes } from './partner-routes.js';
import { wireAdminRoutes } from './wire-routes.js';
import type { MachineTranslator } from '../../services/wire.js';
import { sectionAdminRoutes } from './section-routes.js';
import { settingsAdminRoutes } from './settings-routes.js';
import { tagAdminRoutes } from './tag-routes.js';
import { editorRoutes } from './editor-routes.js';
import { previewAdminRoutes } from './preview-routes.js';
import { compareRoutes } from './compare-routes.js';
import { assertFormCsrf, assertSessionCsrf } from './csrf.js';
import { formFields, mustHaveSession, safeNext, toLogin, wantsJson } from './guard.js';
import { isMediaUploadForm, mediaAdminRoutes } from './media-routes.js';
import type { MediaOptions } from '../../services/media.js';

export type AdminOptions = { mailer: Mailer; trustProxy: boolean; media: MediaOptions; translator?: MachineTranslator | null };

// Forms are small; anything larger is refused before it is read.
const MAX_FORM_BYTES = 64 * 1024;

export { safeNext };

/**
 * The newsroom's admin (mounted at /admin): login, logout, password reset, the dashboard and the users page.
 * Every state-changing request needs a CSRF token: the session's, or before login the form cookie's.
 */
export function adminRoutes(deps: Deps, site: SiteContext, opts: AdminOptions) {
  const app = new Hono();
  const secure = site.siteUrl.startsWith('https:');
  const mailDeps: MailDeps = {
    ...deps,
    mailer: opts.mailer,
    siteUrl: site.siteUrl,
    // Read when a message is written: the settings may have renamed the publication since.
    get siteName() {
      return site.siteName;
    },
  };
  const ip = (c: Context) => clientIp(c, opts.trustProxy);

  const formLimit = bodyLimit(
    MAX_FORM_BYTES,
    () => new AppError('PAYLOAD_TOO_LARGE', 'What was sent is too large for a form.', { hint: 'Shorten the text and send it again.' }),
  );
  // The media library's upload form takes MEDIA_MAX_MB instead. Both come before the session and the CSRF check,
  // which reads the form's `_csrf` field: no body is read past its limit, logged in or not.
  const uploadLimit = mediaUploadLimit(opts.media.maxBytes);
  app.use('*', (c, next) => (isMediaUploadForm(c) ? uploadLimit(c, next) : formLimit(c, next)));

  app.use('*', async (c, next) => {
    c.set('adminSiteName', site.siteName);
    c.set('adminTimeZone', site.timeZone);
    const cookie = readSessionCookie(c);
    const session = cookie ? await sessionFromToken(deps, cookie) : null;
    c.set('adminSession', session);
    if (cookie && !session) clearSessionCookie(c, secure);
    await next();
  });

  // An editor or admin without two-factor sign-in, where an admin requires it: to the account page until it is on.
  app.use('*', async (c, next) => {
    const session = c.get('adminSession');
    if (session && !OPEN_WHILE_ENROLLING.test(c.req.path) && (await mustEnrol(deps, session.user))) {
      if (c.req.method === 'GET' && !wantsJson(c)) return c.redirect('/admin/account#two-factor', 303);
      throw twoFactorRequired();
    }
    await next();
  });

  // ---- logging in and out ----

  const loginPage = (c: Context, p: { email?: string; error?: FormError }, status: ContentfulStatusCode = 200) => {
    const next = c.req.query('next');
    const notice = c.req.query('done');
    const html = renderLoginPage(adminContext(c, formToken(c, secure)), {
      ...p,
      ...(next ? { next: safeNext(next) } : {}),
      ...(isLoginNotice(notice) && !p.error ? { notice } : {}),
    });
    return c.html(html, status);
  };

  app.get('/login', (c) => (c.get('adminSession') ? c.redirect(safeNext(c.req.query('next')), 303) : loginPage(c, {})));

  app.post('/login', async (c) => {
    await assertFormCsrf(c);
    const f = await formFields(c);
    try {
      const step = await beginLogin(deps, { email: f('email'), password: f('password'), ip: ip(c), userAgent: c.req.header('user-agent') ?? null });
      if (step.kind === 'code') {
        setChallengeCookie(c, step.challengeToken, secure);
        const next = c.req.query('next');
        return c.redirect(`/admin/login/code${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`, 303);
      }
      await startSession(c, step.token);
      return c.redirect(safeNext(c.req.query('next')), 303);
    } catch (e) {
      if (!isAppError(e) || !['LOGIN_FAILED', 'RATE_LIMITED', 'ACCOUNT_INACTIVE'].includes(e.code) || wantsJson(c)) throw e;
      const retry = e.details?.['retryAfterSeconds'];
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      return loginPage(c, { email: f('email'), error: formErrorOf(adminContext(c), e) }, e.status);
    }
  });

  /** A login that passed: any session this browser had ends, and the new one's cookie is set. */
  const startSession = async (c: Context, token: string) => {
    const previous = c.get('adminSession');
    if (previous) await logout(deps, previous);
    setSessionCookie(c, token, secure);
  };

  // The second step, for accounts with two-factor sign-in: the challenge cookie is not a session, only this form's key.
  const codePage = (c: Context, error?: FormError, status: ContentfulStatusCode = 200) => {
    const next = c.req.query('next');
    const action = `/admin/login/code${next ? `?next=${encodeURIComponent(safeNext(next))}` : ''}`;
    return c.html(renderCodePage(adminContext(c, formToken(c, secure)), { action, ...(error ? { error } : {}) }), status);
  };

  app.get('/login/code', (c) => (readChallengeCookie(c) ? codePage(c) : c.redirect('/admin/login', 303)));

  app.post('/login/code', async (c) => {
    await assertFormCsrf(c);
    const f = await formFields(c);
    try {
      const { token } = await completeLogin(deps, {
        challengeToken: readChallengeCookie(c),
        code: f('code'),
        ip: ip(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      clearChallengeCookie(c, secure);
      await startSession(c, token);
      return c.redirect(safeNext(c.req.query('next')), 303);
    } catch (e) {
      if (!isAppError(e) || wantsJson(c)) throw e;
      if (e.code === 'TOKEN_INVALID') {
        clearChallengeCookie(c, secure);
        return loginPage(c, { error: formErrorOf(adminContext(c), e) }, e.status);
      }
      if (!['CODE_INVALID', 'RATE_LIMITED'].includes(e.code)) throw e;
      const retry = e.details?.['retryAfterSeconds'];
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      return codePage(c, formErrorOf(adminContext(c), e), e.status);
    }
  });

  app.post('/logout', async (c) => {
    const session = c.get('adminSession');
    if (session) {
      await assertSessionCsrf(c, session);
      await logout(deps, session);
    }
    clearSessionCookie(c, secure);
    return c.redirect('/admin/login?done=logged-out', 303);
  });

  app.post('/logout-everywhere', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    await logoutEverywhere(deps, session);
    clearSessionCookie(c, secure);
    return c.redirect('/admin/login?done=logged-out-everywhere', 303);
  });

  // ---- forgotten passwords and invitations ----

  app.get('/password/forgot', (c) => c.html(renderForgotPage(adminContext(c, formToken(c, secure)), {})));

  app.post('/password/forgot', async (c) => {
    await assertFormCsrf(c);
    const f = await formFields(c);
    await requestPasswordReset(mailDeps, { email: f('email'), ip: ip(c) });
    // The same answer whether or not the address has an account.
    return c.html(renderForgotPage(adminContext(c), { sent: true }));
  });

  const resetPath = '/password/reset/:token{[A-Za-z0-9_-]{1,100}}';

  app.get(resetPath, async (c) => {
    const link = await checkPasswordLink(deps, c.req.param('token'));
    return c.html(renderResetPage(adminContext(c, formToken(c, secure)), { action: c.req.path, email: link.email, purpose: link.purpose }));
  });

  app.post(resetPath, async (c) => {
    await assertFormCsrf(c);
    const token = c.req.param('token');
    const link = await checkPasswordLink(deps, token);
    const f = await formFields(c);
    const again = (error: FormError, status: 422) =>
      c.html(renderResetPage(adminContext(c, formToken(c, secure)), { action: c.req.path, email: link.email, purpose: link.purpose, error }), status);
    if (f('password') !== f('confirm'))
      return again({ text: 'The two passwords are not the same.', hint: 'Type the new password twice, exactly the same.' }, 422);
    try {
      await confirmPasswordReset(deps, { token, password: f('password'), ip: ip(c) });
    } catch (e) {
      if (isAppError(e) && e.code === 'VALIDATION_FAILED' && !wantsJson(c)) return again(formErrorOf(adminContext(c), e), 422);
      throw e;
    }
    clearSessionCookie(c, secure);
    return c.redirect('/admin/login?done=password-set', 303);
  });

  // ---- pages for the logged in ----

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const actor = actorOf(session.user);
    const [sessions, desk] = await Promise.all([can(actor, 'user.view-sessions') ? whoIsLoggedIn(deps, actor) : null, dashboard(deps, userPrincipal(actor))]);
    return c.html(renderDashboardPage(adminContext(c), { sessions, currentSessionId: session.id, desk }));
  });

  const usersPage = async (
    c: Context,
    session: Session,
    extra: { error?: FormError; invite?: { email: string; name: string; role: string } } = {},
    status: ContentfulStatusCode = 200,
  ) => {
    const [users, require2fa] = await Promise.all([listAccounts(deps, actorOf(session.user)), isTwoFactorRequired(deps)]);
    const done = c.req.query('done');
    const html = renderUsersPage(adminContext(c), {
      users: users.map((u) => ({ ...u, isYou: u.id === session.user.id })),
      require2fa,
      ...(isUsersNotice(done) && !extra.error ? { notice: done } : {}),
      ...extra,
    });
    return c.html(html, status);
  };

  app.get('/users', async (c) => {
    const session = c.get('adminSession');
    return session ? usersPage(c, session) : toLogin(c);
  });

  /** A users-page form: errors a person can fix are shown above the forms; the rest go to the error page. */
  const userAction = (path: string, run: (c: Context, session: Session, f: (name: string) => string) => Promise<string>) =>
    app.post(path, async (c) => {
      const session = mustHaveSession(c);
      await assertSessionCsrf(c, session);
      const f = await formFields(c);
      try {
        return c.redirect(`/admin/users?done=${await run(c, session, f)}`, 303);
      } catch (e) {
        if (!isAppError(e) || !['VALIDATION_FAILED', 'DUPLICATE', 'CONFLICT', 'NOT_FOUND', 'MAIL_FAILED'].includes(e.code) || wantsJson(c)) throw e;
        const invite = path.endsWith('invite') && e.code !== 'MAIL_FAILED' ? { invite: { email: f('email'), name: f('name'), role: f('role') } } : {};
        return usersPage(c, session, { error: formErrorOf(adminContext(c), e), ...invite }, e.status);
      }
    });

  const userId = (c: Context) => Number(c.req.param('id'));

  userAction('/users/invite', async (_c, s, f) => {
    await inviteUser(mailDeps, actorOf(s.user), { email: f('email'), name: f('name'), role: f('role') });
    return 'invited';
  });
  userAction('/users/:id{[0-9]{1,12}}/role', async (c, s, f) => {
    await changeRole(deps, actorOf(s.user), userId(c), f('role'));
    return 'role-changed';
  });
  userAction('/users/:id{[0-9]{1,12}}/deactivate', async (c, s) => {
    await deactivateUser(deps, actorOf(s.user), userId(c));
    return 'deactivated';
  });
  userAction('/users/:id{[0-9]{1,12}}/reactivate', async (c, s) => {
    await reactivateUser(deps, actorOf(s.user), userId(c));
    return 'reactivated';
  });
  userAction('/users/require-2fa', async (_c, s, f) => {
    const on = f('require') === 'on';
    await setTwoFactorRequired(deps, actorOf(s.user), on);
    return on ? 'require-2fa-on' : 'require-2fa-off';
  });

  app.route('/account', accountRoutes(deps, site, { mailDeps, trustProxy: opts.trustProxy, secure }));

  app.route('/', editorRoutes(deps, site));

  app.route('/', previewAdminRoutes(deps, site));

  app.route('/', compareRoutes(deps, site));

  app.route('/', deskRoutes(deps, site));

  app.route('/media', mediaAdminRoutes(deps, site, opts.media));

  app.route('/front-pages', frontPageAdminRoutes(deps, site));

  app.route('/sections', sectionAdminRoutes(deps, site));

  app.route('/tags', tagAdminRoutes(deps, site));

  app.route('/contributors', contributorAdminRoutes(deps, site));
  app.route('/settings', settingsAdminRoutes(deps, site, opts.media));
  app.route('/pages', pageAdminRoutes(deps, site));

  app.route('/partners', partnerAdminRoutes(deps, site));
  app.route('/wire', wireAdminRoutes(deps, site, opts.translator ?? null));

  app.all('*', (c) => {
    if (c.req.path === '/admin/' && c.req.method === 'GET') return c.redirect('/admin', 301);
    throw notFound('This admin page', 'Start again from the dashboard at /admin.');
  });

  return app;
}
