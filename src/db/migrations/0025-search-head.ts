import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Search speed (issue 15), PostgreSQL only: `search_documents.head` holds the headline (weight A) and the deck,
 * bylines and tags (B) of each article, the strong fields without the body. Ranking asks only whether the query
 * matches there, and reading this small vector (stored inline, under its own GIN index) instead of the whole
 * document (TOASTed: several KB to fetch and decompress per candidate) is what brings a search's p95 at 100,000
 * articles from ~650 ms to under 20 ms. Each document also gains the lexeme of its id window (search-index.ts
 * WINDOW_LEXEME_SQL, windows of 1,000 ids), which lets a search read the newest matches of a common word without decoding all its postings.
 * Both are filled from the existing documents (their A and B lexemes are exactly the strong fields), so no reindex
 * is needed. SQLite needs nothing: FTS5 restricts a match to columns and walks its rowids newest first by itself.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') return;
  await sql`alter table search_documents add column head tsvector not null default ''::tsvector`.execute(db);
  await sql`update search_documents set head = ts_filter(document, '{a,b}'), document = document || ('~w' || (article_id / 1000))::tsvector`.execute(db);
  await sql`create index search_documents_head_gin on search_documents using gin (head)`.execute(db);
}
