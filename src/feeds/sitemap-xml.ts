import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type IndexItem, type SitemapItemLoose } from 'sitemap';
import { inNewsWindow, NEWS_MAX_URLS, SITEMAP_MAX_URLS, type Alternate } from './sitemap-plan.js';
import { truncate, xmlText } from './xml-text.js';

/*
 * Sitemap writers over the `sitemap` package's streams, run in memory: plain data in, an XML string out. Inputs are
 * made valid before they reach the streams, which are set to throw, so a bad value is a bug found by tests rather
 * than a warning on the console.
 */

export type SitemapImage = { url: string; caption: string | null };
export type SitemapUrl = { url: string; lastmod: string; alternates: Alternate[]; image: SitemapImage | null };
export type SitemapIndexEntry = { url: string; lastmod: string | null };

const IMAGE_CAPTION_MAX = 512;
const NEWS_TITLE_MAX = 200;

async function write(stream: SitemapStream | SitemapIndexStream, items: (SitemapItemLoose | IndexItem)[]): Promise<string> {
  const done = streamToPromise(stream);
  for (const item of items) stream.write(item);
  stream.end();
  return (await done).toString('utf8');
}

const image = (img: SitemapImage | null) =>
  img ? [{ url: img.url, ...(img.caption ? { caption: truncate(xmlText(img.caption), IMAGE_CAPTION_MAX) } : {}) }] : [];

/** A sitemap index: one <sitemap> per file. */
export async function sitemapIndexXml(entries: SitemapIndexEntry[]): Promise<string> {
  if (entries.length > SITEMAP_MAX_URLS) throw new RangeError(`a sitemap index holds at most ${SITEMAP_MAX_URLS} sitemaps, got ${entries.length}`);
  return write(
    new SitemapIndexStream({ level: ErrorLevel.THROW }),
    entries.map((e) => (e.lastmod ? { url: e.url, lastmod: e.lastmod } : { url: e.url })),
  );
}

/** One file of article URLs, each with its hreflang alternates (xhtml:link) and hero image (image:image). */
export async function articleSitemapXml(urls: SitemapUrl[]): Promise<string> {
  if (urls.length === 0) throw new RangeError('a sitemap file needs at least one URL; leave empty files out of the index');
  if (urls.length > SITEMAP_MAX_URLS) throw new RangeError(`a sitemap holds at most ${SITEMAP_MAX_URLS} URLs, got ${urls.length}; split it`);
  return write(
    new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: false, xhtml: true, image: true, video: false } }),
    urls.map((u) => ({
      url: u.url,
      lastmod: u.lastmod,
      links: u.alternates.map((a) => ({ lang: a.hreflang, url: a.url })),
      img: image(u.image),
    })),
  );
}

export type NewsItem = { url: string; locale: string; title: string; publishedAt: string; image: SitemapImage | null };

const NEWS_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">';

/**
 * A Google News sitemap: the articles published in the 48 hours before `now` (newest first, at most 1,000), each with
 * the publication's name and the article's language, publication date and title. Older and future items given to it
 * are left out, so the window holds whatever the caller's query returned.
 */
export async function newsSitemapXml(input: { publicationName: string; now: string; items: NewsItem[] }): Promise<string> {
  const items = input.items
    .filter((i) => inNewsWindow(i.publishedAt, input.now))
    .sort((x, y) => y.publishedAt.localeCompare(x.publishedAt))
    .slice(0, NEWS_MAX_URLS);
  // A quiet two days is not an error: the news sitemap stays at its address, empty (the stream refuses to write that).
  if (items.length === 0) return `${NEWS_URLSET}</urlset>`;
  const name = xmlText(input.publicationName);
  return write(
    new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: true, xhtml: false, image: true, video: false } }),
    items.map((i) => ({
      url: i.url,
      news: {
        publication: { name, language: i.locale },
        publication_date: i.publishedAt,
        title: truncate(xmlText(i.title), NEWS_TITLE_MAX),
      },
      img: image(i.image),
    })),
  );
}
