import { type Kysely, type RawBuilder } from 'kysely';
import type { ArticleFilter } from '../content/policy.js';
import { articleFilter, ownedBy } from './article-access.js';
import type { Database } from './schema.js';
import { embargoed, visibleToReaders } from './visibility.js';

type K = Kysely<Database>;

export type AdminListFilter = {
  /** Stories (the default) or pages (About, policies): the admin lists them apart. */
  kind?: 'story' | 'page';
  /** A workflow state: `scheduled` and `published` are told apart by the publication time (needs `now`). */
  status?: string;
  now?: string;
  locale?: string;
  sectionSlug?: string;
  /**
   * Only the articles this full-text condition admits (src/search/search-query.ts `matchCondition`: an
   * `articles.id in (…the index…)` test), so the list keeps its own order, paging and access rules.
   */
  matching?: RawBuilder<boolean>;
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
  /** Only live stories with pending changes waiting (true), or only those without (false). */
  pending?: boolean;
  /** Older than this id (keyset pagination, newest first). */
  beforeId?: number;
  limit: number;
  /** Only the articles this filter admits (the policy's `readFilter`, say), at `now`. */
  access?: { filter: ArticleFilter; now: string };
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
      'articles.pending_revision',
      'articles.pending_state',
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
  // pending_state is set exactly while pending changes wait (with pending_revision), and its index leads with it.
  // `in` and not `is not null`: SQLite's planner reads the index for the first and scans the table for the second.
  if (f.pending === true) q = q.where('articles.pending_state', 'in', ['draft', 'in_review']);
  else if (f.pending === false) q = q.where('articles.pending_state', 'is', null);
  q = q.where('articles.kind', '=', f.kind ?? 'story');
  if (f.locale) q = q.where('articles.locale', '=', f.locale);
  if (f.sectionSlug) q = q.where('sections.slug', '=', f.sectionSlug);
  if (f.beforeId !== undefined) q = q.where('articles.id', '<', f.beforeId);
  if (f.matching) q = q.where(f.matching);
  if (f.access && f.access.filter.kind !== 'all') q = q.where(articleFilter(f.access.filter, f.access.now));
  return q.orderBy('articles.id', 'desc').limit(f.limit).execute();
}

/** Every language version of a story, whatever its status. */
export async function storyVersions(db: K, storyId: number) {
  return db.selectFrom('articles').select(['id', 'locale', 'status', 'slug']).where('story_id', '=', storyId).orderBy('locale').execute();
}

/** Which of these ids exist in a table (to name bad references before the database refuses them). */
export async function existingIds(db: K, table: 'sections' | 'contributors' | 'partners' | 'media', ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Tags by id with their locale. */
export async function tagsByIds(db: K, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('tags')
    .select(['id', 'locale', 'slug'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
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

/** The latest live revision's snapshot (the input last saved, pending changes aside), parsed. */
export async function latestSnapshot(db: K, articleId: number): Promise<Record<string, unknown> | null> {
  // Pending changes to a live story are not what it is: a status move copies the live content.
  const row = await db
    .selectFrom('revisions')
    .select('snapshot')
    .where('article_id', '=', articleId)
    .where('pending', '=', 0)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.snapshot) as Record<string, unknown>;
  } catch {
    return null;
  }
}
