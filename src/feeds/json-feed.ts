import { generateJsonFeed, type JsonFeed } from 'feedsmith';
import { entryHtml } from './entry-html.js';
import type { FeedData, FeedEntry, FeedPerson } from './feed-data.js';
import { xmlText, xmlTextOrNull } from './xml-text.js';

const author = (p: FeedPerson): JsonFeed.Author => ({ name: p.name, ...(p.url ? { url: p.url } : {}) });

function item(d: FeedData, e: FeedEntry): JsonFeed.Item<string> {
  const summary = xmlTextOrNull(e.summary);
  const title = xmlText(e.title).trim();
  const html = entryHtml(e, d.siteUrl, d.timeZone);
  return {
    id: e.guid,
    url: e.url,
    title,
    // An item must have content_html or content_text; a story with no body yet still has its summary or headline.
    ...(html ? { content_html: html } : { content_text: summary ?? title }),
    ...(summary ? { summary } : {}),
    ...(e.image ? { image: e.image.url } : {}),
    date_published: e.publishedAt,
    date_modified: e.updatedAt,
    tags: e.categories.map((c) => xmlText(c.name)),
    ...(e.authors.length ? { authors: e.authors.map(author) } : {}),
    language: e.locale,
  };
}

/** JSON Feed 1.1. */
export function jsonFeed(d: FeedData): string {
  const feed = generateJsonFeed({
    title: xmlText(d.title),
    home_page_url: d.pageUrl,
    feed_url: d.feedUrls.json,
    description: xmlText(d.description),
    icon: d.iconUrl,
    favicon: d.iconUrl,
    language: d.locale,
    authors: [{ name: d.siteName, url: d.siteUrl }],
    items: d.entries.map((e) => item(d, e)),
  }) as Record<string, unknown>;
  // `items` is required by the spec even when empty; the generator drops empty arrays.
  return JSON.stringify({ ...feed, items: feed.items ?? [] });
}
