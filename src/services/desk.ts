import { can, canEditArticle, type ArticleResource } from '../content/policy.js';
import { NOTE_MAX } from '../content/types.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { loadArticle } from '../db/load-article.js';
import { listContributorNames } from '../db/editor-repo.js';
import { listSections } from '../db/taxonomy-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  findActiveUser,
  insertNote,
  listAssignableUsers,
  listAssignedTo,
  listInStatus,
  listNotes,
  listScheduled,
  listTranslationsNeedingUpdate,
  needsUpdate,
  recentNotes,
  setAssignee,
  setTranslatedFrom,
  userNames,
  versionsOfStories,
} from '../db/desk-repo.js';
import { AppError, notFound } from '../errors.js';
import { mayReadArticle } from './admin-articles.js';
import { assertCan } from './authorize.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from './principal.js';
import { diffRevisions, type RevisionDiff } from './revisions.js';
import { stateOf, type WorkflowState } from '../content/workflow.js';

/**
 * The desk: editorial notes on an article, who is assigned to it, the state of a story's translations ("needs
 * update" when the source's text changed since a translation was made) and the dashboard's lists.
 *
 * Notes are written by whoever may edit the article (its writers while it is theirs to edit, editors and admins on
 * anything: the people who review it) and read by whoever may read its drafts. Assignment is `article.assign`.
 */

async function articleFor(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return { row, resource: await articleResource(deps.db.kysely, row) };
}

const forbidden = (who: Principal, what: string, action: string) =>
  new AppError('FORBIDDEN', `Your role (${who.actor.role}) may not ${what}.`, {
    hint: 'Writers work on their own stories until they are submitted; editors and admins on any. README.md "Who may do what".',
    details: { action },
  });

const invalidField = (field: string, message: string, summary: string, hint: string) =>
  new AppError('VALIDATION_FAILED', summary, { hint, details: { fields: { [field]: message } } });

export type Note = { id: number; articleId: number; user: { id: number; name: string } | null; text: string; createdAt: string };

const toNote = (r: { id: number; article_id: number; user_id: number | null; user_name: string | null; text: string; created_at: string }): Note => ({
  id: r.id,
  articleId: r.article_id,
  user: r.user_id !== null && r.user_name !== null ? { id: r.user_id, name: r.user_name } : null,
  text: r.text,
  createdAt: r.created_at,
});

/** May this principal write notes on the article? (For showing the form; addNote decides for itself.) */
export const mayNote = (who: Principal, resource: ArticleResource) => canEditArticle(who.actor, resource);

/** The article's notes, oldest first. */
export async function listArticleNotes(deps: Deps, who: Principal, articleId: number): Promise<Note[]> {
  const { resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.read-draft', resource);
  return (await listNotes(deps.db.kysely, articleId)).map(toNote);
}

/** A note on the article, by whoever may edit it. Returns the note. */
export async function addNote(deps: Deps, who: Principal, articleId: number, text: string): Promise<Note> {
  const { resource } = await articleFor(deps, articleId);
  if (!mayNote(who, resource)) throw forbidden(who, 'write notes on this article', 'article.edit-any');
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > NOTE_MAX) {
    throw invalidField('text', `between 1 and ${NOTE_MAX} characters`, `A note needs between 1 and ${NOTE_MAX} characters of text.`, 'Write the note and send it again.');
  }
  const now = nowIso(deps);
  const id = await insertNote(deps.db.kysely, { articleId, userId: who.userId, text: trimmed, createdAt: now });
  const names = who.userId !== null ? await userNames(deps.db.kysely, [who.userId]) : new Map<number, string>();
  return { id, articleId, user: who.userId !== null && names.has(who.userId) ? { id: who.userId, name: names.get(who.userId)! } : null, text: trimmed, createdAt: now };
}

/** Puts a person (any active account) on the article, or nobody (`null`). Audited with who it was before. */
export async function assignArticle(deps: Deps, who: Principal, articleId: number, userId: number | null): Promise<{ id: number; name: string } | null> {
  const { row, resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.assign', resource);
  const user = userId === null ? null : await findActiveUser(deps.db.kysely, userId);
  if (userId !== null && !user) {
    throw invalidField('assigneeUserId', `no active user ${userId}`, `There is no active account ${userId} to assign.`, 'Choose someone from the list of accounts.');
  }
  if (row.assignee_user_id !== (user?.id ?? null)) {
    const { actorUserId, via } = auditActor(who);
    await deps.db.kysely.transaction().execute(async (trx) => {
      await setAssignee(trx, articleId, user?.id ?? null);
      await insertAudit(trx, {
        at: nowIso(deps),
        actorUserId,
        action: 'article.assigned',
        subjectType: 'article',
        subjectId: articleId,
        details: { from: row.assignee_user_id, to: user?.id ?? null, ...via },
      });
    });
  }
  return user ? { id: user.id, name: user.name } : null;
}

export type VersionStatus = {
  /** This viewer may read the version (mayReadArticle): it is shown in full. */
  readable: true;
  id: number;
  locale: string;
  headline: string;
  state: WorkflowState;
  revision: number;
  assigneeUserId: number | null;
  /** The source this version was translated from (null for the original, or when the source was deleted). */
  translatedFrom: { id: number; locale: string; revision: number } | null;
  /** The source's current revision (what "mark as up to date" records). */
  sourceRevision: number | null;
  needsUpdate: boolean;
  /**
   * When it needs an update: the word diff of the source from the revision the translation matches to now (omitted
   * when the reader may not read the source's drafts).
   */
  sourceDiff: RevisionDiff | null;
};

/**
 * A version this viewer may not read (someone else's draft, for a writer): that the language exists and how far it
 * is, which the desk needs to know (nobody starts a second translation into it), and nothing of its text or people.
 */
export type HiddenVersion = { readable: false; locale: string; state: WorkflowState };

export type StoryTranslations = { articleId: number; storyId: number; versions: (VersionStatus | HiddenVersion)[] };

/**
 * Every language version of the article's story with its state, and for translations whether they lag behind. A
 * version this viewer may not read is listed by language and state alone.
 */
export async function storyTranslations(deps: Deps, who: Principal, articleId: number): Promise<StoryTranslations> {
  const { row, resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.read-draft', resource);
  const now = nowIso(deps);
  const rows = await versionsOfStories(deps.db.kysely, [row.story_id]);
  const versions: (VersionStatus | HiddenVersion)[] = [];
  for (const v of rows) {
    if (v.id !== articleId && !(await mayReadArticle(deps, who, { id: v.id, status: v.status, publishedAt: v.published_at }))) {
      versions.push({ readable: false, locale: v.locale, state: stateOf(v, now) });
      continue;
    }
    const lagging = needsUpdate(v);
    const translatedFrom =
      v.translated_from_id !== null && v.source_locale !== null ? { id: v.translated_from_id, locale: v.source_locale, revision: v.translated_from_revision ?? 1 } : null;
    let sourceDiff: RevisionDiff | null = null;
    if (lagging && translatedFrom && v.source_revision !== null) {
      const source = await articleFor(deps, translatedFrom.id);
      if (can(who.actor, 'article.read-draft', source.resource)) {
        sourceDiff = await diffRevisions(deps, who, translatedFrom.id, translatedFrom.revision, v.source_revision);
      }
    }
    versions.push({
      readable: true,
      id: v.id,
      locale: v.locale,
      headline: v.headline,
      state: stateOf(v, now),
      revision: v.revision,
      assigneeUserId: v.assignee_user_id,
      translatedFrom,
      sourceRevision: v.source_revision,
      needsUpdate: lagging,
      sourceDiff,
    });
  }
  return { articleId, storyId: row.story_id, versions };
}

/**
 * "Mark as up to date": the translator has carried the source's changes over (or judged them not to matter), so the
 * translation now matches the source's current revision. Needs the right to edit the translation. Audited.
 */
export async function markTranslationUpToDate(deps: Deps, who: Principal, articleId: number): Promise<{ sourceId: number; revision: number }> {
  const { row, resource } = await articleFor(deps, articleId);
  if (!canEditArticle(who.actor, resource)) throw forbidden(who, 'edit this translation', 'article.edit-any');
  const source = row.translated_from_id !== null ? await getArticleRow(deps.db.kysely, row.translated_from_id) : undefined;
  if (!source) {
    throw new AppError('VALIDATION_FAILED', `Article ${articleId} is not a translation of another article here.`, {
      hint: 'Only a translation made with "Translate" knows its source; open the source to see its translations.',
      details: { fields: { translatedFromId: 'none' } },
    });
  }
  const { actorUserId, via } = auditActor(who);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await setTranslatedFrom(trx, articleId, source.id, source.revision);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: 'article.translation-up-to-date',
      subjectType: 'article',
      subjectId: articleId,
      details: { sourceId: source.id, from: row.translated_from_revision, to: source.revision, ...via },
    });
  });
  return { sourceId: source.id, revision: source.revision };
}

export type DashboardItem = {
  id: number;
  locale: string;
  headline: string;
  state: WorkflowState;
  updatedAt: string;
  /** For scheduled stories: when they go out. */
  publishAt: string | null;
  source?: { id: number; locale: string };
};

const DASHBOARD_LIMIT = 20;

/**
 * The desk's start page: what goes out next, what waits for review, what is assigned to me, which translations lag
 * behind their source, and the latest notes. Who may read every draft sees the whole newsroom; a writer sees their own.
 */
export async function dashboard(deps: Deps, who: Principal) {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const owner = can(who.actor, 'article.read-draft') ? {} : { ownerUserId: who.userId ?? -1 };
  const item = (r: { id: number; locale: string; headline: string; status: string; published_at: string | null; updated_at: string; scheduled_at: string | null }): DashboardItem => {
    const state = stateOf(r, now);
    return { id: r.id, locale: r.locale, headline: r.headline, state, updatedAt: r.updated_at, publishAt: state === 'scheduled' ? (r.published_at ?? r.scheduled_at) : null };
  };
  const [scheduled, inReview, assigned, lagging, notes] = await Promise.all([
    listScheduled(k, { now, limit: DASHBOARD_LIMIT, ...owner }),
    listInStatus(k, { status: 'in_review', limit: DASHBOARD_LIMIT, ...owner }),
    who.userId !== null ? listAssignedTo(k, { userId: who.userId, limit: DASHBOARD_LIMIT }) : Promise.resolve([]),
    listTranslationsNeedingUpdate(k, { limit: DASHBOARD_LIMIT, ...owner }),
    recentNotes(k, { limit: 10, ...owner }),
  ]);
  return {
    scheduled: scheduled.map(item),
    inReview: inReview.map(item),
    assignedToMe: assigned.map(item),
    needsUpdate: lagging.map((r) => ({ ...item(r), source: { id: r.source_id, locale: r.source_locale } })),
    recentNotes: notes.map((n) => ({ ...toNote(n), headline: n.headline, locale: n.locale })),
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/**
 * Everything the translation desk page shows of an article: the article and (for a translation) its source, the
 * story's versions, the source's diff when it changed, notes, assignment, and what this user may do there.
 */
export async function translationDesk(deps: Deps, who: Principal, articleId: number, siteLocales: readonly string[]) {
  const k = deps.db.kysely;
  const story = await storyTranslations(deps, who, articleId);
  const { row, resource } = await articleFor(deps, articleId);
  const [article, notes, assignee] = await Promise.all([
    loadArticle(k, articleId),
    listNotes(k, articleId),
    row.assignee_user_id !== null ? userNames(k, [row.assignee_user_id]) : Promise.resolve(new Map<number, string>()),
  ]);
  if (!article) throw notFound(`Article ${articleId}`, 'It may have been deleted.');
  // storyTranslations refused already unless this viewer may read the article itself.
  const self = story.versions.find((v): v is VersionStatus => v.readable && v.id === articleId)!;
  let source = null;
  if (self.translatedFrom) {
    const s = await articleFor(deps, self.translatedFrom.id);
    const loaded = await loadArticle(k, s.row.id);
    if (loaded && (await mayReadArticle(deps, who, loaded))) {
      source = { article: loaded, state: stateOf(s.row, nowIso(deps)), matchedRevision: self.translatedFrom.revision, currentRevision: s.row.revision };
    }
  }
  const taken = new Set(story.versions.map((v) => v.locale));
  const canEdit = canEditArticle(who.actor, resource);
  return {
    article,
    state: self.state,
    source,
    needsUpdate: self.needsUpdate,
    sourceDiff: self.sourceDiff?.fields ?? null,
    versions: story.versions,
    translateInto: can(who.actor, 'article.translate', resource) ? siteLocales.filter((l) => !taken.has(l)) : [],
    canEdit,
    canMarkUpToDate: canEdit && source !== null,
    notes: notes.map(toNote),
    canNote: mayNote(who, resource),
    assignee: row.assignee_user_id !== null && assignee.has(row.assignee_user_id) ? { id: row.assignee_user_id, name: assignee.get(row.assignee_user_id)! } : null,
    assignable: can(who.actor, 'article.assign', resource) ? await listAssignableUsers(k) : [],
  };
}

/** The list page's choices: sections (named in `locale`), contributors and active accounts. */
export async function listChoices(deps: Deps, locale: string) {
  const k = deps.db.kysely;
  const [sections, contributors, users] = await Promise.all([listSections(k, locale), listContributorNames(k), listAssignableUsers(k)]);
  return { sections, contributors, users };
}
