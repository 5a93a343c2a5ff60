import { Hono, type Context } from 'hono';
import { previewPath } from '../../content/preview-path.js';
import type { SiteContext } from '../../content/site-context.js';
import { notFound } from '../../errors.js';
import { renderPreviewLinkCreatedPage } from '../../render/admin/share-preview-panel.js';
import { previewLayout } from '../../render/pages/preview-page.js';
import { renderArticlePage } from '../../render/pages/render-pages.js';
import { PREVIEW_CSP } from '../../render/public-csp.js';
import type { Deps } from '../../services/deps.js';
import { createPreviewLink, previewArticle, revokePreviewLink } from '../../services/previews.js';
import { sessionPrincipal } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

/**
 * The admin's preview (`/admin/articles/{id}/preview`, `?revision=N`) and the no-JavaScript forms of the editor's
 * share links. The preview is the public article page with the preview bar: it carries the public pages' CSP (plus the
 * bar's stylesheet) instead of the admin's, as it loads the site's stylesheet and runs no script; the admin's
 * `no-store` and `noindex` stay, and it never has a Surrogate-Key, so no cache keeps it.
 */

const ID = ':id{[0-9]{1,12}}';
const articleId = (c: Context) => Number(c.req.param('id'));

/** `?revision=N`: a whole number from 1, else no such page. */
function revisionQuery(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw notFound(`Revision "${raw}"`, 'A revision is a whole number from 1; see the history in the editor.');
  return Number(raw);
}

/** The share link's address readers open: on the public site, never under /admin (no session cookie goes there). */
export const previewUrl = (site: SiteContext, token: string) => `${site.siteUrl}${previewPath(token)}`;

export function previewAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  app.get(`/articles/${ID}/preview`, async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const id = articleId(c);
    const view = await previewArticle(deps, sessionPrincipal(session), id, revisionQuery(c.req.query('revision')));
    c.header('Content-Security-Policy', PREVIEW_CSP);
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    c.header('Content-Language', view.article.locale);
    return c.html(
      renderArticlePage(
        site,
        view,
        previewLayout({
          locale: view.article.locale,
          revision: view.revision,
          latestRevision: view.latestRevision,
          state: view.state,
          timeZone: site.timeZone,
          editorHref: `/admin/articles/${id}/edit`,
        }),
      ),
    );
  });

  app.post(`/articles/${ID}/preview-links`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = articleId(c);
    const f = await formFields(c);
    const hours = Number(f('expiresInHours') || '24');
    const link = await createPreviewLink(deps, sessionPrincipal(session), id, {
      expiresInHours: Number.isFinite(hours) ? hours : 24,
      // The revision the form offered, not whatever is newest when it arrives: someone may have saved meanwhile.
      pinRevision: /^[1-9][0-9]{0,8}$/.test(f('pin')) ? Number(f('pin')) : false,
    });
    const view = await previewArticle(deps, sessionPrincipal(session), id, link.pinnedRevision);
    return c.html(
      renderPreviewLinkCreatedPage(adminContext(c), {
        articleId: id,
        headline: view.article.headline,
        url: previewUrl(site, link.token),
        expiresAt: link.expiresAt,
        pinnedRevision: link.pinnedRevision,
        timeZone: site.timeZone,
      }),
      201,
    );
  });

  app.post(`/articles/${ID}/preview-links/:linkId{[0-9]{1,12}}/revoke`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = articleId(c);
    await revokePreviewLink(deps, sessionPrincipal(session), id, Number(c.req.param('linkId')));
    return c.redirect(`/admin/articles/${id}/edit?done=revoked#share-preview`, 303);
  });

  return app;
}
