import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';

/**
 * Search features (issue 15, second part):
 * - `articles.search_text` goes: it fed the old substring search of headlines and decks, which the full-text index
 *   (migration 0023) replaced; nothing reads it any more.
 * - The media library's and the wire inbox's `search_text` now hold the search module's analysed terms (stemmed,
 *   "ё" as "е", space-separated: src/search/plain-text-search.ts) and get a full-text index, so their search stems and
 *   costs an index lookup rather than a scan of every row with LIKE:
 *   - SQLite: an FTS5 table over each column (external content: it keeps no second copy of the text), kept in step by
 *     triggers, so every writer of the column (uploads, edits, imports, ingest) updates it without knowing of it.
 *   - PostgreSQL: a tsvector per row (`media_search`, `wire_items_search`; 'simple' configuration, as the terms are
 *     already stems) under a GIN index, kept in step by a trigger.
 * Rows written before this migration held raw lower-cased text, lower-cased differently by each engine (SQLite's
 * lower() folds ASCII only, so "Митинг" stayed upper-case there) and with «quotes» and no-break spaces inside its
 * words for FTS5's 'ascii' tokenizer: the two engines would find different rows until `masthead search reindex`. So
 * they are re-analysed here, before the indexes are built, with the app's own analysis (content/search-terms.ts),
 * in batches of BATCH rows so that a large library is never read into memory at once.
 */
const BATCH = 500;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('search_text').execute();
  // Loaded here, not with the module: the analysis brings the Snowball stemmers (850 KB of CommonJS), which every
  // command that opens the database would otherwise parse at start-up for a migration that runs once.
  const { reanalyseSearchText } = await import('../search-text-repo.js');
  await reanalyseSearchText(db, 'media', { batch: BATCH });
  await reanalyseSearchText(db, 'wire_items', { batch: BATCH });
  for (const table of ['media', 'wire_items']) {
    if (dialect === 'sqlite') {
      const fts = sql.raw(`${table}_fts`);
      const t = sql.raw(table);
      await sql`create virtual table ${fts} using fts5(search_text, content = ${sql.lit(table)}, content_rowid = 'id', tokenize = 'ascii')`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_fts_insert`)} after insert on ${t} begin
        insert into ${fts} (rowid, search_text) values (new.id, new.search_text); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_fts_delete`)} after delete on ${t} begin
        insert into ${fts} (${fts}, rowid, search_text) values ('delete', old.id, old.search_text); end`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_fts_update`)} after update of search_text on ${t} begin
        insert into ${fts} (${fts}, rowid, search_text) values ('delete', old.id, old.search_text);
        insert into ${fts} (rowid, search_text) values (new.id, new.search_text); end`.execute(db);
      await sql`insert into ${fts} (${fts}) values ('rebuild')`.execute(db);
    } else {
      // A table of tsvectors beside the rows, as search_documents is for articles: an expression index would make every
      // match recompute to_tsvector to recheck it (three times slower on a common word), and a column on the table
      // itself would travel with every `select *` of the library. A trigger keeps it in step with the column.
      const docs = sql.raw(`${table}_search`);
      const fn = sql.raw(`${table}_search_sync`);
      await sql`create table ${docs} (row_id integer primary key references ${sql.raw(table)} (id) on delete cascade, document tsvector not null)`.execute(db);
      await sql`create index ${sql.raw(`${table}_search_gin`)} on ${docs} using gin (document)`.execute(db);
      await sql`create function ${fn}() returns trigger language plpgsql as $$ begin
        insert into ${docs} (row_id, document) values (new.id, to_tsvector('simple', new.search_text))
          on conflict (row_id) do update set document = excluded.document;
        return null; end $$`.execute(db);
      await sql`create trigger ${fn} after insert or update of search_text on ${sql.raw(table)} for each row execute function ${fn}()`.execute(db);
      await sql`insert into ${docs} (row_id, document) select id, to_tsvector('simple', search_text) from ${sql.raw(table)}`.execute(db);
    }
  }
}
