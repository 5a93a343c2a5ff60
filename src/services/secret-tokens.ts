import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A secret for a cookie or a link: 32 random bytes, URL-safe (43 characters). */
export const newToken = () => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256, so a copy of the database opens no session and no link. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whether a string has the shape of one of our tokens (checked before any database work). */
export const isTokenShaped = (s: string | undefined | null): s is string => !!s && /^[A-Za-z0-9_-]{43}$/.test(s);

/**
 * The CSRF token of a session, derived from its secret token: stable for the session's life, never stored, and not
 * computable from the database (which holds only the session token's hash).
 */
export const csrfTokenFor = (sessionToken: string) => createHmac('sha256', sessionToken).update('masthead:csrf').digest('base64url');

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined | null, b: string | undefined | null): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
