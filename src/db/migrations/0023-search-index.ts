import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * The full-text index (issue 15). Its text is analysed in JavaScript (src/search/analyze.ts: lower-cased, ё→е,
 * Snowball-stemmed), so both engines hold the same terms and agree on what matches:
 * - SQLite: an FTS5 table, one row per article (rowid = article id), a column per field so bm25 weighs the
 *   headline and deck above the body. The 'ascii' tokenizer splits only at the spaces the analyser put (every other
 *   character of a term is kept as is), and the table keeps no copy of the text (contentless, deletable rows).
 *   A trigger drops an article's row with the article, as the foreign key does on PostgreSQL.
 * - PostgreSQL: a tsvector per article, built with the 'simple' configuration (which only lower-cases: the terms are
 *   already stems) and weighted A (headline), B (deck, bylines, tags), D (body), under a GIN index.
 * The index starts empty: `masthead search reindex` fills it from the articles (each save keeps it up to date after).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create virtual table search_fts using fts5(headline, deck, body, people, tags, tokenize = 'ascii', content = '', contentless_delete = 1)`.execute(
      db,
    );
    await sql`create trigger articles_search_delete after delete on articles begin delete from search_fts where rowid = old.id; end`.execute(db);
    return;
  }
  await db.schema
    .createTable('search_documents')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index search_documents_gin on search_documents using gin (document)`.execute(db);
}
