import { createHash } from 'node:crypto';
import { SITE_CSS } from './site-css.js';
import { PREVIEW_CSS } from './pages/preview-page.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * What the public pages may load, wherever they are served from: the app's header, and a static export's <meta>.
 * The public site runs no JavaScript at all, so it allows none, without a nonce: the same bytes can be cached and
 * served to every reader. JSON-LD blocks are data, not script (a browser never executes `type="application/ld+json"`,
 * and CSP does not apply to it). The one inline stylesheet is allowed by its hash, so an injected <style> would not
 * apply either. Images may come from any https origin: imported stories link to them.
 */
const LOADING = [
  "default-src 'self'",
  "script-src 'none'",
  `style-src 'self' ${sha256(SITE_CSS)}`,
  "img-src 'self' data: https:",
  "media-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

/** The public site's Content-Security-Policy header: no other site may frame a page (clickjacking). */
export const PUBLIC_CSP = [...LOADING, "frame-ancestors 'none'"].join('; ');

/**
 * The same policy for a `<meta http-equiv>` in an exported page. Browsers ignore frame-ancestors (and report-uri,
 * sandbox) in a meta element, so framing is up to the static host's headers (README "Security headers").
 */
export const PUBLIC_CSP_META = LOADING.join('; ');

/** A preview page (the admin's, or a share link's): the public policy, plus the preview bar's stylesheet. */
export const PREVIEW_CSP = PUBLIC_CSP.replace(`style-src 'self' ${sha256(SITE_CSS)}`, `style-src 'self' ${sha256(SITE_CSS)} ${sha256(PREVIEW_CSS)}`);
