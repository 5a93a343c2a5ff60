import { feedPath, NEWS_SITEMAP_PATH, sitemapPath, type FeedScope } from '../content/feed-urls.js';
import type { ContributorRole } from '../content/types.js';
import { articlePath, authorPath, homePath, sectionPath, tagPath } from '../content/urls.js';
import { descendantIds } from '../content/section-tree.js';
import { listPublished } from '../db/article-lists.js';
import { listRecentlyPublished, listSitemapArticles, listSitemapFiles, listSitemapVersions, loadFeedArticles, type FeedArticle } from '../db/feeds-repo.js';
import { findContributor, findTag, listSections } from '../db/taxonomy-repo.js';
import type { FeedData, FeedEntry, FeedPerson } from '../feeds/feed-data.js';
import { hreflangAlternates, NEWS_MAX_URLS, NEWS_WINDOW_MS, sortFiles, sitemapFileRange, type Version } from '../feeds/sitemap-plan.js';
import type { NewsItem, SitemapIndexEntry, SitemapUrl } from '../feeds/sitemap-xml.js';
import { messages } from '../render/messages.js';
import { absolute, siteIn, type SiteContext } from '../content/site-context.js';
import { nowIso, type Deps } from './deps.js';
import { keptLists } from './shared-lists.js';

/** How many stories a feed lists: the newest, as on the list page it mirrors. */
export const FEED_SIZE = 50;

/** `root`: the unprefixed /feed.xml (the default language), whose self links stay unprefixed. */
export type FeedRequest = { locale: string; root: boolean; scope: FeedScope };

/**
 * The writer input for one feed: the 50 newest reader-visible stories of a language, or of one section, tag or author
 * in it (a section's with its sub-sections', as on its page). Null when the section, tag or author does not exist. A
 * fixed number of queries whatever the archive's size or the feed's length: the list (the same query as the list
 * page; two for a section with sub-sections), the articles, and their bylines, tags and corrections in one query each;
 * plus one to resolve a section, tag or author.
 */
export async function feedPage(deps: Deps, anySite: SiteContext, req: FeedRequest): Promise<FeedData | null> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const { locale, scope } = req;
  const site = siteIn(anySite, locale);
  const m = messages(locale);
  let filter: FeedFilter = {};
  let title = site.siteName;
  let description = site.tagline || m.footer;
  let page = homePath(locale);
  if (scope.kind === 'section') {
    const sections = await listSections(k, locale);
    const s = sections.find((x) => x.slug === scope.slug);
    if (!s) return null;
    // As the section's page: its sub-sections' stories too, at every level.
    filter = { sectionIds: [s.id, ...descendantIds(sections, s.id)] };
    title = `${s.name} — ${site.siteName}`;
    description = `${m.sectionTitle}: ${s.name}`;
    page = sectionPath(locale, s.slug);
  } else if (scope.kind === 'tag') {
    const t = await findTag(k, locale, scope.slug);
    if (!t) return null;
    filter = { tagId: t.id };
    title = `${t.name} — ${site.siteName}`;
    description = `${m.tagTitle}: ${t.name}`;
    page = tagPath(locale, t.slug);
  } else if (scope.kind === 'author') {
    const c = await findContributor(k, scope.slug, locale);
    if (!c) return null;
    filter = { contributorId: c.id };
    title = `${c.name} — ${site.siteName}`;
    description = c.bio ?? `${m.authorTitle} ${c.name}`;
    page = authorPath(locale, c.slug);
  }
  const entries = (await feedArticles(deps)(locale, filter)).map((a) => feedEntry(site, a));
  const selfLocale = req.root ? null : locale;
  return {
    siteUrl: site.siteUrl,
    siteName: site.siteName,
    timeZone: site.timeZone,
    locale,
    title,
    description,
    pageUrl: absolute(site, page),
    feedUrls: {
      rss: absolute(site, feedPath(selfLocale, 'rss', scope)),
      atom: absolute(site, feedPath(selfLocale, 'atom', scope)),
      json: absolute(site, feedPath(selfLocale, 'json', scope)),
    },
    iconUrl: absolute(site, site.brand?.logo?.small.url ?? site.logoPath),
    updated: entries.reduce((latest, e) => (e.updatedAt > latest ? e.updatedAt : latest), entries.length ? '' : now),
    entries,
  };
}

type FeedFilter = { sectionIds?: number[]; tagId?: number; contributorId?: number };
type KeptFeed = (locale: string, filter: FeedFilter) => Promise<FeedArticle[]>;
const keptFeeds = new WeakMap<Deps, KeptFeed>();
/**
 * Feeds' lists kept at once: the languages' and the sections' feeds, which every publish re-renders, and what
 * aggregators poll most. A tag's or author's feed beyond that is read again when asked.
 */
export const MAX_KEPT_FEEDS = 16;

/**
 * A feed's stories, loaded once for its three formats and for the root's copy of the default language's feeds, and
 * kept until a change touches them (services/shared-lists.ts): one publish re-renders six feeds of its language,
 * which read the same 50 stories with their bodies six times on the serving thread without it (issue 16).
 */
function feedArticles(deps: Deps): KeptFeed {
  let kept = keptFeeds.get(deps);
  if (!kept) {
    const read = keptLists<FeedArticle[]>(
      deps,
      (v) => v,
      async (key, locale) => {
        const filter = JSON.parse(key) as FeedFilter & { locale: string };
        const k = deps.db.kysely;
        const list = await listPublished(k, {
          now: nowIso(deps),
          limit: FEED_SIZE,
          sectionIds: filter.sectionIds,
          tagId: filter.tagId,
          contributorId: filter.contributorId,
          locale,
        });
        return loadFeedArticles(
          k,
          list.map((a) => a.id),
        );
      },
      MAX_KEPT_FEEDS,
    );
    kept = (locale, filter) => read(JSON.stringify({ locale, ...filter }), locale);
    keptFeeds.set(deps, kept);
  }
  return kept;
}

const latestOf = (...isos: (string | null | undefined)[]) =>
  isos
    .filter((x): x is string => !!x)
    .sort()
    .at(-1)!;

const MIME_BY_EXTENSION: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

function feedEntry(site: SiteContext, a: FeedArticle): FeedEntry {
  const person = (role: ContributorRole): FeedPerson[] =>
    a.bylines.filter((b) => b.role === role).map((b) => ({ name: b.name, url: absolute(site, authorPath(a.locale, b.slug)) }));
  const authors = person('author');
  const originalAuthors = person('original_author');
  const publishedAt = a.publishedAt!;
  return {
    articleId: a.id,
    guid: absolute(site, `/a/${a.id}`),
    url: absolute(site, articlePath({ locale: a.locale, sectionSlug: a.section.slug, publishedAt, slug: a.slug })),
    locale: a.locale,
    title: a.headline,
    summary: a.deck ?? a.seoDescription,
    publishedAt,
    // A correction is a change readers should be told about, even though it does not save a revision.
    updatedAt: latestOf(publishedAt, a.updatedAt, a.corrections.at(-1)?.createdAt),
    // As on the page: partner copy without a byline of ours is credited to its original author.
    authors: authors.length ? authors : originalAuthors,
    translators: person('translator'),
    originalAuthors,
    source: a.source
      ? { partnerName: a.source.partnerName, partnerUrl: a.source.partnerUrl, url: a.source.url, headline: a.source.headline, locale: a.source.locale }
      : null,
    categories: [
      { name: a.section.name, url: absolute(site, sectionPath(a.locale, a.section.slug)) },
      ...a.tags.map((t) => ({ name: t.name, url: absolute(site, tagPath(a.locale, t.slug)) })),
    ],
    body: a.bodyText,
    image: a.hero
      ? {
          url: absolute(site, a.hero.src),
          mime: a.heroMime ?? MIME_BY_EXTENSION[a.hero.src.split('.').pop()?.toLowerCase() ?? ''] ?? 'image/jpeg',
          width: a.hero.width,
          height: a.hero.height,
          alt: a.hero.alt,
          caption: a.hero.caption,
          credit: a.hero.credit,
        }
      : null,
    corrections: a.corrections.map((c) => ({ text: c.text, createdAt: c.createdAt })),
  };
}

/**
 * The sitemap index: every non-empty file of every language (see sitemap-plan.ts for how files are cut), then the
 * news sitemap. Two queries.
 */
export async function sitemapIndexPage(deps: Deps, site: SiteContext, span: number): Promise<SitemapIndexEntry[]> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const [files, newest] = await Promise.all([
    listSitemapFiles(k, { locales: site.locales, now, span }),
    listRecentlyPublished(k, { locales: site.locales, now, since: newsSince(now), limit: 1 }),
  ]);
  return [
    ...sortFiles(files, site.locales).map((f) => ({ url: absolute(site, sitemapPath(f.locale, f.n)), lastmod: f.lastmod })),
    { url: absolute(site, NEWS_SITEMAP_PATH), lastmod: newest[0]?.publishedAt ?? null },
  ];
}

export type ArticleSitemap = { urls: SitemapUrl[]; articleIds: number[]; storyIds: number[] };

/** One numbered file of a language: its articles and every visible version of their stories. Two queries. Null when empty. */
export async function articleSitemapPage(deps: Deps, site: SiteContext, locale: string, n: number, span: number): Promise<ArticleSitemap | null> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const range = { locale, now, ...sitemapFileRange(n, span) };
  const [rows, versions] = await Promise.all([listSitemapArticles(k, range), listSitemapVersions(k, range)]);
  if (rows.length === 0) return null;
  // A page's address is its own (`/{lang}/{slug}`): `kind` decides.
  const url = (v: { locale: string; sectionSlug: string; publishedAt: string; slug: string; kind: string }) => absolute(site, articlePath(v));
  const stories = new Map<number, Version[]>();
  for (const v of versions) {
    if (!site.locales.includes(v.locale)) continue;
    stories.set(v.storyId, [...(stories.get(v.storyId) ?? []), { id: v.id, locale: v.locale, url: url(v), publishedAt: v.publishedAt }]);
  }
  return {
    urls: rows.map((r) => ({
      url: url(r),
      lastmod: r.lastmod,
      alternates: hreflangAlternates(stories.get(r.storyId) ?? [], site.defaultLocale),
      image: r.heroPath ? { url: absolute(site, r.heroPath), caption: r.heroCaption } : null,
    })),
    articleIds: rows.map((r) => r.id),
    storyIds: [...new Set(rows.map((r) => r.storyId))],
  };
}

const newsSince = (now: string) => new Date(Date.parse(now) - NEWS_WINDOW_MS).toISOString();

/** What the news sitemap lists: every language's stories of the last 48 hours, newest first. One query. */
export async function newsSitemapPage(deps: Deps, site: SiteContext): Promise<{ now: string; items: NewsItem[]; articleIds: number[] }> {
  const now = nowIso(deps);
  const rows = await listRecentlyPublished(deps.db.kysely, { locales: site.locales, now, since: newsSince(now), limit: NEWS_MAX_URLS });
  return {
    now,
    items: rows.map((r) => ({
      url: absolute(site, articlePath(r)),
      locale: r.locale,
      title: r.headline,
      publishedAt: r.publishedAt,
      image: r.heroPath ? { url: absolute(site, r.heroPath), caption: r.heroCaption } : null,
    })),
    articleIds: rows.map((r) => r.id),
  };
}
