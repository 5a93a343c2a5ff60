import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/**
 * The desk: editorial notes on an article, who an article is assigned to, and where a translation came from.
 *
 * `translated_from_revision` is the source's revision the translation was made from (or last marked up to date
 * against); `text_revision` is the revision at which an article's text (headline, deck, body) last changed. A
 * translation needs an update when its source's `text_revision` is newer than its `translated_from_revision`: one
 * comparison of two columns, so lists and the dashboard can show it without reading revision snapshots, and a
 * status-only revision of the source (publish, schedule) does not flag its translations.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);

  await db.schema
    .createTable('article_notes')
    .addColumn('id', id.type, id.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // Null for a note written with an API key, or by an account since deleted.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_notes_article_idx').on('article_notes').columns(['article_id', 'id']).execute();
  // The dashboard's "recent notes".
  await db.schema.createIndex('article_notes_created_idx').on('article_notes').columns(['created_at', 'id']).execute();

  await db.schema
    .alterTable('articles')
    .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('articles')
    .addColumn('translated_from_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('translated_from_revision', 'integer').execute();
  await db.schema
    .alterTable('articles')
    .addColumn('text_revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // Not knowing when older articles' text last changed, assume their latest revision: never earlier than the truth.
  await sql`update articles set text_revision = revision`.execute(db);

  // "Assigned to me" and the list's assignee filter, newest first.
  await db.schema.createIndex('articles_assignee_idx').on('articles').columns(['assignee_user_id', 'id']).execute();
  // A source's translations (needs-update checks, the desk).
  await db.schema.createIndex('articles_translated_from_idx').on('articles').column('translated_from_id').execute();
  // The dashboard's scheduled stories in time order; scheduled_at is set only while a story waits for its time.
  await db.schema.createIndex('articles_scheduled_idx').on('articles').columns(['scheduled_at', 'id']).execute();
}
