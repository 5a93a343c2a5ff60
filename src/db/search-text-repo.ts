import type { Kysely } from 'kysely';
import { mediaSearchTerms, wireSearchTerms } from '../content/search-terms.js';

/** The lists whose rows carry a `search_text` of analysed terms (migration 0026). */
export type SearchTextTable = 'media' | 'wire_items';

const SOURCES: Record<SearchTextTable, { columns: string[]; terms: (row: any) => string }> = {
  media: { columns: ['alt', 'caption', 'credit'], terms: mediaSearchTerms },
  wire_items: {
    columns: ['title', 'author', 'summary', 'content_html', 'language'],
    terms: (r) => wireSearchTerms({ ...r, contentHtml: r.content_html }),
  },
};

/**
 * Re-analyses `table`'s `search_text` from its columns (content/search-terms.ts), `batch` rows at a time, so a large
 * library is never read into memory at once; writes only the rows whose text changed and returns how many. With
 * `ownTransactions`, each batch is a transaction of its own (a command beside a live site); without, the writes go
 * where `db` does (the migration's transaction). Keyed by id, so rows added meanwhile are not missed.
 */
export async function reanalyseSearchText(db: Kysely<any>, table: SearchTextTable, opts: { batch?: number; ownTransactions?: boolean } = {}): Promise<number> {
  const { columns, terms } = SOURCES[table];
  const batch = opts.batch ?? 500;
  let changed = 0;
  for (let after = 0; ;) {
    const rows: any[] = await db
      .selectFrom(table)
      .select(['id', 'search_text', ...columns])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (!rows.length) return changed;
    const write = async (k: Kysely<any>) => {
      for (const r of rows) {
        const text = terms(r);
        if (text === r.search_text) continue;
        await k.updateTable(table).set({ search_text: text }).where('id', '=', r.id).execute();
        changed++;
      }
    };
    if (opts.ownTransactions) await db.transaction().execute(write);
    else await write(db);
    after = Number(rows[rows.length - 1].id);
  }
}
