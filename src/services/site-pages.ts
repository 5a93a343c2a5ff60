import { decodeCursor, encodeCursor } from '../content/cursor.js';
import type { LibraryImage } from '../content/media.js';
import type { Article, ArticleSummary, Translation } from '../content/types.js';
import { articlePath, pagePath } from '../content/urls.js';
import { ancestorsOf, descendantIds, visibleParents } from '../content/section-tree.js';
import { isVisibleToReaders } from '../content/visibility.js';
import { findLookupById, loadArticle } from '../db/load-article.js';
import { listPublished, listRelated, listTranslations, type FooterPage } from '../db/article-lists.js';
import { searchForReaders, suggestForReaders, type ReaderHit } from './search.js';
import { MAX_CANDIDATES, MAX_PAGE } from '../search/search-query.js';
import { findContributor, findRedirect, findTag, type SectionWithName } from '../db/taxonomy-repo.js';
import { AppError, badRequest } from '../errors.js';
import type { ArticleView } from '../render/pages/article-page.js';
import { readPins } from '../db/front-pages-repo.js';
import { nowIso, type Deps } from './deps.js';
import { frontSections, frontStories } from './front-pages.js';
import { LATEST_COUNT, RELATED_COUNT, sectionLatest, sharedLists, tagLatest } from './shared-lists.js';

export { LATEST_COUNT };
export const PAGE_SIZE = 12;
const BLOCK_SIZE = 4;

export type Found<T> = { kind: 'ok'; view: T } | { kind: 'redirect'; location: string } | { kind: 'gone' } | { kind: 'notFound' };

export type ArticleAddress = { locale: string; section: string; yyyy: string; mm: string; slug: string };

/**
 * Resolves an article address. The slug decides; a wrong section or date (an edited story, a hand-typed link) gets a
 * 301 to the right address, an old slug its redirect, a withdrawn story 410, anything else 404.
 */
export async function articlePage(
  deps: Deps,
  addr: ArticleAddress,
): Promise<Found<Omit<ArticleView, 'site'> & { nav: SectionWithName[]; footer: FooterPage[] }>> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const article = await loadArticle(k, { locale: addr.locale, slug: addr.slug });
  if (!article) {
    const redirect = await findRedirect(k, `/${addr.locale}/${addr.section}/${addr.yyyy}/${addr.mm}/${addr.slug}`);
    if (redirect) return redirectTo(deps, redirect);
    return { kind: 'notFound' };
  }
  if (!isVisibleToReaders(article, now)) return withdrawn(article.status) ? { kind: 'gone' } : { kind: 'notFound' };
  // A page reached by a story's address (a hand-typed link) goes to its own, `/{lang}/{slug}`.
  const path = articlePath({
    locale: article.locale,
    sectionSlug: article.section.slug,
    publishedAt: article.publishedAt,
    slug: article.slug,
    kind: article.kind,
  });
  if (path !== `/${addr.locale}/${addr.section}/${addr.yyyy}/${addr.mm}/${addr.slug}`) return { kind: 'redirect', location: path };
  return { kind: 'ok', view: { article, ...(await aroundArticle(deps, article, now)) } };
}

export type PageView = {
  article: Article;
  translations: Translation[];
  nav: SectionWithName[];
  footer: FooterPage[];
};

/**
 * A page (About, Contact, policies) at `/{lang}/{slug}`. A story's slug there is not found (stories have dated
 * addresses); a renamed page's old slug redirects; a page taken down is 410, as a story is.
 */
export async function pagePage(deps: Deps, addr: { locale: string; slug: string }): Promise<Found<PageView>> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const article = await loadArticle(k, { locale: addr.locale, slug: addr.slug });
  if (!article || article.kind !== 'page') {
    const redirect = article ? null : await findRedirect(k, pagePath(addr.locale, addr.slug));
    if (redirect) return redirectTo(deps, redirect);
    return { kind: 'notFound' };
  }
  if (!isVisibleToReaders(article, now)) return withdrawn(article.status) ? { kind: 'gone' } : { kind: 'notFound' };
  const [translations, { nav, pages: footer }] = await Promise.all([listTranslations(k, article.storyId, now), sharedLists(deps)(article.locale)]);
  return { kind: 'ok', view: { article, translations, nav, footer } };
}

/**
 * What an article's page shows besides the article: its public language versions, the latest news, related stories
 * and the sections menu. A preview (services/previews.ts) shows the same lists as the public page.
 */
export async function aroundArticle(deps: Deps, article: Article, now: string) {
  const k = deps.db.kysely;
  const [translations, { latest, nav, pages: footer }, related] = await Promise.all([
    listTranslations(k, article.storyId, now),
    sharedLists(deps)(article.locale),
    Promise.all([sectionLatest(deps)(article.locale, article.section.id), Promise.all(article.tags.map((t) => tagLatest(deps)(article.locale, t.id)))]).then(
      ([inSection, byTag]) => listRelated(k, article, now, RELATED_COUNT, inSection, byTag),
    ),
  ]);
  return { translations, latest, related, nav, footer };
}

const withdrawn = (status: string) => status === 'unpublished' || status === 'archived';

async function redirectTo(deps: Deps, r: { article_id: number | null; to_path: string | null }): Promise<Found<never>> {
  if (r.to_path) return { kind: 'redirect', location: r.to_path };
  if (r.article_id === null) return { kind: 'notFound' };
  return shortLink(deps, r.article_id);
}

/** /a/{id}: the short link printed in newsletters and on social media. */
export async function shortLink(deps: Deps, id: number): Promise<Found<never>> {
  const k = deps.db.kysely;
  const found = await findLookupById(k, id, nowIso(deps));
  if (!found) return { kind: 'notFound' };
  if (!found.visible) return withdrawn(found.status) ? { kind: 'gone' } : { kind: 'notFound' };
  const a = await loadArticle(k, id);
  if (!a) return { kind: 'notFound' };
  return { kind: 'redirect', location: articlePath({ locale: a.locale, sectionSlug: a.section.slug, publishedAt: a.publishedAt, slug: a.slug, kind: a.kind }) };
}

export type HomeData = {
  nav: SectionWithName[];
  /** The footer's pages (About, policies). */
  footer: FooterPage[];
  lead: ArticleSummary | null;
  /** The top stories editors pinned, in their order (services/front-pages.ts); empty when none are pinned. */
  top: ArticleSummary[];
  blocks: { section: SectionWithName; items: ArticleSummary[] }[];
  latest: ArticleSummary[];
};

/**
 * The home page: a lead story, the top stories, a block per section, the latest news; what editors pinned first, the
 * rest in the automatic order. Cost grows with sections and pins, not with articles.
 */
export async function homePage(deps: Deps, locale: string): Promise<HomeData> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const [{ nav, latest, pages: footer }, pins] = await Promise.all([sharedLists(deps)(locale), readPins(k, locale)]);
  const { lead, top } = await frontStories(deps, pins, now, latest);
  // A story appears once on the page: the lead and the top stories are left out of the section blocks.
  const exclude = [...(lead ? [lead.id] : []), ...top.map((a) => a.id)];
  const blocks = await Promise.all(
    frontSections(pins, nav).map(async (section) => ({
      section,
      items: await listPublished(k, { locale, now, limit: BLOCK_SIZE, sectionId: section.id, excludeIds: exclude }),
    })),
  );
  return { nav, footer, lead, top, blocks: blocks.filter((b) => b.items.length > 0), latest };
}

export type ListData = {
  nav: SectionWithName[];
  footer: FooterPage[];
  title: string;
  intro: string | null;
  items: ArticleSummary[];
  /** Cursor of the next (older) page, when there is one. */
  older: string | null;
  isFirstPage: boolean;
  latest: ArticleSummary[];
  /** The section whose list this is (a section's pages only). */
  sectionId?: number;
  /** The sections whose stories the list shows: that section and its sub-sections at every level (hidden ones too). */
  sectionIds?: number[];
  /**
   * A section's page: the sections above it (the top-level one first: its breadcrumb) and the sub-sections it links
   * (hidden ones left out, as from the menu). Their names show on the page, so their keys are among its own.
   */
  tree?: { parents: { id: number; slug: string; name: string }[]; subsections: { id: number; slug: string; name: string }[] };
  /** An author page's profile, in the page's language. */
  profile?: AuthorProfile;
};

export type AuthorProfile = {
  contributorId: number;
  title: string | null;
  links: string[];
  photo: { path: string; image: LibraryImage; width: number; height: number } | null;
};

export type ListKind = 'section' | 'tag' | 'author';

/**
 * Section, tag and author pages, keyset-paginated by a `before` cursor. Unknown names are 404, and so is any cursor
 * but the position of one of the list's stories, spelled as `encodeCursor` writes it.
 */
export async function listPage(deps: Deps, locale: string, kind: ListKind, slug: string, before: string | undefined): Promise<ListData | null> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const cursor = before === undefined ? null : decodeCursor(before);
  if (cursor === null && before !== undefined) return null;
  const { nav, latest, pages: footer } = await sharedLists(deps)(locale);
  let filter: { sectionIds?: number[]; tagId?: number; contributorId?: number };
  let sectionId: number | undefined;
  let title: string;
  let intro: string | null = null;
  let profile: AuthorProfile | undefined;
  let tree: ListData['tree'];
  if (kind === 'section') {
    const s = nav.find((x) => x.slug === slug);
    if (!s) return null;
    // Its sub-sections' stories too (a hidden one's as well: hiding takes a section from the menu, not its stories).
    sectionId = s.id;
    filter = { sectionIds: [s.id, ...descendantIds(nav, s.id)] };
    title = s.name;
    intro = s.description ?? null;
    const link = (x: SectionWithName) => ({ id: x.id, slug: x.slug, name: x.name });
    // Linked here: the visible sections whose nearest visible section above is this one (past hidden ones between).
    const above = visibleParents(nav);
    tree = { parents: ancestorsOf(nav, s.id).map(link), subsections: nav.filter((x) => above.get(x.id) === s.id).map(link) };
  } else if (kind === 'tag') {
    const t = await findTag(k, locale, slug);
    if (!t) return null;
    filter = { tagId: t.id };
    title = t.name;
  } else {
    const c = await findContributor(k, slug, locale);
    if (!c) return null;
    filter = { contributorId: c.id };
    title = c.name;
    intro = c.bio;
    profile = { contributorId: c.id, title: c.title, links: c.links, photo: c.photo };
  }
  // One extra row tells whether an older page exists without a COUNT over the archive. An older page also reads the
  // cursor's own story (ids are integers: before id + 1 is "at or before"): a cursor is valid only where this list
  // has a story, so a crawler cannot invent pages, and checking costs the same indexed read.
  const rows = await listPublished(k, { locale, now, limit: PAGE_SIZE + (cursor ? 2 : 1), before: cursor && { ...cursor, id: cursor.id + 1 }, ...filter });
  if (cursor) {
    const at = rows.shift();
    if (!at || encodeCursor(at) !== before) return null;
  }
  const items = rows.slice(0, PAGE_SIZE);
  const last = items[items.length - 1];
  const older = rows.length > PAGE_SIZE && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null;
  return {
    nav,
    footer,
    title,
    intro,
    items,
    older,
    isFirstPage: !cursor,
    latest,
    ...(sectionId === undefined || !filter.sectionIds ? {} : { sectionId, sectionIds: filter.sectionIds }),
    ...(tree ? { tree } : {}),
    ...(profile ? { profile } : {}),
  };
}

export type SearchData = {
  nav: SectionWithName[];
  footer: FooterPage[];
  query: string;
  /** The section the search is narrowed to (its slug), when one is chosen. */
  section: string | null;
  /** The other filters in force: a tag of the page's language, an author (slug and name in it), publication days. */
  filters: SearchPageFilters;
  total: number;
  /** More than `total` match: only the newest `total` are ranked (search/search-query.ts MAX_CANDIDATES). */
  capped: boolean;
  partial: boolean;
  page: number;
  perPage: number;
  /** Whether another page of results follows. */
  more: boolean;
  results: ReaderHit[];
  /** Headlines offered when nothing matched (the words so far, the last one by prefix): links, no JavaScript. */
  suggestions: { headline: string; href: string }[];
  latest: ArticleSummary[];
};

export type SearchPageFilters = {
  tag: { slug: string; name: string } | null;
  author: { slug: string; name: string } | null;
  /** Days (YYYY-MM-DD), both inclusive. */
  from: string | null;
  to: string | null;
};

export const MAX_QUERY_LENGTH = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9-]{1,80}$/;
const filterInvalid = (message: string, hint: string, param: string) => new AppError('SEARCH_FILTER_INVALID', message, { hint, details: { param } });

const MIN_SEARCH_YEAR = 1000;
const MAX_SEARCH_YEAR = 9998;

/** A day as typed in the form (YYYY-MM-DD), a real date of the years searched, else the error naming `param`. */
function searchDay(param: 'from' | 'to', value: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw filterInvalid(`"${value.slice(0, 40)}" is not a day for "${param}".`, 'Give the day as YYYY-MM-DD (2026-11-20), or leave it empty.', param);
  }
  // Publication times are compared as ISO strings: the day after 9999-12-31 is "+010000-01-01…", which sorts before
  // every date, so a far-future `to` would silently find nothing. Years outside these have no news anyway.
  const year = Number(value.slice(0, 4));
  if (year < MIN_SEARCH_YEAR || year > MAX_SEARCH_YEAR) {
    throw filterInvalid(
      `${value} is outside the years the search covers (${MIN_SEARCH_YEAR}–${MAX_SEARCH_YEAR}) for "${param}".`,
      `Give a day from ${MIN_SEARCH_YEAR}-01-01 to ${MAX_SEARCH_YEAR}-12-31, or leave it empty for no limit.`,
      param,
    );
  }
  return value;
}

/**
 * The readers' search page: one page of the full-text search's results (services/search.ts), narrowed by the
 * filters the form and links carry: `section` (an unknown one is ignored, as a stale link should still search),
 * `tag` (a tag slug of the page's language), `author` (a contributor's slug), `from`/`to` (publication days, both
 * inclusive). The language is the page's own (`/{lang}/search`). A tag or author that does not exist, or a day
 * that is not one, is refused with SEARCH_FILTER_INVALID (400) and a hint rather than searched without.
 */
export async function searchPage(
  deps: Deps,
  locale: string,
  rawQuery: string | undefined,
  opts: {
    page?: string | undefined;
    section?: string | undefined;
    tag?: string | undefined;
    author?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  } = {},
): Promise<SearchData> {
  const query = (rawQuery ?? '').trim();
  if (query.length > MAX_QUERY_LENGTH) throw badRequest(`The search is longer than ${MAX_QUERY_LENGTH} characters.`, 'Search for a few words.');
  const page = opts.page === undefined ? 1 : /^[1-9][0-9]{0,5}$/.test(opts.page) ? Number(opts.page) : NaN;
  if (!(page >= 1 && page <= MAX_PAGE)) throw badRequest(`The results page must be a number from 1 to ${MAX_PAGE}.`, 'Go back to the first page of results.');
  const k = deps.db.kysely;
  const from = opts.from ? searchDay('from', opts.from) : null;
  const to = opts.to ? searchDay('to', opts.to) : null;
  if (from && to && from > to) throw filterInvalid(`The search starts (${from}) after it ends (${to}).`, 'Swap the two days, or leave one empty.', 'from');
  let tag: { id: number; slug: string; name: string } | null = null;
  if (opts.tag) {
    const found = SLUG.test(opts.tag) ? await findTag(k, locale, opts.tag) : undefined;
    if (!found)
      throw filterInvalid(`There is no tag "${opts.tag.slice(0, 80)}" in this language.`, 'Follow a tag from a story, or search without the tag.', 'tag');
    tag = found;
  }
  let author: { id: number; slug: string; name: string } | null = null;
  if (opts.author) {
    const found = SLUG.test(opts.author) ? await findContributor(k, opts.author, locale) : undefined;
    if (!found)
      throw filterInvalid(`There is no author "${opts.author.slice(0, 80)}".`, 'Follow an author from a byline, or search without the author.', 'author');
    author = found;
  }
  const { nav, latest, pages: footer } = await sharedLists(deps)(locale);
  const chosen = opts.section ? nav.find((s) => s.slug === opts.section) : undefined;
  const found = query
    ? await searchForReaders(deps, {
        locale,
        query,
        page,
        perPage: PAGE_SIZE,
        ...(chosen ? { sectionId: chosen.id } : {}),
        ...(tag ? { tagId: tag.id } : {}),
        ...(author ? { authorId: author.id } : {}),
        ...(from ? { from: `${from}T00:00:00.000Z` } : {}),
        ...(to ? { to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
      })
    : { total: 0, more: false, results: [] };
  // Nothing found: the headlines the search box would offer (the last word as a prefix: "переговорн" is no word yet).
  // Not under a filter: the suggestions rank the whole archive, so they would offer stories the filter leaves out
  // (another section, an earlier day), and the reader asked for those not to be shown.
  const filtered = Boolean(chosen || tag || author || from || to);
  const suggestions = query && found.total === 0 && page === 1 && !filtered ? await suggestForReaders(deps, { locale, prefix: query, limit: 5 }) : [];
  return {
    nav,
    footer,
    query,
    section: chosen?.slug ?? null,
    filters: { tag: tag && { slug: tag.slug, name: tag.name }, author: author && { slug: author.slug, name: author.name }, from, to },
    total: found.total,
    // More than the cap matched; or, under filters, the newest matches looked at ran out before the cap was reached.
    capped: found.more && found.total >= MAX_CANDIDATES,
    partial: found.more && found.total < MAX_CANDIDATES,
    page,
    perPage: PAGE_SIZE,
    more: page < MAX_PAGE && page * PAGE_SIZE < found.total,
    results: found.results,
    suggestions: suggestions.map((s) => ({ headline: s.headline, href: s.href })),
    latest,
  };
}

/**
 * GET /{lang}/search/suggest?q=&limit=: the headlines the search box may offer for what is typed so far (the last
 * word by prefix), readers' stories of the language, best first, as JSON for a page script or an app. The search
 * page itself needs none of it (the public site runs no JavaScript): it offers the same links when nothing matched.
 */
export async function searchSuggestions(deps: Deps, locale: string, rawQuery: string | undefined, rawLimit: string | undefined) {
  const query = (rawQuery ?? '').trim();
  if (query.length > MAX_QUERY_LENGTH) throw badRequest(`The search is longer than ${MAX_QUERY_LENGTH} characters.`, 'Search for a few words.');
  const limit = rawLimit === undefined ? 5 : /^[1-9][0-9]?$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= 10)) throw filterInvalid('The number of suggestions (limit) must be from 1 to 10.', 'Leave limit out for 5.', 'limit');
  const found = query ? await suggestForReaders(deps, { locale, prefix: query, limit }) : [];
  return { query, suggestions: found.map((s) => ({ id: s.id, headline: s.headline, url: s.href })) };
}

/**
 * Where a section's, tag's or author's old address leads (renamed or merged: services/sections.ts, services/tags.ts,
 * services/contributors.ts), with the rest of the path (a page cursor, a feed file) kept; null when it was never moved.
 */
export async function movedList(deps: Deps, locale: string, kind: ListKind, slug: string, rest = ''): Promise<string | null> {
  const r = await findRedirect(deps.db.kysely, `/${locale}/${kind}/${slug}`);
  return r?.to_path ? `${r.to_path}${rest}` : null;
}

/** What error pages offer: the sections menu and the latest news in the reader's language. */
export async function errorPageData(deps: Deps, locale: string) {
  const { nav, latest, pages: footer } = await sharedLists(deps)(locale);
  return { nav, footer, latest: latest.slice(0, 10) };
}
