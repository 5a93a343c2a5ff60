import type { Context } from 'hono';
import { AppError } from '../../errors.js';
import type { Session } from '../../services/sessions.js';
import { isTokenShaped, sameSecret } from '../../services/secret-tokens.js';
import { readForm } from '../body.js';
import { readFormCookie } from './cookies.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const refused = (reason: string) =>
  new AppError('CSRF_FAILED', 'This form has expired or was not sent from this site, so nothing was changed.', {
    hint: 'Go back, reload the page and send the form again.',
    details: { reason },
  });

/**
 * The token of an admin page's request: the X-CSRF-Token header (the editor's scripts), else the form's hidden `_csrf`
 * field. Reading the field reads the form, which the admin's body limits (routes.ts) have capped before this runs.
 */
async function submittedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return undefined;
  const value = (await readForm(c))[CSRF_FIELD];
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

/**
 * A logged-in request to the Admin API: the token must be the session's, in the X-CSRF-Token header. The body is
 * never read for it: a refused request costs nothing, whatever it carries.
 */
export function assertSessionCsrfHeader(c: Context, session: Session): void {
  assertNotCrossSite(c);
  if (!sameSecret(c.req.header(CSRF_HEADER), session.csrfToken)) throw refused('missing or wrong X-CSRF-Token header');
}

/** Before a session exists (login, password forms): the form's token must match the browser's form cookie. */
export async function assertFormCsrf(c: Context): Promise<void> {
  assertNotCrossSite(c);
  const cookie = readFormCookie(c);
  if (!isTokenShaped(cookie) || !sameSecret(await submittedToken(c), cookie)) throw refused('missing or wrong form token');
}
