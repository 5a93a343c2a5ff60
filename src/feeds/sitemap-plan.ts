/**
 * How the archive is cut into sitemap files, and which versions of a story point at each other. Pure, so the rules
 * can be tested with tiny limits; the database query that groups articles into files uses the same arithmetic.
 *
 * A file covers a fixed range of article ids: file n holds the articles of one language whose id lies in
 * ((n-1)·span, n·span]. So no file can ever hold more than `span` URLs, a file is read by an indexed id range (a
 * keyset, never OFFSET), and a story never moves to another file: publishing adds to one file instead of shifting
 * every later page.
 */

/** The protocol's limit: a sitemap file holds at most 50,000 URLs, an index at most 50,000 sitemaps. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * Article ids per file. Far under the protocol's 50,000 on purpose: each URL also carries hreflang links and an image
 * (so 50,000 of them would pass the 50 MB limit), files are rendered on request, and a file's Surrogate-Key header
 * names every story in it, which must stay a few kilobytes for proxies in front of the app.
 */
export const SITEMAP_SPAN = 250;

/** Google News reads only articles published in the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 48 * 3_600_000;
export const NEWS_MAX_URLS = 1_000;

function checkSpan(span: number) {
  if (!Number.isInteger(span) || span < 1 || span > SITEMAP_MAX_URLS)
    throw new RangeError(`sitemap span must be an integer in 1..${SITEMAP_MAX_URLS}, got ${span}`);
}

/** The file (1-based) that holds the article with this id. */
export function sitemapFileOf(id: number, span: number): number {
  checkSpan(span);
  return Math.floor((id - 1) / span) + 1;
}

/** The id range of file n: ids greater than `afterId` and at most `throughId`. */
export function sitemapFileRange(n: number, span: number): { afterId: number; throughId: number } {
  checkSpan(span);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`sitemap file number must be a positive integer, got ${n}`);
  return { afterId: (n - 1) * span, throughId: n * span };
}

/** One file per (language, range) that holds at least one article, in a stable order: by language, then number. */
export type SitemapFile = { locale: string; n: number; lastmod: string };

/** Groups articles into files; the database does the same with GROUP BY for the index, this is its reference. */
export function planSitemapFiles(articles: { id: number; locale: string; updatedAt: string }[], span: number, locales: string[]): SitemapFile[] {
  const files = new Map<string, SitemapFile>();
  for (const a of articles) {
    if (!locales.includes(a.locale)) continue;
    const n = sitemapFileOf(a.id, span);
    const key = `${a.locale}\u0000${n}`;
    const f = files.get(key);
    if (!f) files.set(key, { locale: a.locale, n, lastmod: a.updatedAt });
    else if (a.updatedAt > f.lastmod) f.lastmod = a.updatedAt;
  }
  return sortFiles([...files.values()], locales);
}

export const sortFiles = (files: SitemapFile[], locales: string[]) =>
  [...files].sort((x, y) => locales.indexOf(x.locale) - locales.indexOf(y.locale) || x.n - y.n);

/** A language version of a story, as hreflang needs it. */
export type Version = { id: number; locale: string; url: string; publishedAt: string };
export type Alternate = { hreflang: string; url: string };

/**
 * The hreflang set of a story, the same for every version (so the links are reciprocal): each version, then
 * x-default, which is the default-language version, else the first published. A story in one language has none.
 * The article page builds its <link rel="alternate"> set by the same rule.
 */
export function hreflangAlternates(versions: Version[], defaultLocale: string): Alternate[] {
  if (versions.length < 2) return [];
  const sorted = [...versions].sort((x, y) => x.locale.localeCompare(y.locale));
  const byTime = [...versions].sort((x, y) => x.publishedAt.localeCompare(y.publishedAt) || x.id - y.id);
  const xDefault = versions.find((v) => v.locale === defaultLocale) ?? byTime[0]!;
  return [...sorted.map((v) => ({ hreflang: v.locale, url: v.url })), { hreflang: 'x-default', url: xDefault.url }];
}

/** Published within the news window before `now` (and not in the future: an embargoed story is not news yet). */
export function inNewsWindow(publishedAt: string, now: string): boolean {
  const t = Date.parse(publishedAt);
  const n = Date.parse(now);
  return t <= n && t > n - NEWS_WINDOW_MS;
}
