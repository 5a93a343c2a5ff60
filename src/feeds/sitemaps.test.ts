import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import { readXml } from '#test/xml.js';
import { hreflangAlternates, inNewsWindow, planSitemapFiles, SITEMAP_MAX_URLS, sitemapFileOf, sitemapFileRange, type Version } from './sitemap-plan.js';
import { articleSitemapXml, newsSitemapXml, sitemapIndexXml, type SitemapUrl } from './sitemap-xml.js';

const SITE = 'https://news.example.org';
const parse = (xml: string) => parseSitemap(Readable.from([xml]));
const parseIndex = (xml: string) => parseSitemapIndex(Readable.from([xml]));

describe('splitting the archive into sitemap files', () => {
  it('maps ids to files of `span` ids and back', () => {
    expect([1, 2, 3, 4, 6, 7].map((id) => sitemapFileOf(id, 3))).toEqual([1, 1, 1, 2, 2, 3]);
    expect(sitemapFileRange(1, 3)).toEqual({ afterId: 0, throughId: 3 });
    expect(sitemapFileRange(3, 3)).toEqual({ afterId: 6, throughId: 9 });
    for (let id = 1; id <= 50; id++) {
      const { afterId, throughId } = sitemapFileRange(sitemapFileOf(id, 7), 7);
      expect(id > afterId && id <= throughId).toBe(true);
    }
    expect(() => sitemapFileOf(1, 0)).toThrow(RangeError);
    expect(() => sitemapFileOf(1, SITEMAP_MAX_URLS + 1)).toThrow(RangeError);
    expect(() => sitemapFileRange(0, 3)).toThrow(RangeError);
  });

  it('puts every article in exactly one file, no file over the limit, files only where there are articles', () => {
    const locales = ['en', 'ru', 'kk'];
    // ids 1..23, alternating languages, with a gap (ids 10..15 are drafts, not given) and an unknown language.
    const articles = [...Array(23).keys()]
      .map((i) => i + 1)
      .filter((id) => id < 10 || id > 15)
      .map((id) => ({ id, locale: id === 20 ? 'de' : id % 2 ? 'en' : 'ru', updatedAt: `2026-11-${String(id).padStart(2, '0')}T00:00:00.000Z` }));
    const span = 4;
    const files = planSitemapFiles(articles, span, locales);
    expect(files.map((f) => `${f.locale}-${f.n}`)).toEqual(['en-1', 'en-2', 'en-3', 'en-5', 'en-6', 'ru-1', 'ru-2', 'ru-4', 'ru-5', 'ru-6']);
    const placed = new Map<number, string>();
    for (const f of files) {
      const { afterId, throughId } = sitemapFileRange(f.n, span);
      const inFile = articles.filter((a) => a.locale === f.locale && a.id > afterId && a.id <= throughId);
      expect(inFile.length).toBeGreaterThan(0);
      expect(inFile.length).toBeLessThanOrEqual(span);
      expect(f.lastmod).toBe(
        inFile
          .map((a) => a.updatedAt)
          .sort()
          .at(-1),
      );
      for (const a of inFile) {
        expect(placed.has(a.id)).toBe(false);
        placed.set(a.id, `${f.locale}-${f.n}`);
      }
    }
    expect([...placed.keys()].sort((x, y) => x - y)).toEqual(articles.filter((a) => a.locale !== 'de').map((a) => a.id));
  });

  it('refuses to write a file over 50,000 URLs or an empty one', async () => {
    const url: SitemapUrl = { url: `${SITE}/en/x`, lastmod: '2026-11-20T00:00:00.000Z', alternates: [], image: null };
    await expect(articleSitemapXml(Array(SITEMAP_MAX_URLS + 1).fill(url))).rejects.toThrow(/at most 50000/);
    await expect(articleSitemapXml([])).rejects.toThrow(RangeError);
  });
});

describe('hreflang alternates', () => {
  const v = (id: number, locale: string, publishedAt: string): Version => ({ id, locale, url: `${SITE}/${locale}/s/${id}`, publishedAt });

  it('are the same set for every version, with x-default on the default language', () => {
    const versions = [v(5, 'ru', '2026-11-19T00:00:00Z'), v(9, 'en', '2026-11-20T00:00:00Z'), v(12, 'kk', '2026-11-18T00:00:00Z')];
    expect(hreflangAlternates(versions, 'en')).toEqual([
      { hreflang: 'en', url: `${SITE}/en/s/9` },
      { hreflang: 'kk', url: `${SITE}/kk/s/12` },
      { hreflang: 'ru', url: `${SITE}/ru/s/5` },
      { hreflang: 'x-default', url: `${SITE}/en/s/9` },
    ]);
    expect(hreflangAlternates([...versions].reverse(), 'en')).toEqual(hreflangAlternates(versions, 'en'));
  });

  it('fall back to the first published version for x-default, and are empty for a single version', () => {
    expect(hreflangAlternates([v(5, 'ru', '2026-11-19T00:00:00Z'), v(3, 'kk', '2026-11-19T00:00:00Z')], 'en').at(-1)).toEqual({
      hreflang: 'x-default',
      url: `${SITE}/kk/s/3`,
    });
    expect(hreflangAlternates([v(5, 'ru', '2026-11-19T00:00:00Z')], 'en')).toEqual([]);
  });
});

describe('article sitemap', () => {
  const urls: SitemapUrl[] = [
    {
      url: `${SITE}/en/world/2026/11/summit`,
      lastmod: '2026-11-20T10:30:00.000Z',
      alternates: [
        { hreflang: 'en', url: `${SITE}/en/world/2026/11/summit` },
        { hreflang: 'ru', url: `${SITE}/ru/world/2026/11/sammit` },
        { hreflang: 'x-default', url: `${SITE}/en/world/2026/11/summit` },
      ],
      image: { url: `${SITE}/media/demo/summit.svg`, caption: 'Делегации <и> «флаги» & камеры' },
    },
    { url: `${SITE}/en/economy/2026/11/wheat?from=a&b=c`, lastmod: '2026-11-19T08:00:00.000Z', alternates: [], image: null },
  ];

  it('writes urls with lastmod, xhtml:link alternates and image:image, escaped, and parses back', async () => {
    const xml = await articleSitemapXml(urls);
    const { root, elements } = readXml(xml);
    expect(root).toBe('urlset');
    expect(elements.filter((e) => e.name === 'xhtml:link').map((e) => e.uri)).toEqual(Array(3).fill('http://www.w3.org/1999/xhtml'));
    expect(elements.find((e) => e.name === 'image:image')?.uri).toBe('http://www.google.com/schemas/sitemap-image/1.1');
    expect(xml).toContain('wheat?from=a&amp;b=c');
    expect(xml).not.toContain('xmlns:news');
    const parsed = await parse(xml);
    expect(parsed.map((u) => u.url)).toEqual(urls.map((u) => u.url));
    expect(parsed[0]!.lastmod).toBe('2026-11-20T10:30:00.000Z');
    expect(parsed[0]!.links).toEqual(urls[0]!.alternates.map((a) => ({ lang: a.hreflang, url: a.url })));
    expect(parsed[0]!.img).toEqual([{ url: `${SITE}/media/demo/summit.svg`, caption: 'Делегации <и> «флаги» & камеры' }]);
    expect(parsed[1]!.links).toEqual([]);
  });
});

describe('sitemap index', () => {
  it('lists the files with their lastmod', async () => {
    const xml = await sitemapIndexXml([
      { url: `${SITE}/sitemaps/en-1.xml`, lastmod: '2026-11-20T10:30:00.000Z' },
      { url: `${SITE}/sitemaps/news.xml`, lastmod: null },
    ]);
    expect(readXml(xml).root).toBe('sitemapindex');
    expect(await parseIndex(xml)).toEqual([{ url: `${SITE}/sitemaps/en-1.xml`, lastmod: '2026-11-20T10:30:00.000Z' }, { url: `${SITE}/sitemaps/news.xml` }]);
  });
});

describe('Google News sitemap', () => {
  const now = '2026-11-20T12:00:00.000Z';
  const at = (hoursAgo: number) => new Date(Date.parse(now) - hoursAgo * 3_600_000).toISOString();
  const item = (slug: string, hoursAgo: number, locale = 'en', title = slug) => ({
    url: `${SITE}/${locale}/world/2026/11/${slug}`,
    locale,
    title,
    publishedAt: at(hoursAgo),
    image: null,
  });

  it('keeps only the last 48 hours (not the future), newest first', async () => {
    expect(inNewsWindow(at(47.99), now)).toBe(true);
    expect(inNewsWindow(at(0), now)).toBe(true);
    expect(inNewsWindow(at(48), now)).toBe(false);
    expect(inNewsWindow(at(-1), now)).toBe(false);
    const xml = await newsSitemapXml({
      publicationName: 'Masthead & Co',
      now,
      items: [item('old', 49), item('fresh', 2), item('embargoed', -3), item('edge', 47.5, 'ru', 'Саммит <в> Астане & «после»')],
    });
    const parsed = await parse(xml);
    expect(parsed.map((u) => u.url.split('/').pop())).toEqual(['fresh', 'edge']);
    expect(parsed[1]!.news).toEqual({
      publication: { name: 'Masthead & Co', language: 'ru' },
      publication_date: at(47.5),
      title: 'Саммит <в> Астане & «после»',
    });
    const { elements } = readXml(xml);
    expect(elements.find((e) => e.name === 'news:news')?.uri).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(xml).toContain('<news:title>Саммит &lt;в&gt; Астане &amp; «после»</news:title>');
  });

  it('writes a hostile title and image caption as escaped text that reads back as it was', async () => {
    const HOSTILE = 'A <script>alert(1)</script> ]]> & B';
    const xml = await newsSitemapXml({
      publicationName: `Masthead ${HOSTILE}`,
      now,
      items: [{ ...item('hostile', 1, 'en', `Title ${HOSTILE}`), image: { url: `${SITE}/media/x.png`, caption: `Caption ${HOSTILE}` } }],
    });
    readXml(xml);
    expect(xml).not.toMatch(/<script/i);
    const [u] = await parse(xml);
    expect([u!.news?.title, u!.news?.publication.name, u!.img?.[0]?.caption]).toEqual([`Title ${HOSTILE}`, `Masthead ${HOSTILE}`, `Caption ${HOSTILE}`]);
  });

  it('shortens titles over 200 characters and stays a urlset when the window is empty', async () => {
    const long = await parse(await newsSitemapXml({ publicationName: 'M', now, items: [item('long', 1, 'en', 'word '.repeat(60))] }));
    expect(long[0]!.news!.title.length).toBeLessThanOrEqual(200);
    const empty = await newsSitemapXml({ publicationName: 'M', now, items: [item('old', 50)] });
    expect(readXml(empty).root).toBe('urlset');
    expect(await parse(empty)).toEqual([]);
  });
});
