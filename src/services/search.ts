import type { Deps } from './deps.js';
import type { Principal } from '../content/principal.js';
import { readFilter } from '../content/policy.js';
import { stateOf } from '../content/workflow.js';
import { articleFilter } from '../db/article-access.js';
import { sectionIdBySlug } from '../db/sections-repo.js';
import { tagRecord } from '../db/tags-repo.js';
import { validationFailed } from '../errors.js';
import { reindexAll } from '../search/search-index.js';
import { reanalyzeTexts } from '../search/plain-text-search.js';
import type { ArticleSummary } from '../content/types.js';
import { listVisibleByIds } from '../db/article-lists.js';
import { articlePath } from '../content/urls.js';
export { MAX_PAGE } from '../search/search-query.js';
import { highlights, searchArticles, suggestHeadlines, type SearchFilters } from '../search/search-query.js';
import { nowIso } from './deps.js';

/** Rebuilds the full-text index from every article (`masthead search reindex`); idempotent. */
export function reindexSearch(deps: Pick<Deps, 'db'>, onProgress?: (done: number, total: number) => void): Promise<number> {
  return reindexAll(deps.db.kysely, { onProgress });
}

/**
 * Re-analyses the media library's and the wire inbox's searchable text (`masthead search reindex` does it after the
 * articles; needed once after upgrading to migration 0026). Returns how many rows it changed.
 */
export function reanalyzeSearchTexts(deps: Pick<Deps, 'db'>): Promise<number> {
  return reanalyzeTexts(deps.db.kysely);
}

export type ReaderHit = ArticleSummary & { headlineHtml: string; snippetHtml: string };
/** `more`: more than `total` match (search-query.ts MAX_CANDIDATES); the page says so. */
export type ReaderSearch = { query: string; total: number; more: boolean; page: number; perPage: number; results: ReaderHit[] };

/**
 * The readers' search (/{lang}/search?q=): stories of `locale` visible now, best first, one page, with highlighted
 * headlines and passages (escaped HTML with <mark>).
 */
export async function searchForReaders(
  deps: Pick<Deps, 'db' | 'clock'>,
  req: { locale: string; query: string; page?: number; perPage?: number; sectionId?: number; tagId?: number; authorId?: number; from?: string; to?: string },
): Promise<ReaderSearch> {
  const now = nowIso(deps);
  const page = req.page ?? 1;
  const perPage = req.perPage ?? 20;
  const found = await searchArticles(deps.db.kysely, { ...req, scope: 'readers', kind: 'story', now, page, perPage });
  const [summaries, marks] = await Promise.all([
    listVisibleByIds(deps.db.kysely, req.locale, now, found.ids),
    highlights(deps.db.kysely, found.ids, found.parsed),
  ]);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const results = found.ids.flatMap((id) => {
    const s = byId.get(id);
    const m = marks.get(id);
    return s && m ? [{ ...s, headlineHtml: m.headline, snippetHtml: m.snippet }] : [];
  });
  return { query: req.query, total: found.total, more: found.more, page, perPage, results };
}

/** A headline offered for the words typed so far, with the story's address. */
export type Suggestion = { id: number; headline: string; href: string };

/**
 * Headlines offered while typing in the search box (the words so far, the last one by prefix): readers' stories of
 * `locale` visible now, best first, with their addresses (GET /{lang}/search/suggest, and the search page when
 * nothing matched).
 */
export async function suggestForReaders(deps: Pick<Deps, 'db' | 'clock'>, req: { locale: string; prefix: string; limit?: number }): Promise<Suggestion[]> {
  const now = nowIso(deps);
  const hits = await suggestHeadlines(deps.db.kysely, { ...req, now });
  const summaries = new Map(
    (
      await listVisibleByIds(
        deps.db.kysely,
        req.locale,
        now,
        hits.map((h) => h.id),
      )
    ).map((s) => [s.id, s]),
  );
  return hits.flatMap((h) => {
    const s = summaries.get(h.id);
    return s ? [{ id: h.id, headline: h.headline, href: articlePath(s) }] : [];
  });
}

/** The newsroom's search: every version (drafts too) matching, best first; `filters` as the Admin API takes them. */
export async function searchNewsroom(deps: Pick<Deps, 'db' | 'clock'>, req: SearchFilters & { query: string; page?: number; perPage?: number }) {
  const now = nowIso(deps);
  const page = req.page ?? 1;
  const perPage = req.perPage ?? 20;
  const found = await searchArticles(deps.db.kysely, { ...req, scope: 'newsroom', now, page, perPage });
  const marks = await highlights(deps.db.kysely, found.ids, found.parsed);
  return { total: found.total, more: found.more, page, perPage, ids: found.ids, highlights: marks };
}

/**
 * A `locale` that is not one of the site's languages: the format alone (schema.ts) lets "de" through on a site
 * without German, and it would find nothing without saying why.
 */
function unknownLocale(locales: readonly string[], locale: string | undefined): Record<string, string> {
  return locale === undefined || locales.includes(locale) ? {} : { locale: `not one of the site's languages (${locales.join(', ')})` };
}

const localeHint = (locales: readonly string[]) => `Search in one of the site's languages (${locales.join(', ')}), or leave locale out for all of them.`;

/**
 * GET /api/admin/v1/search/suggest: headlines for the words typed so far (the last by prefix) among every version the
 * caller may read (the policy's readFilter, as searchAdmin), best first.
 */
export async function suggestAdmin(deps: Deps, who: Principal, locales: readonly string[], q: { q: string; locale?: string | undefined; limit: number }) {
  const badLocale = unknownLocale(locales, q.locale);
  if (Object.keys(badLocale).length) throw validationFailed('query', badLocale, { hint: localeHint(locales) });
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const filter = readFilter(who.actor);
  const hits = await suggestHeadlines(k, {
    prefix: q.q,
    locale: q.locale,
    now,
    limit: q.limit,
    scope: 'newsroom',
    ...(filter.kind === 'all' ? {} : { restrictTo: k.selectFrom('articles').select('articles.id').where(articleFilter(filter, now)) }),
  });
  return { query: q.q, suggestions: hits };
}

export type AdminSearchQuery = {
  q: string;
  locale?: string | undefined;
  section?: string | undefined;
  tag?: number | undefined;
  author?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  perPage: number;
};

/**
 * GET /api/admin/v1/search: every version the caller may read (the policy's readFilter: drafts for those who may
 * read them, what readers see for the rest), best first, with highlighted headlines and passages. An unknown
 * language (not one of `locales`, the site's), section, tag or author is refused (VALIDATION_FAILED naming it, with where to find the right ones).
 */
export async function searchAdmin(deps: Deps, who: Principal, locales: readonly string[], q: AdminSearchQuery) {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const sectionId = q.section === undefined ? undefined : await sectionIdBySlug(k, q.section);
  // A filter naming nothing is a mistake to say, not a search to run (it would find nothing, or everything).
  const unknown: Record<string, string> = unknownLocale(locales, q.locale);
  if (q.section !== undefined && sectionId === undefined) unknown['section'] = `no section "${q.section}"`;
  if (q.tag !== undefined && !(await tagRecord(k, q.tag))) unknown['tag'] = `no tag ${q.tag}`;
  if (q.author !== undefined && !(await k.selectFrom('contributors').select('id').where('id', '=', q.author).executeTakeFirst())) {
    unknown['author'] = `no contributor ${q.author}`;
  }
  if (Object.keys(unknown).length) {
    throw validationFailed('query', unknown, {
      hint: `Filter by a language of the site (${locales.join(', ')}), a section slug (GET /api/admin/v1/sections), a tag id (GET /api/admin/v1/tags) or a contributor id (GET /api/admin/v1/contributors).`,
    });
  }
  const filter = readFilter(who.actor);
  const found = await searchArticles(k, {
    query: q.q,
    scope: 'newsroom',
    now,
    page: q.page,
    perPage: q.perPage,
    ...(q.locale ? { locale: q.locale } : {}),
    ...(sectionId !== undefined ? { sectionId } : {}),
    ...(q.tag !== undefined ? { tagId: q.tag } : {}),
    ...(q.author !== undefined ? { authorId: q.author } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(filter.kind === 'all' ? {} : { restrictTo: k.selectFrom('articles').select('articles.id').where(articleFilter(filter, now)) }),
  });
  const [rows, marks] = await Promise.all([
    found.ids.length
      ? k
          .selectFrom('articles')
          .innerJoin('sections', 'sections.id', 'articles.section_id')
          .select([
            'articles.id',
            'articles.locale',
            'articles.kind',
            'articles.status',
            'articles.headline',
            'articles.published_at',
            'articles.updated_at',
            'sections.slug as section_slug',
          ])
          .where('articles.id', 'in', found.ids)
          .execute()
      : Promise.resolve([]),
    highlights(k, found.ids, found.parsed),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = found.ids.flatMap((id) => {
    const r = byId.get(id);
    const m = marks.get(id);
    return r && m ? [{ ...r, state: stateOf(r, now), headlineHtml: m.headline, snippetHtml: m.snippet }] : [];
  });
  return { total: found.total, more: found.more, page: q.page, perPage: q.perPage, items };
}
