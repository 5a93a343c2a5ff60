import { Hono } from 'hono';
import { PREVIEW_PREFIX } from '../../content/preview-path.js';
import type { SiteContext } from '../../content/site-context.js';
import { previewLayout, renderPreviewGonePage } from '../../render/pages/preview-page.js';
import { renderArticlePage, renderErrorPage } from '../../render/pages/render-pages.js';
import { PREVIEW_CSP } from '../../render/public-csp.js';
import type { Deps } from '../../services/deps.js';
import { sharedPreview } from '../../services/previews.js';
import { errorPageData } from '../../services/site-pages.js';

/**
 * `/preview/{token}`: a shared preview, for someone without an account. Never stored by any cache (no-store, no
 * Surrogate-Key, and the page cache's fast path does not even look them up), never indexed (noindex in the header and
 * the page), and the token never leaves in a Referer header (no-referrer), whatever link on the page is followed.
 */
export function previewRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  app.get(`${PREVIEW_PREFIX}:token{[^/]{1,100}}`, async (c) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Content-Security-Policy', PREVIEW_CSP);
    const found = await sharedPreview(deps, c.req.param('token'));
    if (found.kind === 'notFound') {
      c.header('Content-Language', site.defaultLocale);
      return c.html(renderErrorPage(site, site.defaultLocale, 'notFound', await errorPageData(deps, site.defaultLocale)), 404);
    }
    if (found.kind === 'gone') {
      const { nav } = await errorPageData(deps, found.locale);
      c.header('Content-Language', found.locale);
      return c.html(renderPreviewGonePage(site, found.locale, found.reason, nav), 410);
    }
    const v = found.view;
    c.header('Content-Language', v.article.locale);
    return c.html(
      renderArticlePage(
        site,
        v,
        previewLayout({
          locale: v.article.locale,
          revision: v.revision,
          latestRevision: v.latestRevision,
          state: v.state,
          timeZone: site.timeZone,
          expiresAt: found.expiresAt,
        }),
      ),
    );
  });

  return app;
}
