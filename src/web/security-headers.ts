import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PUBLIC_CSP } from '../render/public-csp.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** This response's CSP nonce (admin pages only: public pages are cached and shared, so they carry none). */
    cspNonce: string;
  }
}

export const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

export { PUBLIC_CSP };

/**
 * Only sent when SITE_URL is https. A year, what browsers and audits expect; includeSubDomains, so that no subdomain
 * answers over plain http, where a man in the middle could set cookies for the site (cookie tossing).
 */
export const HSTS = 'max-age=31536000; includeSubDomains';

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
 * Content-Security-Policy and the other security headers, on every response: no framing by other sites, and HSTS
 * when the site is served over https (`https` is SITE_URL's scheme: behind a TLS proxy the request itself is plain
 * http). Admin responses also get a per-request nonce (pages and error pages put it on their <style> and <script>)
 * and `no-store`. Public responses are stored with their headers by the page cache, which serves them unchanged.
 * Headers are set before the handler runs (added to a finished response, they make Hono copy its body into a
 * stream), so error pages get them too.
 */
export function securityHeaders(opts: { https: boolean }): MiddlewareHandler {
  return async (c, next) => {
    if (opts.https) c.header('Strict-Transport-Security', HSTS);
    c.header('X-Frame-Options', 'DENY');
    if (isAdminPath(c.req.path)) {
      const nonce = randomBytes(16).toString('base64');
      c.set('cspNonce', nonce);
      c.header('Content-Security-Policy', adminCsp(nonce));
      c.header('Cache-Control', 'no-store');
      c.header('X-Robots-Tag', 'noindex, nofollow');
    } else {
      c.header('Content-Security-Policy', PUBLIC_CSP);
    }
    await next();
  };
}
