import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import { pagePath } from '../../content/urls.js';
import { validationFailed } from '../../errors.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { renderPagesScreen, type NewPageForm } from '../../render/admin/pages-page.js';
import type { Deps } from '../../services/deps.js';
import { createPage, listPages } from '../../services/pages.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

// What a person can fix on the page: shown above the form with what they sent; anything else goes to the error page.
const FIXABLE = ['VALIDATION_FAILED', 'SLUG_TAKEN', 'SLUG_RESERVED'];

/**
 * /admin/pages: the site's pages per language (every role may read the list), and for editors and admins a form that
 * starts a page and opens it in the article editor, in page mode (services/pages.ts).
 */
export function pageAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const mayManage = (session: Session) => can(actorOf(session.user), 'page.manage');

  const list = async (c: Context, session: Session, extra: { form?: NewPageForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const pages = await listPages(deps, sessionPrincipal(session), {});
    return c.html(
      renderPagesScreen(adminContext(c), {
        locales: site.locales,
        pages: pages.map((r) => ({
          id: r.id,
          locale: r.locale,
          slug: r.slug,
          headline: r.headline,
          state: r.state,
          path: pagePath(r.locale, r.slug),
          hasPendingChanges: r.pending_revision !== null,
        })),
        canManage: mayManage(session),
        form: extra.form ?? { locale: site.defaultLocale, headline: '', slug: '' },
        ...(c.req.query('done') === 'deleted' && !extra.error ? { notice: 'deleted' as const } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? list(c, session) : toLogin(c);
  });

  app.post('/', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const f = await formFields(c);
    const form: NewPageForm = { locale: f('locale'), headline: f('headline').trim(), slug: f('slug').trim() };
    return attemptForm(
      c,
      FIXABLE,
      async () => {
        if (!site.locales.includes(form.locale)) {
          throw validationFailed('page', { locale: adminContext(c).t.pages.notALanguage(site.locales.join(', ')) });
        }
        const id = await createPage(deps, sessionPrincipal(session), {
          locale: form.locale,
          headline: form.headline,
          ...(form.slug ? { slug: form.slug } : {}),
          body: { type: 'doc', content: [] },
        });
        return `/admin/articles/${id}/edit?done=created`;
      },
      (error) => list(c, session, { form, error }, 422),
    );
  });

  return app;
}
