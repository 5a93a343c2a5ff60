/**
 * Every feed and sitemap writer, in one module for web/site/feed-routes.ts to import on the first feed or sitemap
 * asked for: they bring feedsmith, sitemap and their XML libraries (a quarter of a megabyte of code), which a cold
 * server need not parse before it answers its first article.
 */
export { atomFeed } from './atom-feed.js';
export { jsonFeed } from './json-feed.js';
export { rssFeed } from './rss-feed.js';
export { articleSitemapXml, newsSitemapXml, sitemapIndexXml } from './sitemap-xml.js';
