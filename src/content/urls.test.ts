import { describe, expect, it } from 'vitest';
import { articlePath, canonicalPath, homePath, pagePath, RESERVED_PAGE_SLUGS, sectionPath, tagPath } from './urls.js';

describe('canonicalPath', () => {
  it.each([
    ['/en/section/wor%6Cd', '/en/section/world'],
    ['/en/section/wor%6cd', '/en/section/world'],
    ['/%65n/', '/en/'],
    ['/en/%73ection/world', '/en/section/world'],
    ['/%66eed.xml', '/feed.xml'],
    ['/en/section/world/before/1764084242000%2E9998', '/en/section/world/before/1764084242000.9998'],
    ['/en/%7e', '/en/~'],
    ['/en/./', '/en/'],
    ['/en/.', '/en/'],
    ['/en/%2e/section/x', '/en/section/x'],
    ['/en/section/../tag/x', '/en/tag/x'],
    ['/../../etc/passwd', '/etc/passwd'],
    // Reserved and non-ASCII characters stay encoded, in the upper-case hex encodeURIComponent writes.
    ['/ru/%d0%bc%d0%b8%d1%80', '/ru/%D0%BC%D0%B8%D1%80'],
    ['/en/a%2fb', '/en/a%2Fb'],
    ['/en/a%25b', '/en/a%25b'],
    // Raw bytes of a UTF-8 request line, as node reads them (latin1), and characters a link would have encoded.
    [`/ru/${Buffer.from('мир').toString('latin1')}`, '/ru/%D0%BC%D0%B8%D1%80'],
    ['/ru/мир', '/ru/%D0%BC%D0%B8%D1%80'],
    ['/en/a"b', '/en/a%22b'],
  ])('%s -> %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
    expect(canonicalPath(canonical)).toBe(canonical);
  });

  it('leaves every address the app writes as it is', () => {
    for (const p of [
      homePath('en'),
      '/',
      sectionPath('ru', 'world', '1764084242000.9998'),
      tagPath('kk', 'grain-corridor'),
      articlePath({ locale: 'en', sectionSlug: 'world', publishedAt: '2026-11-20T10:00:00.000Z', slug: 'a-b-c' }),
      '/ru/search',
      '/sitemaps/en-1.xml',
      `/ru/${encodeURIComponent('мир')}`,
      "/en/!$&'()*+,;=:@",
    ]) {
      expect(canonicalPath(p)).toBe(p);
    }
  });
});

describe('page addresses', () => {
  it('puts a page at /{lang}/{slug}, whatever its section and date', () => {
    expect(pagePath('en', 'about')).toBe('/en/about');
    expect(articlePath({ locale: 'ru', sectionSlug: 'politics', publishedAt: '2026-11-05T10:00:00Z', slug: 'o-nas', kind: 'page' })).toBe('/ru/o-nas');
    expect(articlePath({ locale: 'ru', sectionSlug: 'politics', publishedAt: '2026-11-05T10:00:00Z', slug: 'o-nas', kind: 'story' })).toBe(
      '/ru/politics/2026/11/o-nas',
    );
  });

  it('keeps the words the site uses under /{lang}/ from pages', () => {
    for (const word of ['section', 'tag', 'author', 'search']) expect(RESERVED_PAGE_SLUGS.has(word)).toBe(true);
    expect(RESERVED_PAGE_SLUGS.has('about')).toBe(false);
  });
});
