import { FEED_FORMATS, feedPath, NEWS_SITEMAP_PATH, SITEMAP_INDEX_PATH } from '../content/feed-urls.js';
import type { SiteContext } from '../content/site-context.js';
import { homePath, sectionPath } from '../content/urls.js';
import type { Deps } from './deps.js';
import { sharedLists } from './shared-lists.js';

/**
 * The pages the first readers and aggregators ask for after a start, in that order: the home pages (each language's
 * and the site root's), the section fronts of each language, the feeds (each language's and the root's), then the
 * news sitemap. Read from the sections of each language, so a section added in the admin is warmed at the next start.
 * A bounded set: it grows with languages and sections, never with articles. The sitemap index is left to its first
 * crawler: it costs about 2 s at 100,000 articles, as much as all the rest together.
 */
export async function warmPaths(deps: Deps, site: Pick<SiteContext, 'locales'>): Promise<string[]> {
  const lists = sharedLists(deps);
  const sections = await Promise.all(site.locales.map(async (locale) => (await lists(locale)).nav.map((s) => sectionPath(locale, s.slug))));
  return [
    ...site.locales.map(homePath),
    '/',
    ...sections.flat(),
    ...[...site.locales, null].flatMap((locale) => FEED_FORMATS.map((f) => feedPath(locale, f))),
    NEWS_SITEMAP_PATH,
    SITEMAP_INDEX_PATH,
  ];
}
