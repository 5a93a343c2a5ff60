import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SiteContext } from '../../content/site-context.js';
import { isAppError } from '../../errors.js';
import { isAccountNotice, renderAccountPage, renderConfirmEmailPage, renderRecoveryCodesPage } from '../../render/admin/account-page.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import type { Deps } from '../../services/deps.js';
import {
  changeOwnPassword,
  checkEmailLink,
  confirmEmailChange,
  endOtherSessions,
  endOwnSession,
  listOwnSessions,
  readOwnAccount,
  requestEmailChange,
  updateOwnProfile,
} from '../../services/own-account.js';
import type { MailDeps } from '../../services/password-reset.js';
import type { Session } from '../../services/sessions.js';
import {
  cancelTotpEnrolment,
  confirmTotpEnrolment,
  disableTwoFactor,
  isTwoFactorRequired,
  renewRecoveryCodes,
  ROLES_REQUIRING_2FA,
  startTotpEnrolment,
} from '../../services/two-factor.js';
import { clientIp } from '../client-ip.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { clearSessionCookie, formToken } from './cookies.js';
import { assertFormCsrf, assertSessionCsrf } from './csrf.js';
import { formFields, mustHaveSession, toLogin, wantsJson } from './guard.js';

// Errors a person can fix on the page itself: shown above the forms, with what they typed kept where it is safe.
const FORM_ERRORS = ['VALIDATION_FAILED', 'DUPLICATE', 'CONFLICT', 'NOT_FOUND', 'MAIL_FAILED', 'CURRENT_PASSWORD_WRONG', 'CODE_INVALID', 'RATE_LIMITED'];

/** /admin/account: your own account (name, language, address, password, two-factor sign-in, sessions). */
export function accountRoutes(deps: Deps, site: SiteContext, opts: { mailDeps: MailDeps; trustProxy: boolean; secure: boolean }) {
  const app = new Hono();
  // The name authenticator apps show beside the code: the publication's, as the settings have it now.
  const issuer = () => site.siteName;

  const page = async (c: Context, session: Session, extra: { error?: FormError } = {}, status: ContentfulStatusCode = 200) => {
    const [account, sessions, required] = await Promise.all([
      readOwnAccount(deps, session, issuer()),
      listOwnSessions(deps, session),
      ROLES_REQUIRING_2FA.includes(session.user.role) ? isTwoFactorRequired(deps) : false,
    ]);
    const done = c.req.query('done');
    const html = renderAccountPage(adminContext(c), {
      account,
      sessions,
      required,
      mustEnrol: required && !account.twoFactor.enabled,
      ...(isAccountNotice(done) && !extra.error ? { notice: done } : {}),
      ...extra,
    });
    return c.html(html, status);
  };

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? page(c, session) : toLogin(c);
  });

  /** A form of the account page: success redirects (with a notice, or elsewhere); fixable errors re-show the page. */
  const action = (path: string, run: (c: Context, session: Session, f: (name: string) => string) => Promise<string | Response>) =>
    app.post(path, async (c) => {
      const session = mustHaveSession(c);
      await assertSessionCsrf(c, session);
      const f = await formFields(c);
      try {
        const r = await run(c, session, f);
        return typeof r === 'string' ? c.redirect(r.startsWith('/') ? r : `/admin/account?done=${r}`, 303) : r;
      } catch (e) {
        if (!isAppError(e) || !FORM_ERRORS.includes(e.code) || wantsJson(c)) throw e;
        const retry = e.details?.['retryAfterSeconds'];
        if (typeof retry === 'number') c.header('Retry-After', String(retry));
        return page(c, session, { error: formErrorOf(adminContext(c), e) }, e.status);
      }
    });

  action('/profile', async (_c, s, f) => {
    await updateOwnProfile(deps, s, { name: f('name'), interfaceLanguage: f('interfaceLanguage') || null });
    return 'profile';
  });

  action('/email', async (_c, s, f) => {
    await requestEmailChange(opts.mailDeps, s, { email: f('email'), password: f('password') });
    return 'email-sent';
  });

  action('/password', async (_c, s, f) => {
    if (f('password') !== f('confirm')) {
      return page(_c, s, { error: { text: 'The two new passwords are not the same.', hint: 'Type the new password twice, exactly the same.' } }, 422);
    }
    await changeOwnPassword(deps, s, { currentPassword: f('current'), newPassword: f('password') });
    return 'password';
  });

  action('/sessions/others/end', async (_c, s) => {
    await endOtherSessions(deps, s);
    return 'logged-out-elsewhere';
  });

  action('/sessions/:id{[0-9]{1,12}}/end', async (c, s) => {
    const { current } = await endOwnSession(deps, s, Number(c.req.param('id')));
    if (!current) return 'session-ended';
    clearSessionCookie(c, opts.secure);
    return '/admin/login?done=logged-out';
  });

  action('/2fa/start', async (_c, s) => {
    await startTotpEnrolment(deps, s, issuer());
    return '/admin/account#two-factor';
  });

  action('/2fa/cancel', async (_c, s) => {
    await cancelTotpEnrolment(deps, s);
    return '2fa-cancelled';
  });

  action('/2fa/confirm', async (c, s, f) => {
    const { recoveryCodes } = await confirmTotpEnrolment(deps, s, f('code'));
    // Shown in this answer only: a reload or the back button must not bring them back, and nothing stores them.
    return c.html(renderRecoveryCodesPage(adminContext(c), { codes: recoveryCodes }));
  });

  action('/2fa/recovery-codes', async (c, s, f) => {
    const { recoveryCodes } = await renewRecoveryCodes(deps, s, { password: f('password'), code: f('code') });
    return c.html(renderRecoveryCodesPage(adminContext(c), { codes: recoveryCodes, renewed: true }));
  });

  action('/2fa/disable', async (_c, s, f) => {
    await disableTwoFactor(deps, s, { password: f('password'), code: f('code') });
    return '2fa-disabled';
  });

  // ---- the link mailed to a new address: works logged in or not, in any browser ----

  const emailPath = '/email/:token{[A-Za-z0-9_-]{1,100}}';

  app.get(emailPath, async (c) => {
    const link = await checkEmailLink(deps, c.req.param('token'));
    return c.html(renderConfirmEmailPage(adminContext(c, formToken(c, opts.secure)), { action: c.req.path, ...link }));
  });

  app.post(emailPath, async (c) => {
    await assertFormCsrf(c);
    const { userId } = await confirmEmailChange(opts.mailDeps, { token: c.req.param('token'), ip: clientIp(c, opts.trustProxy) });
    const session = c.get('adminSession');
    return c.redirect(session?.user.id === userId ? '/admin/account?done=email-changed' : '/admin/login?done=email-changed', 303);
  });

  return app;
}

/** Paths a user who must set up two-factor sign-in may still reach: their account page, and the ways out. */
export const OPEN_WHILE_ENROLLING = /^\/admin\/(account(\/.*)?|logout|logout-everywhere|login(\/.*)?|password\/.*)$/;
