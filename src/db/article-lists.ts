import { sql, type Kysely } from 'kysely';
import type { Article, ArticleSummary, Translation } from '../content/types.js';
import type { Cursor } from '../content/cursor.js';
import { effectiveAlt } from '../content/media.js';
import type { Database } from './schema.js';
import { heroImage } from './load-article.js';
import { MAX_PREPARED_ARGS, prepared } from './prepared.js';
import { visibleToReaders } from './visibility.js';

/** What readers' lists show: newest-first summaries of visible stories (language, section, tag, author, related, search). */

type K = Kysely<Database>;

const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.story_id',
  'articles.locale',
  'articles.slug',
  'articles.headline',
  'articles.deck',
  'articles.published_at',
  'articles.hero_alt',
  'articles.hero_media_id',
  'sections.slug as section_slug',
  'section_names.name as section_name',
  'media.path as media_path',
  'media.width as media_width',
  'media.height as media_height',
  'media.alt as media_alt',
  'media.focal_x as media_focal_x',
  'media.focal_y as media_focal_y',
  'media.renditions as media_renditions',
] as const;

/** Stories only: pages (About, policies) are linked from the footer, never listed with the news. */
function summaryQuery(db: K) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'))
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(SUMMARY_COLUMNS)
    .where('articles.kind', '=', 'story');
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    headline: r.headline,
    deck: r.deck,
    sectionSlug: r.section_slug,
    sectionName: r.section_name ?? r.section_slug,
    publishedAt: r.published_at!,
    hero: r.media_path
      ? { src: r.media_path, alt: effectiveAlt(r.hero_alt, r.media_alt), width: r.media_width!, height: r.media_height!, image: heroImage(r, r.hero_media_id) }
      : null,
  };
}

export type ListFilter = {
  locale: string;
  now: string;
  limit: number;
  before?: Cursor | null;
  sectionId?: number;
  /**
   * Instead of `sectionId`: the stories of any of these sections (a section's page and feed: the section and its
   * sub-sections at every level, as a WordPress category page lists its child categories' posts).
   */
  sectionIds?: readonly number[];
  tagId?: number;
  contributorId?: number;
  excludeIds?: number[];
};

/** Newest first, keyset-paginated; every filter is served by an index so the cost does not grow with the archive. */
export async function listPublished(db: K, f: ListFilter): Promise<ArticleSummary[]> {
  if (f.tagId !== undefined || f.contributorId !== undefined) return listByJoin(db, f);
  if (f.sectionIds && f.sectionIds.length !== 1) return f.sectionIds.length ? listInSections(db, f, f.sectionIds) : [];
  const sectionId = f.sectionIds ? f.sectionIds[0] : f.sectionId;
  let q = summaryQuery(db).where('articles.locale', '=', f.locale).where(visibleToReaders(f.now));
  if (sectionId !== undefined) q = q.where('articles.section_id', '=', sectionId);
  if (f.excludeIds?.length) q = q.where('articles.id', 'not in', f.excludeIds);
  if (f.before) {
    const { publishedAt, id } = f.before;
    q = q.where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(publishedAt, id)));
  }
  const rows = await q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(f.limit).execute();
  return rows.map(toSummary);
}

/**
 * Tag and author lists, read from the join table's listing index in date order. A person with two roles on one story
 * has two rows there; a few extra rows are read and duplicates dropped, keeping the order and the cursor exact.
 */
async function listByJoin(db: K, f: ListFilter): Promise<ArticleSummary[]> {
  const extra = f.contributorId !== undefined ? 8 : 0;
  const base =
    f.tagId !== undefined
      ? db.selectFrom('article_tags as x').where('x.tag_id', '=', f.tagId)
      : db.selectFrom('article_contributors as x').where('x.contributor_id', '=', f.contributorId!).where('x.locale', '=', f.locale);
  let q = base
    .innerJoin('articles', 'articles.id', 'x.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('section_names', (j) => j.onRef('section_names.section_id', '=', 'sections.id').onRef('section_names.locale', '=', 'articles.locale'))
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select(SUMMARY_COLUMNS)
    .where('articles.kind', '=', 'story')
    .where(visibleToReaders(f.now, 'x'));
  if (f.before) {
    const { publishedAt, id } = f.before;
    q = q.where((eb) => eb(eb.refTuple('x.published_at', 'x.article_id'), '<', eb.tuple(publishedAt, id)));
  }
  const rows = await q
    .orderBy('x.published_at', 'desc')
    .orderBy('x.article_id', 'desc')
    .limit(f.limit + extra)
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, f.limit)
    .map(toSummary);
}

/**
 * A list of several sections (a section with its sub-sections), newest first. One LIMITed subquery per section reads at
 * most `limit` rows of that section's listing index in date order, and only their merge is sorted; a single
 * `section_id IN (…)` query would read and sort every visible story of every section, which grows with the archive.
 * The ids first, then their summaries (by primary key), as for related stories by tag.
 */
async function listInSections(db: K, f: ListFilter, sectionIds: readonly number[]): Promise<ArticleSummary[]> {
  const perSection = sectionIds.map((sectionId, i) =>
    db
      .selectFrom((inner) => {
        let q = inner
          .selectFrom('articles')
          .select(['articles.id', 'articles.published_at'])
          .where('articles.section_id', '=', sectionId)
          .where('articles.locale', '=', f.locale)
          .where(visibleToReaders(f.now))
          .where('articles.kind', '=', 'story');
        if (f.excludeIds?.length) q = q.where('articles.id', 'not in', f.excludeIds);
        if (f.before) {
          const { publishedAt, id } = f.before;
          q = q.where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '<', eb.tuple(publishedAt, id)));
        }
        return q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(f.limit).as(`s${i}`);
      })
      .select(['id', 'published_at']),
  );
  const all = perSection.slice(1).reduce((q, next) => q.unionAll(next), perSection[0]!);
  const ids = (await db.selectFrom(all.as('u')).select('id').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map((r) => r.id);
  if (!ids.length) return [];
  const rank = new Map(ids.map((id, i) => [id, i]));
  return (await summariesById(db, ids)).sort((x, y) => rank.get(x.id)! - rank.get(y.id)!).map(toSummary);
}

const latestInSection = prepared((db, locale: string, now: string, sectionId: number, exceptId: number, limit: number) =>
  summaryQuery(db)
    .where('articles.locale', '=', locale)
    .where(visibleToReaders(now))
    .where('articles.section_id', '=', sectionId)
    .where('articles.id', '!=', exceptId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit),
);

/** A section's newest visible stories, newest first (kept in memory for "related" lists: services/shared-lists.ts). */
export async function listLatestInSection(db: K, locale: string, now: string, sectionId: number, limit: number): Promise<ArticleSummary[]> {
  // Ids start at 1: excluding 0 excludes nothing.
  return (await latestInSection(db, locale, now, sectionId, 0, limit)).map(toSummary);
}

/**
 * Stories sharing a tag with this one first, then the section's latest, newest first within each group. Both
 * candidate lists are read from listing indexes in date order, so the cost does not depend on the archive's size.
 * `inSection`, when given, is the section's newest stories already at hand (at least 2 × limit + 1 of them);
 * `byTag`, when given, is each of the article's tags' newest stories (at least limit + 1 each), so no query runs.
 */
export async function listRelated(
  db: K,
  a: Article,
  now: string,
  limit: number,
  inSection?: readonly ArticleSummary[],
  byTag?: readonly (readonly ArticleSummary[])[],
): Promise<ArticleSummary[]> {
  const [tagged, sectionItems] = await Promise.all([
    byTag ? newestDistinct(byTag.flat(), a.id, limit) : taggedFromDb(db, a, now, limit),
    inSection ?? latestInSection(db, a.locale, now, a.section.id, a.id, 2 * limit + 1).then((rows) => rows.map(toSummary)),
  ]);
  const shown = new Set(tagged.map((s) => s.id));
  const fromSection = sectionItems.filter((s) => s.id !== a.id && !shown.has(s.id));
  return [...tagged, ...fromSection].slice(0, limit);
}

/** The newest `limit` distinct stories of several lists, leaving out `exceptId`. */
function newestDistinct(items: readonly ArticleSummary[], exceptId: number, limit: number): ArticleSummary[] {
  const sorted = [...items].sort((x, y) => (x.publishedAt === y.publishedAt ? y.id - x.id : x.publishedAt < y.publishedAt ? 1 : -1));
  const seen = new Set<number>([exceptId]);
  return sorted.filter((s) => !seen.has(s.id) && seen.add(s.id)).slice(0, limit);
}

async function taggedFromDb(db: K, a: Article, now: string, limit: number): Promise<ArticleSummary[]> {
  const tagIds = a.tags.map((t) => t.id);
  const byTag = tagIds.length ? (await newestByTags(db, tagIds, a.id, now, limit)).map((r) => r.article_id) : [];
  const tagged = [...new Set(byTag)].slice(0, limit);
  if (!tagged.length) return [];
  const rank = new Map(tagged.map((id, i) => [id, i]));
  return (await summariesById(db, tagged)).sort((x, y) => rank.get(x.id)! - rank.get(y.id)!).map(toSummary);
}

/** Summaries of a few stories by id, in no order: one query shape per number of ids, built and compiled once. */
function summariesById(db: K, ids: number[]): Promise<SummaryRow[]> {
  if (ids.length > MAX_PREPARED_ARGS) return summaryQuery(db).where('articles.id', 'in', ids).execute();
  let run = summariesByIdPrepared.get(ids.length);
  if (!run) {
    run = prepared((db: K, ...slots: number[]) => summaryQuery(db).where('articles.id', 'in', slots));
    summariesByIdPrepared.set(ids.length, run);
  }
  return run(db, ...ids);
}
const summariesByIdPrepared = new Map<number, (db: K, ...ids: number[]) => Promise<SummaryRow[]>>();

/**
 * The newest `limit` visible stories of each tag, newest first across all of them. One LIMITed subquery per tag reads
 * at most `limit` rows of that tag's listing index in date order; a single `tag_id IN (…)` query would read and sort
 * every story of every tag, which grows with the archive (a tag on 10,000 stories meant sorting 10,000 rows).
 */
async function newestByTags(db: K, tagIds: number[], exceptId: number, now: string, limit: number): Promise<{ article_id: number }[]> {
  // The query's shape depends only on the number of tags: built and compiled once per count.
  const total = limit * tagIds.length;
  if (tagIds.length + 4 > MAX_PREPARED_ARGS) return newestByTagsQuery(db, tagIds, exceptId, now, limit, total).execute();
  let run = newestByTagsPrepared.get(tagIds.length);
  if (!run) {
    run = prepared((db: K, exceptId: number, now: string, limit: number, total: number, ...tags: number[]) =>
      newestByTagsQuery(db, tags, exceptId, now, limit, total),
    );
    newestByTagsPrepared.set(tagIds.length, run);
  }
  return run(db, exceptId, now, limit, total, ...tagIds);
}
type NewestByTags = (db: K, exceptId: number, now: string, limit: number, total: number, ...tags: number[]) => Promise<{ article_id: number }[]>;
const newestByTagsPrepared = new Map<number, NewestByTags>();

function newestByTagsQuery(db: K, tagIds: number[], exceptId: number, now: string, limit: number, total: number) {
  const perTag = tagIds.map((tagId, i) =>
    db
      .selectFrom((inner) =>
        inner
          .selectFrom('article_tags')
          .select(['article_id', 'published_at'])
          .where('tag_id', '=', tagId)
          .where(visibleToReaders(now, 'article_tags'))
          .where('article_id', '!=', exceptId)
          .orderBy('published_at', 'desc')
          .orderBy('article_id', 'desc')
          .limit(limit)
          .as(`t${i}`),
      )
      .select(['article_id', 'published_at']),
  );
  const all = perTag.slice(1).reduce((q, next) => q.unionAll(next), perTag[0]!);
  return db.selectFrom(all.as('u')).select('article_id').orderBy('published_at', 'desc').orderBy('article_id', 'desc').limit(total);
}

/** The reader-visible language versions of a story, for hreflang and the language switcher. */
const translationsQuery = prepared((db, storyId: number, now: string) =>
  db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.locale', 'articles.slug', 'articles.published_at', 'articles.kind', 'sections.slug as section_slug'])
    .where('articles.story_id', '=', storyId)
    .where(visibleToReaders(now))
    .orderBy('articles.locale'),
);

export async function listTranslations(db: K, storyId: number, now: string): Promise<Translation[]> {
  const rows = await translationsQuery(db, storyId, now);
  return rows.map((r) => ({
    id: r.id,
    locale: r.locale,
    slug: r.slug,
    sectionSlug: r.section_slug,
    publishedAt: r.published_at!,
    ...(r.kind === 'page' ? { kind: 'page' as const } : {}),
  }));
}

export type FooterPage = { id: number; slug: string; title: string };

/**
 * The pages readers of a language can see now (About, Contact, policies), for the footer: a few rows from the pages'
 * own index, in the order of their titles.
 */
export async function listVisiblePages(db: K, locale: string, now: string): Promise<FooterPage[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline'])
    // A literal, not a parameter: the planners use the partial index of pages (migration 0019) only for a constant.
    .where('kind', '=', sql.lit('page'))
    .where('locale', '=', locale)
    .where(visibleToReaders(now))
    .orderBy('headline')
    .orderBy('id')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, title: r.headline }));
}

/**
 * Summaries of the stories among `ids` that readers of `locale` can see now, in no order: the home page's pinned
 * stories (a pin that is not visible, or in another language, is left out rather than shown).
 */
export async function listVisibleByIds(db: K, locale: string, now: string, ids: readonly number[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  // By id alone, visibility checked here: given `locale = ? and status = ? and published_at <= ?` as well, SQLite
  // walked the feed index over every visible story of the language (10–60 ms at 100,000 articles) to find 12 rows.
  const rows = await summaryQuery(db)
    .select('articles.status')
    .where('articles.id', 'in', [...ids])
    .execute();
  return rows.filter((r) => r.locale === locale && r.status === 'published' && r.published_at !== null && r.published_at <= now).map(toSummary);
}
