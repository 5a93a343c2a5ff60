import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../src/db/load-article.js';
import { pgChangeBus } from '../src/db/pg-change-bus.js';
import { addCorrection, createArticle, updateArticle } from '../src/services/article-store.js';
import { watchEmbargoes } from '../src/services/embargo-watch.js';
import { cachedSite, type CachedSite } from './support/cached-site.js';
import { editOf } from './support/article-input.js';
import { growArchive } from './support/site.js';
import { openDb, PG_URL } from './support/databases.js';
import { forEachEngine, pgUp } from './support/for-each-engine.js';
import { testDeps } from './support/fixtures.js';
import { waitFor } from './support/wait-for.js';

const asInput = (s: CachedSite, id: number, patch: Record<string, unknown> = {}) => editOf(s.db, id, patch);

const pathOf = async (s: CachedSite, id: number) => (await s.get(`/a/${id}`)).headers.location!;

describe('page cache over HTTP', () => {
  let s: CachedSite;
  beforeAll(async () => {
    s = await cachedSite();
  });
  afterAll(async () => s?.close());

  it('serves a hit from memory with the negotiated encoding, ETag, Vary, Surrogate-Key and s-maxage', async () => {
    const miss = await s.get('/en/');
    expect(miss.status).toBe(200);
    expect(miss.headers['x-cache']).toBeUndefined();
    await s.cache.idle();
    const identity = await s.get('/en/');
    expect(identity.headers['x-cache']).toBe('HIT');
    expect(identity.body.equals(miss.body)).toBe(true);
    const br = await s.get('/en/', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(miss.body)).toBe(true);
    const gz = await s.get('/en/', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(miss.body)).toBe(true);
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(br.headers['surrogate-key']).toMatch(/\bl-en\b/);
    expect(br.headers['surrogate-key']).toMatch(/\ba\d+\b/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
  });

  it('answers If-None-Match with 304 for any encoding of the page, and HEAD with headers only', async () => {
    await s.get('/ru/');
    await s.cache.idle();
    const full = await s.get('/ru/', { 'accept-encoding': 'br' });
    const etag = full.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    const notModified = await s.get('/ru/', { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect((await s.get('/ru/', { 'if-none-match': '"something-else"' })).status).toBe(200);
    const head = await s.get('/ru/', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String((await s.get('/ru/', { 'accept-encoding': 'gzip' })).body.length));
    expect(head.body.length).toBe(0);
  });

  it('never caches what must stay dynamic: search, errors, redirects, query strings', async () => {
    for (const url of ['/en/search?q=rail', '/en/no/such/page/here', '/a/1', '/en/?utm_source=x', '/healthz']) {
      await s.get(url);
      await s.get(url);
    }
    await s.cache.idle();
    for (const url of ['/en/search', '/en/no/such/page/here', '/a/1', '/en/?utm_source=x', '/healthz']) expect(s.cache.has(url)).toBe(false);
  });
});

/** `count` spellings of `path` other than its own: each letter as itself, %XX or %xx (when they differ), counting up. */
function percentAliases(path: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 1; out.length < count; i++) {
    let n = i;
    const spelled = path.replace(/[a-z]/g, (ch) => {
      const hex = ch.charCodeAt(0).toString(16);
      const ways = [...new Set([ch, `%${hex.toUpperCase()}`, `%${hex}`])];
      const way = ways[n % ways.length]!;
      n = Math.floor(n / ways.length);
      return way;
    });
    if (n > 0) throw new Error(`${path} has too few letters for ${count} aliases`);
    out.push(spelled);
  }
  return out;
}

const keysOf = (s: CachedSite) => [...(s.cache['pages'] as Map<string, unknown>).keys()].sort();
const olderLink = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1] ?? null;

describe('one cache entry per page, and its ETag from the first response', () => {
  let s: CachedSite;
  let article: string;
  beforeAll(async () => {
    s = await cachedSite();
    // Enough stories for older pages (the demo's lists fit on one).
    await growArchive(s, 3);
    const row = await s.db.kysely
      .selectFrom('articles')
      .select('id')
      .where('locale', '=', 'en')
      .where('status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    article = (await s.get(`/a/${row.id}`)).headers.location!;
  });
  afterAll(async () => s?.close());

  // Regression (review item 12): a miss was sent without an ETag, so a feed reader's first conditional GET failed.
  it('sends the ETag on the first response of a feed and of a page, the one its hits send, and answers 304 to it', async () => {
    for (const url of ['/feed.xml', article]) {
      const first = await s.get(url);
      expect(first.status, url).toBe(200);
      expect(first.headers['x-cache'], url).toBeUndefined();
      const etag = first.headers.etag!;
      expect(etag, url).toMatch(/^"[\w-]{20}"$/);
      expect(first.headers.vary, url).toBe('Accept-Encoding');
      await s.cache.idle();
      const hit = await s.get(url);
      expect(hit.headers['x-cache'], url).toBe('HIT');
      expect(hit.headers.etag, url).toBe(etag);
      expect(hit.body.equals(first.body), url).toBe(true);
      const conditional = await s.get(url, { 'if-none-match': etag });
      expect(conditional.status, url).toBe(304);
      // The app itself (the miss path, which the fast path falls back to) answers the same conditional GET with 304.
      const miss = await s.app.request(url, { headers: { 'if-none-match': etag } });
      expect(miss.status, url).toBe(304);
      expect(miss.headers.get('etag'), url).toBe(etag);
      expect(await miss.text(), url).toBe('');
      const other = await s.app.request(url, { headers: { 'if-none-match': '"not-this-one"' } });
      expect(other.status, url).toBe(200);
      expect(other.headers.get('etag'), url).toBe(etag);
    }
  });

  // Regression (review item 9): every other spelling of a page's address answered 200 and got a cache entry of its
  // own, so a crawler could push the hot pages out and make every invalidation re-render its aliases.
  it('answers 1,000 aliases of cached pages with a 301 to the page or a 404, and stores none of them', async () => {
    const politics = '/en/section/politics';
    const home = await s.get(politics);
    const cursor = olderLink(home.body.toString('utf8'))!;
    expect(cursor).toMatch(/^\/en\/section\/politics\/before\/\d+\.\d+$/);
    const [ms, id] = cursor.split('/').pop()!.split('.').map(Number) as [number, number];
    const canonical = ['/en/', '/en/section/world', '/feed.xml', article, politics, cursor];
    for (const url of canonical) expect((await s.get(url)).status, url).toBe(200);
    await s.cache.idle();
    const before = keysOf(s);
    for (const url of canonical) expect(before, url).toContain(url);

    const moved: [string, string][] = [
      ...percentAliases('/en/section/world', 400).map((a) => [a, '/en/section/world'] as [string, string]),
      ...percentAliases(article, 150).map((a) => [a, article] as [string, string]),
      ...percentAliases('/feed.xml', 100).map((a) => [a, '/feed.xml'] as [string, string]),
      ...Array.from({ length: 50 }, (_, i) => [i === 0 ? '/en/./' : `/en/x${i}/../`, '/en/'] as [string, string]),
      ...Array.from({ length: 100 }, (_, i) => [`/en/section/./x${i}/../world`, '/en/section/world'] as [string, string]),
    ];
    const missing = [
      ...Array.from({ length: 100 }, (_, i) => `${politics}/before/${ms - (i + 1) * 1000}.${id + i + 1}`),
      ...Array.from({ length: 25 }, (_, i) => `${politics}/before/${'0'.repeat(i + 1)}${ms}.${id}`),
      ...Array.from({ length: 25 }, (_, i) => `${politics}/before/${ms}.${'0'.repeat(i + 1)}${id}`),
    ];
    const queries = Array.from({ length: 50 }, (_, i) => `/en/section/world?utm_source=crawler-${i}`);
    expect(new Set([...moved.map(([a]) => a), ...missing, ...queries]).size).toBe(1000);

    const answers = new Map<string, { status: number; location?: string; cache?: string }>();
    for (const url of [...moved.map(([a]) => a), ...missing, ...queries]) {
      const res = await s.get(url);
      answers.set(url, { status: res.status, location: res.headers.location, cache: res.headers['x-cache'] as string | undefined });
    }
    await s.cache.idle();
    expect(keysOf(s)).toEqual(before);
    for (const [alias, to] of moved) expect(answers.get(alias), alias).toEqual({ status: 301, location: to });
    for (const url of missing) expect(answers.get(url)!.status, url).toBe(404);
    // A query string the page ignores is served from the page's own entry.
    for (const url of queries) expect(answers.get(url), url).toEqual({ status: 200, cache: 'HIT' });
  });

  it('keeps serving and caching the pages the app links to, older pages included', async () => {
    const visited: string[] = [];
    for (let url: string | null = '/en/section/politics'; url;) {
      const res = await s.get(url);
      expect(res.status, url).toBe(200);
      visited.push(url);
      url = olderLink(res.body.toString('utf8'));
    }
    expect(visited.length).toBeGreaterThan(1);
    await s.cache.idle();
    for (const url of visited) expect(s.cache.has(url), url).toBe(true);
  });

  it('renders a query string the cache has not seen once, under the path, and never under a key of its own', async () => {
    const url = '/en/section/economy';
    const first = await s.get(`${url}?utm_source=newsletter`);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBeUndefined();
    await s.cache.idle();
    expect(s.cache.has(url)).toBe(true);
    const again = await s.get(`${url}?utm_source=social`);
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(keysOf(s).filter((k) => k.includes('?'))).toEqual([]);
  });

  // Checked, and left as they are: none of these is a page, so none can be cached.
  it.each(['/EN/', '/En/section/world', '/en/section/world/', '/en//section/world', '//en/section/world', '/en/section/World'])(
    '%s is not a page (404)',
    async (url) => {
      const before = keysOf(s);
      expect((await s.get(url)).status).toBe(404);
      await s.cache.idle();
      expect(keysOf(s)).toEqual(before);
    },
  );
});

forEachEngine('invalidation on %s', (engine) => {
  let s: CachedSite;
  let enId: number;
  let ruOnly: string[];
  const warm = async (urls: string[]) => {
    for (const u of urls) await s.get(u);
    await s.cache.idle();
    for (const u of urls) expect(s.cache.has(u), u).toBe(true);
    s.rendered.length = 0;
  };

  beforeAll(async () => {
    s = await cachedSite({ engine });
    const row = await s.db.kysely.selectFrom('articles').select('id').where('locale', '=', 'en').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
    enId = row.id;
    // Russian stories with no English version: nothing an English edit or publish does may touch them.
    const ruRows = await s.db.kysely
      .selectFrom('articles as ru')
      .select('ru.id')
      .where('ru.locale', '=', 'ru')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('articles as en').select('en.id').whereRef('en.story_id', '=', 'ru.story_id').where('en.locale', '=', 'en'))),
      )
      .orderBy('ru.published_at', 'desc')
      .limit(2)
      .execute();
    ruOnly = ['/ru/', ...(await Promise.all(ruRows.map((r) => pathOf(s, r.id))))];
  });
  afterAll(async () => s?.close());

  it('an edit re-renders exactly the pages that show the article', async () => {
    const enPath = await pathOf(s, enId);
    const a = (await loadArticle(s.db.kysely, enId))!;
    const sectionPage = `/en/section/${a.section.slug}`;
    await warm(['/en/', enPath, sectionPage, ...ruOnly]);
    const { base, input } = await asInput(s, enId, { headline: 'A corrected headline for the cache test' });
    await updateArticle(s.deps, enId, input, base);
    await s.cache.idle();
    for (const u of ['/en/', enPath, sectionPage]) {
      expect(await s.text(u), u).toContain('A corrected headline for the cache test');
    }
    expect(s.rendered).toEqual(expect.arrayContaining(['/en/', enPath, sectionPage]));
    for (const u of ruOnly) expect(s.rendered, u).not.toContain(u);
    for (const u of ruOnly) expect(s.cache.has(u), u).toBe(true);
  });

  it('20 readers of a stale page that nobody re-rendered yet get the stale copy or the new one, and it renders once', async () => {
    const a = (await loadArticle(s.db.kysely, enId))!;
    const tagPage = `/en/tag/${a.tags[0]!.slug}`;
    await warm([tagPage]);
    const old = (await s.get(tagPage)).headers.etag;
    const { base, input } = await asInput(s, enId, { headline: 'A headline twenty readers wait for' });
    await updateArticle(s.deps, enId, input, base);
    await s.cache.idle();
    // Not what readers read first: still stale, until asked for.
    expect(s.rendered).not.toContain(tagPage);
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.get(tagPage)));
    expect(answers[0]!.headers['x-cache']).toBe('STALE');
    expect(answers[0]!.headers.etag).toBe(old);
    for (const r of answers) expect(['STALE', 'HIT'], r.headers['x-cache'] as string).toContain(r.headers['x-cache']);
    await s.cache.idle();
    expect(s.rendered.filter((u) => u === tagPage)).toEqual([tagPage]);
    expect((await s.get(tagPage)).headers['x-cache']).toBe('HIT');
    expect(await s.text(tagPage)).toContain('A headline twenty readers wait for');
  });

  it('a correction shows on the story at once', async () => {
    const enPath = await pathOf(s, enId);
    await warm([enPath, ...ruOnly]);
    await addCorrection(s.deps, enId, 'A cache-test correction: the date was wrong.');
    await s.cache.idle();
    expect(await s.text(enPath)).toContain('A cache-test correction');
    for (const u of ruOnly) expect(s.rendered).not.toContain(u);
  });

  it('a publish reaches the home page of its language and no other language', async () => {
    await warm(['/en/', ...ruOnly]);
    const a = (await loadArticle(s.db.kysely, enId))!;
    const id = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Freshly published for the cache test',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body.' }] }] },
      sectionId: a.section.id,
      status: 'published',
    });
    await s.cache.idle();
    expect(await s.text('/en/')).toContain('Freshly published for the cache test');
    expect((await s.get(await pathOf(s, id))).status).toBe(200);
    for (const u of ruOnly) expect(s.rendered).not.toContain(u);
  });

  it('an unpublish turns the cached story into a 410 and takes it off the home page', async () => {
    const enPath = await pathOf(s, enId);
    await warm(['/en/', enPath]);
    const { base, input } = await asInput(s, enId, { status: 'unpublished' });
    await updateArticle(s.deps, enId, input, base);
    // Dropped with the save's announcement, not served stale while it re-renders.
    expect(s.cache.has(enPath)).toBe(false);
    expect(s.cache.has('/en/')).toBe(false);
    expect((await s.get(enPath)).status).toBe(410);
    await s.cache.idle();
    expect((await s.get(enPath)).status).toBe(410);
    expect(await s.text('/en/')).not.toContain(`href="${enPath}"`);
    expect(s.cache.has(enPath)).toBe(false);
  });
});

describe('invalidating less', () => {
  it('one publish on the warmed demo re-renders at once only home, section fronts and feeds; the other pages it touches stay stale', async () => {
    const s = await cachedSite();
    try {
      // Every page the English home page links to, and the feed.
      const home = await s.text('/en/');
      const links = [...new Set([...home.matchAll(/href="(\/en\/[^"#?]*)"/g)].map((m) => m[1]!))];
      const pages = ['/en/', '/feed.xml', ...links];
      for (const u of pages) await s.get(u);
      await s.cache.idle();
      const cached = s.cache.stats().pages;
      expect(cached).toBeGreaterThan(20);
      s.rendered.length = 0;
      const section = await s.db.kysely.selectFrom('sections').select('id').executeTakeFirstOrThrow();
      await createArticle(s.deps, {
        locale: 'en',
        headline: 'Published to count the invalidated pages',
        body: { type: 'doc', content: [] },
        sectionId: section.id,
        status: 'published',
      });
      await s.cache.idle();
      const { stale, pages: after } = s.cache.stats();
      expect(after).toBe(cached);
      for (const u of s.rendered) expect(u).toMatch(/^\/en\/(section\/[a-z0-9-]+)?$|^\/feed\.xml$/);
      expect(s.rendered.length).toBeLessThanOrEqual(10);
      expect(stale).toBeGreaterThan(cached / 2);
      expect(await s.text('/en/')).toContain('Published to count the invalidated pages');
    } finally {
      await s.close();
    }
  });

  // Regression (issue 16): the sitemap index groups every visible story, 60 ms of the serving thread at 100,000
  // stories on SQLite, and was re-rendered at every publish although crawlers read it now and then.
  it('a publish leaves the sitemap index and the article sitemaps stale until asked, and re-renders the news sitemap at once', async () => {
    const s = await cachedSite();
    try {
      const sitemaps = ['/sitemap.xml', '/sitemaps/en-1.xml', '/sitemaps/news.xml'];
      for (const u of sitemaps) expect((await s.get(u)).status, u).toBe(200);
      await s.cache.idle();
      s.rendered.length = 0;
      const section = await s.db.kysely.selectFrom('sections').select('id').executeTakeFirstOrThrow();
      await createArticle(s.deps, {
        locale: 'en',
        headline: 'Published to see which sitemaps wait',
        body: { type: 'doc', content: [] },
        sectionId: section.id,
        status: 'published',
      });
      await s.cache.idle();
      expect(s.rendered).toContain('/sitemaps/news.xml');
      expect(s.rendered).not.toContain('/sitemap.xml');
      expect(s.rendered).not.toContain('/sitemaps/en-1.xml');
      // Asked for, each is answered at once from its stale copy and then replaced; the next answer names the story.
      for (const u of ['/sitemap.xml', '/sitemaps/en-1.xml']) {
        expect((await s.get(u)).headers['x-cache'], u).toBe('STALE');
        await s.cache.idle();
        const fresh = await s.get(u);
        expect(fresh.headers['x-cache'], u).toBe('HIT');
        expect(s.rendered, u).toContain(u);
      }
      expect(await s.text('/sitemaps/en-1.xml')).toContain('published-to-see-which-sitemaps-wait');
    } finally {
      await s.close();
    }
  });
});

describe('embargoes', () => {
  it('a story published with a future time appears on the cached home page when the time comes, with no save', async () => {
    const s = await cachedSite();
    const watch = watchEmbargoes(s.deps, ['en', 'ru', 'kk']);
    try {
      await s.get('/en/');
      await s.cache.idle();
      const section = await s.db.kysely.selectFrom('sections').select('id').executeTakeFirstOrThrow();
      await createArticle(s.deps, {
        locale: 'en',
        headline: 'Embargoed until a moment from now',
        body: { type: 'doc', content: [] },
        sectionId: section.id,
        status: 'published',
        publishedAt: new Date(Date.now() + 1500).toISOString(),
      });
      await s.cache.idle();
      expect(await s.text('/en/')).not.toContain('Embargoed until a moment from now');
      await waitFor(
        async () => {
          await s.cache.idle();
          return (await s.text('/en/')).includes('Embargoed until a moment from now');
        },
        { timeout: 6000, interval: 100, what: 'the embargoed story on the home page' },
      );
    } finally {
      watch.stop();
      await s.close();
    }
  }, 20_000);
});

describe.skipIf(!pgUp)('two instances on one PostgreSQL database', () => {
  it('a publish on one instance reaches the other instance’s cache within a second', async () => {
    const opened = await openDb('postgres');
    const log = testDeps(opened.db).log;
    const busA = await pgChangeBus(PG_URL, { schema: opened.schema, log });
    const busB = await pgChangeBus(PG_URL, { schema: opened.schema, log });
    const depsA = { ...testDeps(opened.db, new Date().toISOString()), changes: busA, clock: () => new Date() };
    const depsB = { ...testDeps(opened.db, new Date().toISOString()), changes: busB, clock: () => new Date() };
    const a = await cachedSite({ opened, deps: depsA });
    const b = await cachedSite({ opened, deps: depsB, seed: false });
    try {
      await b.get('/en/');
      await b.cache.idle();
      expect(b.cache.has('/en/')).toBe(true);
      const section = await opened.db.kysely.selectFrom('sections').select('id').executeTakeFirstOrThrow();
      await createArticle(depsA, {
        locale: 'en',
        headline: 'Published on instance A',
        body: { type: 'doc', content: [] },
        sectionId: section.id,
        status: 'published',
      });
      await waitFor(async () => (await b.text('/en/')).includes('Published on instance A'), { timeout: 1000, what: 'instance B to show the story' });
    } finally {
      await a.close();
      await b.close();
      await busA.close();
      await busB.close();
      await opened.cleanup();
    }
  }, 30_000);
});
