import { OG_LOCALE } from '../../content/locales.js';
import type { Article, Translation } from '../../content/types.js';
import { searchBody, searchPageHref, type SearchView } from './search-page.js';
import { articlePath, authorPath, homePath, pagePath, searchPath, sectionPath, tagPath } from '../../content/urls.js';
import { articleBreadcrumbs, breadcrumbJsonLd, newsArticleJsonLd, profilePageJsonLd, publisherJsonLd, webPageJsonLd } from '../json-ld.js';
import { fallbackOf } from '../../content/media.js';
import { ancestorsOf } from '../../content/section-tree.js';
import { layout, renderPage, type LayoutProps, type MetaTag } from '../layout.js';
import { messages } from '../messages.js';
import { absolute, siteIn, twitterHandle, type SiteContext } from '../../content/site-context.js';
import type { Alternate, FooterLink, LanguageLink, NavSection } from '../page-links.js';
import { articleBody, type ArticleView } from './article-page.js';
import { pageBody } from './page-page.js';
import { errorBody, errorTitle, type ErrorKind } from './error-page.js';
import { homeBody, type HomeView } from './home-page.js';
import { listBody, type ListView } from './list-page.js';

/**
 * Whole pages: the body components inside the layout, with the head each page type needs (canonical, hreflang,
 * Open Graph, JSON-LD). Pure functions of their data, so the same page renders identically for the server,
 * the page cache and a static export.
 */

const titleOf = (site: SiteContext, title: string) => `${title} — ${site.siteName}`;

/** Language links for content that exists in every locale (home, section and author pages). */
const everyLocale = (site: SiteContext, current: string, pathFor: (locale: string) => string): LanguageLink[] =>
  site.locales.map((l) => ({ locale: l, href: pathFor(l), current: l === current }));

const alternatesFor = (site: SiteContext, pathFor: (locale: string) => string, xDefault: string): Alternate[] => [
  ...site.locales.map((l) => ({ hreflang: l, href: absolute(site, pathFor(l)) })),
  { hreflang: 'x-default', href: absolute(site, xDefault) },
];

/** `preview`: what a preview adds to the very same page (services/previews.ts): noindex, its bar and the bar's style. */
export function renderArticlePage(
  anySite: SiteContext,
  v: Omit<ArticleView, 'site'> & { nav: NavSection[]; footer?: readonly FooterLink[] },
  preview?: Pick<LayoutProps, 'robots' | 'banner' | 'headExtra'>,
): string {
  const a = v.article;
  const site = siteIn(anySite, a.locale);
  // A preview of a page shows it as readers will: at its own address, as a WebPage.
  if (a.kind === 'page') return renderPagePage(site, { article: a, translations: v.translations, nav: v.nav, footer: v.footer ?? [] }, preview);
  const m = messages(a.locale);
  const path = articlePath({ locale: a.locale, sectionSlug: a.section.slug, publishedAt: a.publishedAt, slug: a.slug });
  // A story in a sub-section: its breadcrumb goes up through the parents, from the menu's list (it has the tree).
  const own = v.nav.find((s) => s.slug === a.section.slug);
  const tree = v.nav.flatMap((s) => (s.id === undefined ? [] : [{ ...s, id: s.id }]));
  const parents = own?.id === undefined ? [] : ancestorsOf(tree, own.id);
  const canonical = a.canonicalUrl ?? absolute(site, path);
  const translations = v.translations.some((t) => t.id === a.id) ? v.translations : [...v.translations, selfTranslation(a)];
  // The same set on every version, so hreflang is reciprocal; x-default is the default-language version, else the first.
  const byTime = [...translations].sort((x, y) => x.publishedAt.localeCompare(y.publishedAt) || x.id - y.id);
  const xDefault = translations.find((t) => t.locale === site.defaultLocale) ?? byTime[0]!;
  const alternates: Alternate[] =
    translations.length > 1
      ? [
          ...translations.map((t) => ({ hreflang: t.locale, href: absolute(site, articlePath(t)) })),
          { hreflang: 'x-default', href: absolute(site, articlePath(xDefault)) },
        ]
      : [];
  const languages = site.locales.map((l): LanguageLink => {
    const t = translations.find((x) => x.locale === l);
    return { locale: l, href: t ? articlePath(t) : homePath(l), current: l === a.locale };
  });
  const description = a.seoDescription ?? a.deck ?? undefined;
  const meta: MetaTag[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: site.siteName },
    { property: 'og:title', content: a.seoTitle ?? a.headline },
    ...(description ? [{ property: 'og:description', content: description }] : []),
    { property: 'og:url', content: canonical },
    { property: 'og:locale', content: OG_LOCALE[a.locale] ?? a.locale },
    ...translations.filter((t) => t.locale !== a.locale).map((t) => ({ property: 'og:locale:alternate', content: OG_LOCALE[t.locale] ?? t.locale })),
    ...(a.hero
      ? [
          { property: 'og:image', content: absolute(site, a.hero.src) },
          { property: 'og:image:width', content: String(a.hero.width) },
          { property: 'og:image:height', content: String(a.hero.height) },
          { property: 'og:image:alt', content: a.hero.alt },
        ]
      : // A story without a picture is shared with the publication's logo, when there is one.
        logoMeta(site)),
    ...(a.publishedAt ? [{ property: 'article:published_time', content: a.publishedAt }] : []),
    { property: 'article:modified_time', content: a.updatedAt },
    { property: 'article:section', content: a.section.name },
    ...a.tags.map((t) => ({ property: 'article:tag', content: t.name })),
    ...a.bylines
      .filter((b) => b.role === 'author' || b.role === 'original_author')
      .map((b) => ({ property: 'article:author', content: absolute(site, authorPath(a.locale, b.slug)) })),
    { name: 'twitter:card', content: a.hero ? 'summary_large_image' : 'summary' },
    ...twitterSite(site),
    { name: 'twitter:title', content: a.seoTitle ?? a.headline },
    ...(description ? [{ name: 'twitter:description', content: description }] : []),
    ...(a.hero
      ? [
          { name: 'twitter:image', content: absolute(site, a.hero.src) },
          { name: 'twitter:image:alt', content: a.hero.alt },
        ]
      : []),
  ];
  return renderPage(
    layout({
      site,
      locale: a.locale,
      title: titleOf(site, a.seoTitle ?? a.headline),
      description,
      canonical,
      alternates,
      languages,
      nav: v.nav,
      footer: v.footer,
      currentSection: a.section.slug,
      meta,
      jsonLd: [newsArticleJsonLd(site, a, canonical, translations), breadcrumbJsonLd(site, articleBreadcrumbs(m.home, a, path, parents))],
      children: articleBody({ site, article: a, translations, latest: v.latest, related: v.related, parents }),
      ...preview,
    }),
  );
}

const selfTranslation = (a: ArticleView['article']): Translation => ({
  id: a.id,
  locale: a.locale,
  slug: a.slug,
  sectionSlug: a.section.slug,
  publishedAt: a.publishedAt ?? a.createdAt,
});

/** `twitter:site`: the publication's X account, when the settings name one. */
const twitterSite = (site: SiteContext): MetaTag[] => {
  const handle = twitterHandle(site);
  return handle ? [{ name: 'twitter:site', content: handle }] : [];
};

/** The share image of the home page and of stories without a picture: the uploaded logo (large rendition), if any. */
function logoMeta(site: SiteContext): MetaTag[] {
  const logo = site.brand?.logo;
  if (!logo) return [];
  return [
    { property: 'og:image', content: absolute(site, logo.large.url) },
    { property: 'og:image:width', content: String(logo.large.width) },
    { property: 'og:image:height', content: String(logo.large.height) },
    { property: 'og:image:alt', content: logo.alt || site.siteName },
  ];
}

export function renderHomePage(anySite: SiteContext, v: Omit<HomeView, 'site'> & { nav: NavSection[]; footer?: readonly FooterLink[] }): string {
  const site = siteIn(anySite, v.locale);
  const canonical = absolute(site, homePath(v.locale));
  return renderPage(
    layout({
      site,
      locale: v.locale,
      title: site.siteName,
      description: site.tagline || messages(v.locale).footer,
      canonical,
      alternates: alternatesFor(site, homePath, '/'),
      languages: everyLocale(site, v.locale, homePath),
      nav: v.nav,
      footer: v.footer,
      meta: [
        { property: 'og:type', content: 'website' },
        { property: 'og:site_name', content: site.siteName },
        { property: 'og:title', content: site.siteName },
        { property: 'og:url', content: canonical },
        { property: 'og:locale', content: OG_LOCALE[v.locale] ?? v.locale },
        ...(site.tagline ? [{ property: 'og:description', content: site.tagline }] : []),
        ...logoMeta(site),
        ...(twitterHandle(site) ? [{ name: 'twitter:card', content: 'summary' }, ...twitterSite(site)] : []),
      ],
      jsonLd: [{ '@context': 'https://schema.org', ...publisherJsonLd(site, v.locale) }],
      children: homeBody({ site, locale: v.locale, lead: v.lead, top: v.top, blocks: v.blocks, latest: v.latest }),
    }),
  );
}

export type ListPageKind = 'section' | 'tag' | 'author';

export function renderListPage(
  anySite: SiteContext,
  kind: ListPageKind,
  slug: string,
  v: Omit<ListView, 'site' | 'kicker' | 'emptyText' | 'newerHref' | 'olderHref'> & {
    nav: NavSection[];
    footer?: readonly FooterLink[];
    older: string | null;
    isFirstPage: boolean;
    tree?: { parents: { slug: string; name: string }[]; subsections: { slug: string; name: string }[] } | undefined;
  },
): string {
  const site = siteIn(anySite, v.locale);
  const m = messages(v.locale);
  const pathFor = { section: sectionPath, tag: tagPath, author: authorPath }[kind];
  // A sub-section's way up: home, then its parents (addresses stay flat: the tree shows only here and in JSON-LD).
  const crumbs = v.tree?.parents.length
    ? [{ name: m.home, path: homePath(v.locale) }, ...v.tree.parents.map((x) => ({ name: x.name, path: sectionPath(v.locale, x.slug) }))]
    : [];
  const kicker = { section: m.sectionTitle, tag: m.tagTitle, author: m.authorTitle }[kind];
  // Tags belong to one language; sections and authors exist in all of them.
  const languages =
    kind === 'tag'
      ? everyLocale(site, v.locale, homePath).map((l) => (l.current ? { ...l, href: pathFor(v.locale, slug) } : l))
      : everyLocale(site, v.locale, (l) => pathFor(l, slug));
  const alternates = kind === 'tag' || !v.isFirstPage ? [] : alternatesFor(site, (l) => pathFor(l, slug), pathFor(site.defaultLocale, slug));
  return renderPage(
    layout({
      site,
      locale: v.locale,
      title: titleOf(site, `${v.title}`),
      description: v.intro,
      canonical: v.isFirstPage ? absolute(site, pathFor(v.locale, slug)) : undefined,
      robots: v.isFirstPage ? undefined : 'noindex, follow',
      alternates,
      languages,
      nav: v.nav,
      footer: v.footer,
      currentSection: kind === 'section' ? slug : undefined,
      ...(crumbs.length && v.isFirstPage ? { jsonLd: [breadcrumbJsonLd(site, [...crumbs, { name: v.title, path: pathFor(v.locale, slug) }])] } : {}),
      ...(v.profile && v.isFirstPage
        ? {
            jsonLd: [
              profilePageJsonLd(site, v.locale, {
                slug,
                name: v.title,
                bio: v.intro ?? null,
                title: v.profile.title,
                image: v.profile.photo ? (fallbackOf(v.profile.photo.image)?.path ?? v.profile.photo.path) : null,
                sameAs: v.profile.links,
              }),
            ],
          }
        : {}),
      children: listBody({
        site,
        locale: v.locale,
        kicker,
        title: v.title,
        intro: v.intro,
        items: v.items,
        emptyText: m.noStories,
        newerHref: v.isFirstPage ? null : pathFor(v.locale, slug),
        olderHref: v.older ? pathFor(v.locale, slug, v.older) : null,
        latest: v.latest,
        profile: v.profile,
        crumbs: crumbs.map((c) => ({ name: c.name, href: c.path })),
        subsections: v.tree?.subsections.map((x) => ({ name: x.name, href: sectionPath(v.locale, x.slug) })),
      }),
    }),
  );
}

export function renderSearchPage(
  anySite: SiteContext,
  v: Omit<SearchView, 'site' | 'sections'> & {
    nav: NavSection[];
    footer?: readonly FooterLink[];
  },
): string {
  const site = siteIn(anySite, v.locale);
  const m = messages(v.locale);
  return renderPage(
    layout({
      site,
      locale: v.locale,
      title: titleOf(site, v.query ? `${m.search}: ${v.query}` : m.search),
      robots: 'noindex, follow',
      // The language is the path's: switching it keeps the search and its filters, but a tag (each language has its own).
      languages: everyLocale(site, v.locale, (l) => {
        const f = v.filters;
        const kept = f && (f.author || f.from || f.to) ? { ...f, tag: null } : undefined;
        return kept || v.section ? searchPageHref(l, v.query, v.section, 1, kept) : searchPath(l, v.query);
      }),
      nav: v.nav,
      footer: v.footer,
      children: searchBody({ ...v, site, sections: v.nav.filter((s) => !s.hidden) }),
    }),
  );
}

export function renderErrorPage(
  anySite: SiteContext,
  locale: string,
  kind: ErrorKind,
  v: { nav: NavSection[]; footer?: readonly FooterLink[]; latest: HomeView['latest'] },
): string {
  const site = siteIn(anySite, locale);
  return renderPage(
    layout({
      site,
      locale,
      title: titleOf(site, errorTitle(locale, kind)),
      robots: 'noindex',
      languages: everyLocale(site, locale, homePath),
      nav: v.nav,
      footer: v.footer,
      children: errorBody({ site, locale, kind, latest: v.latest }),
    }),
  );
}

/**
 * A page (About, Contact, policies) at `/{lang}/{slug}`: its text, without the news furniture (no section, byline,
 * latest news); a WebPage in JSON-LD, not a NewsArticle. Language versions linked as translations get hreflang.
 */
export function renderPagePage(
  anySite: SiteContext,
  v: { article: Article; translations: Translation[]; nav: NavSection[]; footer: readonly FooterLink[] },
  preview?: Pick<LayoutProps, 'robots' | 'banner' | 'headExtra'>,
): string {
  const a = v.article;
  const site = siteIn(anySite, a.locale);
  const path = pagePath(a.locale, a.slug);
  const canonical = a.canonicalUrl ?? absolute(site, path);
  const versions = v.translations.filter((t) => t.kind === 'page' && t.id !== a.id);
  const own = { locale: a.locale, slug: a.slug };
  const all = [own, ...versions];
  const xDefault = all.find((t) => t.locale === site.defaultLocale) ?? own;
  const alternates: Alternate[] = versions.length
    ? [
        ...all.map((t) => ({ hreflang: t.locale, href: absolute(site, pagePath(t.locale, t.slug)) })),
        { hreflang: 'x-default', href: absolute(site, pagePath(xDefault.locale, xDefault.slug)) },
      ]
    : [];
  const languages = site.locales.map((l): LanguageLink => {
    const t = all.find((x) => x.locale === l);
    return { locale: l, href: t ? pagePath(l, t.slug) : homePath(l), current: l === a.locale };
  });
  const description = a.seoDescription ?? a.deck ?? undefined;
  const title = a.seoTitle ?? a.headline;
  const meta: MetaTag[] = [
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: site.siteName },
    { property: 'og:title', content: title },
    ...(description ? [{ property: 'og:description', content: description }] : []),
    { property: 'og:url', content: canonical },
    { property: 'og:locale', content: OG_LOCALE[a.locale] ?? a.locale },
    ...(a.hero ? [{ property: 'og:image', content: absolute(site, a.hero.src) }] : []),
  ];
  return renderPage(
    layout({
      site,
      locale: a.locale,
      title: titleOf(site, title),
      description,
      canonical,
      alternates,
      languages,
      nav: v.nav,
      footer: v.footer,
      currentPage: a.slug,
      meta,
      jsonLd: [webPageJsonLd(site, a, canonical)],
      children: pageBody({ site, article: a }),
      ...preview,
    }),
  );
}
