import { FEED_FORMATS, feedPath, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from '../content/feed-urls.js';
import type { SiteContext } from '../content/site-context.js';
import { homePath, sectionPath } from '../content/urls.js';
import type { Deps } from './deps.js';
import { sharedLists } from './shared-lists.js';

/**
 * The pages the first readers and aggregators ask for after a start, in that order: the home pages (each language's
 * and the site root's), the feeds, the section fronts of each language, then the sitemaps. Read from the sections of each
 * language, so a section added in the admin is warmed at the next start. A bounded set: it grows with languages and
 * sections, never with articles.
 */
export async function warmPaths(deps: Deps, site: Pick<SiteContext, 'locales'>): Promise<string[]> {
  const lists = sharedLists(deps);
  const sections = await Promise.all(site.locales.map(async (locale) => (await lists(locale)).nav.map((s) => sectionPath(locale, s.slug))));
  return [
    ...site.locales.map(homePath),
    '/',
    ...[...site.locales, null].flatMap((locale) => FEED_FORMATS.map((f) => feedPath(locale, f))),
    ...sections.flat(),
    SITEMAP_INDEX_PATH,
    NEWS_SITEMAP_PATH,
  ];
}
