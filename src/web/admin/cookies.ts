import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION } from '../../services/sessions.js';
import { isTokenShaped, newToken } from '../../services/secret-tokens.js';

/** The admin's two cookies, both HttpOnly, SameSite=Lax, Path=/admin, and Secure when the site is served over https. */
export const SESSION_COOKIE = 'mh_session';
/** Before there is a session (login, forgotten password): the double-submit CSRF token of the forms. */
export const FORM_COOKIE = 'mh_form';

const FORM_COOKIE_SECONDS = 12 * 3600;

const options = (secure: boolean, maxAge: number) => ({ httpOnly: true, sameSite: 'Lax' as const, path: '/admin', secure, maxAge });

export const readSessionCookie = (c: Context) => getCookie(c, SESSION_COOKIE);

export function setSessionCookie(c: Context, token: string, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, options(secure, Math.floor(SESSION.absoluteMs / 1000)));
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure, httpOnly: true, sameSite: 'Lax' });
}

/** The forms' double-submit token: the one this browser already holds (several tabs keep working), or a new one. */
export function formToken(c: Context, secure: boolean): string {
  const held = getCookie(c, FORM_COOKIE);
  const token = isTokenShaped(held) ? held : newToken();
  setCookie(c, FORM_COOKIE, token, options(secure, FORM_COOKIE_SECONDS));
  return token;
}

export const readFormCookie = (c: Context) => getCookie(c, FORM_COOKIE);

/** Between a right password and its code (two-factor sign-in): the login challenge's token, for ten minutes. */
export const CHALLENGE_COOKIE = 'mh_login';

export function setChallengeCookie(c: Context, token: string, secure: boolean) {
  setCookie(c, CHALLENGE_COOKIE, token, options(secure, 600));
}

export const readChallengeCookie = (c: Context) => getCookie(c, CHALLENGE_COOKIE);

export function clearChallengeCookie(c: Context, secure: boolean) {
  deleteCookie(c, CHALLENGE_COOKIE, { path: '/admin', secure, httpOnly: true, sameSite: 'Lax' });
}
