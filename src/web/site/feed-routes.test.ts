import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseAtomFeed, parseFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { parseSitemap, parseSitemapIndex, type SitemapItem } from 'sitemap';
import { parseSurrogateKeys, surrogateKey } from '../../content/surrogate-keys.js';
import { articlePath } from '../../content/urls.js';
import { createArticle } from '../../services/article-store.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { growArchive, seededSite, seedShapedArticle, type SeededSite } from '#test/site.js';
import { readXml } from '#test/xml.js';
import { feedRoutes } from './feed-routes.js';

const SITE = 'https://news.example.org';
const HOUR = 3_600_000;

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};
const formatOf = (url: string) => (url.endsWith('atom.xml') ? 'atom' : url.endsWith('.json') ? 'json' : 'rss');

/** A feed, whatever its format, as [guid, link, html] per item, read back with feedsmith's own parsers. */
type Item = { id: string; link: string; html: string; title: string | undefined };
function readFeed(url: string, body: string): Item[] {
  const format = formatOf(url);
  if (format === 'rss') {
    readXml(body);
    return parseRssFeed(body).items?.map((i) => ({ id: i.guid!.value!, link: i.link!, html: i.content?.encoded ?? '', title: i.title! })) ?? [];
  }
  if (format === 'atom') {
    readXml(body);
    return (
      parseAtomFeed(body).entries?.map((e) => ({
        id: e.id!,
        link: e.links!.find((l) => l.rel === 'alternate')!.href!,
        html: e.content?.value ?? '',
        title: e.title?.value,
      })) ?? []
    );
  }
  // An empty feed's `items: []` reads back as no `items` at all.
  return (parseJsonFeed(body).items ?? []).map((i) => ({ id: i.id!, link: i.url!, html: i.content_html ?? '', title: i.title }));
}

const pathOf = (absoluteUrl: string) => {
  expect(absoluteUrl.startsWith(`${SITE}/`)).toBe(true);
  return absoluteUrl.slice(SITE.length);
};

forEachEngine('feeds and sitemaps on %s', (engine) => {
  let s: SeededSite;
  beforeAll(async () => {
    s = await seededSite(engine);
  });
  afterAll(async () => s?.cleanup());

  const now = () => s.deps.clock().toISOString();

  /**
   * What a reader may see, straight from the table: the reference every list is checked against. Sitemaps list pages
   * (About) too; feeds and the news sitemap only stories (`stories`).
   */
  const visibleArticles = async (locale?: string, only?: 'stories') => {
    let q = s.db.kysely
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.id',
        'articles.story_id',
        'articles.locale',
        'articles.slug',
        'articles.published_at',
        'articles.kind',
        'sections.slug as section_slug',
      ])
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<=', now());
    if (locale) q = q.where('articles.locale', '=', locale);
    if (only) q = q.where('articles.kind', '=', 'story');
    const rows = await q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').execute();
    return rows.map((r) => ({
      ...r,
      url: SITE + articlePath({ locale: r.locale, sectionSlug: r.section_slug, publishedAt: r.published_at, slug: r.slug, kind: r.kind }),
    }));
  };

  const get = async (url: string, app: { request(url: string): Response | Promise<Response> } = s.app) => {
    const res = await app.request(url);
    expect(res.status, url).toBe(200);
    return { res, body: await res.text() };
  };

  /** Every URL of every article sitemap the index lists (and the index's own entries). */
  const crawlSitemaps = async (app?: { request(url: string): Response | Promise<Response> }) => {
    const index = await parseSitemapIndex(Readable.from([(await get('/sitemap.xml', app)).body]));
    const files = index.filter((f) => !f.url.endsWith('/news.xml'));
    const urls: (SitemapItem & { file: string })[] = [];
    for (const f of files) {
      const { body } = await get(pathOf(f.url), app);
      readXml(body);
      urls.push(...(await parseSitemap(Readable.from([body]))).map((u) => ({ ...u, file: f.url })));
    }
    return { index, files, urls };
  };

  it('serves every feed with its content type, page cache headers and surrogate keys; feedsmith reads each', async () => {
    const urls = ['/feed.xml', '/atom.xml', '/feed.json', '/en/feed.xml', '/ru/atom.xml', '/ru/feed.json', '/kk/feed.xml', '/kk/atom.xml', '/kk/feed.json'];
    for (const url of urls) {
      const { res, body } = await get(url);
      expect(res.headers.get('content-type'), url).toBe(CONTENT_TYPES[formatOf(url)]);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=86400');
      const locale = url.split('/')[1]!.length === 2 ? url.split('/')[1]! : 'en';
      const items = readFeed(url, body);
      expect(parseFeed(body).format).toBe(formatOf(url));
      const keys = parseSurrogateKeys(res.headers.get('surrogate-key'));
      expect(keys).toEqual(expect.arrayContaining(['site', `l-${locale}`]));
      const expected = (await visibleArticles(locale, 'stories')).slice(0, 50);
      expect(
        items.map((i) => i.id),
        url,
      ).toEqual(expected.map((a) => `${SITE}/a/${a.id}`));
      expect(keys.filter((k) => /^a\d+$/.test(k)).sort()).toEqual(expected.map((a) => `a${a.id}`).sort());
    }
  });

  it('names itself and its page: self links, the default language at the root', async () => {
    const root = parseRssFeed((await get('/feed.xml')).body);
    expect(root.atom?.links?.[0]).toMatchObject({ href: `${SITE}/feed.xml`, rel: 'self' });
    expect(root.language).toBe('en');
    const ru = parseAtomFeed((await get('/ru/atom.xml')).body);
    expect(ru.links).toContainEqual({ href: `${SITE}/ru/atom.xml`, rel: 'self', type: 'application/atom+xml' });
    expect(ru.links).toContainEqual({ href: `${SITE}/ru/`, rel: 'alternate', type: 'text/html', hreflang: 'ru' });
    const json = parseJsonFeed((await get('/ru/feed.json')).body);
    expect(json).toMatchObject({ feed_url: `${SITE}/ru/feed.json`, home_page_url: `${SITE}/ru/`, language: 'ru' });
    expect((await get('/en/')).body).toContain(`<link type="application/rss+xml" rel="alternate" title="Masthead Demo (RSS)" href="${SITE}/en/feed.xml"/>`);
    expect((await get('/ru/')).body).toContain(`href="${SITE}/ru/atom.xml"`);
  });

  it('links every item to an article page that answers 200, and its guid redirects there', async () => {
    for (const url of ['/en/feed.xml', '/ru/atom.xml']) {
      const items = readFeed(url, (await get(url)).body);
      expect(items.length).toBeGreaterThan(10);
      for (const item of items) {
        const path = pathOf(item.link);
        const page = await s.app.request(path);
        expect(page.status, path).toBe(200);
        expect(await page.text()).toContain(`<link rel="canonical" href="${item.link}"/>`);
        const short = await s.app.request(pathOf(item.id));
        expect(short.headers.get('location')).toBe(path);
      }
    }
  });

  it('carries the seed-shaped article in full, with translator, original author, partner and correction, in all three formats', async () => {
    const { id, version, path } = await seedShapedArticle(s);
    for (const url of ['/en/feed.xml', '/en/atom.xml', '/en/feed.json']) {
      const item = readFeed(url, (await get(url)).body).find((i) => i.id === `${SITE}/a/${id}`);
      expect(item, url).toBeDefined();
      expect(item!.link).toBe(SITE + path);
      expect(item!.title).toBe(version.headline);
      expect(item!.html).toMatch(/<strong>Translated by:<\/strong> <a href="https:\/\/news\.example\.org\/en\/author\/madina-ospanova">Madina Ospanova<\/a>/);
      expect(item!.html).toMatch(/<strong>Original author:<\/strong> <a href="[^"]+natalya-grishina">Natalya Grishina<\/a>/);
      expect(item!.html).toContain('<strong>First published by:</strong> <a href="https://vecherny-trakt.example">Vecherny Trakt</a>');
      expect(item!.html).toContain('<h2>Corrections</h2>');
      expect(item!.html).toContain('misstated the length of the planned Kokterek–Valdograd railway');
      expect(item!.html).toContain(`<img src="${SITE}/media/demo/`);
      expect(item!.html).toContain('<blockquote>');
      expect((item!.html.match(/<h2>/g) ?? []).length).toBeGreaterThanOrEqual(8);
    }
    const rss = parseRssFeed((await get('/en/feed.xml')).body).items!.find((i) => i.guid?.value === `${SITE}/a/${id}`)!;
    expect(rss.dc?.creators).toEqual(['Natalya Grishina']);
    expect(rss.dc?.contributors).toEqual(['Madina Ospanova']);
    expect(rss.description).toBe(version.deck);
    const categories = rss.categories!.map((c) => c.name);
    expect(categories[0]).toBe('World');
    expect(categories.slice(1).sort()).toEqual([...version.tags].sort());
    expect(rss.enclosures?.[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/news\.example\.org\/media\/demo\/.+\.svg$/), type: 'image/svg+xml' });
    const json = parseJsonFeed((await get('/en/feed.json')).body).items!.find((i) => i.id === `${SITE}/a/${id}`)!;
    // The correction is the last change: it dates the item's update.
    expect(Date.parse(json.date_modified!)).toBeGreaterThan(Date.parse(json.date_published!));
  });

  it('serves section, tag and author feeds with only their stories; unknown ones are 404', async () => {
    const { path } = await seedShapedArticle(s, 'ru');
    const html = (await get(path)).body;
    const tag = /<a href="\/ru\/tag\/([^"]+)" rel="tag">/.exec(html)![1]!;
    const section = (await get('/ru/section/politics/feed.json')).body;
    const sectionItems = readFeed('feed.json', section);
    expect(sectionItems.length).toBeGreaterThan(0);
    for (const i of sectionItems) expect(i.link).toMatch(/^https:\/\/news\.example\.org\/ru\/politics\//);
    const expectedSection = (await visibleArticles('ru', 'stories')).filter((a) => a.section_slug === 'politics').slice(0, 50);
    expect(sectionItems.map((i) => i.link)).toEqual(expectedSection.map((a) => a.url));

    for (const url of [`/ru/tag/${tag}/feed.xml`, `/ru/tag/${tag}/atom.xml`, '/en/author/madina-ospanova/feed.xml', '/en/section/world/atom.xml']) {
      const { res, body } = await get(url);
      expect(res.headers.get('content-type')).toBe(CONTENT_TYPES[formatOf(url)]);
      expect(readFeed(url, body).length, url).toBeGreaterThan(0);
    }
    expect(readFeed('feed.xml', (await get(`/ru/tag/${tag}/feed.xml`)).body).map((i) => i.link)).toContain(SITE + path);
    expect(parseRssFeed((await get('/en/author/madina-ospanova/feed.xml')).body).title).toBe('Madina Ospanova — Masthead Demo');

    for (const url of [
      '/xx/feed.xml',
      '/de/atom.xml',
      '/en/section/nothing/feed.xml',
      '/ru/tag/no-such-tag/atom.xml',
      '/en/author/nobody-at-all/feed.json',
      '/sitemaps/xx-1.xml',
      '/sitemaps/en-0.xml',
      '/sitemaps/en-999999.xml',
      '/sitemaps/kk-1.xml',
    ]) {
      expect((await s.app.request(url)).status, url).toBe(404);
    }
  });

  it('has robots.txt point at the sitemap index', async () => {
    expect((await get('/robots.txt')).body).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  });

  it('lists every visible article exactly once across the sitemaps, with reciprocal hreflang and a hero image', async () => {
    const { res } = await get('/sitemap.xml');
    expect(res.headers.get('content-type')).toBe(CONTENT_TYPES.xml);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=86400');
    expect(parseSurrogateKeys(res.headers.get('surrogate-key'))).toEqual(['site', 'l-en', 'l-ru', 'l-kk']);
    const { index, files, urls } = await crawlSitemaps();
    expect(index.at(-1)!.url).toBe(`${SITE}/sitemaps/news.xml`);
    expect(files.map((f) => f.url)).toEqual([`${SITE}/sitemaps/en-1.xml`, `${SITE}/sitemaps/ru-1.xml`]);
    for (const f of files) expect(Date.parse(f.lastmod!)).not.toBeNaN();

    const expected = await visibleArticles();
    expect(urls.map((u) => u.url).sort()).toEqual(expected.map((a) => a.url).sort());
    expect(new Set(urls.map((u) => u.url)).size).toBe(urls.length);

    const byUrl = new Map(urls.map((u) => [u.url, u]));
    let linked = 0;
    for (const u of urls) {
      if (u.links.length === 0) continue;
      linked++;
      expect(u.links.filter((l) => l.lang === 'x-default')).toHaveLength(1);
      expect(u.links.map((l) => l.url)).toContain(u.url);
      for (const l of u.links.filter((x) => x.lang !== 'x-default')) {
        expect(byUrl.get(l.url)?.links, `${l.url} links back`).toEqual(u.links);
        expect(l.url).toContain(`${SITE}/${l.lang}/`);
      }
    }
    expect(linked).toBeGreaterThanOrEqual(14);

    // The same links as the article page's <head>.
    const { path } = await seedShapedArticle(s);
    const page = (await get(path)).body;
    const headLinks = [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => ({ lang: m[1], url: m[2] }));
    expect(byUrl.get(SITE + path)!.links).toEqual(headLinks);
    expect(byUrl.get(SITE + path)!.img[0]!.url).toMatch(/^https:\/\/news\.example\.org\/media\/demo\/.+\.svg$/);

    const file = await s.app.request('/sitemaps/en-1.xml');
    const keys = parseSurrogateKeys(file.headers.get('surrogate-key'));
    expect(keys).toEqual(expect.arrayContaining(['site', 'l-en', 'l-ru', 'l-kk']));
    const enIds = (await visibleArticles('en')).map((a) => `a${a.id}`);
    expect(keys.filter((k) => /^a\d+$/.test(k)).sort()).toEqual(enIds.sort());
  });

  it('splits the archive into numbered files that never exceed the limit and cover it exactly once', async () => {
    const small = feedRoutes(s.deps, s.site, { sitemapSpan: 7 });
    const { files, urls } = await crawlSitemaps(small);
    const expected = await visibleArticles();
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) expect(f.url).toMatch(/^https:\/\/news\.example\.org\/sitemaps\/(en|ru)-\d+\.xml$/);
    const perFile = new Map<string, number>();
    for (const u of urls) perFile.set(u.file, (perFile.get(u.file) ?? 0) + 1);
    for (const [file, n] of perFile) {
      expect(n, file).toBeGreaterThan(0);
      expect(n, file).toBeLessThanOrEqual(7);
    }
    expect(urls.map((u) => u.url).sort()).toEqual(expected.map((a) => a.url).sort());
    // Hreflang is the same whichever file a version landed in.
    const { urls: whole } = await crawlSitemaps();
    const linksOf = new Map(whole.map((u) => [u.url, u.links]));
    for (const u of urls) expect(u.links).toEqual(linksOf.get(u.url));
  });

  it('puts only the last 48 hours in the news sitemap, with publication, language, date and title', async () => {
    const { res, body } = await get('/sitemaps/news.xml');
    expect(res.headers.get('content-type')).toBe(CONTENT_TYPES.xml);
    const items = await parseSitemap(Readable.from([body]));
    const since = Date.parse(now()) - 48 * HOUR;
    const expected = (await visibleArticles(undefined, 'stories')).filter((a) => Date.parse(a.published_at!) > since);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan((await visibleArticles(undefined, 'stories')).length);
    expect(items.map((i) => i.url)).toEqual(expected.map((a) => a.url));
    const headlines = new Map(
      (
        await s.db.kysely
          .selectFrom('articles')
          .select(['id', 'headline'])
          .where(
            'id',
            'in',
            expected.map((a) => a.id),
          )
          .execute()
      ).map((r) => [r.id, r.headline]),
    );
    items.forEach((item, i) => {
      expect(item.news).toEqual({
        publication: { name: 'Masthead Demo', language: expected[i]!.locale },
        publication_date: expected[i]!.published_at,
        title: headlines.get(expected[i]!.id),
      });
    });
    const keys = parseSurrogateKeys(res.headers.get('surrogate-key'));
    expect(keys.filter((k) => /^a\d+$/.test(k)).sort()).toEqual(expected.map((a) => `a${a.id}`).sort());

    // Two days on, with nothing new, the news sitemap is an empty urlset and the index still lists it.
    const before = now();
    s.deps.setNow(new Date(Date.parse(before) + 72 * HOUR).toISOString());
    try {
      const later = (await get('/sitemaps/news.xml')).body;
      expect(readXml(later).root).toBe('urlset');
      expect(await parseSitemap(Readable.from([later]))).toEqual([]);
      const index = await parseSitemapIndex(Readable.from([(await get('/sitemap.xml')).body]));
      expect(index.at(-1)).toEqual({ url: `${SITE}/sitemaps/news.xml` });
    } finally {
      s.deps.setNow(before);
    }
  });

  it('costs the same number of queries for a feed and a sitemap whatever the size of the archive', async () => {
    const urls = [
      '/feed.xml',
      '/en/section/politics/atom.xml',
      '/en/author/madina-ospanova/feed.json',
      '/sitemaps/en-1.xml',
      '/sitemap.xml',
      '/sitemaps/news.xml',
    ];
    const count = async () => {
      // From nothing kept: the feeds keep their stories until a change (services/feed-pages.ts).
      await s.deps.changes.publish(['*']);
      const counts: Record<string, number> = {};
      for (const url of urls) {
        s.queries.count = 0;
        expect((await s.app.request(url)).status, url).toBe(200);
        counts[url] = s.queries.count;
      }
      return counts;
    };
    const before = await count();
    await growArchive(s);
    const after = await count();
    expect(after).toEqual(before);
    expect(before).toEqual({
      '/feed.xml': 5,
      '/en/section/politics/atom.xml': 6,
      '/en/author/madina-ospanova/feed.json': 6,
      '/sitemaps/en-1.xml': 2,
      '/sitemap.xml': 2,
      '/sitemaps/news.xml': 1,
    });
    // The feed is full now: the 50 newest.
    expect(readFeed('/feed.xml', (await get('/feed.xml')).body)).toHaveLength(50);
  });

  it('never shows drafts, unpublished or embargoed stories in feeds or sitemaps', async () => {
    const section = (await k().selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow()).id;
    const make = (headline: string, extra: Record<string, unknown>) =>
      createArticle(s.deps, { locale: 'en', headline, body: { type: 'doc', content: [] }, sectionId: section, ...extra });
    const soon = new Date(Date.parse(now()) + HOUR).toISOString();
    const hidden = [
      await make('Hidden draft story', { status: 'draft' }),
      await make('Hidden embargoed story', { status: 'published', publishedAt: soon }),
      await make('Hidden withdrawn story', { status: 'unpublished', publishedAt: new Date(Date.parse(now()) - HOUR).toISOString() }),
    ];
    const shown = await make('Shown fresh story', { status: 'published', publishedAt: new Date(Date.parse(now()) - 60_000).toISOString() });
    const check = async () => {
      const seen = new Set<string>();
      for (const url of ['/en/feed.xml', '/en/atom.xml', '/en/feed.json', '/en/section/politics/feed.xml']) {
        for (const i of readFeed(url, (await get(url)).body)) seen.add(i.id);
      }
      const { urls } = await crawlSitemaps();
      const news = await parseSitemap(Readable.from([(await get('/sitemaps/news.xml')).body]));
      const titles = news.map((n) => n.news!.title);
      return { seen, sitemap: urls.map((u) => u.url), titles };
    };
    const { seen, sitemap, titles } = await check();
    for (const id of hidden) expect(seen.has(`${SITE}/a/${id}`)).toBe(false);
    expect(seen.has(`${SITE}/a/${shown}`)).toBe(true);
    expect(sitemap.filter((u) => u.includes('hidden-'))).toEqual([]);
    expect(sitemap.some((u) => u.endsWith('/shown-fresh-story'))).toBe(true);
    expect(titles.filter((t) => t.startsWith('Hidden'))).toEqual([]);
    expect(titles[0]).toBe('Shown fresh story');

    // When the embargo passes, the story appears.
    const before = now();
    s.deps.setNow(new Date(Date.parse(soon) + 1000).toISOString());
    // What the embargo watch (services/embargo-watch.ts) announces when that moment comes.
    await s.deps.changes.publish([surrogateKey.locale('en')]);
    try {
      const later = await check();
      expect(later.seen.has(`${SITE}/a/${hidden[1]}`)).toBe(true);
      expect(later.seen.has(`${SITE}/a/${hidden[0]}`)).toBe(false);
      expect(later.sitemap.some((u) => u.endsWith('/hidden-embargoed-story'))).toBe(true);
      expect(later.titles).toContain('Hidden embargoed story');
    } finally {
      s.deps.setNow(before);
    }
  });

  it("reads a feed's stories once for its three formats and the root copy, until a change touches them", async () => {
    const read = async (url: string) => {
      s.queries.count = 0;
      const res = await s.app.request(url);
      expect(res.status, url).toBe(200);
      return { queries: s.queries.count, items: readFeed(url, await res.text()) };
    };
    await s.deps.changes.publish(['*']);
    const first = await read('/en/feed.xml');
    expect(first.queries).toBeGreaterThan(0);
    for (const url of ['/en/atom.xml', '/en/feed.json', '/feed.xml', '/feed.json']) {
      const again = await read(url);
      expect(again.queries, url).toBe(0);
      expect(again.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    }
    // A publish announces its language: the next read sees the new story.
    const id = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Kept feeds see a new story',
      body: { type: 'doc', content: [] },
      sectionId: (await k().selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow()).id,
      status: 'published',
    });
    const after = await read('/en/atom.xml');
    expect(after.queries).toBeGreaterThan(0);
    expect(after.items[0]!.id).toBe(`${SITE}/a/${id}`);
    // Another language's change leaves it kept.
    await s.deps.changes.publish([surrogateKey.locale('ru')]);
    expect((await read('/en/feed.json')).queries).toBe(0);
  });

  const k = () => s.db.kysely;
});
