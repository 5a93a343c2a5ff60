import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../../errors.js';
import { authenticateApiKey } from '../../../services/api-keys.js';
import { sessionFromToken, sessionPrincipal, type Session } from '../../../services/sessions.js';
import { mustEnrol, twoFactorRequired } from '../../../services/two-factor.js';
import type { Deps } from '../../../services/deps.js';
import type { Principal } from '../../../content/principal.js';
import { readSessionCookie } from '../../admin/cookies.js';
import { assertSessionCsrfHeader } from '../../admin/csrf.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is calling the Admin API (set by `apiAuth` on every request it lets through). */
    apiPrincipal: Principal;
    /** The admin session behind the request, when it is one (unset for an API key): `/me` acts on its account. */
    apiSession: Session;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const unauthenticated = (message: string) =>
  new AppError('UNAUTHENTICATED', message, {
    hint: 'Send "Authorization: Bearer <key>" with a key from `masthead apikey create`, or log in to the admin.',
  });

/**
 * Admin API authentication. With an Authorization header, it must carry a live API key (a wrong one is refused even
 * if a session cookie is present). Without one, the admin session cookie counts, and then every write needs the
 * session's CSRF token in X-CSRF-Token, as in the admin: a cookie is sent by the browser on its own, a header is not.
 */
export function apiAuth(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!m) throw unauthenticated('The Authorization header is not "Bearer <key>".');
      const principal = await authenticateApiKey(deps, m[1]);
      if (!principal) throw unauthenticated('This API key is not valid: it is unknown, mistyped or revoked.');
      c.set('apiPrincipal', principal);
      return next();
    }
    const session = await sessionFromToken(deps, readSessionCookie(c));
    if (!session) throw unauthenticated('No API key and no admin session.');
    if (!SAFE_METHODS.has(c.req.method)) assertSessionCsrfHeader(c, session);
    // Where an admin requires two-factor sign-in, a session without it reaches only its own account.
    if (!/\/me(\/|$)/.test(c.req.path) && (await mustEnrol(deps, session.user))) throw twoFactorRequired();
    c.set('apiPrincipal', sessionPrincipal(session));
    c.set('apiSession', session);
    return next();
  };
}
