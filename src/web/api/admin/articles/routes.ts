import { Hono, type Context } from 'hono';
import { AppError, isAppError } from '../../../../errors.js';
import type { SiteContext } from '../../../../content/site-context.js';
import { correctArticle, createDraft, listArticles, readArticle, readCreated, saveArticle, translateArticle } from '../../../../services/articles.js';
import type { Deps } from '../../../../services/deps.js';
import { diffRevisions, listArticleRevisions, readRevision, restoreRevision } from '../../../../services/revisions.js';
import { assignArticle } from '../../../../services/article-assignment.js';
import { addNote, listArticleNotes } from '../../../../services/article-notes.js';
import { markTranslationUpToDate, storyTranslations } from '../../../../services/translation-status.js';
import { changeStatus, scheduleArticle } from '../../../../services/workflow.js';
import { discardPendingChanges, publishPendingChanges, savePendingChanges, submitPendingChanges } from '../../../../services/pending-changes.js';
import { cancelPendingSchedule, schedulePendingChanges } from '../../../../services/pending-schedule.js';
import { readJson, readOptionalJson } from '../../../body.js';
import { ADMIN_API_PATH } from '../paths.js';
import { presentArticle, presentListItem } from './present.js';
import {
  AssigneeBody,
  NoteBody,
  CorrectionBody,
  CreateArticleBody,
  DiffQuery,
  DiscardPendingQuery,
  idParam,
  invalidField,
  ListArticlesQuery,
  parse,
  PublishPendingBody,
  RestoreBody,
  revisionParam,
  ScheduleBody,
  StatusBody,
  TranslationBody,
  UpdateArticleBody,
  withBodyFromHtml,
} from './schema.js';

const BASE = `${ADMIN_API_PATH}/articles`;

/** /api/admin/v1/articles: list, read, create, update (with the base revision), workflow, corrections, translations. */
export function articleRoutes(deps: Deps, site: SiteContext) {
  const app = new Hono();
  const who = (c: Context) => c.get('apiPrincipal');
  const show = async (c: Context, id: number) => presentArticle(site, await readArticle(deps, who(c), id));

  app.get('/', async (c) => {
    const query = parse(ListArticlesQuery, c.req.query(), 'query');
    const { items, nextBefore } = await listArticles(deps, who(c), query);
    const next = nextBefore === null ? null : `${BASE}?${new URLSearchParams({ ...stringify(c.req.query()), before: String(nextBefore) })}`;
    return c.json({ items: items.map(presentListItem), next });
  });

  app.post('/', async (c) => {
    const body = parse(CreateArticleBody, await withBodyFromHtml(await readJson(c)), 'article');
    const id = await createDraft(deps, who(c), body);
    c.header('Location', `${BASE}/${id}`);
    return c.json(presentArticle(site, await readCreated(deps, id)), 201);
  });

  app.get('/:id', async (c) => c.json(await show(c, idParam(c.req.param('id')))));

  app.put('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const sent = await readJson(c);
    const { baseRevision, ...fields } = parse(UpdateArticleBody, await withBodyFromHtml(sent), 'article');
    try {
      await saveArticle(deps, who(c), id, baseRevision, fields);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      // Nothing is lost: the answer carries the stored version and what this client sent, to merge.
      throw new AppError('CONFLICT', e.message, { hint: e.hint, details: { ...e.details, current: await show(c, id), sent }, cause: e });
    }
    return c.json(await show(c, id));
  });

  // Pending changes of a live story: saved beside the live version, which readers keep until they are published.
  app.put('/:id/pending', async (c) => {
    const id = idParam(c.req.param('id'));
    const sent = await readJson(c);
    const { baseRevision, ...fields } = parse(UpdateArticleBody, await withBodyFromHtml(sent), 'article');
    try {
      await savePendingChanges(deps, who(c), id, baseRevision, fields);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      throw new AppError('CONFLICT', e.message, { hint: e.hint, details: { ...e.details, current: await show(c, id), sent }, cause: e });
    }
    return c.json(await show(c, id));
  });

  app.post('/:id/pending/publish', async (c) => {
    const id = idParam(c.req.param('id'));
    const sent = await readOptionalJson(c);
    const body = parse(PublishPendingBody, sent, 'publish');
    try {
      const done = await publishPendingChanges(deps, who(c), id, body);
      const article = await show(c, id);
      return c.json({ revision: done.revision, correction: article.corrections.find((x) => x.id === done.correctionId) ?? null, article });
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      throw new AppError('CONFLICT', e.message, { hint: e.hint, details: { ...e.details, current: await show(c, id), sent }, cause: e });
    }
  });

  // A scheduled update: the pending changes go live at a set time (services/pending-schedule.ts).
  app.post('/:id/pending/schedule', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(ScheduleBody, await readJson(c), 'schedule');
    const done = await schedulePendingChanges(deps, who(c), id, body.publishAt);
    return c.json({ ...done, article: await show(c, id) });
  });

  app.delete('/:id/pending/schedule', async (c) => {
    const id = idParam(c.req.param('id'));
    await cancelPendingSchedule(deps, who(c), id);
    return c.json({ article: await show(c, id) });
  });

  app.post('/:id/pending/submit', async (c) => {
    const id = idParam(c.req.param('id'));
    await submitPendingChanges(deps, who(c), id);
    return c.json(await show(c, id));
  });

  app.delete('/:id/pending', async (c) => {
    const id = idParam(c.req.param('id'));
    const q = parse(DiscardPendingQuery, c.req.query(), 'query');
    const revision = await discardPendingChanges(deps, who(c), id, q.baseRevision);
    return c.json({ revision, article: await show(c, id) });
  });

  app.post('/:id/status', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(StatusBody, await readJson(c));
    const moved = await changeStatus(deps, who(c), id, body.status, { publishedAt: body.publishedAt ?? null });
    return c.json({ transition: { from: moved.from, to: moved.to }, article: await show(c, id) });
  });

  app.post('/:id/schedule', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(ScheduleBody, await readJson(c));
    const moved = await scheduleArticle(deps, who(c), id, body.publishAt);
    return c.json({ transition: { from: moved.from, to: moved.to }, article: await show(c, id) });
  });

  app.post('/:id/corrections', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(CorrectionBody, await readJson(c), 'correction');
    const correctionId = await correctArticle(deps, who(c), id, body.text);
    const article = await show(c, id);
    return c.json({ correction: article.corrections.find((x) => x.id === correctionId), article }, 201);
  });

  app.post('/:id/translations', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(TranslationBody, await readJson(c), 'translation');
    if (!site.locales.includes(body.locale)) {
      throw invalidField('translation', 'locale', `not one of this site's languages (${site.locales.join(', ')})`);
    }
    const newId = await translateArticle(deps, who(c), id, body);
    c.header('Location', `${BASE}/${newId}`);
    return c.json(presentArticle(site, await readCreated(deps, newId)), 201);
  });

  // The desk: notes, assignment, and the state of the story's translations.
  app.get('/:id/notes', async (c) => {
    const id = idParam(c.req.param('id'));
    return c.json({ items: await listArticleNotes(deps, who(c), id) });
  });

  app.post('/:id/notes', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(NoteBody, await readJson(c), 'note');
    return c.json({ note: await addNote(deps, who(c), id, body.text) }, 201);
  });

  app.put('/:id/assignee', async (c) => {
    const id = idParam(c.req.param('id'));
    const body = parse(AssigneeBody, await readJson(c), 'assignment');
    return c.json({ articleId: id, assignee: await assignArticle(deps, who(c), id, body.assigneeUserId) });
  });

  app.get('/:id/translations', async (c) => c.json(await storyTranslations(deps, who(c), idParam(c.req.param('id')))));

  app.post('/:id/translation/up-to-date', async (c) => {
    const id = idParam(c.req.param('id'));
    const marked = await markTranslationUpToDate(deps, who(c), id);
    return c.json({ articleId: id, translatedFrom: { id: marked.sourceId, revision: marked.revision } });
  });

  // History: every save is a revision; a restore is a new save of an old revision's content.
  app.get('/:id/revisions', async (c) => {
    const id = idParam(c.req.param('id'));
    return c.json({ items: await listArticleRevisions(deps, who(c), id) });
  });

  app.get('/:id/revisions/:n', async (c) => {
    const id = idParam(c.req.param('id'));
    return c.json(await readRevision(deps, who(c), id, revisionParam(c.req.param('n'), id)));
  });

  app.get('/:id/diff', async (c) => {
    const id = idParam(c.req.param('id'));
    const q = parse(DiffQuery, c.req.query(), 'query');
    return c.json(await diffRevisions(deps, who(c), id, q.from, q.to));
  });

  app.post('/:id/revisions/:n/restore', async (c) => {
    const id = idParam(c.req.param('id'));
    const n = revisionParam(c.req.param('n'), id);
    const sent = await readJson(c);
    const { baseRevision } = parse(RestoreBody, sent, 'restore');
    let revision: number;
    try {
      revision = await restoreRevision(deps, who(c), id, n, baseRevision);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e;
      throw new AppError('CONFLICT', e.message, { hint: e.hint, details: { ...e.details, current: await show(c, id), sent }, cause: e });
    }
    return c.json({ restored: n, revision, article: await show(c, id) });
  });

  return app;
}

const stringify = (q: Record<string, string>) => Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'before'));
