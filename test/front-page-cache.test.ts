import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../src/services/api-keys.js';
import { watchFrontPageExpiry } from '../src/services/front-page-watch.js';
import { cachedSite, type CachedSite } from './support/cached-site.js';
import { forEachEngine } from './support/for-each-engine.js';
import { waitFor } from './support/wait-for.js';

/** The headlines of the stories in <main> before the "Latest news" aside, in page order: the lead first. */
const storiesInMain = (html: string) => {
  const main = /<main id="main">([\s\S]*)<\/main>/.exec(html)![1]!;
  const body = main.slice(0, main.indexOf('<aside>'));
  return [...body.matchAll(/<a href="\/en\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
};

/**
 * The editor-curated front page over real HTTP, through the page cache's fast path, as `masthead serve` runs it: a
 * PUT reaches the cached /en/ within a second (the save announces `front-en`, the cache re-renders home pages at
 * once), and a pin that runs out leaves it on its own (the expiry watcher).
 */
forEachEngine('front page through the page cache: %s', (engine) => {
  let s: CachedSite;
  let key: string;
  let older: { id: number; headline: string }[];
  beforeAll(async () => {
    s = await cachedSite({ engine });
    key = (await createApiKey(s.deps, { name: 'desk script', role: 'editor' })).key;
    older = await s.db.kysely
      .selectFrom('articles')
      .select(['id', 'headline'])
      .where('locale', '=', 'en')
      .where('status', '=', 'published')
      .where('kind', '=', 'story')
      .where('published_at', '<=', new Date().toISOString())
      .orderBy('published_at', 'asc')
      .limit(2)
      .execute();
  }, 60_000);
  afterAll(async () => s?.close());

  const put = (body: unknown) =>
    fetch(`${s.base}/api/admin/v1/front-pages/en`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('a PUT of the lead shows it first in /en/’s <main> without a reader’s miss, served from the cache', async () => {
    await s.get('/en/');
    await s.cache.idle();
    expect((await s.get('/en/')).headers['x-cache']).toBe('HIT');
    const lead = older[0]!;
    expect(storiesInMain(await s.text('/en/'))[0]).not.toBe(lead.headline);
    const t0 = performance.now();
    expect((await put({ lead: lead.id })).status).toBe(200);
    // No wall-clock bound here: on a shared machine under load a second is not a behaviour (the figure is logged and
    // measured in the README). What must hold is that the cache re-renders the home page on its own, with no reader
    // having to miss: the page changes while every answer comes from the cache.
    const answeredBy = new Set<string>();
    await waitFor(
      async () => {
        const res = await s.get('/en/');
        answeredBy.add(String(res.headers['x-cache']));
        return storiesInMain(res.body.toString('utf8'))[0] === lead.headline;
      },
      { timeout: 10_000, interval: 10, what: 'the pinned lead on /en/' },
    );
    expect([...answeredBy].every((x) => x === 'HIT' || x === 'STALE')).toBe(true);
    const ms = performance.now() - t0;
    console.log(`[front-page] ${engine}: PUT → pinned lead first on cached /en/ in ${ms.toFixed(0)} ms`);
    await s.cache.idle();
    const hit = await s.get('/en/');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(storiesInMain(hit.body.toString('utf8'))[0]).toBe(lead.headline);
    // The default-language root is the same home page, and follows too.
    expect(storiesInMain(await s.text('/'))[0]).toBe(lead.headline);
  });

  it('a top story pinned until a moment from now leaves the cached home page when that moment passes', async () => {
    const watch = watchFrontPageExpiry(s.deps);
    try {
      const pinned = older[1]!;
      const until = new Date(Date.now() + 1500).toISOString();
      expect((await put({ top: [{ articleId: pinned.id, until }] })).status).toBe(200);
      await waitFor(async () => (await s.text('/en/')).includes('id="top-stories"'), { timeout: 1000, what: 'the top stories block' });
      await s.cache.idle();
      expect((await s.get('/en/')).headers['x-cache']).toBe('HIT');
      // Nothing is saved meanwhile: only the watcher's announcement can make the cache re-render the page.
      await waitFor(async () => !(await s.text('/en/')).includes('id="top-stories"'), { timeout: 4000, what: 'the expired pin to leave /en/' });
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    } finally {
      watch.stop();
    }
  }, 15_000);
});
