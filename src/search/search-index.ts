import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Doc } from '../content/document.js';
import { bodyDocText, bodyTerms } from './analysed-bodies.js';
import { indexTerms } from './analyze.js';

type K = Kysely<Database>;

export const isSqlite = (db: K) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The fields of an article as the index holds them: stemmed terms, space-separated. */
export type IndexDocument = { headline: string; deck: string; body: string; people: string; tags: string };

export function bodyText(body: string): string {
  try {
    return bodyDocText(JSON.parse(body) as Doc);
  } catch {
    return '';
  }
}

/**
 * The bodies of articles as their writer saved them (an import's batch, Deps.indexLater): indexed from memory rather
 * than read back and parsed again, which cost an import a tenth of its indexing.
 */
export type KnownBodies = ReadonlyMap<number, Doc>;

/**
 * The index entries of the articles `ids` (those still there): three reads for the whole batch, whatever its size, so
 * a reindex of many articles does not pay three round trips per article. The bodies are read only when `known` lacks
 * one of them.
 */
async function documentsOf(db: K, ids: readonly number[], known?: KnownBodies): Promise<Map<number, IndexDocument>> {
  const out = new Map<number, IndexDocument>();
  if (!ids.length) return out;
  const list = [...ids];
  const readBodies = !known || ids.some((id) => !known.has(id));
  const [rows, people, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'locale', 'headline', 'deck'])
      .$if(readBodies, (q) => q.select('body'))
      .where('id', 'in', list)
      .execute(),
    // The byline as the article's page shows it (the name in its language) and the contributor's own name.
    db
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .innerJoin('articles as a', 'a.id', 'article_contributors.article_id')
      .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').onRef('ct.locale', '=', 'a.locale'))
      .select(['article_contributors.article_id as id', 'contributors.name', 'ct.name as localName'])
      .where('article_contributors.article_id', 'in', list)
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id as id', 'tags.name'])
      .where('article_tags.article_id', 'in', list)
      .execute(),
  ]);
  const names = (xs: { id: number; name: string; localName?: string | null }[]) => {
    const by = new Map<number, string[]>();
    for (const x of xs) {
      const own = x.localName && x.localName !== x.name ? [x.localName, x.name] : [x.name];
      by.set(Number(x.id), [...(by.get(Number(x.id)) ?? []), ...own]);
    }
    return by;
  };
  const peopleOf = names(people);
  const tagsOf = names(tags);
  for (const row of rows) {
    const id = Number(row.id);
    const t = (text: string) => indexTerms(text, row.locale);
    out.set(id, {
      headline: t(row.headline),
      deck: t(row.deck ?? ''),
      // A body given is analysed from memory, by its converter's worker when it could (analysed-bodies.ts).
      body: known?.has(id) ? bodyTerms(known.get(id)!, row.locale) : t(bodyText(row.body ?? '')),
      people: t((peopleOf.get(id) ?? []).join(' \n ')),
      tags: t((tagsOf.get(id) ?? []).join(' \n ')),
    });
  }
  return out;
}

/**
 * Brings one article's index entry up to date with its row (or removes it when the row is gone). Called inside the
 * transaction that writes the article, so the index commits or rolls back with it; it reads and writes this one
 * article only. Visibility (status, date) is not indexed: queries join the article row, so publishing and
 * unpublishing need no index write at all.
 */
export function indexArticle(db: K, id: number): Promise<void> {
  return indexArticles(db, [id]);
}

/**
 * `indexArticle` for many articles at once: a few statements per batch rather than per article. `created`: articles
 * made in this transaction (an import's batch), which have no entry to replace: on SQLite, a run of only those skips
 * the delete of old entries (a tenth of an import's indexing); a run with any other id deletes them all, so that the
 * statement keeps one shape per length (the statement cache's bound, below).
 */
export async function indexArticles(db: K, ids: readonly number[], known?: KnownBodies, created?: ReadonlySet<number>): Promise<void> {
  if (!ids.length) return;
  if (!isSqlite(db)) return indexOnPostgres(db, ids, known);
  // In runs of a power of two ids, at most WRITE_ROWS: each length of id list is a statement of its own in the SQLite
  // connection's statement cache (db/connect.ts), and lists of every length (an import's batches, a reindex of a tag's
  // stories) kept hundreds there, 30 MB more RSS in an import. PostgreSQL caches nothing per statement here: there
  // the runs would only multiply the round trips.
  for (let at = 0, n = SQLITE_RUN; at < ids.length;) {
    if (ids.length - at < n) n >>= 1;
    else {
      await indexOnSqlite(db, ids.slice(at, at + n), known, created);
      at += n;
    }
  }
}

async function indexOnSqlite(db: K, ids: readonly number[], known?: KnownBodies, created?: ReadonlySet<number>): Promise<void> {
  const entries = [...(await documentsOf(db, ids, known))];
  // Contentless FTS5 has no upsert: the old rows go, the new ones come (a missing article just loses its row).
  if (!created || ids.some((id) => !created.has(id))) await sql`delete from search_fts where rowid in (${sql.join([...ids])})`.execute(db);
  if (!entries.length) return;
  const values = entries.map(([id, d]) => sql`(${id}, ${d.headline}, ${d.deck}, ${d.body}, ${d.people}, ${d.tags})`);
  await sql`insert into search_fts (rowid, headline, deck, body, people, tags) values ${sql.join(values)}`.execute(db);
}

async function indexOnPostgres(db: K, ids: readonly number[], known?: KnownBodies): Promise<void> {
  const docs = await documentsOf(db, ids, known);
  const entries = [...docs];
  const gone = ids.filter((id) => !docs.has(id));
  if (gone.length) {
    await sql`delete from search_documents where article_id in (${sql.join(gone)})`.execute(db);
    await sql`delete from search_heads where article_id in (${sql.join(gone)})`.execute(db);
  }
  for (let i = 0; i < entries.length; i += WRITE_ROWS) {
    const values = entries
      .slice(i, i + WRITE_ROWS)
      .map(([id, d]) => sql`(${id}::integer, ${d.headline}::text, ${d.deck}::text, ${`${d.people} ${d.tags}`}::text, ${d.body}::text)`);
    // The head (headline A; deck, bylines and tags B) goes to `search_heads`, small, for ranking; the document (the
    // head, the body D and the id window's lexeme) to `search_documents`, for matching (migration 0025).
    // Only the articles still there, locked against deletion until the write commits: one deleted since the read
    // (by another connection) would fail the foreign key and with it the whole batch, and stop a reindex. Its entry
    // has gone with its row.
    await sql`with v (id, headline, deck, names, body) as (values ${sql.join(values)}),
      h as (select v.id, setweight(to_tsvector('simple', v.headline), 'A') || setweight(to_tsvector('simple', v.deck), 'B')
        || setweight(to_tsvector('simple', v.names), 'B') as head, v.body from v join articles a on a.id = v.id for key share of a),
      documents as (insert into search_documents (article_id, document)
        select h.id, h.head || setweight(to_tsvector('simple', h.body), 'D') || ${sql.raw(WINDOW_LEXEME_SQL('h.id'))} from h
        on conflict (article_id) do update set document = excluded.document)
      insert into search_heads (article_id, head) select h.id, h.head from h
      on conflict (article_id) do update set head = excluded.head`.execute(db);
  }
}

/** Rows per INSERT: under SQLite's bound-parameter limit, and a few MB of text per statement at most. */
const WRITE_ROWS = 200;
/** SQLite's longest run of ids: the largest power of two within WRITE_ROWS, so a run's entries are one INSERT. */
const SQLITE_RUN = 128;

/**
 * Every PostgreSQL document also holds the lexeme of its id window (`~w12` for ids 12,000–12,999; no analysed term
 * has a `~`, so none can clash): searches ask for the words in the newest windows first (search-query.ts), which GIN
 * answers by reading only the postings near the window's, where a word in half the archive would otherwise decode
 * all of its postings. Changing WINDOW_IDS needs a reindex.
 */
export const WINDOW_IDS = 1000;
/** The window lexeme of the id in the SQL expression `id`, as a tsvector (migration 0025 writes the same). */
export const WINDOW_LEXEME_SQL = (id: string) => `('~w' || (${id} / ${WINDOW_IDS}))::tsvector`;
/** A tsquery (its text) matching the documents whose ids are in [lo, hi) (both multiples of WINDOW_IDS). */
export function windowQuery(lo: number, hi: number): string {
  const windows: string[] = [];
  for (let w = Math.floor(lo / WINDOW_IDS); w < Math.ceil(hi / WINDOW_IDS); w++) windows.push(`'~w${w}'`);
  return windows.length ? `(${windows.join(' | ')})` : `'~w-1'`;
}

/**
 * Rebuilds the whole index from the articles, in batches of `batch` articles (one transaction each), telling
 * `onProgress` after each. Safe to run again at any time: each article's entry is replaced, and entries of articles
 * that no longer exist are dropped first.
 */
export async function reindexAll(db: K, opts: { batch?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  const { n } = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  if (isSqlite(db)) await sql`delete from search_fts where rowid not in (select id from articles)`.execute(db);
  let done = 0;
  let after = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const ids = (await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (!ids.length) break;
    await db.transaction().execute((trx) => indexArticles(trx, ids));
    after = ids[ids.length - 1]!;
    done += ids.length;
    opts.onProgress?.(Math.min(done, total), total);
  }
  // GIN keeps recent insertions in a pending list that every search scans in full until (auto)vacuum merges it; after
  // a rebuild it holds megabytes, so it is merged now rather than slowing the first searches.
  if (!isSqlite(db))
    await sql`select gin_clean_pending_list('search_documents_gin'::regclass), gin_clean_pending_list('search_heads_gin'::regclass)`.execute(db);
  return done;
}
