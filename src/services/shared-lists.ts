import { surrogateKey } from '../content/surrogate-keys.js';
import type { ArticleSummary } from '../content/types.js';
import { listPublished } from '../db/articles-repo.js';
import { listSections, type SectionWithName } from '../db/taxonomy-repo.js';
import { nowIso, type Deps } from './deps.js';

export const LATEST_COUNT = 20;

type Shared = { nav: SectionWithName[]; latest: ArticleSummary[] };

/**
 * The sections menu and the "Latest news" list appear on every page of a language. They are read once per language
 * and kept until a change announces keys that touch them (the language's list, an article they show, the site shell),
 * the same notices that refresh the page cache. The returned arrays are shared and must not be mutated; keeping the
 * same array lets renderers memoise their HTML too.
 */
export function sharedLists(deps: Deps): (locale: string) => Promise<Shared> {
  let memo = byDeps.get(deps);
  if (!memo) {
    const entries = new Map<string, { promise: Promise<Shared>; value?: Shared }>();
    // Synchronous, so a page re-rendered right after the same notice already reads the new lists.
    deps.changes.subscribe((keys) => {
      for (const [locale, entry] of entries) {
        const touched =
          !entry.value ||
          keys.some((k) => k === '*' || k === surrogateKey.site || k === surrogateKey.locale(locale)) ||
          entry.value.latest.some((a) => keys.includes(surrogateKey.article(a.id)));
        if (touched) entries.delete(locale);
      }
    });
    memo = (locale: string) => {
      const existing = entries.get(locale);
      if (existing) return existing.promise;
      const k = deps.db.kysely;
      const entry: { promise: Promise<Shared>; value?: Shared } = {
        promise: Promise.all([listSections(k, locale), listPublished(k, { locale, now: nowIso(deps), limit: LATEST_COUNT })]).then(([nav, latest]) => {
          entry.value = { nav, latest };
          return entry.value;
        }),
      };
      entries.set(locale, entry);
      // A failed read is not kept.
      entry.promise.catch(() => entries.get(locale) === entry && entries.delete(locale));
      return entry.promise;
    };
    byDeps.set(deps, memo);
  }
  return memo;
}

const byDeps = new WeakMap<Deps, (locale: string) => Promise<Shared>>();
