import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/**
 * The wire desk (issue 14): what partner feeds brought in, and each feed's polling state.
 *
 * `wire_items` holds one row per partner story: the item as the feed gave it (guid, link, title, author, summary,
 * the full text as sanitized HTML, completed from its page by Readability when the feed had only a summary:
 * `full_text`), and the draft an editor adapted from it. A story is the same story when its guid is (unique per
 * partner) or its link is (`link_key`, the link normalised: unique per partner; NULLs do not collide on either engine).
 * `search_text` is the lower-cased title, summary and text the inbox's search matches.
 *
 * `partner_feed_state` is what a conditional GET needs (the feed's ETag and Last-Modified) and what the desk shows of
 * the last poll. `articles.source_published_at` is when the partner first published the story adapted.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('wire_items')
    .addColumn('id', id.type, id.build)
    .addColumn('partner_id', 'integer', (c) => c.notNull().references('partners.id').onDelete('cascade'))
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('link_key', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('summary', 'text')
    .addColumn('content_html', 'text')
    .addColumn('language', 'text')
    .addColumn('published_at', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('full_text', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extract_error', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adapted_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('adapted_at', 'text')
    .execute();
  await db.schema.createIndex('wire_items_guid_uq').on('wire_items').columns(['partner_id', 'guid']).unique().execute();
  await db.schema.createIndex('wire_items_link_uq').on('wire_items').columns(['partner_id', 'link_key']).unique().execute();
  await db.schema.createIndex('wire_items_published_idx').on('wire_items').columns(['published_at', 'id']).execute();
  await db.schema
    .createTable('partner_feed_state')
    .addColumn('partner_id', 'integer', (c) => c.primaryKey().references('partners.id').onDelete('cascade'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('last_ok_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'text')
    .execute();
  await db.schema.alterTable('articles').addColumn('source_published_at', 'text').execute();
}
