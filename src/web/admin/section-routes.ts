import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import type { SiteContext } from '../../content/site-context.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { isSectionNotice, renderSectionScreen, renderSectionsScreen, type SectionForm } from '../../render/admin/sections-page.js';
import type { Deps } from '../../services/deps.js';
import { createSection, deleteSection, findSection, listAllSections, mergeSection, moveSection, updateSection } from '../../services/sections.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import { adminContext } from './context.js';
import { assertSessionCsrf } from './csrf.js';
import { attemptForm } from './form-attempt.js';
import { readForm } from '../body.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

// What a person can fix on the page: shown above the form with what they sent; anything else goes to the error page.
const FIXABLE = ['VALIDATION_FAILED', 'SLUG_TAKEN', 'SECTION_NOT_EMPTY', 'SECTION_CYCLE', 'SECTION_TOO_DEEP'];
const ID = ':id{[0-9]{1,12}}';

/**
 * /admin/sections: the list in menu order (every role may read it), and for editors and admins: create, move up or
 * down among its siblings, and per section (/admin/sections/{id}) edit (its parent too), merge and delete. Each form posts and is answered by a redirect
 * back with a notice (303), or by the same page with the reason and what was sent (422).
 */
export function sectionAdminRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const empty: SectionForm = { slug: '', names: {}, descriptions: {}, hidden: false, parentId: null };
  const mayManage = (session: Session) => can(actorOf(session.user), 'section.manage');

  const list = async (c: Context, session: Session, extra: { form?: SectionForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const done = c.req.query('done');
    return c.html(
      renderSectionsScreen(adminContext(c), {
        locales: site.locales,
        sections: await listAllSections(deps),
        canManage: mayManage(session),
        form: extra.form ?? empty,
        ...(isSectionNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  const one = async (c: Context, session: Session, id: string, extra: { form?: SectionForm; error?: FormError } = {}, status: 200 | 422 = 200) => {
    const section = await findSection(deps, id);
    const all = await listAllSections(deps);
    const done = c.req.query('done');
    return c.html(
      renderSectionScreen(adminContext(c), {
        locales: site.locales,
        section,
        others: all.filter((s) => s.id !== section.id),
        all,
        canManage: mayManage(session),
        form: extra.form
          ? { ...extra.form, parentId: extra.form.parentId === undefined ? section.parentId : extra.form.parentId }
          : {
              slug: section.slug,
              names: section.names,
              descriptions: section.descriptions,
              hidden: section.hidden,
              parentId: section.parentId,
            },
        ...(isSectionNotice(done) && !extra.error ? { notice: done } : {}),
        ...(extra.error ? { error: extra.error } : {}),
      }),
      status,
    );
  };

  /** The section form as sent: a name and a description per site language, the slug, the hidden switch and the parent. */
  const readSectionForm = async (c: Context): Promise<SectionForm> => {
    const field = await formFields(c);
    const names: Record<string, string> = {};
    const descriptions: Record<string, string> = {};
    for (const l of site.locales) {
      names[l] = field(`name-${l}`).trim();
      descriptions[l] = field(`description-${l}`).trim();
    }
    const parent = field('parent').trim();
    // No `parent` field at all (a script, an older form) leaves the parent as it is; sent, anything but an id reads as
    // "top level" (the select's first choice is ""); an id of no section is the service's to refuse.
    const sent = typeof (await readForm(c))['parent'] === 'string';
    return {
      slug: field('slug').trim(),
      names,
      descriptions,
      hidden: field('hidden') === '1',
      ...(sent ? { parentId: /^\d{1,12}$/.test(parent) ? Number(parent) : null } : {}),
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
    const form = await readSectionForm(c);
    return attempt(
      c,
      async () => {
        const s = await createSection(deps, sessionPrincipal(session), site.locales, {
          ...(form.slug ? { slug: form.slug } : {}),
          names: form.names,
          descriptions: form.descriptions,
          hidden: form.hidden,
          ...(form.parentId === undefined ? {} : { parentId: form.parentId }),
        });
        return `/admin/sections/${s.id}?done=created`;
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
    const form = await readSectionForm(c);
    return attempt(
      c,
      async () => {
        await updateSection(deps, sessionPrincipal(session), site.locales, id, {
          ...(form.slug ? { slug: form.slug } : {}),
          names: form.names,
          descriptions: Object.fromEntries(Object.entries(form.descriptions).map(([l, d]) => [l, d || null])),
          hidden: form.hidden,
          ...(form.parentId === undefined ? {} : { parentId: form.parentId }),
        });
        return `/admin/sections/${id}?done=saved`;
      },
      (error) => one(c, session, id, { form, error }, 422),
    );
  });

  app.post(`/${ID}/move`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const field = await formFields(c);
    await moveSection(deps, sessionPrincipal(session), site.locales, c.req.param('id'), field('direction') === 'up' ? 'up' : 'down');
    return c.redirect('/admin/sections?done=moved', 303);
  });

  app.post(`/${ID}/merge`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = c.req.param('id');
    const into = (await formFields(c))('into');
    return attempt(
      c,
      async () => {
        const r = await mergeSection(deps, sessionPrincipal(session), site.locales, id, into);
        return `/admin/sections/${r.into.id}?done=${r.subsections.length ? 'merged-up' : 'merged'}`;
      },
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
        const { subsections } = await deleteSection(deps, sessionPrincipal(session), site.locales, id);
        return `/admin/sections?done=${subsections.length ? 'deleted-up' : 'deleted'}`;
      },
      (error) => one(c, session, id, { error }, 422),
    );
  });

  return app;
}
