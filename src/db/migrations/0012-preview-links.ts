import type { Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/**
 * Share links to a preview (`/preview/{token}`): one row per link. Only the SHA-256 of the token is kept, as for
 * sessions and API keys, so a copy of the database opens no preview. `pinned_revision` is the revision the link
 * shows; null shows the latest at view time. A revoked or expired link keeps its row, so its page can say 410 (and
 * why) rather than 404.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('preview_links')
    .addColumn('id', id.type, id.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('pinned_revision', 'integer')
    // Null for a link made with an API key, or by an account since deleted (the audit row says who).
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  // An article's links, newest first (the editor's list).
  await db.schema.createIndex('preview_links_article_idx').on('preview_links').columns(['article_id', 'id']).execute();
}
