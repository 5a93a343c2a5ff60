import { INTL_LOCALE } from '../content/locales.js';
import type { Article, Byline, Translation } from '../content/types.js';
import { articlePath, authorPath, homePath, sectionPath } from '../content/urls.js';
import { documentWordCount } from '../content/document-text.js';
import { absolute, POLICY_LINKS, sameAsOf, siteIn, type SiteContext } from '../content/site-context.js';

const person = (site: SiteContext, locale: string, b: Byline) => {
  const p: Record<string, unknown> = { '@type': 'Person', name: b.name, url: absolute(site, authorPath(locale, b.slug)) };
  if (b.image) p['image'] = absolute(site, b.image);
  if (b.sameAs?.length) p['sameAs'] = b.sameAs;
  return p;
};

/** schema.org ProfilePage of an author page: the person in the page's language. */
export function profilePageJsonLd(
  site: SiteContext,
  locale: string,
  p: { slug: string; name: string; bio: string | null; title: string | null; image: string | null; sameAs: string[] },
) {
  const who: Record<string, unknown> = { '@type': 'Person', name: p.name, url: absolute(site, authorPath(locale, p.slug)) };
  if (p.title) who['jobTitle'] = p.title;
  if (p.bio) who['description'] = p.bio;
  if (p.image) who['image'] = absolute(site, p.image);
  if (p.sameAs.length) who['sameAs'] = p.sameAs;
  return { '@context': 'https://schema.org', '@type': 'ProfilePage', inLanguage: INTL_LOCALE[locale] ?? locale, mainEntity: who };
}

/**
 * The publication: its name in the page's language, its raster logo (the monogram until one is uploaded), its social
 * profiles (`sameAs`) and the Trust Project's policy links, which Google News reads from here.
 */
export function publisherJsonLd(site: SiteContext, locale: string = site.defaultLocale) {
  const local = siteIn(site, locale);
  const logo = site.brand?.logo;
  const org: Record<string, unknown> = {
    '@type': 'NewsMediaOrganization',
    name: local.siteName,
    url: `${site.siteUrl}/`,
    logo: logo
      ? { '@type': 'ImageObject', url: absolute(site, logo.large.url), width: logo.large.width, height: logo.large.height }
      : { '@type': 'ImageObject', url: absolute(site, site.logoPath) },
  };
  const sameAs = sameAsOf(site);
  if (sameAs.length) org['sameAs'] = sameAs;
  for (const p of POLICY_LINKS) {
    const link = site.brand?.policies[p];
    if (link) org[p] = absolute(site, link);
  }
  return org;
}

const urlOf = (site: SiteContext, t: Pick<Translation, 'locale' | 'sectionSlug' | 'publishedAt' | 'slug'>) => absolute(site, articlePath(t));

/**
 * schema.org NewsArticle for one language version. Partner copy points at the partner's original through isBasedOn
 * (and translationOfWork when the original is in another language); our own translations point at the first
 * version of the story, which in turn lists them as workTranslation.
 */
export function newsArticleJsonLd(site: SiteContext, a: Article, canonical: string, translations: Translation[]) {
  // Built by assignment rather than conditional spreads (this runs on every page render); the order of assignment
  // is the order of the keys in the page.
  const people: Record<string, object[]> = {};
  for (const b of a.bylines) (people[b.role] ??= []).push(person(site, a.locale, b));
  const byRole = (role: Byline['role']) => people[role] ?? [];
  const originalAuthors = byRole('original_author');
  const authors = [...byRole('author'), ...originalAuthors];

  let source: Record<string, unknown> | null = null;
  if (a.source) {
    source = { '@type': 'NewsArticle' };
    if (a.source.headline) source['headline'] = a.source.headline;
    if (a.source.url) source['url'] = a.source.url;
    if (a.source.locale) source['inLanguage'] = INTL_LOCALE[a.source.locale] ?? a.source.locale;
    if (originalAuthors.length) source['author'] = originalAuthors;
    source['publisher'] = { '@type': 'NewsMediaOrganization', name: a.source.partnerName, url: a.source.partnerUrl };
  }
  const sourceIsTranslated = a.source?.locale && a.source.locale !== a.locale;

  const others = translations.filter((t) => t.id !== a.id);
  const first = [...translations].sort((x, y) => x.publishedAt.localeCompare(y.publishedAt) || x.id - y.id)[0];
  const isFirst = !first || first.id === a.id;
  const ownOriginal = !isFirst && first ? { '@type': 'NewsArticle', url: urlOf(site, first), inLanguage: INTL_LOCALE[first.locale] ?? first.locale } : null;

  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    headline: a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline,
  };
  if (a.deck) ld['description'] = a.deck;
  if (a.hero) {
    const image: Record<string, unknown> = { '@type': 'ImageObject', url: absolute(site, a.hero.src), width: a.hero.width, height: a.hero.height };
    if (a.hero.caption) image['caption'] = a.hero.caption;
    if (a.hero.credit) image['creditText'] = a.hero.credit;
    ld['image'] = [image];
  }
  if (a.publishedAt) ld['datePublished'] = a.publishedAt;
  ld['dateModified'] = latest(a.updatedAt, ...a.corrections.map((c) => c.createdAt));
  ld['inLanguage'] = INTL_LOCALE[a.locale] ?? a.locale;
  if (authors.length) ld['author'] = authors;
  if (byRole('translator').length) ld['translator'] = byRole('translator');
  if (byRole('editor').length) ld['editor'] = byRole('editor');
  if (byRole('photographer').length) ld['contributor'] = byRole('photographer');
  ld['publisher'] = publisherJsonLd(site, a.locale);
  ld['articleSection'] = a.section.name;
  if (a.tags.length) ld['keywords'] = a.tags.map((t) => t.name).join(', ');
  if (a.dateline) {
    ld['dateline'] = a.dateline;
    ld['locationCreated'] = { '@type': 'Place', name: a.dateline };
  }
  if (source) ld['isBasedOn'] = source;
  else if (ownOriginal) ld['isBasedOn'] = ownOriginal;
  if (sourceIsTranslated && source) ld['translationOfWork'] = source;
  else if (ownOriginal) ld['translationOfWork'] = ownOriginal;
  if (isFirst && others.length)
    ld['workTranslation'] = others.map((t) => ({ '@type': 'NewsArticle', url: urlOf(site, t), inLanguage: INTL_LOCALE[t.locale] ?? t.locale }));
  if (a.corrections.length) ld['correction'] = a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.createdAt }));
  ld['wordCount'] = documentWordCount(a.body);
  ld['isAccessibleForFree'] = true;
  return ld;
}

export function breadcrumbJsonLd(site: SiteContext, items: { name: string; path: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((it, i) => ({ '@type': 'ListItem', position: i + 1, name: it.name, item: absolute(site, it.path) })),
  };
}

/** `parents`: the sections above the article's (the top-level one first), when it is a sub-section. */
export const articleBreadcrumbs = (homeName: string, a: Article, canonicalPath: string, parents: readonly { name: string; slug: string }[] = []) => [
  { name: homeName, path: homePath(a.locale) },
  ...parents.map((p) => ({ name: p.name, path: sectionPath(a.locale, p.slug) })),
  { name: a.section.name, path: sectionPath(a.locale, a.section.slug) },
  { name: a.headline, path: canonicalPath },
];

const latest = (...isos: string[]) => isos.reduce((max, d) => (d > max ? d : max));

/**
 * schema.org WebPage for a page (About, Contact, policies): it is not news, so no NewsArticle, author or dateline;
 * its publisher is the organisation.
 */
export function webPageJsonLd(site: SiteContext, a: Article, canonical: string) {
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': canonical,
    url: canonical,
    name: a.seoTitle ?? a.headline,
    inLanguage: INTL_LOCALE[a.locale] ?? a.locale,
  };
  const description = a.seoDescription ?? a.deck;
  if (description) ld['description'] = description;
  if (a.publishedAt) ld['datePublished'] = a.publishedAt;
  ld['dateModified'] = a.updatedAt;
  ld['isPartOf'] = { '@type': 'WebSite', name: site.siteName, url: `${site.siteUrl}/` };
  // The page's language: a Russian About page names the publication in Russian, as its isPartOf does.
  ld['publisher'] = publisherJsonLd(site, a.locale);
  return ld;
}
