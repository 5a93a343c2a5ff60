import type { Kysely } from 'kysely';

/**
 * `articles_story_idx` (story_id) dropped: `articles_story_locale_uq` (story_id, locale) leads with the same column and
 * answers every lookup it did, and each index is one more B-tree written with every article (an import writes one
 * per post; issue 14's throughput). The join tables' (tag_id, article_id) and (contributor_id, article_id) indexes look
 * alike beside their listing indexes but stay: they serve a tag's or a person's stories in id order, page after page
 * (a search reindex), which a listing index (ordered by date) could only answer by sorting every story each page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_story_idx').ifExists().execute();
}
