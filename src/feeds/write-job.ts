import { atomFeed } from './atom-feed.js';
import type { FeedData } from './feed-data.js';
import { jsonFeed } from './json-feed.js';
import { rssFeed } from './rss-feed.js';
import { articleSitemapXml, newsSitemapXml, sitemapIndexXml, type NewsItem, type SitemapIndexEntry, type SitemapUrl } from './sitemap-xml.js';

/**
 * One feed or sitemap to write, as plain data (structured-clonable: it crosses to a worker thread and back). The
 * same job gives the same bytes in any thread: `writeJob` is all the writing there is.
 */
export type WriteJob =
  | { writer: 'rss' | 'atom' | 'json'; data: FeedData }
  | { writer: 'sitemapIndex'; entries: SitemapIndexEntry[] }
  | { writer: 'articleSitemap'; urls: SitemapUrl[] }
  | { writer: 'newsSitemap'; publicationName: string; now: string; items: NewsItem[] };

export async function writeJob(job: WriteJob): Promise<string> {
  switch (job.writer) {
    case 'rss':
      return rssFeed(job.data);
    case 'atom':
      return atomFeed(job.data);
    case 'json':
      return jsonFeed(job.data);
    case 'sitemapIndex':
      return sitemapIndexXml(job.entries);
    case 'articleSitemap':
      return articleSitemapXml(job.urls);
    case 'newsSitemap':
      return newsSitemapXml({ publicationName: job.publicationName, now: job.now, items: job.items });
  }
}
