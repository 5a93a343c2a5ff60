/** Public URL paths. One place builds them so links, canonicals, sitemaps and redirects agree. */
export type ArticlePathParts = { locale: string; sectionSlug: string; publishedAt: string | null; slug: string; kind?: string | undefined };

/** A story's dated address, or a page's `/{lang}/{slug}` (its section and date are not part of it). */
export function articlePath(a: ArticlePathParts): string {
  if (a.kind === 'page') return pagePath(a.locale, a.slug);
  const d = new Date(a.publishedAt ?? Date.now());
  const yyyy = String(d.getUTCFullYear());
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `/${a.locale}/${a.sectionSlug}/${yyyy}/${mm}/${a.slug}`;
}

export const homePath = (locale: string) => `/${locale}/`;
/** About, Contact, policies: one segment after the language (content/types.ts ArticleKind). */
export const pagePath = (locale: string, slug: string) => `/${locale}/${slug}`;

/**
 * Second segments the site already uses under `/{lang}/` (lists, search, and names kept for what may come: feeds,
 * the archive): a page there would never be reached, so its slug is refused (services/article-store.ts).
 */
export const RESERVED_PAGE_SLUGS: ReadonlySet<string> = new Set([
  'section',
  'tag',
  'author',
  'search',
  'before',
  'feed',
  'feeds',
  'sitemap',
  'sitemaps',
  'archive',
  'page',
  'pages',
  'a',
  'admin',
  'api',
  'media',
  'preview',
]);
export const sectionPath = (locale: string, slug: string, before?: string) => `/${locale}/section/${slug}${cursor(before)}`;
export const tagPath = (locale: string, slug: string, before?: string) => `/${locale}/tag/${slug}${cursor(before)}`;
export const authorPath = (locale: string, slug: string, before?: string) => `/${locale}/author/${slug}${cursor(before)}`;
export const searchPath = (locale: string, q?: string) => `/${locale}/search${q ? `?q=${encodeURIComponent(q)}` : ''}`;

// Pages are paths, not query strings, so a static mirror can hold every one of them as a file.
const cursor = (before?: string) => (before ? `/before/${before}` : '');

// RFC 3986 §2.3: percent-encoding these changes nothing, so a canonical path writes them as themselves.
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
// Allowed as themselves in a path (pchar and "/"), plus "%", whose triplets are looked at one by one.
const SPELLING = /%([0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;
const utf8 = new TextEncoder();

/**
 * The one spelling of a path that the app's own links use: percent-encoding only where it is needed, in upper-case
 * hex (as encodeURIComponent writes it), and no "." or ".." segments. `/en/%73ection/wor%6cd` and `/en/./` name the
 * same page as `/en/section/world` and `/en/` (the router decodes before matching), so a request spelled any other
 * way is redirected here rather than given a cache entry of its own.
 *
 * A character outside the path alphabet (a raw byte of non-ASCII text, which node reads as latin1) is written as the
 * percent-encoded byte, as a browser encodes the UTF-8 of a Cyrillic slug.
 */
export function canonicalPath(path: string): string {
  const spelled = path.replace(SPELLING, (m, hex: string | undefined) => {
    if (hex !== undefined) {
      const c = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
    }
    const code = m.codePointAt(0)!;
    const bytes = code <= 0xff ? [code] : utf8.encode(m);
    return Array.from(bytes, (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  });
  return DOT_SEGMENT.test(spelled) ? removeDotSegments(spelled) : spelled;
}

/** RFC 3986 §5.2.4 for an absolute path, as a browser resolves one before sending it. */
function removeDotSegments(path: string): string {
  const segments = path.split('/').slice(1);
  const out: string[] = [];
  segments.forEach((s, i) => {
    const last = i === segments.length - 1;
    if (s === '.' || s === '..') {
      if (s === '..') out.pop();
      if (last) out.push('');
    } else out.push(s);
  });
  return `/${out.join('/')}`;
}
