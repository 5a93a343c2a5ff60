import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseQuery, toFts5, toTsquery, type ParsedQuery } from './analyze.js';
import { snippet } from './snippet.js';
import { bodyText, isSqlite } from './search-index.js';

type K = Kysely<Database>;

/** What narrows a search besides its words. Dates are ISO strings: `from` inclusive, `to` exclusive. */
export type SearchFilters = {
  locale?: string;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  from?: string;
  to?: string;
  /** 'story' for readers' search (pages are not news); any kind when absent. */
  kind?: string;
  /** Only articles whose id this subquery returns (the newsroom's access rules: what the caller may read). */
  restrictTo?: Expression<unknown>;
};

export type SearchRequest = SearchFilters & {
  query: string;
  /** 'readers': only what readers can see now; 'newsroom': drafts, scheduled and unpublished versions too. */
  scope: 'readers' | 'newsroom';
  now: string;
  /** 1-based. */
  page: number;
  perPage: number;
  /** Tests: another cap than MAX_CANDIDATES. */
  candidates?: number;
};

/** `total` is at most MAX_CANDIDATES; `more` says more than that match. */
export type SearchResult = { total: number; more: boolean; ids: number[]; parsed: ParsedQuery };

/**
 * The most matches a search ranks and counts: the most recently added this many. A common word ("the", "water") matches a large
 * share of an archive, and ranking and counting every match cost 180–580 ms at 20,000 articles on the serving thread,
 * per request, whatever page or spelling was asked; with this cap a search reads at most this many rows.
 */
export const MAX_CANDIDATES = 1000;

/** Deepest page served: past it a search returns no ids (the count still says how many match). */
export const MAX_PAGE = 100;
/** Weights of the fields: headline, deck, body, bylines, tags (SQLite's bm25; PostgreSQL's A/B/D weights match). */
const BM25_WEIGHTS = sql.raw('10.0, 4.0, 1.0, 4.0, 4.0');
/** Recency: a story's relevance counts up to twice when new, fading over about a month (RECENCY_DAYS). */
const RECENCY_DAYS = 30;

/**
 * Ids of the articles matching `req`, best first (relevance with a recency boost, then newest id), one page of them,
 * and how many match in all. A query with nothing to search for (empty, punctuation only, exclusions only) matches
 * nothing. Everything typed reaches the database as bound parameters built by analyze.ts (letters and digits only).
 */
export async function searchArticles(db: K, req: SearchRequest): Promise<SearchResult> {
  const parsed = parseQuery(req.query, req.locale);
  if (!parsed.parts.length) return { total: 0, more: false, ids: [], parsed };
  const page = Math.min(Math.max(1, Math.floor(req.page) || 1), MAX_PAGE + 1);
  const perPage = Math.min(Math.max(1, Math.floor(req.perPage) || 20), 100);
  const offset = (page - 1) * perPage;
  const where = sql.join(conditions(req), sql` and `);
  const cap = req.candidates ?? MAX_CANDIDATES;
  const sqlite = isSqlite(db);
  const age = sqlite
    ? sql`max(0.0, julianday(${req.now}) - julianday(coalesce(a.published_at, a.updated_at)))`
    : sql`greatest(0.0, extract(epoch from (${req.now}::timestamptz - coalesce(a.published_at, a.updated_at)::timestamptz)) / 86400.0)`;
  const boost = sql`(1.0 + 1.0 / (1.0 + ${age} / ${sql.raw(`${RECENCY_DAYS}.0`)}))`;
  if (sqlite) {
    const match = toFts5(parsed);
    // CROSS JOIN keeps the index as the outer loop: SQLite may otherwise walk the articles of the language by their
    // own index and run the full-text query once per article (hundreds of ms at a few thousand articles).
    const from = sql`search_fts cross join articles a on a.id = search_fts.rowid where search_fts match ${match} and ${where}`;
    // The newest matches first (FTS5 walks its rowids backwards without sorting), at most MAX_CANDIDATES of them.
    const hits = sql`select a.id as id, bm25(search_fts, ${BM25_WEIGHTS}) * ${boost} as score from ${from}
      order by search_fts.rowid desc limit ${cap}`;
    const [count, rows] = await Promise.all([
      sql<{ n: number }>`select count(*) as n from (select 1 from ${from} order by search_fts.rowid desc limit ${cap + 1})`.execute(db),
      page > MAX_PAGE ? { rows: [] } : sql<{ id: number }>`select id from (${hits}) order by score, id desc limit ${perPage} offset ${offset}`.execute(db),
    ]);
    return counted(Number(count.rows[0]?.n ?? 0), cap, rows.rows, parsed);
  }
  const tsq = sql`to_tsquery('simple', ${toTsquery(parsed)})`;
  const from = sql`search_documents d join articles a on a.id = d.article_id where d.document @@ ${tsq} and ${where}`;
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`select count(*) as n from (select 1 from ${from} limit ${cap + 1}) m`.execute(db),
    page > MAX_PAGE
      ? { rows: [] }
      : sql<{ id: number }>`select id from (select a.id as id, ts_rank(d.document, ${tsq}, 1) * ${boost} as score from ${from}
          order by a.id desc limit ${cap}) hits order by score desc, id desc limit ${perPage} offset ${offset}`.execute(db),
  ]);
  return counted(Number(count.rows[0]?.n ?? 0), cap, rows.rows, parsed);
}

const counted = (n: number, cap: number, rows: { id: number }[], parsed: ParsedQuery): SearchResult => ({
  total: Math.min(n, cap),
  more: n > cap,
  ids: rows.map((r) => Number(r.id)),
  parsed,
});

function conditions(f: SearchRequest): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (f.scope === 'readers') c.push(sql`a.status = 'published' and a.published_at <= ${f.now}`);
  if (f.kind) c.push(sql`a.kind = ${f.kind}`);
  if (f.locale) c.push(sql`a.locale = ${f.locale}`);
  if (f.sectionId !== undefined) c.push(sql`a.section_id = ${f.sectionId}`);
  if (f.tagId !== undefined) c.push(sql`exists (select 1 from article_tags t where t.article_id = a.id and t.tag_id = ${f.tagId})`);
  if (f.authorId !== undefined) c.push(sql`exists (select 1 from article_contributors p where p.article_id = a.id and p.contributor_id = ${f.authorId})`);
  if (f.from) c.push(sql`a.published_at >= ${f.from}`);
  if (f.to) c.push(sql`a.published_at < ${f.to}`);
  if (f.restrictTo) c.push(sql`a.id in (${f.restrictTo})`);
  if (!c.length) c.push(sql`1 = 1`);
  return c;
}

/** Highlighted headline and passage of each article in `ids` (escaped HTML with <mark>): read and built for one page only. */
export async function highlights(db: K, ids: number[], parsed: ParsedQuery): Promise<Map<number, { headline: string; snippet: string }>> {
  const out = new Map<number, { headline: string; snippet: string }>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('articles').select(['id', 'locale', 'headline', 'deck', 'body']).where('id', 'in', ids).execute();
  for (const r of rows) {
    const text = [r.deck ?? '', bodyText(r.body)].filter(Boolean).join('\n\n');
    out.set(r.id, { headline: snippet(r.headline, parsed, r.locale, { words: 200 }), snippet: snippet(text, parsed, r.locale) });
  }
  return out;
}

/**
 * Headlines for the search box as someone types: the best few readers' stories matching the words so far, the last
 * one by prefix ("перегов" offers "Переговоры в Астане").
 */
export async function suggestHeadlines(
  db: K,
  req: { prefix: string; locale?: string | undefined; now: string; limit?: number } & Pick<SearchRequest, 'restrictTo'> & { scope?: SearchRequest['scope'] },
): Promise<{ id: number; headline: string }[]> {
  const parsed = parseQuery(req.prefix, req.locale, { prefixLast: true });
  if (!parsed.parts.length) return [];
  const limit = Math.min(Math.max(1, req.limit ?? 5), 10);
  // Readers' stories by default; the newsroom's (Admin API) every kind and state, within `restrictTo`.
  const scope = req.scope ?? 'readers';
  const where = sql.join(
    conditions({
      query: '',
      scope,
      now: req.now,
      page: 1,
      perPage: limit,
      ...(req.locale ? { locale: req.locale } : {}),
      ...(scope === 'readers' ? { kind: 'story' } : {}),
      ...(req.restrictTo ? { restrictTo: req.restrictTo } : {}),
    }),
    sql` and `,
  );
  const { rows } = isSqlite(db)
    ? await sql<{ id: number; headline: string }>`select a.id as id, a.headline as headline from search_fts cross join articles a on a.id = search_fts.rowid
        where search_fts match ${toFts5(parsed)} and ${where} order by bm25(search_fts, ${BM25_WEIGHTS}), a.id desc limit ${limit}`.execute(db)
    : await sql<{ id: number; headline: string }>`select a.id as id, a.headline as headline from search_documents d join articles a on a.id = d.article_id
        where d.document @@ to_tsquery('simple', ${toTsquery(parsed)}) and ${where}
        order by ts_rank(d.document, to_tsquery('simple', ${toTsquery(parsed)}), 1) desc, a.id desc limit ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), headline: r.headline }));
}

/**
 * The query as a condition on `articles.id` (any status), for lists that keep their own order and paging: the
 * newsroom's article list. A query with nothing to search for admits nothing.
 */
export function matchCondition(db: K, query: string, locale?: string): RawBuilder<boolean> {
  const parsed = parseQuery(query, locale);
  if (!parsed.parts.length) return sql<boolean>`1 = 0`;
  return isSqlite(db)
    ? sql<boolean>`articles.id in (select rowid from search_fts where search_fts match ${toFts5(parsed)})`
    : sql<boolean>`articles.id in (select article_id from search_documents where document @@ to_tsquery('simple', ${toTsquery(parsed)}))`;
}
