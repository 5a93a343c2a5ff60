import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import { renderWireItemScreen, renderWireScreen, type WireFilterForm } from '../../render/admin/wire-page.js';
import type { Deps } from '../../services/deps.js';
import { listChoices } from '../../services/list-choices.js';
import { listAllPartners } from '../../services/partners.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { adaptWireItem, listWire, parseWireQuery, readWireItem, type MachineTranslator } from '../../services/wire.js';
import { isAppError } from '../../errors.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

const ID = ':id{[0-9]{1,12}}';
const FIXABLE = ['VALIDATION_FAILED', 'TRANSLATE_FAILED', 'HTML_TOO_COMPLEX', 'HTML_TIMEOUT', 'HTML_BUSY'];

/**
 * /admin/wire: the wire inbox (every newsroom role reads it), one story's original text, and "Adapt" (POST, CSRF,
 * `article.create`), answered by a redirect to the new draft's editor.
 */
export function wireAdminRoutes(deps: Deps, site: SiteContext, translator: MachineTranslator | null = null) {
  const app = new Hono();

  const item = async (c: Context, session: Session, id: number, error?: { text: string; hint?: string }, status: 200 | 422 = 200) => {
    const who = sessionPrincipal(session);
    const [x, choices] = await Promise.all([readWireItem(deps, who, id), listChoices(deps, site.defaultLocale)]);
    return c.html(
      renderWireItemScreen(adminContext(c), {
        item: x,
        locales: site.locales,
        defaultLocale: site.defaultLocale,
        sections: choices.sections,
        canAdapt: can(actorOf(session.user), 'article.create'),
        machineTranslation: translator !== null,
        ...(error ? { error } : {}),
      }),
      status,
    );
  };

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const q = c.req.query();
    const filter: WireFilterForm = { partner: q.partner ?? '', language: q.language ?? '', from: q.from ?? '', to: q.to ?? '', q: q.q ?? '' };
    const partners = (await listAllPartners(deps)).map((p) => ({ id: p.id, name: p.name }));
    try {
      const page = await listWire(deps, sessionPrincipal(session), parseWireQuery({ ...filter }));
      return c.html(renderWireScreen(adminContext(c), { ...page, partners, filter }));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') throw err;
      const page = await listWire(deps, sessionPrincipal(session), {});
      return c.html(renderWireScreen(adminContext(c), { ...page, partners, filter, error: { text: err.message, hint: err.hint ?? '' } }), 422);
    }
  });

  app.get(`/${ID}`, async (c) => {
    const session = c.get('adminSession');
    return session ? item(c, session, Number(c.req.param('id'))) : toLogin(c);
  });

  app.post(`/${ID}/adapt`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const field = await formFields(c);
    return attemptForm(
      c,
      FIXABLE,
      async () => {
        const articleId = await adaptWireItem(
          deps,
          sessionPrincipal(session),
          site.locales,
          id,
          {
            locale: field('locale'),
            ...(field('sectionId') ? { sectionId: field('sectionId') } : {}),
            ...(field('machineTranslate') === '1' ? { machineTranslate: true } : {}),
          },
          translator,
        );
        return `/admin/articles/${articleId}`;
      },
      (error) => item(c, session, id, error, 422),
    );
  });

  return app;
}
