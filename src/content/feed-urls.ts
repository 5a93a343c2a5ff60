import { LOCALE_PATTERN } from './locales.js';

/** Public paths of feeds and sitemaps: one place builds them so routes, self links, <head> links and the README agree. */

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_FILE: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

export const FEED_CONTENT_TYPE: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export const FEED_LIST_KINDS = ['section', 'tag', 'author'] as const;
export type FeedListKind = (typeof FEED_LIST_KINDS)[number];

/** What a feed lists: a whole language, or one section, tag or author in it. */
export type FeedScope = { kind: 'locale' } | { kind: FeedListKind; slug: string };

/**
 * `locale: null` is the unprefixed feed at the site root (`/feed.xml`), which serves the default language.
 * Per-list feeds sit beside the list page: `/{lang}/section/{s}/feed.xml` next to `/{lang}/section/{s}`.
 */
export function feedPath(locale: string | null, format: FeedFormat, scope: FeedScope = { kind: 'locale' }): string {
  const file = FEED_FILE[format];
  if (scope.kind === 'locale') return locale === null ? `/${file}` : `/${locale}/${file}`;
  return `/${locale}/${scope.kind}/${scope.slug}/${file}`;
}

export const SITEMAP_INDEX_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/sitemaps/news.xml';
export const sitemapPath = (locale: string, n: number) => `/sitemaps/${locale}-${n}.xml`;

const SITEMAP_FILE_RE = new RegExp(`^(${LOCALE_PATTERN})-([1-9][0-9]{0,8})\\.xml$`);

/** `en-3.xml` -> { locale: 'en', n: 3 }; anything we could not have written -> null. */
export function parseSitemapFile(file: string): { locale: string; n: number } | null {
  const m = SITEMAP_FILE_RE.exec(file);
  return m ? { locale: m[1]!, n: Number(m[2]) } : null;
}
