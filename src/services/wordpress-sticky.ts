import { MAX_TOP_STORIES } from '../content/front-page.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { lockPins, readPins } from '../db/front-pages-repo.js';
import { storePins } from './front-pages.js';
import { nowIso, type Deps } from './deps.js';

/*
 * WordPress's sticky posts (`wp:is_sticky` 1) on the language's front page (services/front-pages.ts): the newest one
 * the lead when no lead is pinned, the others the first free top-story slots, after what editors pinned. Nothing an
 * editor pinned is moved or unpinned; a story already pinned is not pinned twice; beyond MAX_TOP_STORIES the rest
 * stay in the automatic order and the result says how many.
 */

export type StickyPost = { articleId: number; locale: string; publishedAt: string | null };

export async function pinStickyPosts(deps: Deps, sticky: readonly StickyPost[]): Promise<{ pinned: number; left: number }> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  let pinned = 0;
  let left = 0;
  const locales = [...new Set(sticky.map((s) => s.locale))];
  for (const locale of locales) {
    // WordPress shows sticky posts newest first.
    const ids = sticky
      .filter((s) => s.locale === locale)
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
      .map((s) => s.articleId);
    const changed = await k.transaction().execute(async (trx) => {
      await lockPins(trx, locale, now);
      const before = await readPins(trx, locale);
      const sectionIds = (await trx.selectFrom('front_page_sections').select('section_id').where('locale', '=', locale).orderBy('position').execute()).map(
        (r) => r.section_id,
      );
      let lead = before?.lead ?? null;
      const top = [...(before?.top ?? [])];
      const taken = new Set([...(lead === null ? [] : [lead]), ...top.map((t) => t.articleId)]);
      let added = 0;
      for (const id of ids) {
        if (taken.has(id)) continue;
        if (lead === null) lead = id;
        else if (top.length < MAX_TOP_STORIES) top.push({ articleId: id, until: null });
        else {
          left++;
          continue;
        }
        taken.add(id);
        added++;
      }
      if (!added) return false;
      await storePins(trx, locale, before, { lead, top, sectionIds, sections: before?.sections ?? [] }, now, {
        userId: null,
        actorUserId: null,
        via: { via: 'wordpress-import-sticky' },
      });
      pinned += added;
      return true;
    });
    if (changed) await deps.changes.publish([surrogateKey.front(locale)]);
  }
  return { pinned, left };
}
