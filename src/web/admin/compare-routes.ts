import { Hono } from 'hono';
import type { SiteContext } from '../../content/site-context.js';
import { renderComparePage } from '../../render/admin/compare-page.js';
import { readArticle } from '../../services/articles.js';
import type { Deps } from '../../services/deps.js';
import { diffRevisions } from '../../services/revisions.js';
import { sessionPrincipal } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { toLogin } from './guard.js';

/** /admin/articles/{id}/compare: "Compare with live" without JavaScript (the live version against the pending changes). */
export function compareRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  app.get('/articles/:id{[0-9]{1,12}}/compare', async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const who = sessionPrincipal(session);
    const id = Number(c.req.param('id'));
    // Whoever may read the article may compare (as GET …/diff in the API): readArticle refuses the others.
    const a = await readArticle(deps, who, id);
    const p = a.pending;
    const diff = p && p.liveRevision !== null ? await diffRevisions(deps, who, id, p.liveRevision, p.revision) : null;
    return c.html(
      renderComparePage(adminContext(c), {
        id,
        locale: a.article.locale,
        headline: a.article.headline,
        timeZone: site.timeZone,
        pending:
          p && diff && p.liveRevision !== null
            ? { revision: p.revision, liveRevision: p.liveRevision, who: p.user?.name ?? null, savedAt: p.savedAt, diff: diff.fields }
            : null,
      }),
    );
  });

  return app;
}
