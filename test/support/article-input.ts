import type { Db } from '../../src/db/connect.js';
import { loadArticle } from '../../src/db/load-article.js';

/**
 * What `updateArticle` takes to store a story again as it is, with `patch` applied, and the revision to base it on:
 * tests and benchmarks that change one field of a stored story (a headline, a status) start from here.
 */
export async function editOf(db: Db, id: number, patch: Record<string, unknown> = {}) {
  const a = await loadArticle(db.kysely, id);
  if (!a) throw new Error(`no article ${id}`);
  return {
    base: a.revision,
    input: {
      locale: a.locale,
      headline: a.headline,
      deck: a.deck,
      body: a.body,
      dateline: a.dateline,
      sectionId: a.section.id,
      tagIds: a.tags.map((t) => t.id),
      bylines: a.bylines.map((b) => ({ contributorId: b.contributorId, role: b.role })),
      hero: a.hero ? { mediaId: a.hero.mediaId, alt: a.hero.alt, caption: a.hero.caption, credit: a.hero.credit } : null,
      source: a.source ? { partnerId: a.source.partnerId, url: a.source.url, headline: a.source.headline, locale: a.source.locale } : null,
      status: a.status,
      publishedAt: a.publishedAt,
      ...patch,
    },
  };
}
