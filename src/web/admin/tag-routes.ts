import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { isTagNotice, renderTagScreen, renderTagsScreen } from '../../render/admin/tags-page.js';
import type { Deps } from '../../services/deps.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { createTag, deleteTag, findTag, listTags, mergeTag, tagIdBySlug, updateTag } from '../../services/tags.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

const FIXABLE = ['VALIDATION_FAILED', 'SLUG_TAKEN', 'TAG_IN_USE', 'WRONG_LOCALE'];
const ID = ':id{[0-9]{1,12}}';
const PAGE = 50;

/**
 * /admin/tags: a language's tags (every role may read them) with search and keyset pages; /admin/tags/{id}: rename,
 * link equivalents, merge and delete (editors and admins). Each form posts and is answered by a redirect back with a
 * notice (303), or by the same page with the reason (422).
 */
export function tagAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  const attempt = (c: Context, change: () => Promise<string>, again: (error: FormError) => Promise<Response>) => attemptForm(c, FIXABLE, change, again);

  const list = async (
    c: Context,
    session: Session,
    extra: { locale?: string; form?: { name: string; slug: string }; error?: FormError } = {},
    status: 200 | 422 = 200,
  ) => {
    const asked = extra.locale ?? c.req.query('locale');
    const locale = asked && site.locales.includes(asked) ? asked : site.defaultLocale;
    const q = extra.error ? '' : (c.req.query('q') ?? '').trim().slice(0, 100);
    const after = extra.error ? undefined : c.req.query('after');
    const { items, next } = await listTags(deps, { locale, ...(q ? { q } : {}), ...(after ? { after } : {}), limit: PAGE });
    const done = c.req.query('done');
    return c.html(
      renderTagsScreen(adminContext(c), {
        locale,
        locales: site.locales,
        q,
        items,
        next,
        first: !after,
        canManage: can(actorOf(session.user), 'tag.manage'),
        ...(isTagNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
        ...(extra.form ? { form: extra.form } : {}),
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
    const field = await formFields(c);
    const locale = field('locale');
    const form = { name: field('name').trim(), slug: field('slug').trim() };
    return attempt(
      c,
      async () => {
        const t = await createTag(deps, sessionPrincipal(session), site.locales, { locale, name: form.name, ...(form.slug ? { slug: form.slug } : {}) });
        return `/admin/tags/${t.id}?done=created`;
      },
      (error) => list(c, session, { locale, form, error }, 422),
    );
  });

  const one = async (
    c: Context,
    session: Session,
    id: number,
    extra: { form?: { name: string; slug: string }; error?: FormError } = {},
    status: 200 | 422 = 200,
  ) => {
    const tag = await findTag(deps, id);
    const done = c.req.query('done');
    return c.html(
      renderTagScreen(adminContext(c), {
        locales: site.locales,
        tag,
        canManage: can(actorOf(session.user), 'tag.manage'),
        form: extra.form ?? { name: tag.name, slug: tag.slug },
        ...(isTagNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  app.get(`/${ID}`, async (c) => {
    const session = c.get('adminSession');
    return session ? one(c, session, Number(c.req.param('id'))) : toLogin(c);
  });

  app.post(`/${ID}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const field = await formFields(c);
    const form = { name: field('name').trim(), slug: field('slug').trim() };
    return attempt(
      c,
      async () => {
        await updateTag(deps, sessionPrincipal(session), id, form);
        return `/admin/tags/${id}?done=saved`;
      },
      (error) => one(c, session, id, { form, error }, 422),
    );
  });

  app.post(`/${ID}/translations`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const field = await formFields(c);
    return attempt(
      c,
      async () => {
        const tag = await findTag(deps, id);
        const translations: Record<string, number | null> = {};
        for (const l of site.locales.filter((x) => x !== tag.locale)) {
          const slug = field(`tr-${l}`).trim();
          translations[l] = slug ? await tagIdBySlug(deps, l, slug, `translations.${l}`) : null;
        }
        await updateTag(deps, sessionPrincipal(session), id, { translations });
        return `/admin/tags/${id}?done=saved`;
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  app.post(`/${ID}/merge`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    const into = (await formFields(c))('into');
    return attempt(
      c,
      async () => {
        const tag = await findTag(deps, id);
        const r = await mergeTag(deps, sessionPrincipal(session), id, await tagIdBySlug(deps, tag.locale, into, 'into'));
        return `/admin/tags/${r.into.id}?done=merged`;
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  app.post(`/${ID}/delete`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = Number(c.req.param('id'));
    return attempt(
      c,
      async () => {
        const tag = await findTag(deps, id);
        await deleteTag(deps, sessionPrincipal(session), id);
        return `/admin/tags?locale=${tag.locale}&done=deleted`;
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  return app;
}
