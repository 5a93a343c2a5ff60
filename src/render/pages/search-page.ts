import type { ArticleSummary } from '../../content/types.js';
import { searchPath } from '../../content/urls.js';
import { articleHref, latestNews } from '../components.js';
import { html, raw, type Html } from '../html.js';
import { formatDate, messages } from '../messages.js';
import type { SiteContext } from '../../content/site-context.js';

/** One result: a story's summary with its headline and a passage already highlighted (escaped HTML with <mark>). */
export type SearchResultView = ArticleSummary & { headlineHtml: string; snippetHtml: string };

/** Filters besides the section: a tag and an author (slug and name), publication days (YYYY-MM-DD, inclusive). */
export type SearchFiltersView = {
  tag: { slug: string; name: string } | null;
  author: { slug: string; name: string } | null;
  from: string | null;
  to: string | null;
};

export type SearchView = {
  site: SiteContext;
  locale: string;
  query: string;
  sections: { slug: string; name: string }[];
  section: string | null;
  filters?: SearchFiltersView;
  total: number;
  /** More than `total` match (only the newest `total` are ranked). */
  capped?: boolean;
  /** The filters let through `total` of the newest matches looked at; older matches were not looked at. */
  partial?: boolean;
  page: number;
  perPage: number;
  more: boolean;
  results: SearchResultView[];
  /** Headlines offered when nothing matched ("did you mean"): plain links. */
  suggestions?: { headline: string; href: string }[];
  latest?: ArticleSummary[];
};

const NO_FILTERS: SearchFiltersView = { tag: null, author: null, from: null, to: null };

/** The address of another page of the same search (the form's own fields, so it works without JavaScript). */
export function searchPageHref(locale: string, query: string, section: string | null, page: number, filters: SearchFiltersView = NO_FILTERS): string {
  const params = new URLSearchParams({ q: query });
  if (section) params.set('section', section);
  if (filters.tag) params.set('tag', filters.tag.slug);
  if (filters.author) params.set('author', filters.author.slug);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (page > 1) params.set('page', String(page));
  return `${searchPath(locale)}?${params.toString()}`;
}

export function searchTitle(locale: string, query: string): string {
  const m = messages(locale);
  return query ? `${m.searchResultsFor} ${m.searchQuoted(query)}` : m.search;
}

/** The search page's main column: the form (section, days, and the tag or author in force), the count, the results and the pager. */
export function searchBody(v: SearchView): Html {
  const m = messages(v.locale);
  const f = v.filters ?? NO_FILTERS;
  const kept = html`${f.tag ? html`<input type="hidden" name="tag" value="${f.tag.slug}"/>` : null}${
    f.author ? html`<input type="hidden" name="author" value="${f.author.slug}"/>` : null
  }`;
  const day = (name: 'from' | 'to', label: string, value: string | null) =>
    html`<label class="search-day">${label} <input type="date" name="${name}" value="${value ?? ''}"/></label>`;
  const form = html`<form class="search-form" role="search" action="${searchPath(v.locale)}" method="get"><input type="search" name="q" value="${v.query}" aria-label="${m.searchLabel}" placeholder="${m.searchPlaceholder}" maxlength="200"/><select name="section" aria-label="${m.searchInSection}"><option value="">${m.searchAllSections}</option>${v.sections.map(
    (s) => (s.slug === v.section ? html`<option value="${s.slug}" selected>${s.name}</option>` : html`<option value="${s.slug}">${s.name}</option>`),
  )}</select>${day('from', m.searchFrom, f.from)}${day('to', m.searchTo, f.to)}${kept}<button type="submit">${m.search}</button></form>`;
  // The tag or author in force, each with a link to the same search without it.
  const chips = [
    f.tag ? { label: m.searchTagged(f.tag.name), without: { ...f, tag: null } } : null,
    f.author ? { label: m.searchByAuthor(f.author.name), without: { ...f, author: null } } : null,
  ].filter((c) => c !== null);
  const inForce = chips.length
    ? html`<ul class="search-filters">${chips.map(
        (c) => html`<li>${c.label} (<a href="${searchPageHref(v.locale, v.query, v.section, 1, c.without)}">${m.searchRemoveFilter}</a>)</li>`,
      )}</ul>`
    : null;
  const suggestions = v.suggestions?.length
    ? html`<p class="search-suggestions">${m.searchDidYouMean}:</p><ul class="search-suggestions">${v.suggestions.map(
        (s) => html`<li><a href="${s.href}">${s.headline}</a></li>`,
      )}</ul>`
    : null;
  const list = v.results.length
    ? html`<ol class="search-results" start="${String((v.page - 1) * v.perPage + 1)}">${v.results.map(
        (r) =>
          html`<li><span class="kicker">${r.sectionName}</span><h2><a href="${articleHref(r)}">${raw(r.headlineHtml)}</a></h2>${
            r.snippetHtml ? html`<p>${raw(r.snippetHtml)}</p>` : null
          }<p class="meta"><time datetime="${r.publishedAt}">${formatDate(v.locale, r.publishedAt, v.site.timeZone)}</time></p></li>`,
      )}</ol>`
    : html`<p>${v.query ? m.searchNothing : m.searchHint}</p>${suggestions}`;
  const prev =
    v.page > 1 ? html`<a href="${searchPageHref(v.locale, v.query, v.section, v.page - 1, f)}" rel="prev">← ${m.searchPrevious}</a>` : raw('<span></span>');
  const next = v.more ? html`<a href="${searchPageHref(v.locale, v.query, v.section, v.page + 1, f)}" rel="next">${m.searchNext} →</a>` : null;
  return html`<div class="layout"><div><p class="kicker">${m.search}</p><h1>${searchTitle(v.locale, v.query)}</h1>${form}${inForce}${
    v.query
      ? html`<p class="meta search-count">${v.capped ? m.searchCountMore(v.total) : v.partial ? m.searchCountPartial(v.total) : m.searchCount(v.total)}</p>`
      : html`<p class="meta">${m.searchTips}</p>`
  }${list}${v.page > 1 || v.more ? html`<nav class="pager" aria-label="${m.pagination}">${prev}${next}</nav>` : null}</div><aside>${
    v.latest ? latestNews({ locale: v.locale, items: v.latest, timeZone: v.site.timeZone }) : null
  }</aside></div>`;
}
