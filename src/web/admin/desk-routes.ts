import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LOCALE_RE } from '../../content/locales.js';
import { zonedLocalToUtc } from '../../content/zoned-time.js';
import { AppError, isAppError, parseFields, validationFailed } from '../../errors.js';
import { renderArticleListPage, type ListFilters } from '../../render/admin/article-list-page.js';
import { isDeskNotice, renderTranslationDeskPage } from '../../render/admin/translation-desk-page.js';
import type { SiteContext } from '../../content/site-context.js';
import { listArticles, translateArticle, type ListQuery } from '../../services/articles.js';
import { sessionPrincipal, type Session } from '../../services/sessions.js';
import type { Deps } from '../../services/deps.js';
import { assignArticle } from '../../services/article-assignment.js';
import { addNote } from '../../services/article-notes.js';
import { listChoices } from '../../services/list-choices.js';
import { translationDesk } from '../../services/translation-desk.js';
import { markTranslationUpToDate } from '../../services/translation-status.js';
import { WORKFLOW_STATES } from '../../content/workflow.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { assertSessionCsrf } from './csrf.js';
import { formFields, mustHaveSession, toLogin } from './guard.js';

const ID = ':id{[0-9]{1,12}}';
const PAGE_SIZE = 25;

const day = z.iso.date();
/** The list's filter form. Empty fields (an untouched select or date) mean "any". */
const ListForm = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(WORKFLOW_STATES).optional(),
  section: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  author: z.coerce.number().int().positive().optional(),
  language: z.string().regex(LOCALE_RE).optional(),
  assignee: z.union([z.enum(['me', 'none']), z.coerce.number().int().positive()]).optional(),
  dateField: z.enum(['updated', 'published']).optional(),
  from: day.optional(),
  to: day.optional(),
  pending: z.enum(['1', '0']).optional(),
  before: z.coerce.number().int().positive().optional(),
});

function parseListForm(raw: Record<string, string>) {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== ''));
  return parseFields(ListForm, present, 'filters', {
    plural: true,
    unknown: 'unknown filter',
    root: '(form)',
    hint: 'Correct the named filters, or clear them all from /admin/articles.',
  });
}

// Days are the newsroom's (TIMEZONE): "to 20 November" includes all of that day there.
const dayStart = (d: string, timeZone: string) => zonedLocalToUtc(`${d}T00:00`, timeZone)!;
const dayAfter = (d: string, timeZone: string) => dayStart(new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), timeZone);

/**
 * The newsroom's article list (filters, keyset pages) and each article's translation desk: its story's languages,
 * source and translation side by side with what changed in the source, "mark as up to date", "Translate into …",
 * assignment and editorial notes. Mounted inside the admin router, so sessions and CSRF work as everywhere there.
 */
export function deskRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const idOf = (c: Context) => Number(c.req.param('id'));

  app.get('/articles', async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const form = parseListForm(c.req.query());
    if (form.language && !site.locales.includes(form.language)) {
      throw validationFailed(
        'filters',
        { language: `not one of ${site.locales.join(', ')}` },
        { plural: true, hint: `Choose one of this site's languages: ${site.locales.join(', ')}.` },
      );
    }
    const query: ListQuery = {
      limit: PAGE_SIZE,
      ...(form.q ? { q: form.q } : {}),
      ...(form.status ? { status: form.status } : {}),
      ...(form.section ? { section: form.section } : {}),
      ...(form.author !== undefined ? { author: form.author } : {}),
      ...(form.language ? { locale: form.language } : {}),
      ...(form.assignee !== undefined ? { assignee: form.assignee === 'me' ? session.user.id : form.assignee } : {}),
      ...(form.dateField ? { dateField: form.dateField } : {}),
      ...(form.from ? { from: dayStart(form.from, site.timeZone) } : {}),
      ...(form.to ? { to: dayAfter(form.to, site.timeZone) } : {}),
      ...(form.before !== undefined ? { before: form.before } : {}),
      ...(form.pending ? { pending: form.pending === '1' } : {}),
    };
    const [{ items, nextBefore }, choices] = await Promise.all([listArticles(deps, sessionPrincipal(session), query), listChoices(deps, 'en')]);
    const { before: _before, ...kept } = form;
    const filters: ListFilters = Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, String(v)]));
    const href = (before?: number) => {
      const params = new URLSearchParams(filters as Record<string, string>);
      if (before !== undefined) params.set('before', String(before));
      const qs = params.toString();
      return qs ? `/admin/articles?${qs}` : '/admin/articles';
    };
    return c.html(
      renderArticleListPage(adminContext(c), {
        rows: items,
        filters,
        choices: { ...choices, locales: site.locales },
        olderHref: nextBefore === null ? null : href(nextBefore),
        firstPageHref: form.before !== undefined ? href() : null,
      }),
    );
  });

  const deskPage = async (c: Context, session: Session, extra: { error?: { text: string; hint?: string | undefined } } = {}, status: 200 | 404 | 422 = 200) => {
    const d = await translationDesk(deps, sessionPrincipal(session), idOf(c), site.locales);
    const done = c.req.query('done');
    const view = {
      article: { id: d.article.id, locale: d.article.locale, headline: d.article.headline, deck: d.article.deck, body: d.article.body, state: d.state },
      source: d.source
        ? {
            id: d.source.article.id,
            locale: d.source.article.locale,
            headline: d.source.article.headline,
            deck: d.source.article.deck,
            body: d.source.article.body,
            state: d.source.state,
            matchedRevision: d.source.matchedRevision,
            currentRevision: d.source.currentRevision,
          }
        : null,
      needsUpdate: d.needsUpdate,
      sourceDiff: d.sourceDiff,
      versions: d.versions.map((v) =>
        v.readable
          ? {
              readable: true as const,
              id: v.id,
              locale: v.locale,
              headline: v.headline,
              state: v.state,
              needsUpdate: v.needsUpdate,
              isTranslation: v.translatedFrom !== null,
            }
          : { readable: false as const, locale: v.locale, state: v.state },
      ),
      translateInto: d.translateInto,
      canEdit: d.canEdit,
      canMarkUpToDate: d.canMarkUpToDate,
      notes: d.notes,
      canNote: d.canNote,
      assignee: d.assignee,
      assignable: d.assignable,
    };
    return c.html(
      renderTranslationDeskPage(adminContext(c), {
        ...view,
        timeZone: site.timeZone,
        ...(isDeskNotice(done) && !extra.error ? { notice: done } : {}),
        ...extra,
      }),
      status,
    );
  };

  app.get(`/articles/${ID}/translation`, async (c) => {
    const session = c.get('adminSession');
    return session ? deskPage(c, session) : toLogin(c);
  });

  /** A desk form: mistakes a person can fix are shown on the desk page; the rest go to the error page. */
  const deskAction = (path: string, run: (c: Context, session: Session, f: (name: string) => string) => Promise<string>) =>
    app.post(`/articles/${ID}/${path}`, async (c) => {
      const session = mustHaveSession(c);
      await assertSessionCsrf(c, session);
      const f = await formFields(c);
      try {
        return c.redirect(await run(c, session, f), 303);
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION_FAILED' || path === 'translate') throw e;
        return deskPage(c, session, { error: formErrorOf(adminContext(c), e) }, 422);
      }
    });

  deskAction('translate', async (c, session, f) => {
    const locale = f('locale');
    if (!site.locales.includes(locale)) {
      throw new AppError('VALIDATION_FAILED', `"${locale}" is not one of this site's languages.`, {
        hint: `Translate into one of: ${site.locales.join(', ')}.`,
        details: { fields: { locale: `not one of ${site.locales.join(', ')}` } },
      });
    }
    const id = await translateArticle(deps, sessionPrincipal(session), idOf(c), { locale });
    return `/admin/articles/${id}/edit`;
  });

  deskAction('translation/up-to-date', async (c, session) => {
    await markTranslationUpToDate(deps, sessionPrincipal(session), idOf(c));
    return `/admin/articles/${idOf(c)}/translation?done=up-to-date`;
  });

  deskAction('notes', async (c, session, f) => {
    await addNote(deps, sessionPrincipal(session), idOf(c), f('text'));
    return `/admin/articles/${idOf(c)}/translation?done=noted#notes`;
  });

  deskAction('assignee', async (c, session, f) => {
    const raw = f('assignee');
    if (raw !== '' && !/^[0-9]{1,12}$/.test(raw)) {
      throw new AppError('VALIDATION_FAILED', 'Choose someone from the list, or nobody.', { details: { fields: { assignee: 'not a user id' } } });
    }
    await assignArticle(deps, sessionPrincipal(session), idOf(c), raw === '' ? null : Number(raw));
    return `/admin/articles/${idOf(c)}/translation?done=assigned`;
  });

  return app;
}
