import { INTL_LOCALE } from '../content/locales.js';
import type { Article, Byline, Translation } from '../content/types.js';
import { articlePath, authorPath, homePath, sectionPath } from '../content/urls.js';
import { documentWordCount } from './document-html.js';
import { absolute, type SiteContext } from './site-context.js';

const person = (site: SiteContext, locale: string, b: Byline) => ({
  '@type': 'Person',
  name: b.name,
  url: absolute(site, authorPath(locale, b.slug)),
});

export function publisherJsonLd(site: SiteContext) {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.siteName,
    url: `${site.siteUrl}/`,
    logo: { '@type': 'ImageObject', url: absolute(site, site.logoPath) },
  };
}

const urlOf = (site: SiteContext, t: Pick<Translation, 'locale' | 'sectionSlug' | 'publishedAt' | 'slug'>) =>
  absolute(site, articlePath(t));

/**
 * schema.org NewsArticle for one language version. Partner copy points at the partner's original through isBasedOn
 * (and translationOfWork when the original is in another language); our own translations point at the first
 * version of the story, which in turn lists them as workTranslation.
 */
export function newsArticleJsonLd(site: SiteContext, a: Article, canonical: string, translations: Translation[]) {
  const byRole = (role: Byline['role']) => a.bylines.filter((b) => b.role === role).map((b) => person(site, a.locale, b));
  const authors = [...byRole('author'), ...byRole('original_author')];
  const originalAuthors = byRole('original_author');

  const source = a.source
    ? {
        '@type': 'NewsArticle',
        ...(a.source.headline ? { headline: a.source.headline } : {}),
        ...(a.source.url ? { url: a.source.url } : {}),
        ...(a.source.locale ? { inLanguage: INTL_LOCALE[a.source.locale] ?? a.source.locale } : {}),
        ...(originalAuthors.length ? { author: originalAuthors } : {}),
        publisher: { '@type': 'NewsMediaOrganization', name: a.source.partnerName, url: a.source.partnerUrl },
      }
    : null;
  const sourceIsTranslated = a.source?.locale && a.source.locale !== a.locale;

  const others = translations.filter((t) => t.id !== a.id);
  const first = [...translations].sort((x, y) => x.publishedAt.localeCompare(y.publishedAt) || x.id - y.id)[0];
  const isFirst = !first || first.id === a.id;
  const ownOriginal = !isFirst && first ? { '@type': 'NewsArticle', url: urlOf(site, first), inLanguage: INTL_LOCALE[first.locale] ?? first.locale } : null;

  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
    headline: a.headline.length > 110 ? `${a.headline.slice(0, 109)}…` : a.headline,
    ...(a.deck ? { description: a.deck } : {}),
    ...(a.hero
      ? {
          image: [
            {
              '@type': 'ImageObject',
              url: absolute(site, a.hero.src),
              width: a.hero.width,
              height: a.hero.height,
              ...(a.hero.caption ? { caption: a.hero.caption } : {}),
              ...(a.hero.credit ? { creditText: a.hero.credit } : {}),
            },
          ],
        }
      : {}),
    ...(a.publishedAt ? { datePublished: a.publishedAt } : {}),
    dateModified: latest(a.updatedAt, ...a.corrections.map((c) => c.createdAt)),
    inLanguage: INTL_LOCALE[a.locale] ?? a.locale,
    ...(authors.length ? { author: authors } : {}),
    ...(byRole('translator').length ? { translator: byRole('translator') } : {}),
    ...(byRole('editor').length ? { editor: byRole('editor') } : {}),
    ...(byRole('photographer').length ? { contributor: byRole('photographer') } : {}),
    publisher: publisherJsonLd(site),
    articleSection: a.section.name,
    ...(a.tags.length ? { keywords: a.tags.map((t) => t.name).join(', ') } : {}),
    ...(a.dateline ? { dateline: a.dateline, locationCreated: { '@type': 'Place', name: a.dateline } } : {}),
    ...(source ? { isBasedOn: source } : ownOriginal ? { isBasedOn: ownOriginal } : {}),
    ...(sourceIsTranslated && source ? { translationOfWork: source } : ownOriginal ? { translationOfWork: ownOriginal } : {}),
    ...(isFirst && others.length
      ? { workTranslation: others.map((t) => ({ '@type': 'NewsArticle', url: urlOf(site, t), inLanguage: INTL_LOCALE[t.locale] ?? t.locale })) }
      : {}),
    ...(a.corrections.length
      ? { correction: a.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: c.createdAt })) }
      : {}),
    wordCount: documentWordCount(a.body),
    isAccessibleForFree: true,
  };
}

export function breadcrumbJsonLd(site: SiteContext, items: { name: string; path: string }[]) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((it, i) => ({ '@type': 'ListItem', position: i + 1, name: it.name, item: absolute(site, it.path) })),
  };
}

export const articleBreadcrumbs = (homeName: string, a: Article, canonicalPath: string) => [
  { name: homeName, path: homePath(a.locale) },
  { name: a.section.name, path: sectionPath(a.locale, a.section.slug) },
  { name: a.headline, path: canonicalPath },
];

const latest = (...isos: string[]) => isos.reduce((max, d) => (d > max ? d : max));
