import { type Kysely } from 'kysely';
import { ownedBy } from './article-access.js';
import type { Database } from './schema.js';
import { embargoed } from './visibility.js';

type K = Kysely<Database>;

/** The desk's reads and writes: notes, assignment, translation provenance and the dashboard's lists. */

export type NoteRow = { id: number; article_id: number; user_id: number | null; user_name: string | null; text: string; created_at: string };

export async function insertNote(db: K, n: { articleId: number; userId: number | null; text: string; createdAt: string }): Promise<number> {
  const { id } = await db
    .insertInto('article_notes')
    .values({ article_id: n.articleId, user_id: n.userId, text: n.text, created_at: n.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

const notesQuery = (db: K) =>
  db
    .selectFrom('article_notes')
    .leftJoin('users', 'users.id', 'article_notes.user_id')
    .select([
      'article_notes.id',
      'article_notes.article_id',
      'article_notes.user_id',
      'users.name as user_name',
      'article_notes.text',
      'article_notes.created_at',
    ]);

/** An article's notes, oldest first (a conversation reads top to bottom). */
export async function listNotes(db: K, articleId: number): Promise<NoteRow[]> {
  return notesQuery(db).where('article_notes.article_id', '=', articleId).orderBy('article_notes.id').execute();
}

/** The newest notes on any article (or on the articles a user owns), with their article's headline. */
export async function recentNotes(db: K, f: { limit: number; ownerUserId?: number }) {
  let q = notesQuery(db).innerJoin('articles', 'articles.id', 'article_notes.article_id').select(['articles.headline', 'articles.locale']);
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  return q.orderBy('article_notes.created_at', 'desc').orderBy('article_notes.id', 'desc').limit(f.limit).execute();
}

export async function setAssignee(db: K, articleId: number, userId: number | null): Promise<void> {
  await db.updateTable('articles').set({ assignee_user_id: userId }).where('id', '=', articleId).execute();
}

/** Records which revision of which source a translation now matches. */
export async function setTranslatedFrom(db: K, articleId: number, sourceId: number, sourceRevision: number): Promise<void> {
  await db.updateTable('articles').set({ translated_from_id: sourceId, translated_from_revision: sourceRevision }).where('id', '=', articleId).execute();
}

/** Active accounts, by name: whom an article may be assigned to. */
export async function listAssignableUsers(db: K) {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('active', '=', 1).orderBy('name').orderBy('id').execute();
}

export async function findActiveUser(db: K, id: number) {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', id).where('active', '=', 1).executeTakeFirst();
}

export async function userNames(db: K, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Who saved each of these pending revisions, and when (the article list's "Pending changes" badge). */
export async function pendingSaves(db: K, revs: { articleId: number; number: number }[]) {
  if (revs.length === 0) return [];
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.user_id')
    .select(['revisions.article_id', 'revisions.number', 'revisions.created_at', 'users.name as user_name'])
    .where(
      'revisions.article_id',
      'in',
      revs.map((r) => r.articleId),
    )
    .where('revisions.pending', '=', 1)
    .where(
      'revisions.number',
      'in',
      revs.map((r) => r.number),
    )
    .execute();
}

/** The authors (and original authors) on these articles' bylines, in byline order. */
export async function authorsOf(db: K, articleIds: number[]) {
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('article_contributors')
    .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
    .select(['article_contributors.article_id', 'article_contributors.contributor_id', 'article_contributors.role', 'contributors.name'])
    .where('article_contributors.article_id', 'in', articleIds)
    .where('article_contributors.role', 'in', ['author', 'original_author'])
    .orderBy('article_contributors.article_id')
    .orderBy('article_contributors.position')
    .execute();
}

/**
 * Every language version of these stories with what their translation state needs: where each came from, at which
 * source revision, and the source's latest text revision (null when it is not a translation, or its source is gone).
 */
export async function versionsOfStories(db: K, storyIds: number[]) {
  if (storyIds.length === 0) return [];
  return db
    .selectFrom('articles as t')
    .leftJoin('articles as s', 's.id', 't.translated_from_id')
    .select([
      't.id',
      't.story_id',
      't.locale',
      't.status',
      't.published_at',
      't.headline',
      't.revision',
      't.assignee_user_id',
      't.translated_from_id',
      't.translated_from_revision',
      's.locale as source_locale',
      's.text_revision as source_text_revision',
      's.revision as source_revision',
    ])
    .where('t.story_id', 'in', [...new Set(storyIds)])
    .orderBy('t.story_id')
    .orderBy('t.locale')
    .execute();
}

export type StoryVersionRow = Awaited<ReturnType<typeof versionsOfStories>>[number];

/** True when the source's text changed after the revision the translation was made from (or marked up to date). */
export const needsUpdate = (v: Pick<StoryVersionRow, 'translated_from_revision' | 'source_text_revision'>) =>
  v.translated_from_revision !== null && v.source_text_revision !== null && v.source_text_revision > v.translated_from_revision;

const DASHBOARD_COLUMNS = [
  'articles.id',
  'articles.story_id',
  'articles.locale',
  'articles.status',
  'articles.headline',
  'articles.published_at',
  'articles.scheduled_at',
  'articles.updated_at',
  'articles.assignee_user_id',
] as const;

/** Stories waiting for their publication time, soonest first. */
export async function listScheduled(db: K, f: { now: string; limit: number; ownerUserId?: number }) {
  let q = db.selectFrom('articles').select(DASHBOARD_COLUMNS).where('articles.scheduled_at', '>', f.now).where(embargoed(f.now));
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  return q.orderBy('articles.scheduled_at').orderBy('articles.id').limit(f.limit).execute();
}

/** Stories in one status, newest first. */
export async function listInStatus(db: K, f: { status: string; limit: number; ownerUserId?: number }) {
  let q = db.selectFrom('articles').select(DASHBOARD_COLUMNS).where('articles.status', '=', f.status);
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  return q.orderBy('articles.id', 'desc').limit(f.limit).execute();
}

/** Live stories whose pending changes a writer sent for review, newest first. */
export async function listPendingInReview(db: K, f: { limit: number; ownerUserId?: number }) {
  let q = db.selectFrom('articles').select(DASHBOARD_COLUMNS).where('articles.pending_state', '=', 'in_review');
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  return q.orderBy('articles.id', 'desc').limit(f.limit).execute();
}

/** What the desk put on a person and is not finished (not yet archived or taken down), newest first. */
export async function listAssignedTo(db: K, f: { userId: number; limit: number }) {
  return db
    .selectFrom('articles')
    .select(DASHBOARD_COLUMNS)
    .where('articles.assignee_user_id', '=', f.userId)
    .where('articles.status', 'not in', ['archived', 'unpublished'])
    .orderBy('articles.id', 'desc')
    .limit(f.limit)
    .execute();
}

/** Translations whose source's text changed since they were made or last marked up to date, newest first. */
export async function listTranslationsNeedingUpdate(db: K, f: { limit: number; ownerUserId?: number }) {
  let q = db
    .selectFrom('articles')
    .innerJoin('articles as s', 's.id', 'articles.translated_from_id')
    .select([...DASHBOARD_COLUMNS, 's.id as source_id', 's.locale as source_locale'])
    .whereRef('s.text_revision', '>', 'articles.translated_from_revision');
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  return q.orderBy('articles.id', 'desc').limit(f.limit).execute();
}
