import type { Kysely } from 'kysely';
import type { FrontPagePins, TopPin } from '../content/front-page.js';
import type { Database } from './schema.js';

/** The pins of each language's home page (migration 0011). */

type K = Kysely<Database>;

/** What is pinned on a language's home page, or null when nothing ever was (the automatic order). */
export async function readPins(db: K, locale: string): Promise<FrontPagePins | null> {
  const page = await db.selectFrom('front_pages').selectAll().where('locale', '=', locale).executeTakeFirst();
  if (!page) return null;
  const [top, sections] = await Promise.all([
    db.selectFrom('front_page_stories').select(['article_id', 'until']).where('locale', '=', locale).orderBy('position').execute(),
    db
      .selectFrom('front_page_sections')
      .innerJoin('sections', 'sections.id', 'front_page_sections.section_id')
      .select('sections.slug')
      .where('front_page_sections.locale', '=', locale)
      .orderBy('front_page_sections.position')
      .execute(),
  ]);
  return {
    locale,
    lead: page.lead_article_id,
    top: top.map((t) => ({ articleId: t.article_id, until: t.until })),
    sections: sections.map((s) => s.slug),
    updatedAt: page.updated_at,
    updatedBy: page.updated_by,
  };
}

/**
 * Takes the language's row for this transaction before its pins are read (creating it, empty, if need be: an empty
 * row pins nothing, as no row does). On PostgreSQL a second save waits here until the first commits, then reads what
 * it wrote; SQLite has one writer at a time anyway. So "read the version, compare, write" cannot interleave.
 */
export async function lockPins(db: K, locale: string, now: string): Promise<void> {
  await db
    .insertInto('front_pages')
    .values({ locale, lead_article_id: null, updated_at: now, updated_by: null })
    .onConflict((oc) => oc.column('locale').doUpdateSet((eb) => ({ updated_at: eb.ref('front_pages.updated_at') })))
    .execute();
}

/** Replaces a language's pins with these, in one go (the caller's transaction). */
export async function writePins(
  db: K,
  locale: string,
  pins: { lead: number | null; top: TopPin[]; sectionIds: number[] },
  now: string,
  userId: number | null,
): Promise<void> {
  await db
    .insertInto('front_pages')
    .values({ locale, lead_article_id: pins.lead, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('locale').doUpdateSet({ lead_article_id: pins.lead, updated_at: now, updated_by: userId }))
    .execute();
  await db.deleteFrom('front_page_stories').where('locale', '=', locale).execute();
  await db.deleteFrom('front_page_sections').where('locale', '=', locale).execute();
  if (pins.top.length) {
    await db
      .insertInto('front_page_stories')
      .values(pins.top.map((t, i) => ({ locale, position: i + 1, article_id: t.articleId, until: t.until })))
      .execute();
  }
  if (pins.sectionIds.length) {
    await db
      .insertInto('front_page_sections')
      .values(pins.sectionIds.map((id, i) => ({ locale, position: i + 1, section_id: id })))
      .execute();
  }
}

/** The articles named by a request, as validation needs them. */
/** Stories among `ids`: a page (About, policies) is never pinned, so it reads as no article here. */
export async function pinCandidates(db: K, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('articles').select(['id', 'locale', 'status', 'published_at', 'headline']).where('id', 'in', ids).where('kind', '=', 'story').execute();
}

/** Stories an editor may want to pin in a language: published ones (embargoed and scheduled included), newest first. */
export async function recentPublished(db: K, locale: string, limit: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'locale', 'status', 'published_at', 'headline'])
    .where('locale', '=', locale)
    .where('status', '=', 'published')
    .where('kind', '=', 'story')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The earliest pin expiry after `after`, in any language: when the next home page must change on its own. */
export async function nextUntilAfter(db: K, after: string): Promise<string | null> {
  const row = await db
    .selectFrom('front_page_stories')
    .select((eb) => eb.fn.min('until').as('at'))
    .where('until', '>', after)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** The languages with a pin that ran out after `after`, up to `now`. */
export async function localesExpiredBetween(db: K, after: string, now: string): Promise<string[]> {
  const rows = await db.selectFrom('front_page_stories').select('locale').distinct().where('until', '>', after).where('until', '<=', now).execute();
  return rows.map((r) => r.locale);
}
