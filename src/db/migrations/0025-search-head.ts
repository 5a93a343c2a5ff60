import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Search speed (issue 15), PostgreSQL only.
 * - `search_heads` holds each article's headline (weight A) and deck, bylines and tags (B): the strong fields without
 *   the body, in a table of its own under its own GIN index. Ranking asks only whether the words are there, and
 *   reads these small vectors instead of whole documents (TOASTed: several KB to fetch and decompress each); kept
 *   apart, they do not widen the rows of `search_documents`, whose every match a search may visit.
 * - Each document gains the lexeme of its window of 1,000 ids (`~w12` for ids 12,000–12,999; src/search/search-index.ts
 *   WINDOW_IDS), which lets a search read the newest matches of a common word without decoding all its postings.
 * Both are filled from the existing documents (their A and B lexemes are exactly the strong fields): no reindex is
 * needed. SQLite needs nothing: FTS5 restricts a match to columns and walks its rowids newest first by itself.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return;
  await db.schema
    .createTable('search_heads')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('head', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`insert into search_heads (article_id, head) select article_id, ts_filter(document, '{a,b}') from search_documents`.execute(db);
  await sql`create index search_heads_gin on search_heads using gin (head)`.execute(db);
  await sql`update search_documents set document = document || ('~w' || (article_id / 1000))::tsvector`.execute(db);
}
