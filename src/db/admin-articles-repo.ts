import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { embargoed, visibleToReaders } from './visibility.js';

type K = Kysely<Database>;

/**
 * The users who own an article, for the policy: whoever saved its first revision, every user whose contributor profile
 * is on its byline, and the user the desk assigned to it.
 */
export async function articleOwnerIds(db: K, articleId: number): Promise<number[]> {
  const [creator, bylined, assigned] = await Promise.all([
    db.selectFrom('revisions').select('user_id').where('article_id', '=', articleId).where('number', '=', 1).executeTakeFirst(),
    db
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .select('contributors.user_id')
      .where('article_contributors.article_id', '=', articleId)
      .where('contributors.user_id', 'is not', null)
      .execute(),
    // The desk put this person on the story: they work on it as its writers do.
    db.selectFrom('articles').select('assignee_user_id').where('id', '=', articleId).executeTakeFirst(),
  ]);
  const ids = [creator?.user_id ?? null, ...bylined.map((b) => b.user_id), assigned?.assignee_user_id ?? null].filter((x): x is number => x !== null);
  return [...new Set(ids)];
}

export type AdminListFilter = {
  /** A workflow state: `scheduled` and `published` are told apart by the publication time (needs `now`). */
  status?: string;
  now?: string;
  locale?: string;
  sectionSlug?: string;
  q?: string;
  /** Has this contributor on its byline (any role). */
  contributorId?: number;
  /** Owned by this user: created by them or bylined through their contributor profile. */
  ownerUserId?: number;
  /** Assigned to this user, or to nobody. */
  assignee?: number | 'none';
  /** A time range (ISO, `from` inclusive, `to` exclusive) on the last change or the publication time. */
  dateField?: 'updated' | 'published';
  from?: string;
  to?: string;
  /** Older than this id (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
  /** When set, only articles readers can see (published, date passed) or owned by this user. */
  restrictTo?: { now: string; userId: number | null };
};

/** The admin's article list: newest first by id, keyset-paginated, any status. */
export async function listAdminArticles(db: K, f: AdminListFilter) {
  let q = db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.story_id',
      'articles.locale',
      'articles.slug',
      'articles.status',
      'articles.headline',
      'articles.published_at',
      'articles.updated_at',
      'articles.revision',
      'articles.assignee_user_id',
      'articles.translated_from_id',
      'sections.slug as section_slug',
    ]);
  if (f.status === 'scheduled' && f.now) {
    const now = f.now;
    q = q.where((eb) => eb.or([eb('articles.status', '=', 'scheduled'), embargoed(now)(eb)]));
  } else if (f.status === 'published' && f.now) {
    q = q.where(visibleToReaders(f.now));
  } else if (f.status) q = q.where('articles.status', '=', f.status);
  if (f.contributorId !== undefined) {
    const id = f.contributorId;
    q = q.where('articles.id', 'in', (eb) => eb.selectFrom('article_contributors').select('article_id').where('contributor_id', '=', id));
  }
  if (f.ownerUserId !== undefined) {
    const userId = f.ownerUserId;
    q = q.where((eb) => eb.or(ownedBy(eb, userId)));
  }
  if (f.assignee === 'none') q = q.where('articles.assignee_user_id', 'is', null);
  else if (f.assignee !== undefined) q = q.where('articles.assignee_user_id', '=', f.assignee);
  const dateColumn = f.dateField === 'published' ? 'articles.published_at' : 'articles.updated_at';
  if (f.from) q = q.where(dateColumn, '>=', f.from);
  if (f.to) q = q.where(dateColumn, '<', f.to);
  if (f.locale) q = q.where('articles.locale', '=', f.locale);
  if (f.sectionSlug) q = q.where('sections.slug', '=', f.sectionSlug);
  if (f.beforeId !== undefined) q = q.where('articles.id', '<', f.beforeId);
  for (const w of (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`articles.search_text like ${pattern} escape '\\'`);
  }
  if (f.restrictTo) {
    const { now, userId } = f.restrictTo;
    q = q.where((eb) =>
      eb.or([
        visibleToReaders(now)(eb),
        ...(userId === null ? [] : ownedBy(eb, userId)),
      ]),
    );
  }
  return q.orderBy('articles.id', 'desc').limit(f.limit).execute();
}

/** The conditions "this user owns the article" (either one): they saved its first revision, or are on its byline. */
export function ownedBy(eb: ExpressionBuilder<Database, 'articles'>, userId: number) {
  return [
    eb('articles.id', 'in', eb.selectFrom('revisions').select('article_id').where('number', '=', 1).where('user_id', '=', userId)),
    eb(
      'articles.id',
      'in',
      eb
        .selectFrom('article_contributors')
        .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
        .select('article_contributors.article_id')
        .where('contributors.user_id', '=', userId),
    ),
  ];
}

/** Every language version of a story, whatever its status. */
export async function storyVersions(db: K, storyId: number) {
  return db.selectFrom('articles').select(['id', 'locale', 'status', 'slug']).where('story_id', '=', storyId).orderBy('locale').execute();
}

/** Which of these ids exist in a table (to name bad references before the database refuses them). */
export async function existingIds(db: K, table: 'sections' | 'contributors' | 'partners' | 'media', ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', [...new Set(ids)]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Tags by id with their locale. */
export async function tagsByIds(db: K, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('tags').select(['id', 'locale', 'slug']).where('id', 'in', [...new Set(ids)]).execute();
}

/** The tags of a locale with these slugs. */
export async function tagsBySlugs(db: K, locale: string, slugs: string[]) {
  if (slugs.length === 0) return [];
  return db.selectFrom('tags').select(['id', 'slug']).where('locale', '=', locale).where('slug', 'in', slugs).execute();
}

/** The contributor profile linked to a user account, if any. */
export async function contributorOfUser(db: K, userId: number): Promise<number | null> {
  const row = await db.selectFrom('contributors').select('id').where('user_id', '=', userId).orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

/** The latest revision's snapshot (the input last saved), parsed. */
export async function latestSnapshot(db: K, articleId: number): Promise<Record<string, unknown> | null> {
  const row = await db.selectFrom('revisions').select('snapshot').where('article_id', '=', articleId).orderBy('number', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.snapshot) as Record<string, unknown>;
  } catch {
    return null;
  }
}
