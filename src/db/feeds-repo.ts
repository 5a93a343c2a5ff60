import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Article } from '../content/types.js';
import type { Database } from './schema.js';
import { articleQuery, BYLINE_NAME, toArticle } from './load-article.js';
import { visibleToReaders } from './visibility.js';

/*
 * Queries behind feeds and sitemaps. Every one is bounded (LIMIT, an id range, or an IN list of at most one feed's
 * items) and served by an index; none walks the archive with OFFSET.
 */

type K = Kysely<Database>;

/** An article whose canonical URL is overridden names another address for search engines: sitemaps leave it out. */
const ownCanonical = (eb: ExpressionBuilder<Database, 'articles'>) => eb('articles.canonical_url', 'is', null);

// The later of the last save and the publication time: an embargo lifting changes what the URL shows.
const lastChange = sql<string>`case when articles.updated_at > articles.published_at then articles.updated_at else articles.published_at end`;

const EMPTY_BODY = '{"type":"doc","content":[]}';

/** `body` is left empty: `bodyText` is the stored JSON, which the feed writer parses in its own thread. */
export type FeedArticle = Article & { heroMime: string | null; bodyText: string };

/**
 * Full articles for a feed, in the order of `ids` (newest first, as listPublished returned them). Bylines, tags and
 * corrections come in one query each for all of them: four queries whatever the number of items.
 */
export async function loadFeedArticles(db: K, ids: number[]): Promise<FeedArticle[]> {
  if (ids.length === 0) return [];
  const [rows, bylines, tags, corrections] = await Promise.all([
    articleQuery(db).where('articles.id', 'in', ids).execute(),
    db
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .innerJoin('articles as ba', 'ba.id', 'article_contributors.article_id')
      .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').onRef('ct.locale', '=', 'ba.locale'))
      .select(['article_contributors.article_id', 'contributors.id', 'contributors.slug', BYLINE_NAME, 'article_contributors.role'])
      .where('article_contributors.article_id', 'in', ids)
      .orderBy('article_contributors.article_id')
      .orderBy('article_contributors.position')
      .orderBy('contributors.id')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('corrections')
      .select(['article_id', 'id', 'text', 'created_at'])
      .where('article_id', 'in', ids)
      .orderBy('article_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);

  const group = <T extends { article_id: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const x of list) map.set(x.article_id, [...(map.get(x.article_id) ?? []), x]);
    return map;
  };
  const bylinesOf = group(bylines);
  const tagsOf = group(tags);
  const correctionsOf = group(corrections);
  const byId = new Map(rows.map((r) => [r.id, r]));

  return ids.flatMap((id): FeedArticle[] => {
    const row = byId.get(id);
    if (!row) return [];
    const article = toArticle({ ...row, body: EMPTY_BODY }, bylinesOf.get(id) ?? [], tagsOf.get(id) ?? [], correctionsOf.get(id) ?? []);
    return [{ ...article, heroMime: row.media_mime, bodyText: row.body }];
  });
}

/** The sitemap file an article falls in, computed by the database: the same arithmetic as sitemapFileOf(). */
const fileNumber = (span: number) => {
  if (!Number.isInteger(span) || span < 1) throw new RangeError(`sitemap span must be a positive integer, got ${span}`);
  // A literal, not a parameter: the expression must read the same in SELECT and GROUP BY for PostgreSQL.
  return sql<number>`(articles.id - 1) / ${sql.lit(span)} + 1`;
};

/**
 * The non-empty sitemap files of each language, with the last change in each: one grouped query, returning one row
 * per file. It reads an entry per visible article (an aggregate cannot skip them), from the timeline index alone,
 * which carries `updated_at` and `canonical_url` for it (migration 0010): about 50 ms at 100,000 articles on SQLite,
 * where reading each article's table row took 1–2 s.
 */
export async function listSitemapFiles(db: K, f: { locales: string[]; now: string; span: number }) {
  if (f.locales.length === 0) return [];
  const n = fileNumber(f.span);
  const rows = await db
    .selectFrom('articles')
    .select(['articles.locale', n.as('n'), sql<string>`max(${lastChange})`.as('lastmod')])
    .where('articles.locale', 'in', f.locales)
    .where(visibleToReaders(f.now))
    .where(ownCanonical)
    .groupBy(['articles.locale', n])
    .execute();
  return rows.map((r) => ({ locale: r.locale, n: Number(r.n), lastmod: r.lastmod }));
}

export type SitemapArticleRow = {
  id: number;
  /** A page (About, policies) is in the sitemap at its own address (content/urls.ts pagePath). */
  kind: string;
  storyId: number;
  locale: string;
  slug: string;
  sectionSlug: string;
  publishedAt: string;
  lastmod: string;
  heroPath: string | null;
  heroCaption: string | null;
};

/** The visible articles of one language in one id range (one sitemap file), by id: a primary-key range scan. */
export async function listSitemapArticles(db: K, f: { locale: string; now: string; afterId: number; throughId: number }): Promise<SitemapArticleRow[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select([
      'articles.id',
      'articles.story_id',
      'articles.locale',
      'articles.slug',
      'articles.published_at',
      lastChange.as('lastmod'),
      'articles.hero_caption',
      'articles.hero_alt',
      'articles.kind',
      'sections.slug as section_slug',
      'media.path as media_path',
      'media.alt as media_alt',
    ])
    .where('articles.id', '>', f.afterId)
    .where('articles.id', '<=', f.throughId)
    .where('articles.locale', '=', f.locale)
    .where(visibleToReaders(f.now))
    .where(ownCanonical)
    .orderBy('articles.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    sectionSlug: r.section_slug,
    publishedAt: r.published_at!,
    lastmod: r.lastmod,
    heroPath: r.media_path,
    heroCaption: r.hero_caption || r.hero_alt || r.media_alt || null,
  }));
}

export type SitemapVersionRow = { id: number; storyId: number; locale: string; slug: string; sectionSlug: string; publishedAt: string; kind: string };

/**
 * Every visible language version of the stories that have an article in that sitemap file, for hreflang: one query
 * (a subquery, not an IN list of ids, so a file of any size stays one statement), served by the story index.
 */
export async function listSitemapVersions(db: K, f: { locale: string; now: string; afterId: number; throughId: number }): Promise<SitemapVersionRow[]> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.story_id', 'articles.locale', 'articles.slug', 'articles.published_at', 'articles.kind', 'sections.slug as section_slug'])
    .where(visibleToReaders(f.now))
    .where('articles.story_id', 'in', (eb) =>
      eb
        .selectFrom('articles')
        .select('articles.story_id')
        .where('articles.id', '>', f.afterId)
        .where('articles.id', '<=', f.throughId)
        .where('articles.locale', '=', f.locale)
        .where(visibleToReaders(f.now)),
    )
    .orderBy('articles.story_id')
    .orderBy('articles.locale')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    sectionSlug: r.section_slug,
    publishedAt: r.published_at!,
    kind: r.kind,
  }));
}

export type NewsRow = {
  id: number;
  storyId: number;
  locale: string;
  slug: string;
  sectionSlug: string;
  headline: string;
  publishedAt: string;
  heroPath: string | null;
  heroCaption: string | null;
};

/** Visible stories (not pages: they are not news) published after `since` in these languages, newest first, at most `limit`. */
export async function listRecentlyPublished(db: K, f: { locales: string[]; now: string; since: string; limit: number }): Promise<NewsRow[]> {
  if (f.locales.length === 0) return [];
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.hero_media_id')
    .select([
      'articles.id',
      'articles.story_id',
      'articles.locale',
      'articles.slug',
      'articles.headline',
      'articles.published_at',
      'articles.hero_caption',
      'articles.hero_alt',
      'sections.slug as section_slug',
      'media.path as media_path',
      'media.alt as media_alt',
    ])
    .where('articles.locale', 'in', f.locales)
    .where(visibleToReaders(f.now))
    .where('articles.published_at', '>', f.since)
    .where('articles.kind', '=', 'story')
    .where(ownCanonical)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    storyId: r.story_id,
    locale: r.locale,
    slug: r.slug,
    sectionSlug: r.section_slug,
    headline: r.headline,
    publishedAt: r.published_at!,
    heroPath: r.media_path,
    heroCaption: r.hero_caption || r.hero_alt || r.media_alt || null,
  }));
}
