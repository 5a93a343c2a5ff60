import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { can } from '../../content/policy.js';
import { slugFromHeadline } from '../../content/slug.js';
import { articlePath } from '../../content/urls.js';
import { CORRECTION_MAX } from '../../content/types.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../../content/zoned-time.js';
import { AppError, isAppError } from '../../errors.js';
import { EDITOR_CSS } from '../../render/admin/editor-css.js';
import {
  renderEditorPage,
  renderNewArticlePage,
  valuesOfArticle,
  valuesOfContent,
  type EditorValues,
  type EditorView,
} from '../../render/admin/editor-page.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { renderDocument } from '../../render/document-html.js';
import type { SiteContext } from '../../content/site-context.js';
import { correctArticle } from '../../services/articles.js';
import { previewPanel } from '../../services/previews.js';
import { editorPage, newArticleOptions, saveWithoutBody, startDraft, tagsByName } from '../../services/editor-page.js';
import { actorOf, sessionPrincipal, type Session } from '../../services/sessions.js';
import type { Deps } from '../../services/deps.js';
import { isWorkflowState } from '../../content/workflow.js';
import { changeStatus, scheduleArticle } from '../../services/workflow.js';
import { cancelPendingSchedule, schedulePendingChanges } from '../../services/pending-schedule.js';
import { discardPendingChanges, publishPendingChanges, submitPendingChanges } from '../../services/pending-changes.js';
import { readJson } from '../body.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
import { assertSessionCsrf } from './csrf.js';
import { editorBundle } from './editor-bundle.js';
import { formFields, mustHaveSession, toLogin, wantsJson } from './guard.js';

/**
 * The article editor (mounted inside the admin at /admin): a new draft from a headline, the edit page (a whole form
 * without JavaScript; TipTap, autosave and history with it), its no-JavaScript save, workflow moves, tags created by
 * name, and the editor's script and stylesheet.
 */

const ID = ':id{[0-9]{1,12}}';
// Shown where the form puts them; anything else about a failed save goes to the admin's error page.
const FORM_ERRORS = ['VALIDATION_FAILED', 'CONFLICT', 'INVALID_TRANSITION'];
const MAX_BYLINE_ROWS = 50;

const NOTICES: Record<string, string> = {
  saved: 'Saved.',
  created: 'Draft created. The editor saves as you type.',
  moved: 'Done: the workflow state changed.',
  corrected: 'The correction is published: it shows on the story, in its structured data and in the feeds.',
  updated: 'Updated: the pending changes are live.',
  discarded: 'The pending changes were discarded (they stay in the history). The editor shows the live version.',
  submitted: 'The pending changes were sent for review.',
  'update-scheduled': 'The update is scheduled: the pending changes go live at the chosen time, unless they are saved again.',
  'update-unscheduled': 'The scheduled update is cancelled: the pending changes wait for Update.',
  revoked: 'The share link is revoked: it no longer opens.',
};

const articleId = (c: Context) => Number(c.req.param('id'));

/** The no-JavaScript form's fields, as the save needs them and as the page shows them again after an error. */
function readForm(f: (name: string) => string) {
  const text = (name: string) => f(name).trim();
  const orNull = (name: string) => text(name) || null;
  const num = (name: string) => Number(text(name));
  const bylines: { contributorId: string; role: string }[] = [];
  for (let i = 0; i < MAX_BYLINE_ROWS; i++) {
    const contributorId = text(`byline-${i}-contributor`);
    if (contributorId) bylines.push({ contributorId, role: text(`byline-${i}-role`) || 'author' });
  }
  const tags = f('tags')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const values: EditorValues = {
    headline: text('headline'),
    deck: text('deck'),
    slug: text('slug'),
    sectionId: text('sectionId'),
    tags,
    bylines,
    dateline: text('dateline'),
    heroMediaId: text('heroMediaId'),
    heroAlt: text('heroAlt'),
    heroCaption: text('heroCaption'),
    heroCredit: text('heroCredit'),
    heroSrc: '',
    sourcePartnerId: text('sourcePartnerId'),
    sourceUrl: text('sourceUrl'),
    sourceHeadline: text('sourceHeadline'),
    sourceLocale: text('sourceLocale'),
    seoTitle: text('seoTitle'),
    seoDescription: text('seoDescription'),
    canonicalUrl: text('canonicalUrl'),
  };
  const fields = {
    headline: values.headline,
    deck: orNull('deck'),
    ...(values.slug ? { slug: values.slug } : {}),
    sectionId: num('sectionId'),
    tagNames: tags,
    bylines: bylines.map((b) => ({ contributorId: Number(b.contributorId), role: b.role as 'author' })),
    dateline: orNull('dateline'),
    hero: values.heroMediaId ? { mediaId: num('heroMediaId'), alt: orNull('heroAlt'), caption: orNull('heroCaption'), credit: orNull('heroCredit') } : null,
    source: values.sourcePartnerId
      ? { partnerId: num('sourcePartnerId'), url: orNull('sourceUrl'), headline: orNull('sourceHeadline'), locale: orNull('sourceLocale') }
      : null,
    seoTitle: orNull('seoTitle'),
    seoDescription: orNull('seoDescription'),
    canonicalUrl: orNull('canonicalUrl'),
  };
  return { values, fields, baseRevision: num('baseRevision') };
}

const formError = (c: Context, e: AppError): NonNullable<EditorView['error']> => formErrorOf(adminContext(c), e);

export function editorRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();

  /** The edit page; after a refused form, with what was sent instead of what is stored. */
  const editPage = async (
    c: Context,
    session: Session,
    id: number,
    extra: { values?: EditorValues; revision?: number; error?: EditorView['error'] } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const [d, panel] = await Promise.all([
      editorPage(deps, sessionPrincipal(session), id),
      previewPanel(deps, sessionPrincipal(session), id).catch((e: unknown) => {
        if (isAppError(e)) return null;
        throw e;
      }),
    ]);
    const a = d.article;
    const workingBody = (d.pending?.content['body'] as typeof a.body | undefined) ?? a.body;
    const base = slugFromHeadline(a.headline);
    const done = c.req.query('done');
    const view: EditorView = {
      id,
      kind: a.kind ?? 'story',
      locale: a.locale,
      locales: site.locales,
      revision: extra.revision ?? a.revision,
      state: d.state,
      timeZone: site.timeZone,
      publicUrl:
        d.state === 'published' && a.publishedAt
          ? articlePath({ locale: a.locale, sectionSlug: a.section.slug, publishedAt: a.publishedAt, slug: a.slug, kind: a.kind })
          : null,
      scheduledLocal: d.state === 'scheduled' && a.publishedAt ? utcToZonedLocal(a.publishedAt, site.timeZone) : '',
      canEdit: d.canEdit,
      live: d.live,
      pending: d.pending
        ? {
            revision: d.pending.revision,
            liveRevision: d.pending.liveRevision,
            state: d.pending.state,
            who: d.pending.user?.name ?? null,
            savedAt: d.pending.savedAt,
            textChanged: d.pending.textChanged,
            scheduledAt: d.pending.scheduledAt,
          }
        : null,
      canUpdate: d.canUpdate,
      canCreateContributor: d.canCreateContributor,
      canSubmitChanges: d.canSubmitChanges,
      slugFollowsHeadline: a.publishedAt === null && (a.slug === base || new RegExp(`^${base}-\\d+$`).test(a.slug)),
      // A page has no embargo: it is published when it is ready.
      moves: a.kind === 'page' ? d.moves.filter((m) => m.to !== 'scheduled') : d.moves,
      versions: d.versions,
      // While pending changes wait, the page edits them: the live version is what readers have.
      values: extra.values ?? (d.pending ? valuesOfContent(d.pending.content, a) : valuesOfArticle(a)),
      bodyHtml: renderDocument(workingBody),
      bodyJson: JSON.stringify(workingBody),
      corrections: a.corrections.map((x) => ({ id: x.id, text: x.text, at: x.createdAt })),
      canCorrect:
        can(actorOf(session.user), 'article.add-correction') &&
        a.publishedAt !== null &&
        d.state !== 'draft' &&
        d.state !== 'in_review' &&
        d.state !== 'scheduled',
      source: d.source
        ? {
            id: d.source.id,
            locale: d.source.locale,
            headline: d.source.headline,
            deck: d.source.deck,
            bodyHtml: renderDocument(d.source.body),
            needsUpdate: d.source.needsUpdate,
          }
        : null,
      wireOriginal: d.wireOriginal,
      options: d.options,
      error: extra.error,
      notice: done && !extra.error ? NOTICES[done] : undefined,
      preview: panel?.canPreview
        ? { articleId: id, revision: panel.revision, timeZone: site.timeZone, canShare: panel.canShare, links: panel.links }
        : undefined,
    };
    return c.html(renderEditorPage(adminContext(c), view), status);
  };

  // ---- a new draft ----

  app.get('/articles/new', async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    const { sections } = await newArticleOptions(deps, sessionPrincipal(session));
    return c.html(renderNewArticlePage(adminContext(c), { locales: site.locales, sections }));
  });

  app.post('/articles/new', async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const f = await formFields(c);
    const values = { locale: f('locale'), headline: f('headline').trim(), sectionId: f('sectionId') };
    const { sections } = await newArticleOptions(deps, sessionPrincipal(session));
    const again = (error: FormError) => c.html(renderNewArticlePage(adminContext(c), { locales: site.locales, sections, values, error }), 422);
    if (!site.locales.includes(values.locale)) {
      return again({ text: `"${values.locale}" is not one of this site's languages.`, hint: `Choose one of: ${site.locales.join(', ')}.` });
    }
    try {
      const id = await startDraft(deps, sessionPrincipal(session), { locale: values.locale, headline: values.headline, sectionId: Number(values.sectionId) });
      return c.redirect(`/admin/articles/${id}/edit?done=created`, 303);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'VALIDATION_FAILED' || wantsJson(c)) throw e;
      return again(formErrorOf(adminContext(c), e));
    }
  });

  // ---- one article ----

  app.get(`/articles/${ID}/edit`, async (c) => {
    const session = c.get('adminSession');
    if (!session) return toLogin(c);
    return editPage(c, session, articleId(c));
  });

  // The form without JavaScript: every field but the body.
  app.post(`/articles/${ID}`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = articleId(c);
    const form = readForm(await formFields(c));
    try {
      await saveWithoutBody(deps, sessionPrincipal(session), id, form.baseRevision, form.fields);
      return c.redirect(`/admin/articles/${id}/edit?done=saved`, 303);
    } catch (e) {
      if (!isAppError(e) || !FORM_ERRORS.includes(e.code) || wantsJson(c)) throw e;
      if (e.code === 'CONFLICT') {
        // What was typed is shown again, now based on the stored revision: saving again replaces it knowingly.
        const current = Number(e.details?.['currentRevision']);
        const error = {
          text: `Someone else saved this article after you opened it (it is now at revision ${current}). Nothing of yours was saved yet: your version is in the form below.`,
          hint: 'Save again to replace their version with yours, or open the page again to see theirs first.',
        };
        return editPage(c, session, id, { values: form.values, revision: current, error }, 409);
      }
      return editPage(c, session, id, { values: form.values, revision: form.baseRevision, error: formError(c, e) }, 422);
    }
  });

  app.post(`/articles/${ID}/status`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = articleId(c);
    const f = await formFields(c);
    const to = f('to');
    try {
      if (!isWorkflowState(to)) {
        throw new AppError('VALIDATION_FAILED', `"${to}" is not a workflow state.`, {
          hint: 'Use the buttons under "Workflow".',
          details: { fields: { to: 'unknown state' } },
        });
      }
      if (to === 'scheduled') {
        const at = zonedLocalToUtc(f('publishAt'), site.timeZone);
        if (!at) {
          throw new AppError('VALIDATION_FAILED', 'The publication time is missing or not a date and time.', {
            hint: `Choose a day and a time (${site.timeZone} time).`,
            details: { fields: { publishAt: 'not a date and time' } },
          });
        }
        await scheduleArticle(deps, sessionPrincipal(session), id, at);
      } else {
        await changeStatus(deps, sessionPrincipal(session), id, to);
      }
      // Back to the status group, where the step was taken: the editor keeps their place.
      return c.redirect(`/admin/articles/${id}/edit?done=moved#publish`, 303);
    } catch (e) {
      if (!isAppError(e) || !FORM_ERRORS.includes(e.code) || wantsJson(c)) throw e;
      return editPage(c, session, id, { error: formError(c, e) }, 422);
    }
  });

  // Pending changes of a live story, without JavaScript too: Update, Discard, and a writer's "submit for review".
  const pendingAction = (
    path: string,
    act: (who: ReturnType<typeof sessionPrincipal>, id: number, f: (name: string) => string) => Promise<unknown>,
    done: string,
  ) =>
    app.post(`/articles/${ID}/pending/${path}`, async (c) => {
      const session = mustHaveSession(c);
      await assertSessionCsrf(c, session);
      const id = articleId(c);
      const f = await formFields(c);
      try {
        await act(sessionPrincipal(session), id, f);
        return c.redirect(`/admin/articles/${id}/edit?done=${done}#publish`, 303);
      } catch (e) {
        // Also shown on the page: changes already published or discarded in another tab, an image without alt text.
        if (!isAppError(e) || ![...FORM_ERRORS, 'NOT_FOUND', 'ALT_TEXT_REQUIRED'].includes(e.code) || wantsJson(c)) throw e;
        return editPage(c, session, id, { error: formError(c, e) }, e.code === 'CONFLICT' ? 409 : 422);
      }
    });
  const baseOf = (f: (name: string) => string) => (/^\d+$/.test(f('baseRevision')) ? Number(f('baseRevision')) : undefined);
  pendingAction('publish', (who, id, f) => publishPendingChanges(deps, who, id, { baseRevision: baseOf(f), correction: f('correction') }), 'updated');
  pendingAction('discard', (who, id, f) => discardPendingChanges(deps, who, id, baseOf(f)), 'discarded');
  pendingAction('submit', (who, id) => submitPendingChanges(deps, who, id), 'submitted');
  // A scheduled update, from a datetime-local field named `publishAt` in the site's time zone.
  pendingAction(
    'schedule',
    async (who, id, f) => {
      const at = zonedLocalToUtc(f('publishAt'), site.timeZone);
      if (!at) {
        throw new AppError('VALIDATION_FAILED', 'The time of the update is missing or not a date and time.', {
          hint: `Choose a day and a time (${site.timeZone} time).`,
          details: { fields: { publishAt: 'not a date and time' } },
        });
      }
      await schedulePendingChanges(deps, who, id, at);
    },
    'update-scheduled',
  );
  pendingAction('unschedule', (who, id) => cancelPendingSchedule(deps, who, id), 'update-unscheduled');

  // A dated correction on a story readers have seen: shown on the page, in its JSON-LD and in the feeds.
  app.post(`/articles/${ID}/corrections`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const id = articleId(c);
    const f = await formFields(c);
    const text = f('text').trim();
    try {
      if (!text || text.length > CORRECTION_MAX) {
        throw new AppError(
          'VALIDATION_FAILED',
          text ? `A correction is at most ${CORRECTION_MAX.toLocaleString('en')} characters.` : 'The correction is empty.',
          {
            hint: 'Say what was wrong and what is right, e.g. "An earlier version gave the wrong date of the talks."',
            details: { fields: { text: text ? 'too long' : 'required' } },
          },
        );
      }
      await correctArticle(deps, sessionPrincipal(session), id, text);
      return c.redirect(`/admin/articles/${id}/edit?done=corrected#group-corrections`, 303);
    } catch (e) {
      if (!isAppError(e) || !FORM_ERRORS.includes(e.code) || wantsJson(c)) throw e;
      return editPage(c, session, id, { error: formError(c, e) }, 422);
    }
  });

  // Tags by name for the editor's tag field: existing ones are found, new ones created (JSON in and out).
  app.post(`/articles/${ID}/tags`, async (c) => {
    const session = mustHaveSession(c);
    await assertSessionCsrf(c, session);
    const sent = await readJson(c);
    const names = typeof sent === 'object' && sent !== null ? (sent as { names?: unknown }).names : undefined;
    if (!Array.isArray(names) || names.length > 50 || !names.every((n) => typeof n === 'string')) {
      throw new AppError('VALIDATION_FAILED', 'Send {"names": ["…"]}: up to 50 tag names.', { details: { fields: { names: 'a list of strings' } } });
    }
    return c.json({ tags: await tagsByName(deps, sessionPrincipal(session), articleId(c), names as string[]) });
  });

  // ---- the editor's script and stylesheet ----

  app.get('/assets/editor.js', async (c) => {
    const bundle = await editorBundle();
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    c.header('Vary', 'Accept-Encoding');
    if (gzip) c.header('Content-Encoding', 'gzip');
    return asset(c, gzip ? bundle.gzip : bundle.code, bundle.etag, 'text/javascript; charset=utf-8');
  });

  const cssEtag = `"${createHash('sha256').update(EDITOR_CSS).digest('base64url').slice(0, 27)}"`;
  app.get('/assets/editor.css', (c) => asset(c, EDITOR_CSS, cssEtag, 'text/css; charset=utf-8'));

  return app;
}

/** Revalidated on every use (a new process may serve a new build), answered 304 while unchanged. */
function asset(c: Context, body: string | Uint8Array, etag: string, type: string) {
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>), 200, { 'Content-Type': type });
}
