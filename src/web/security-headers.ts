import { createHash, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { SITE_CSS } from '../render/site-css.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** This response's CSP nonce (admin pages only: public pages are cached and shared, so they carry none). */
    cspNonce: string;
  }
}

export const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The public site runs no JavaScript at all, so its policy allows none, without a nonce: the same bytes (and the same
 * header) can be cached and served to every reader. JSON-LD blocks are data, not script (a browser never executes
 * `type="application/ld+json"`, and CSP does not apply to it). The one inline stylesheet is allowed by its hash, so an
 * injected <style> would not apply either. Images may come from any https origin: imported stories link to them.
 */
export const PUBLIC_CSP = [
  "default-src 'self'",
  "script-src 'none'",
  `style-src 'self' ${sha256(SITE_CSS)}`,
  "img-src 'self' data: https:",
  "media-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/**
 * The admin: scripts and inline styles only with this response's nonce ('strict-dynamic' lets a nonce'd bundle load
 * its own chunks), no framing, forms only to ourselves.
 */
export const adminCsp = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * Content-Security-Policy and the other security headers, on every response. Admin responses also get a per-request
 * nonce (pages and error pages put it on their <style> and <script>), `no-store` and no framing. Headers are set
 * before the handler runs (added to a finished response, they make Hono copy its body into a stream), so error pages
 * get them too.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    if (isAdminPath(c.req.path)) {
      const nonce = randomBytes(16).toString('base64');
      c.set('cspNonce', nonce);
      c.header('Content-Security-Policy', adminCsp(nonce));
      c.header('Cache-Control', 'no-store');
      c.header('X-Frame-Options', 'DENY');
      c.header('X-Robots-Tag', 'noindex, nofollow');
    } else {
      c.header('Content-Security-Policy', PUBLIC_CSP);
    }
    await next();
  };
}
