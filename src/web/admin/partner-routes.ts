import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { isPartnerNotice, partnerForm, renderPartnerScreen, renderPartnersScreen, type PartnerForm } from '../../render/admin/partners-page.js';
import type { Deps } from '../../services/deps.js';
import { createPartner, deletePartner, findPartner, listAllPartners, updatePartner } from '../../services/partners.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

// What a person can fix on the page: shown above the form with what they sent; anything else goes to the error page.
const FIXABLE = ['VALIDATION_FAILED', 'DUPLICATE', 'PARTNER_IN_USE'];
const ID = ':id{[0-9]{1,12}}';

/**
 * /admin/partners: the partner outlets (every role may read them), and for editors and admins: add one, and per
 * partner (/admin/partners/{id}) edit and delete. Each form posts and is answered by a redirect back with a notice
 * (303), or by the same page with the reason and what was sent (422).
 */
export function partnerAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const empty: PartnerForm = { names: {}, creditLines: {}, url: '', locale: site.defaultLocale, licence: '', logoMediaId: '', active: true, feedUrl: '' };
  const mayManage = (session: Session) => can(actorOf(session.user), 'partner.manage');

  const list = async (c: Context, session: Session, extra: { form?: PartnerForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const done = c.req.query('done');
    return c.html(
      renderPartnersScreen(adminContext(c), {
        locales: site.locales,
        partners: await listAllPartners(deps),
        canManage: mayManage(session),
        form: extra.form ?? empty,
        ...(isPartnerNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  const one = async (c: Context, session: Session, id: number, extra: { form?: PartnerForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const partner = await findPartner(deps, id);
    const done = c.req.query('done');
    return c.html(
      renderPartnerScreen(adminContext(c), {
        locales: site.locales,
        partner,
        canManage: mayManage(session),
        form: extra.form ?? partnerForm(partner),
        ...(isPartnerNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  const readForm = async (c: Context): Promise<PartnerForm> => {
    const field = await formFields(c);
    const names: Record<string, string> = {};
    const creditLines: Record<string, string> = {};
    for (const l of site.locales) {
      names[l] = field(`name-${l}`).trim();
      creditLines[l] = field(`credit-${l}`).trim();
    }
    return {
      names,
      creditLines,
      url: field('url').trim(),
      locale: field('locale'),
      licence: field('licence').trim(),
      logoMediaId: field('logoMediaId').trim(),
      active: field('active') === '1',
      feedUrl: field('feedUrl').trim(),
    };
  };

  /** The form as the service's input: empty texts left out, the logo id a number (a non-number is refused there). */
  const input = (f: PartnerForm) => ({
    names: Object.fromEntries(Object.entries(f.names).filter(([, v]) => v)),
    creditLines: Object.fromEntries(Object.entries(f.creditLines).filter(([, v]) => v)),
    url: f.url,
    locale: f.locale,
    licence: f.licence || null,
    logoMediaId: f.logoMediaId ? (/^\d{1,12}$/.test(f.logoMediaId) ? Number(f.logoMediaId) : f.logoMediaId) : null,
    active: f.active,
    // Emptied: the partner is no longer polled.
    feedUrl: f.feedUrl || null,
  });

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? list(c, session) : toLogin(c);
  });

  app.post('/', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const form = await readForm(c);
    return attemptForm(
      c,
      FIXABLE,
      async () => `/admin/partners/${(await createPartner(deps, sessionPrincipal(session), site.locales, input(form))).id}?done=created`,
      (error) => list(c, session, { form, error }, 422),
    );
  });

  app.get(`/${ID}`, async (c) => {
    const session = c.get('adminSession');
    return session ? one(c, session, Number(c.req.param('id'))) : toLogin(c);
  });

  app.post(`/${ID}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const form = await readForm(c);
    return attemptForm(
      c,
      FIXABLE,
      async () => {
        await updatePartner(deps, sessionPrincipal(session), site.locales, id, input(form));
        return `/admin/partners/${id}?done=saved`;
      },
      (error) => one(c, session, id, { form, error }, 422),
    );
  });

  app.post(`/${ID}/delete`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    return attemptForm(
      c,
      FIXABLE,
      async () => {
        await deletePartner(deps, sessionPrincipal(session), id);
        return '/admin/partners?done=deleted';
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  return app;
}
