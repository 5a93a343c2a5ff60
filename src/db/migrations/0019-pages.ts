import { sql, type Kysely } from 'kysely';

/**
 * Pages (issue 13): About, Contact, the ethics and corrections policies, Privacy. A page is an article of kind `page`
 * so it is written with the same editor and keeps the same revisions, pending changes and previews as a story; it is
 * served at `/{lang}/{slug}`, linked from its language's footer and left out of every list of stories (home, section
 * fronts, feeds, the news sitemap). `story` is every article written before this.
 *
 * The index serves the footer's "published pages of a language": a handful of rows, read without scanning the stories.
 * It is partial (pages only), so no query of stories can pick it over the timeline index and lose the date order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('story'))
    .execute();
  await db.schema
    .createIndex('articles_pages_idx')
    .on('articles')
    .columns(['locale', 'status', 'published_at'])
    .where(sql.ref('kind'), '=', sql.lit('page'))
    .execute();
}
