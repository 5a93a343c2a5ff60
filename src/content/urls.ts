/** Public URL paths. One place builds them so links, canonicals, sitemaps and redirects agree. */
export type ArticlePathParts = { locale: string; sectionSlug: string; publishedAt: string | null; slug: string };

export function articlePath(a: ArticlePathParts): string {
  const d = new Date(a.publishedAt ?? Date.now());
  const yyyy = String(d.getUTCFullYear());
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `/${a.locale}/${a.sectionSlug}/${yyyy}/${mm}/${a.slug}`;
}

export const homePath = (locale: string) => `/${locale}/`;
export const sectionPath = (locale: string, slug: string, before?: string) => `/${locale}/section/${slug}${cursor(before)}`;
export const tagPath = (locale: string, slug: string, before?: string) => `/${locale}/tag/${slug}${cursor(before)}`;
export const authorPath = (locale: string, slug: string, before?: string) => `/${locale}/author/${slug}${cursor(before)}`;
export const searchPath = (locale: string, q?: string) => `/${locale}/search${q ? `?q=${encodeURIComponent(q)}` : ''}`;

// Pages are paths, not query strings, so a static mirror can hold every one of them as a file.
const cursor = (before?: string) => (before ? `/before/${before}` : '');
