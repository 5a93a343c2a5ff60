import { surrogateKey } from '../content/surrogate-keys.js';
import type { ArticleSummary } from '../content/types.js';
import { listLatestInSection, listPublished, listVisiblePages, type FooterPage } from '../db/article-lists.js';
import { listSections, type SectionWithName } from '../db/taxonomy-repo.js';
import { nowIso, type Deps } from './deps.js';

export const LATEST_COUNT = 20;
/** Stories in the "related" list under an article. */
export const RELATED_COUNT = 4;
// A section's newest kept for it: enough whatever the tags fill (up to RELATED_COUNT) and with the article itself left out.
const SECTION_LIST_LENGTH = 2 * RELATED_COUNT + 1;
// A tag's newest kept for it: the related list's share, with the article itself left out.
const TAG_LIST_LENGTH = RELATED_COUNT + 1;
/**
 * Tags' lists kept at once. A site has far more tags than sections; a crawler reading every article would otherwise
 * load every tag's list (10,000 tags hold about 25 MB). The oldest-read list goes first.
 */
export const MAX_TAG_LISTS = 2000;

/** `pages`: the footer's links (About, policies), which a page's publish, rename or removal announces with `locale`. */
type Shared = { nav: SectionWithName[]; latest: ArticleSummary[]; pages: FooterPage[] };

type Entry<T> = { locale: string; promise: Promise<T>; value?: T };

/**
 * Lists read once and kept until a change announces keys that touch them (the language's lists, an article they
 * show, the site shell): the same notices that refresh the page cache. A failed read is not kept. The returned values
 * are shared and must not be mutated; keeping the same arrays lets renderers memoise their HTML too.
 */
export function keptLists<T>(
  deps: Deps,
  shown: (value: T) => readonly { id: number }[],
  read: (key: string, locale: string) => Promise<T>,
  maxEntries = Infinity,
) {
  const entries = new Map<string, Entry<T>>();
  // Synchronous, so a page re-rendered right after the same notice already reads the new lists.
  deps.changes.subscribe((keys) => {
    for (const [key, entry] of entries) {
      const touched =
        !entry.value ||
        keys.some((k) => k === '*' || k === surrogateKey.site || k === surrogateKey.locale(entry.locale)) ||
        shown(entry.value).some((a) => keys.includes(surrogateKey.article(a.id)));
      if (touched) entries.delete(key);
    }
  });
  return (key: string, locale: string): Promise<T> => {
    const existing = entries.get(key);
    if (existing) return existing.promise;
    const entry: Entry<T> = {
      locale,
      promise: read(key, locale).then((value) => {
        entry.value = value;
        return value;
      }),
    };
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(key, entry);
    entry.promise.catch(() => entries.get(key) === entry && entries.delete(key));
    return entry.promise;
  };
}

/** The sections menu, the "Latest news" list and the footer's pages: on every page of a language. */
export function sharedLists(deps: Deps): (locale: string) => Promise<Shared> {
  let memo = byDeps.get(deps);
  if (!memo) {
    const kept = keptLists<Shared>(
      deps,
      (v) => v.latest,
      async (_key, locale) => {
        const k = deps.db.kysely;
        const now = nowIso(deps);
        const [nav, latest, pages] = await Promise.all([
          listSections(k, locale),
          listPublished(k, { locale, now, limit: LATEST_COUNT }),
          listVisiblePages(k, locale, now),
        ]);
        return { nav, latest, pages };
      },
    );
    memo = (locale: string) => kept(locale, locale);
    byDeps.set(deps, memo);
  }
  return memo;
}

/**
 * Lists kept per language and id (a section's, a tag's): `read` fetches one when it is first asked for or was
 * dropped by a change notice.
 */
function keptById(read: (deps: Deps, locale: string, id: number) => Promise<ArticleSummary[]>, maxEntries = Infinity) {
  const byDepsOf = new WeakMap<Deps, (locale: string, id: number) => Promise<ArticleSummary[]>>();
  return (deps: Deps): ((locale: string, id: number) => Promise<ArticleSummary[]>) => {
    let memo = byDepsOf.get(deps);
    if (!memo) {
      const kept = keptLists<ArticleSummary[]>(
        deps,
        (v) => v,
        (key, locale) => read(deps, locale, Number(key.split('|')[1])),
        maxEntries,
      );
      memo = (locale: string, id: number) => kept(`${locale}|${id}`, locale);
      byDepsOf.set(deps, memo);
    }
    return memo;
  };
}

/**
 * A section's newest stories, for the "related" list under every article of the section: without it, each uncached
 * article page read them again, the most expensive of its queries.
 */
export const sectionLatest = keptById((deps, locale, sectionId) => listLatestInSection(deps.db.kysely, locale, nowIso(deps), sectionId, SECTION_LIST_LENGTH));

/** A tag's newest stories, for the "related" list under every article carrying the tag. */
export const tagLatest = keptById(
  (deps, locale, tagId) => listPublished(deps.db.kysely, { locale, now: nowIso(deps), tagId, limit: TAG_LIST_LENGTH }),
  MAX_TAG_LISTS,
);

const byDeps = new WeakMap<Deps, (locale: string) => Promise<Shared>>();
