import type { Kysely } from 'kysely';

/**
 * What editors pin on each language's home page: the lead story, an ordered list of top stories (each with an
 * optional time after which it drops back to the automatic order) and the order of the section blocks. No row for a
 * language means nothing is pinned: the home page keeps its automatic order.
 *
 * Pins reference their article and section, so a deleted draft or section leaves no dangling id behind (the lead is
 * set to null, a top story or section row goes). Positions may have gaps after such a delete; only their order counts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('front_pages')
    .addColumn('locale', 'text', (c) => c.primaryKey())
    .addColumn('lead_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Null when saved with an API key (the audit row names the key), or by an account since deleted.
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await db.schema
    .createTable('front_page_stories')
    .addColumn('locale', 'text', (c) => c.notNull().references('front_pages.locale').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // ISO-8601 UTC; null: pinned until an editor unpins it.
    .addColumn('until', 'text')
    .addPrimaryKeyConstraint('front_page_stories_pk', ['locale', 'position'])
    .addUniqueConstraint('front_page_stories_article_uq', ['locale', 'article_id'])
    .execute();
  // The expiry watcher's "next pin to run out after t" (services/front-page-watch.ts).
  await db.schema.createIndex('front_page_stories_until_idx').on('front_page_stories').column('until').execute();

  await db.schema
    .createTable('front_page_sections')
    .addColumn('locale', 'text', (c) => c.notNull().references('front_pages.locale').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('front_page_sections_pk', ['locale', 'position'])
    .addUniqueConstraint('front_page_sections_section_uq', ['locale', 'section_id'])
    .execute();
}
