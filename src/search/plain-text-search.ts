import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseQuery, toFts5, toTsquery } from './analyze.js';
import { isSqlite } from './search-index.js';

type K = Kysely<Database>;

/**
 * Full-text search of the newsroom's own lists, the media library and the wire inbox (migration 0026): one
 * `search_text` column per row holding the same analysed terms as the article index (analyze.ts: stemmed, "ё" as
 * "е"), under an FTS5 table on SQLite and a tsvector table with a GIN index on PostgreSQL, both kept in step with the
 * column by triggers (migration 0026). No
 * ranking: these lists keep their own order (newest first) and only need "which rows match".
 */
export type TextTable = 'media' | 'wire_items';

export { mediaSearchTerms, plainSearchTerms, wireSearchTerms } from '../content/search-terms.js';
import { reanalyseSearchText } from '../db/search-text-repo.js';

/**
 * Re-analyses every media item's and wire story's `search_text` (after an upgrade to migration 0026, or a change to
 * the analyser), in batches of `batch` rows, one transaction each; the index follows the column (triggers on SQLite,
 * the expression index on PostgreSQL). Returns how many rows it changed (0 when all were current).
 */
export async function reanalyzeTexts(db: K, opts: { batch?: number } = {}): Promise<number> {
  const own = { ...opts, ownTransactions: true };
  return (await reanalyseSearchText(db, 'media', own)) + (await reanalyseSearchText(db, 'wire_items', own));
}

/**
 * A condition on `idColumn` (that table's id, e.g. `w.id`) admitting the rows whose text matches `query`, read as the
 * article search reads it (words all wanted, "phrases", -exclusions; every word by prefix from 2 letters, as these
 * boxes are typed into). A query with nothing to search for admits nothing. Its cost is an index lookup: at most 12
 * parts of letters and digits reach the database (analyze.ts).
 */
export function plainTextMatch(db: K, table: TextTable, idColumn: string, query: string): RawBuilder<boolean> {
  const parsed = parseQuery(query, undefined);
  if (!parsed.parts.length) return sql<boolean>`1 = 0`;
  if (isSqlite(db)) {
    const fts = sql.raw(`${table}_fts`);
    return sql<boolean>`${sql.ref(idColumn)} in (select rowid from ${fts} where ${fts} match ${toFts5(parsed)})`;
  }
  return sql<boolean>`${sql.ref(idColumn)} in (select row_id from ${sql.raw(`${table}_search`)} where document @@ to_tsquery('simple', ${toTsquery(parsed)}))`;
}
