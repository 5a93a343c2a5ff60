/**
 * Names for what a public response depends on. Every cacheable response lists its keys in a `Surrogate-Key` header;
 * a content change names the keys it affects. The page cache, CDNs (purge by key) and other instances (LISTEN/NOTIFY)
 * all speak this one vocabulary.
 *
 * Every page shows its language's "Latest news", so a change to which stories are visible in a language (publish,
 * unpublish, embargo lift, a new date, section, tag or byline) names `locale(l)` and reaches every page in it; an edit
 * that leaves visibility alone names only the article and its story, and reaches only the pages that show them.
 */
export const surrogateKey = {
  /** A page or list that shows this article (its headline, deck, hero...). */
  article: (id: number) => `a${id}`,
  /** Only on the article's own page: lets a change to the article re-render that page first (web/cache/page-cache.ts). */
  page: (id: number) => `p${id}`,
  /**
   * No page carries it: announces that readers may no longer see this article (unpublished, archived, pushed behind an
   * embargo). Caches drop every page showing `article(id)` at once instead of serving it stale while it re-renders.
   */
  removed: (id: number) => `gone-a${id}`,
  /** The set of language versions of a story (hreflang, language switcher). */
  story: (id: number) => `s${id}`,
  /**
   * The pages of a section's list in a language (its own and those of the sections above it, which list its stories
   * too): which of its stories are visible, and in what order. Announced with every change
   * a reader can see of a story in the section (the section it left, too): the page cache re-renders those section
   * fronts at once and leaves the language's other fronts, whose only change is their "Latest news", to their next
   * reader (web/cache/page-cache.ts).
   */
  section: (id: number, locale: string) => `sec${id}-${locale}`,
  /**
   * An author's page and feeds (by the address's slug): their profile (name, bio, photo) shows there. A change to the
   * profile announces it with the keys of the stories that credit them (bylines, JSON-LD, feeds).
   */
  author: (slug: string) => `au-${slug}`,
  /** Which stories are visible in a language, and in what order. */
  locale: (locale: string) => `l-${locale}`,
  /** Only on a language's home pages (`/{lang}/`, and `/` for the default one): what editors pinned there changed or ran out. */
  front: (locale: string) => `front-${locale}`,
  /** The site's shell: section names, menus. */
  site: 'site',
  /** No page shows it: announces that a story got a future publication time, so the embargo watcher re-arms. */
  schedule: 'schedule',
} as const;

export const formatSurrogateKeys = (keys: Iterable<string>) => [...new Set(keys)].join(' ');
export const parseSurrogateKeys = (header: string | null | undefined) => (header ? header.split(' ').filter(Boolean) : []);

/** The article key whose pages a `removed(id)` announcement drops at once, or null for any other key. */
export const removedArticleKey = (key: string): string | null => (key.startsWith('gone-') ? key.slice(5) : null);
