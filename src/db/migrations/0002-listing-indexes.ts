import { sql, type Kysely } from 'kysely';

/**
 * Tag and author pages list a tag's or a person's stories newest first. Driving those lists from the join tables in
 * date order (instead of filtering the whole language's timeline) keeps their cost flat as the archive grows, so the
 * join rows carry a copy of what the order and the visibility rule need. `syncListing` keeps the copy current.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['article_tags', 'article_contributors']) {
    await db.schema.alterTable(table).addColumn('locale', 'text').execute();
    await db.schema.alterTable(table).addColumn('status', 'text').execute();
    await db.schema.alterTable(table).addColumn('published_at', 'text').execute();
    await sql`update ${sql.table(table)} set
      locale = (select a.locale from articles a where a.id = ${sql.ref(`${table}.article_id`)}),
      status = (select a.status from articles a where a.id = ${sql.ref(`${table}.article_id`)}),
      published_at = (select a.published_at from articles a where a.id = ${sql.ref(`${table}.article_id`)})`.execute(db);
  }
  await db.schema.createIndex('article_tags_listing_idx').on('article_tags').columns(['tag_id', 'status', 'published_at', 'article_id']).execute();
  await db.schema
    .createIndex('article_contributors_listing_idx')
    .on('article_contributors')
    .columns(['contributor_id', 'locale', 'status', 'published_at', 'article_id'])
    .execute();
}
