import type { Context } from 'hono';
import { AppError } from '../../errors.js';
import type { Session } from '../../services/sessions.js';
import { readForm } from '../body.js';

/** Shared by every admin router: who is logged in, where to send those who are not, and how forms are read. */

/** A client that did not ask for HTML (the Admin API, a script) gets JSON errors instead of a page. */
export const wantsJson = (c: Context) => !(c.req.header('accept') ?? 'text/html').includes('html');

/** Only our own admin pages are places to return to after logging in. */
export const safeNext = (next: string | undefined) => (next && /^\/admin(\/[A-Za-z0-9_-]+)*$/.test(next) ? next : '/admin');

/** The session of a state-changing request; without one the request is refused (401). */
export const mustHaveSession = (c: Context): Session => {
  const s = c.get('adminSession');
  if (!s)
    throw new AppError('UNAUTHENTICATED', 'You are not logged in, or your session has ended.', { hint: 'Log in again, then repeat what you were doing.' });
  return s;
};

/** A page for the logged in, asked for without a session: to the login form, and back here afterwards. */
export const toLogin = (c: Context) => c.redirect(`/admin/login?next=${encodeURIComponent(safeNext(c.req.path))}`, 303);

/** A form's fields as strings ('' when absent or a file); BAD_REQUEST when the body is not a readable form. */
export async function formFields(c: Context) {
  const body = await readForm(c);
  return (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v : '';
  };
}
