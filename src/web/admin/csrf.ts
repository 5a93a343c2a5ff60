import type { Context } from 'hono';
import { AppError } from '../../errors.js';
import type { Session } from '../../services/auth.js';
import { isTokenShaped, sameSecret } from '../../services/tokens.js';
import { readFormCookie } from './cookies.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const refused = (reason: string) =>
  new AppError('CSRF_FAILED', 403, 'This form has expired or was not sent from this site, so nothing was changed.', {
    hint: 'Go back, reload the page and send the form again.',
    details: { reason },
  });

/** The token a request carries: the X-CSRF-Token header (for scripts) or the form's hidden `_csrf` field. */
async function submittedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const value = (await c.req.parseBody())[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Browsers say where a request comes from (Sec-Fetch-Site); one from another site is refused whatever it carries.
 * Clients that do not send the header (scripts, old browsers) are judged by the token alone.
 */
function assertNotCrossSite(c: Context) {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw refused(`Sec-Fetch-Site: ${site}`);
}

/** A logged-in request: the token must be the session's. */
export async function assertSessionCsrf(c: Context, session: Session): Promise<void> {
  assertNotCrossSite(c);
  if (!sameSecret(await submittedToken(c), session.csrfToken)) throw refused('missing or wrong session token');
}

/** Before a session exists (login, password forms): the form's token must match the browser's form cookie. */
export async function assertFormCsrf(c: Context): Promise<void> {
  assertNotCrossSite(c);
  const cookie = readFormCookie(c);
  if (!isTokenShaped(cookie) || !sameSecret(await submittedToken(c), cookie)) throw refused('missing or wrong form token');
}
