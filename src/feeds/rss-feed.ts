import { generateRssFeed, type RssFeed } from 'feedsmith';
import { entryHtml } from './entry-html.js';
import type { FeedData, FeedEntry } from './feed-data.js';
import { rssText, tightenCdata } from './xml-text.js';

// RSS 2.0's <enclosure> requires a length; the RSS Advisory Board's profile says to write 0 when it is not known
// (we keep image dimensions, not byte sizes).
const UNKNOWN_LENGTH = 0;

function item(d: FeedData, e: FeedEntry): RssFeed.Item<string> {
  const summary = e.summary ? rssText(e.summary) || null : null;
  return {
    title: rssText(e.title),
    link: e.url,
    guid: { value: e.guid, isPermaLink: false },
    pubDate: e.publishedAt,
    ...(summary ? { description: summary } : {}),
    categories: e.categories.map((c) => ({ name: rssText(c.name), domain: c.url })),
    ...(e.image ? { enclosures: [{ url: e.image.url, type: e.image.mime, length: UNKNOWN_LENGTH }] } : {}),
    // <author> must be an e-mail address in RSS 2.0; names go in dc:creator, as most news feeds do.
    dc: {
      creators: e.authors.map((a) => rssText(a.name)),
      ...(e.translators.length ? { contributors: e.translators.map((a) => rssText(a.name)) } : {}),
      // The last change (a correction, an edit); RSS itself has only the publication date.
      dates: [e.updatedAt],
      languages: [e.locale],
    },
    content: { encoded: entryHtml(e, d.siteUrl, d.timeZone) },
    ...(e.image
      ? {
          media: {
            contents: [
              {
                url: e.image.url,
                type: e.image.mime,
                medium: 'image',
                width: e.image.width,
                height: e.image.height,
                // Media RSS reads a description as plain text unless told otherwise; this one is escaped like every
                // other text here, so it says it is HTML and no reader shows the entities.
                ...(e.image.alt ? { description: { value: rssText(e.image.alt), type: 'html' } } : {}),
                ...(e.image.credit ? { credits: [{ value: rssText(e.image.credit) }] } : {}),
              },
            ],
          },
        }
      : {}),
  };
}

/** RSS 2.0 with content:encoded (full text), dc:creator (bylines), media:content and an enclosure for the hero. */
export function rssFeed(d: FeedData): string {
  return tightenCdata(
    generateRssFeed({
      title: rssText(d.title),
      link: d.pageUrl,
      description: rssText(d.description),
      language: d.locale,
      lastBuildDate: d.updated,
      generator: 'Masthead',
      // No channel <image>: RSS allows only GIF, JPEG and PNG there, and the logo is SVG.
      atom: { links: [{ href: d.feedUrls.rss, rel: 'self', type: 'application/rss+xml' }] },
      items: d.entries.map((e) => item(d, e)),
    }),
  );
}
