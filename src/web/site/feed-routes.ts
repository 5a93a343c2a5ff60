import { Hono, type Context } from 'hono';
import {
  FEED_CONTENT_TYPE,
  FEED_FILE,
  FEED_FORMATS,
  FEED_LIST_KINDS,
  NEWS_SITEMAP_PATH,
  parseSitemapFile,
  SITEMAP_INDEX_PATH,
  type FeedFormat,
  type FeedScope,
} from '../../content/feed-urls.js';
import { LOCALE_PATTERN } from '../../content/locales.js';
import { formatSurrogateKeys, surrogateKey } from '../../content/surrogate-keys.js';
import type { WriteJob } from '../../feeds/write-job.js';
import { SITEMAP_SPAN } from '../../feeds/sitemap-plan.js';
import type { SiteContext } from '../../content/site-context.js';
import type { Deps } from '../../services/deps.js';
import { PAGE_CACHE } from './page-cache-control.js';
import { articleSitemapPage, feedPage, newsSitemapPage, sitemapIndexPage } from '../../services/feed-pages.js';
import { writeFeed } from '../../services/feed-write-pool.js';
import { movedList } from '../../services/site-pages.js';

// As the pages: feeds and sitemaps change when an editor publishes; CDNs may keep them briefly and serve stale.
const XML = 'application/xml; charset=utf-8';
const LOCALE = `:locale{${LOCALE_PATTERN}}`;

/**
 * `sitemapSpan`: article ids per sitemap file (tests make it small to see the archive split). `write`: turns the plain
 * data the queries gave into the feed's or sitemap's bytes; by default in the feed writers' worker threads
 * (services/feed-write-pool.ts), so that the serving thread only runs the queries.
 */
export type FeedRouteOptions = { sitemapSpan?: number; write?: (job: WriteJob) => Promise<Uint8Array<ArrayBuffer>> };

/**
 * RSS, Atom and JSON feeds (per language, and per section, tag and author), the sitemap index, the numbered article
 * sitemaps of each language and the Google News sitemap. Each response names what it shows in Surrogate-Key, so the
 * page cache and CDNs drop it when that content changes.
 */
export function feedRoutes(deps: Deps, site: SiteContext, opts: FeedRouteOptions = {}) {
  const app = new Hono();
  const known = new Set(site.locales);
  const span = opts.sitemapSpan ?? SITEMAP_SPAN;
  const write = opts.write ?? writeFeed;
  const everyLocale = site.locales.map(surrogateKey.locale);

  const send = (c: Context, body: Uint8Array<ArrayBuffer>, contentType: string, keys: string[]) => {
    c.header('Cache-Control', PAGE_CACHE);
    c.header('Surrogate-Key', formatSurrogateKeys([surrogateKey.site, ...keys]));
    c.header('Content-Type', contentType);
    return c.body(body, 200);
  };

  const feed = (format: FeedFormat, kind: FeedScope['kind']) => async (c: Context) => {
    const param = c.req.param('locale');
    if (param !== undefined && !known.has(param)) return c.notFound();
    const locale = param ?? site.defaultLocale;
    const scope: FeedScope = kind === 'locale' ? { kind } : { kind, slug: c.req.param('slug')! };
    const data = await feedPage(deps, site, { locale, root: param === undefined, scope });
    if (!data) {
      const moved = scope.kind === 'locale' ? null : await movedList(deps, locale, scope.kind, scope.slug, `/${FEED_FILE[format]}`);
      return moved ? c.redirect(moved, 301) : c.notFound();
    }
    c.header('Content-Language', locale);
    return send(c, await write({ writer: format, data }), FEED_CONTENT_TYPE[format], [
      surrogateKey.locale(locale),
      ...(scope.kind === 'author' ? [surrogateKey.author(scope.slug)] : []),
      ...data.entries.map((e) => surrogateKey.article(e.articleId)),
    ]);
  };

  for (const format of FEED_FORMATS) {
    const file = FEED_FILE[format];
    app.get(`/${file}`, feed(format, 'locale'));
    app.get(`/${LOCALE}/${file}`, feed(format, 'locale'));
    for (const kind of FEED_LIST_KINDS) app.get(`/${LOCALE}/${kind}/:slug{[a-z0-9-]{1,80}}/${file}`, feed(format, kind));
  }

  app.get(SITEMAP_INDEX_PATH, async (c) => {
    const entries = await sitemapIndexPage(deps, site, span);
    return send(c, await write({ writer: 'sitemapIndex', entries }), XML, everyLocale);
  });

  app.get(NEWS_SITEMAP_PATH, async (c) => {
    const news = await newsSitemapPage(deps, site);
    const xml = await write({ writer: 'newsSitemap', publicationName: site.siteName, now: news.now, items: news.items });
    return send(c, xml, XML, [...everyLocale, ...news.articleIds.map(surrogateKey.article)]);
  });

  app.get(`/sitemaps/:file{${LOCALE_PATTERN}-[0-9]{1,9}\\.xml}`, async (c) => {
    const file = parseSitemapFile(c.req.param('file'));
    if (!file || !known.has(file.locale)) return c.notFound();
    const page = await articleSitemapPage(deps, site, file.locale, file.n, span);
    if (!page) return c.notFound();
    // Any language: a story published in another language adds an hreflang link here; a story's key covers its
    // versions' edits (a new slug changes the alternate's address).
    return send(c, await write({ writer: 'articleSitemap', urls: page.urls }), XML, [
      ...everyLocale,
      ...page.articleIds.map(surrogateKey.article),
      ...page.storyIds.map(surrogateKey.story),
    ]);
  });

  return app;
}
