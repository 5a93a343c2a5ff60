import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { parseQuery, toFts5, toTsquery, wantedOnly, type ParsedQuery } from './analyze.js';
import { snippet } from './snippet.js';
import { bodyText, isSqlite, windowQuery, WINDOW_IDS } from './search-index.js';

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
 * per request, whatever page or spelling was asked; with this cap a search reads at most this many rows. Every step of
 * a search grows with it (reading, filtering, ranking the candidates): at 100,000 articles on PostgreSQL the search
 * page measured p50/p95 40/110 ms with 1,000 and 20/84 ms with 200 (the same archive and machine load, before later
 * gains); 200 is 16 pages of 12, and "more than 200" tells a reader as much.
 */
export const MAX_CANDIDATES = 200;

/** Deepest page served: past it a search returns no ids (the count still says how many match). */
export const MAX_PAGE = 100;
/** Recency: a story's relevance counts up to twice when new, fading over about a month (RECENCY_DAYS). */
const RECENCY_DAYS = 30;

/**
 * Relevance of a match by the strongest field that holds every wanted word (the same on both engines): the headline,
 * else the deck, bylines or tags, else the body. It is multiplied by the recency boost, so a headline hit outranks a
 * body hit of the same day and stays ahead of newer body hits for well over a year.
 */
const RELEVANCE = { headline: 3, strong: 2, body: 1 } as const;

/**
 * Ids of the articles matching `req`, best first (relevance with a recency boost, then newest id), one page of them,
 * and how many match in all. A query with nothing to search for (empty, punctuation only, exclusions only) matches
 * nothing. Everything typed reaches the database as bound parameters built by analyze.ts (letters and digits only).
 */
export async function searchArticles(db: K, req: SearchRequest): Promise<SearchResult> {
  const parsed = parseQuery(req.query, req.locale);
  if (!parsed.parts.length) return { total: 0, more: false, ids: [], parsed };
  return rankMatches(db, parsed, req);
}

/**
 * The cost of a search is bounded by MAX_CANDIDATES whatever the archive's size: one read of the newest matches that
 * pass the filters (their ids and dates: that read is the count too), one read of which of them hold the words in
 * their headline or strong fields (small columns, never the body's index entry), and the ordering in JavaScript.
 * Ranking functions over whole documents (FTS5's bm25 counts every match of each word for its idf; PostgreSQL's
 * ts_rank decompresses each candidate's TOASTed tsvector) cost 20–650 ms a search at 100,000 articles.
 */
async function rankMatches(db: K, parsed: ParsedQuery, req: SearchRequest): Promise<SearchResult> {
  const page = Math.min(Math.max(1, Math.floor(req.page) || 1), MAX_PAGE + 1);
  const perPage = Math.min(Math.max(1, Math.floor(req.perPage) || 20), 100);
  const offset = (page - 1) * perPage;
  const cap = req.candidates ?? MAX_CANDIDATES;
  const { found, cut } = await newestMatches(db, parsed, req, cap + 1, cap * EXAMINED_PER_CANDIDATE);
  const pool = found.slice(0, cap);
  const hits = await fieldHits(db, parsed, pool);
  const now = Date.parse(req.now);
  const scored = pool.map((c) => {
    const relevance = hits.headline.has(c.id) ? RELEVANCE.headline : hits.strong.has(c.id) ? RELEVANCE.strong : RELEVANCE.body;
    const ageDays = Math.max(0, (now - Date.parse(c.at)) / 86_400_000) || 0;
    return { id: c.id, score: relevance * (1 + 1 / (1 + ageDays / RECENCY_DAYS)) };
  });
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  const ids = page > MAX_PAGE ? [] : scored.slice(offset, offset + perPage).map((s) => s.id);
  return { total: Math.min(found.length, cap), more: found.length > cap || cut, ids, parsed };
}

type Candidate = { id: number; at: string };

/**
 * Matches looked at per candidate, at most: filters that few matches pass (a date in the future, a small section)
 * would otherwise walk every match of a common word to find MAX_CANDIDATES that pass. Past the newest
 * MAX_CANDIDATES × 10 matches a search stops and says there may be more; both engines look at the same matches.
 */
export const EXAMINED_PER_CANDIDATE = 10;

/**
 * The newest `limit` matches of `parsed` that pass the request's filters, newest first, with their dates, among the
 * newest `examine` matches of the words; `cut`: that many were looked at (more may match the filters further back).
 */
async function newestMatches(db: K, parsed: ParsedQuery, req: SearchRequest, limit: number, examine: number): Promise<{ found: Candidate[]; cut: boolean }> {
  const where = sql.join(conditions(req), sql` and `);
  const cols = sql`a.id as id, coalesce(a.published_at, a.updated_at) as at`;
  const read = (rows: { id: number; at: string }[]) => rows.map((r) => ({ id: Number(r.id), at: String(r.at) }));
  if (isSqlite(db)) {
    // CROSS JOIN keeps the index as the outer loop: SQLite may otherwise walk the articles of the language by their
    // own index and run the full-text query once per article. FTS5 walks its rowids backwards and stops at the limit.
    const matches = sql`select rowid as id from search_fts where search_fts match ${toFts5(parsed)} order by rowid desc limit ${examine}`;
    const { rows } = await sql<Candidate>`select ${cols} from (${matches}) m cross join articles a on a.id = m.id
      where ${where} order by m.id desc limit ${limit}`.execute(db);
    if (rows.length >= limit) return { found: read(rows), cut: false };
    // Fewer passed than asked for: were `examine` matches looked at?
    const seen = await sql<{ n: number }>`select count(*) as n from (${matches}) m`.execute(db);
    return { found: read(rows), cut: Number(seen.rows[0]?.n ?? 0) >= examine };
  }
  // GIN finds matches in no order, and a word in half the archive means decoding ~50,000 postings, then visiting
  // each row; walking the ids backwards instead means decompressing each document to test it. So the newest id
  // windows are searched first, through the window lexemes every document holds (search-index.ts): GIN then skips
  // straight to the word's postings inside the window. The window grows until enough matches are found.
  // Exclusions are read from GIN as a set of ids to leave out: as a condition on each matching row they would
  // decompress its document to test it.
  const tsq = sql`to_tsquery('simple', ${toTsquery(wantedOnly(parsed))})`;
  const excluded = parsed.parts.filter((p) => p.exclude).map((p) => toTsquery({ parts: [{ ...p, exclude: false }], wanted: [] }));
  const neg = excluded.length ? sql`to_tsquery('simple', ${excluded.join(' | ')})` : null;
  // The planner prices `@@` like any operator, not as the decompression of a TOASTed document it is: on the small
  // heap of search_documents it would pick a sequential scan (~1 s at 100,000 articles for a prefix) or a walk of the
  // ids testing each row, where GIN is what it should read (hence also `article_id + 0`: no index can give that
  // order, so walking one is no saving). A parallel plan costs more than it saves at this size.
  const run = async (trx: K, tune: boolean) => {
    // One round trip: the settings (for this transaction only) and the newest id.
    const settings = tune ? sql`, set_config('enable_seqscan', 'off', true) as s1, set_config('max_parallel_workers_per_gather', '0', true) as s2` : sql``;
    const head = await sql<{ top: number | null }>`select (select max(article_id) from search_documents) as top ${settings}`.execute(trx);
    const top = Number(head.rows[0]?.top ?? 0);
    const out: Candidate[] = [];
    let seen = 0;
    let hi = (Math.floor(top / WINDOW_IDS) + 1) * WINDOW_IDS;
    let windows = FIRST_WINDOWS;
    for (;;) {
      const lo = Math.max(0, hi - windows * WINDOW_IDS);
      // Past MAX_WINDOWS the word is rare enough (or the filters narrow enough) for GIN to read all its postings; and
      // GIN's cost grows with the window lexemes OR-ed (~75 ms for 98 of them).
      const all = windows > MAX_WINDOWS;
      const window = all ? sql`''::tsquery` : sql`${windowQuery(lo, hi)}::tsquery`;
      const inWindow = all ? sql`d.document @@ ${tsq} and d.article_id + 0 < ${hi}` : sql`d.document @@ (${tsq} && ${window})`;
      const notExcluded = !neg
        ? sql`1 = 1`
        : all
          ? sql`d.article_id not in (select e.article_id from search_documents e where e.document @@ ${neg} and e.article_id < ${hi})`
          : sql`d.article_id not in (select e.article_id from search_documents e where e.document @@ (${neg} && ${window}))`;
      // The matches sorted by id first, then joined to their articles in that order until the limit: the filters
      // read as many article rows as needed, not one per match.
      // The matches sorted by id (at most the newest `examine` of them in all; `n`: how many the window holds), then
      // joined to their articles in that order until the limit: the filters read as many article rows as needed, not
      // one per match. The newest match comes back even when it fails the filters (without its article), to carry `n`.
      const { rows } = await sql<{ id: number | null; at: string | null; n: number }>`select ${cols}, m.n from (select d.article_id,
          d.article_id + 0 as k, count(*) over () as n, row_number() over (order by d.article_id + 0 desc) as r from search_documents d
          where ${inWindow} and ${notExcluded} order by k desc limit ${examine - seen}) m
        left join articles a on a.id = m.article_id and ${where} where a.id is not null or m.r = 1
        order by m.k desc limit ${limit - out.length + 1}`.execute(trx);
      const passed = rows.filter((r): r is Candidate & { n: number } => r.id !== null).slice(0, limit - out.length);
      out.push(...read(passed));
      if (out.length >= limit) break;
      const n = Number(rows[0]?.n ?? 0);
      seen += Math.min(n, examine - seen);
      if (seen >= examine) return { found: out, cut: true };
      if (windows > MAX_WINDOWS || lo <= 0) break;
      // The next read is sized by the rate of matches so far, to end in one more read most of the time, and at least
      // doubles: a rate measured on a burst of recent matches (200 at the newest ids, then none) would otherwise ask
      // for one window at a time all the way back to id 0. Past MAX_WINDOWS the whole archive is read at once, so a
      // search makes at most four reads (3, 6, 12 windows, then the rest).
      const rate = out.length / (top + WINDOW_IDS - lo);
      const estimate = rate > 0 ? Math.ceil((((limit - out.length) / rate) * 1.5) / WINDOW_IDS) : Infinity;
      windows = Math.max(2 * windows, estimate);
      hi = lo;
    }
    return { found: out, cut: false };
  };
  // Inside a caller's transaction the settings would outlive the search: there it runs with the defaults.
  return db.isTransaction ? run(db, false) : db.transaction().execute((trx) => run(trx, true));
}

/** Id windows read first (the newest window is usually partly filled), and the most read by window lexemes at once. */
const FIRST_WINDOWS = 3;
const MAX_WINDOWS = 16;

/** Which of `pool` hold every wanted word in their headline, and which in a strong field (headline, deck, bylines, tags). */
async function fieldHits(db: K, parsed: ParsedQuery, pool: Candidate[]): Promise<{ headline: Set<number>; strong: Set<number> }> {
  const headline = new Set<number>();
  const strong = new Set<number>();
  if (!pool.length) return { headline, strong };
  const wanted = wantedOnly(parsed);
  const ids = pool.map((c) => c.id);
  const inPool = new Set(ids);
  // The pool is a run of the newest matches: the id range keeps each engine inside it.
  const [lo, hi] = [ids[ids.length - 1]!, ids[0]!];
  if (isSqlite(db)) {
    const expr = toFts5(wanted);
    const fields = async (columns: string, into: Set<number>) => {
      const { rows } = await sql<{ id: number }>`select rowid as id from search_fts
        where search_fts match ${`{${columns}} : (${expr})`} and rowid >= ${lo} and rowid <= ${hi}`.execute(db);
      for (const r of rows) if (inPool.has(Number(r.id))) into.add(Number(r.id));
    };
    await fields('headline', headline);
    await fields('headline deck people tags', strong);
    return { headline, strong };
  }
  // `search_heads` holds only the headline (A) and the strong fields (B): small, never the body. A range of ids reads
  // in one pass what a list of them (`= any(…)`) reads a row at a time (1.5 against ~40 ms for 1,000).
  const { rows } = await sql<{ id: number; in_headline: boolean }>`select article_id as id,
      head @@ to_tsquery('simple', ${toTsquery(wanted, { weights: 'A' })}) as in_headline
    from search_heads where article_id between ${lo} and ${hi} and head @@ to_tsquery('simple', ${toTsquery(wanted)})`.execute(db);
  for (const r of rows) {
    if (!inPool.has(Number(r.id))) continue;
    strong.add(Number(r.id));
    if (r.in_headline) headline.add(Number(r.id));
  }
  return { headline, strong };
}

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
  const found = await rankMatches(db, parsed, {
    query: req.prefix,
    scope,
    now: req.now,
    page: 1,
    perPage: limit,
    ...(req.locale ? { locale: req.locale } : {}),
    ...(scope === 'readers' ? { kind: 'story' } : {}),
    ...(req.restrictTo ? { restrictTo: req.restrictTo } : {}),
  });
  if (!found.ids.length) return [];
  const rows = await db.selectFrom('articles').select(['id', 'headline']).where('id', 'in', found.ids).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r.headline]));
  return found.ids.flatMap((id) => (byId.has(id) ? [{ id, headline: byId.get(id)! }] : []));
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
