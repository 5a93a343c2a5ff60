import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { formOf, isContributorNotice, renderContributorScreen, renderContributorsScreen, type ContributorForm } from '../../render/admin/contributors-page.js';
import {
  contributorFormChoices,
  createContributor,
  deleteContributor,
  findContributorRecord,
  listContributors,
  mergeContributor,
  updateContributor,
} from '../../services/contributors.js';
import type { Deps } from '../../services/deps.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

// What a person can fix on the page: shown above the form with what they sent; anything else goes to the error page.
const FIXABLE = ['VALIDATION_FAILED', 'DUPLICATE', 'CONTRIBUTOR_IN_USE'];
const ID = ':id{[0-9]{1,12}}';
const PAGE = 50;

/**
 * /admin/contributors: the list with story counts and a search (every role may read it), a form to add one (editors
 * and admins), and per contributor (/admin/contributors/{id}) the profile with each language's name, role title and
 * bio, the photo, links, email and account, merge and delete. Whoever's account a profile is linked to may edit its
 * bios, titles, photo and links there. Each form posts and is answered by a redirect back with a notice (303), or by
 * the same page with the reason and what was sent (422).
 */
export function contributorAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const mayManage = (session: Session) => can(actorOf(session.user), 'contributor.manage');

  const list = async (c: Context, session: Session, extra: { form?: { name: string; slug: string }; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const after = Number(c.req.query('after'));
    const page = await listContributors(deps, sessionPrincipal(session), { q, limit: PAGE, ...(Number.isInteger(after) && after > 0 ? { after } : {}) });
    const done = c.req.query('done');
    return c.html(
      renderContributorsScreen(adminContext(c), {
        locales: site.locales,
        contributors: page.items,
        q,
        next: page.nextAfter === null ? null : `/admin/contributors?${new URLSearchParams({ ...(q ? { q } : {}), after: String(page.nextAfter) })}`,
        canCreate: can(actorOf(session.user), 'contributor.create'),
        form: extra.form ?? { name: '', slug: '' },
        ...(isContributorNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  const one = async (c: Context, session: Session, id: string, extra: { form?: ContributorForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const contributor = await findContributorRecord(deps, id);
    const canManage = mayManage(session);
    const isOwn = contributor.userId === session.user.id && can(actorOf(session.user), 'contributor.edit-own');
    const [choices, everyone] = await Promise.all([
      canManage || isOwn ? contributorFormChoices(deps, contributor, sessionPrincipal(session)) : { photos: [], accounts: [] },
      canManage ? listContributors(deps, sessionPrincipal(session), { limit: 1000 }) : { items: [] },
    ]);
    const done = c.req.query('done');
    return c.html(
      renderContributorScreen(adminContext(c), {
        locales: site.locales,
        contributor,
        canManage,
        isOwn,
        form: extra.form ?? formOf(contributor),
        photos: choices.photos,
        accounts: choices.accounts,
        others: everyone.items.filter((o) => o.id !== contributor.id).map((o) => ({ id: o.id, name: o.name, slug: o.slug })),
        ...(isContributorNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  /** The profile form as sent: each language's name, title and bio, and the rest of the profile. */
  const readForm = async (c: Context): Promise<ContributorForm> => {
    const field = await formFields(c);
    const per = (prefix: string) => Object.fromEntries(site.locales.map((l) => [l, field(`${prefix}-${l}`).trim()]));
    return {
      name: field('name').trim(),
      slug: field('slug').trim(),
      bio: field('bio').trim(),
      names: per('name'),
      bios: per('bio'),
      titles: per('title'),
      email: field('email').trim(),
      links: field('links'),
      photoMediaId: field('photoMediaId').trim(),
      userId: field('userId').trim(),
    };
  };

  /** What the form says as a PATCH: everything for an editor; bios, titles, photo and links for one's own profile. */
  const patchOf = (f: ContributorForm, canManage: boolean) => {
    const own = {
      bios: f.bios,
      titles: f.titles,
      links: f.links
        .split(/\s+/)
        .map((x) => x.trim())
        .filter(Boolean),
      photoMediaId: f.photoMediaId ? Number(f.photoMediaId) : null,
    };
    if (!canManage) return own;
    return {
      ...own,
      name: f.name,
      ...(f.slug ? { slug: f.slug } : {}),
      bio: f.bio || null,
      names: f.names,
      email: f.email || null,
      userId: f.userId ? Number(f.userId) : null,
    };
  };

  const attempt = (c: Context, change: () => Promise<string>, again: (error: FormError) => Promise<Response>) => attemptForm(c, FIXABLE, change, again);

  app.get('/', async (c) => {
    const session = c.get('adminSession');
    return session ? list(c, session) : toLogin(c);
  });

  app.post('/', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const field = await formFields(c);
    const form = { name: field('name').trim(), slug: field('slug').trim() };
    return attempt(
      c,
      async () => {
        const made = await createContributor(deps, sessionPrincipal(session), site.locales, { name: form.name, ...(form.slug ? { slug: form.slug } : {}) });
        return `/admin/contributors/${made.id}?done=created`;
      },
      (error) => list(c, session, { form, error }, 422),
    );
  });

  app.get(`/${ID}`, async (c) => {
    const session = c.get('adminSession');
    return session ? one(c, session, c.req.param('id')) : toLogin(c);
  });

  app.post(`/${ID}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = c.req.param('id');
    const form = await readForm(c);
    return attempt(
      c,
      async () => {
        await updateContributor(deps, sessionPrincipal(session), site.locales, id, patchOf(form, mayManage(session)));
        return `/admin/contributors/${id}?done=saved`;
      },
      (error) => one(c, session, id, { form, error }, 422),
    );
  });

  app.post(`/${ID}/merge`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = c.req.param('id');
    const into = (await formFields(c))('into');
    return attempt(
      c,
      async () => `/admin/contributors/${(await mergeContributor(deps, sessionPrincipal(session), site.locales, id, into)).into.id}?done=merged`,
      (error) => one(c, session, id, { error }, 422),
    );
  });

  app.post(`/${ID}/delete`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = c.req.param('id');
    return attempt(
      c,
      async () => {
        await deleteContributor(deps, sessionPrincipal(session), id);
        return '/admin/contributors?done=deleted';
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  return app;
}
