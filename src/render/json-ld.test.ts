import { expect, it } from 'vitest';
import { siteIn, type SiteContext } from '../content/site-context.js';
import type { Article } from '../content/types.js';
import { webPageJsonLd } from './json-ld.js';
import { TEST_SITE } from '#test/site.js';

it("regression: a page's WebPage JSON-LD names its publisher in the page's language, as its isPartOf does", () => {
  const site = {
    ...TEST_SITE,
    brand: { names: { en: 'Steppe Courier', ru: 'Степной курьер' }, taglines: {}, logo: null, social: {}, policies: {} },
  } as unknown as SiteContext;
  const page = {
    locale: 'ru',
    headline: 'О нас',
    seoTitle: null,
    seoDescription: null,
    deck: null,
    publishedAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  } as unknown as Article;
  const ld = webPageJsonLd(siteIn(site, 'ru'), page, 'https://news.example.org/ru/o-nas') as { isPartOf: { name: string }; publisher: { name: string } };
  expect(ld.isPartOf.name).toBe('Степной курьер');
  expect(ld.publisher.name).toBe('Степной курьер');
});
