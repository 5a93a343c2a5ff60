import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.js';
import { createSite } from '../../main.js';
import { seedDemo } from '../../services/seed-demo.js';
import { warmPaths } from '../../services/warm-paths.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { testDeps } from '#test/fixtures.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { waitFor } from '#test/wait-for.js';
import { cachedSite } from '#test/cached-site.js';
import { PageCache } from './page-cache.js';
import { Readiness, warmStart } from './warm-start.js';

/** A logger that keeps what was said, by level. */
function listeningLog() {
  const said: { level: string; msg: string }[] = [];
  const at = (level: string) => (obj: unknown, msg?: string) => void said.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? '') });
  const log = { info: at('info'), warn: at('warn'), debug: at('debug'), error: at('error') } as unknown as Logger;
  return { log, said };
}

forEachEngine('warm start (%s)', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let dataDir: string;
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = { ...testDeps(opened.db), clock: () => new Date() } as ReturnType<typeof testDeps>;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-warm-'));
    await seedDemo(deps, dataDir);
  });
  afterAll(async () => {
    await opened?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const site = (cacheMb = 64) => {
    const config = loadConfig({ DATA_DIR: dataDir, SITE_URL: 'https://news.example.org', CACHE_MAX_MB: String(cacheMb) });
    return { config, ...createSite(deps, config) };
  };

  it('lists each language’s home, section fronts and feeds, the root’s home and feeds, the news sitemap and the sitemap index', async () => {
    const { config } = site();
    const paths = await warmPaths(deps, config);
    const sections = await opened.db.kysely.selectFrom('sections').select('slug').execute();
    expect(sections.length).toBeGreaterThan(0);
    for (const locale of config.locales) {
      expect(paths).toContain(`/${locale}/`);
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) expect(paths).toContain(`/${locale}/${file}`);
      for (const { slug } of sections) expect(paths).toContain(`/${locale}/section/${slug}`);
    }
    // The index joined the list once its grouping was served by an index alone (test/query-plans.test.ts).
    expect(paths).toEqual(expect.arrayContaining(['/', '/feed.xml', '/sitemaps/news.xml', '/sitemap.xml']));
    expect(paths.slice(0, config.locales.length)).toEqual(config.locales.map((l) => `/${l}/`));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('answers /readyz 503 while it warms, then 200, with every listed page in the cache', async () => {
    const { app, cache, readiness, config, unsubscribe } = site();
    try {
      const before = await app.request('/readyz');
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({ ready: false, warming: { done: 0 } });

      // The first render waits until /readyz has been asked mid-way: the app answers while it warms.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const { log, said } = listeningLog();
      const warming = warmStart({
        cache,
        readiness,
        log,
        concurrency: 1,
        paths: () => warmPaths(deps, config),
        render: async (p) => {
          await gate;
          return app.request(p);
        },
      });
      await waitFor(() => readiness.status().warming.of > 0, { what: 'the warm start to list its pages' });
      const during = await app.request('/readyz');
      expect(during.status).toBe(503);
      const of = (await warmPaths(deps, config)).length;
      expect(await during.json()).toMatchObject({ ready: false, warming: { done: 0, of } });
      release();
      const result = await warming;

      expect(result).toMatchObject({ pages: of, failed: 0 });
      const after = await app.request('/readyz');
      expect(after.status).toBe(200);
      expect(after.headers.get('cache-control')).toBe('no-store');
      expect(await after.json()).toMatchObject({ ready: true, warming: { done: of, of, failed: 0 } });
      for (const p of await warmPaths(deps, config)) expect(cache!.has(p), p).toBe(true);
      expect(said.filter((s) => s.level === 'info').map((s) => s.msg)).toEqual([`warm start: ${of} pages rendered in ${result.ms} ms`]);
      // /healthz keeps its meaning: the process and its database.
      expect(await (await app.request('/healthz')).json()).toMatchObject({ status: 'ok' });
    } finally {
      unsubscribe();
    }
  });

  it('ends ready when some pages fail to render, and says which', async () => {
    const { app, cache, readiness, config, unsubscribe } = site();
    try {
      const { log, said } = listeningLog();
      const result = await warmStart({
        cache,
        readiness,
        log,
        paths: () => warmPaths(deps, config),
        render: async (p) => {
          if (p === '/ru/') throw new Error('the database went away');
          if (p === '/en/feed.xml') return new Response('broken', { status: 500 });
          return app.request(p);
        },
      });
      expect(result.failed).toBe(2);
      expect(readiness.status()).toMatchObject({ ready: true, warming: { failed: 2 } });
      expect((await app.request('/readyz')).status).toBe(200);
      expect(cache!.has('/en/')).toBe(true);
      expect(cache!.has('/ru/')).toBe(false);
      expect(said.find((s) => s.level === 'warn')?.msg).toMatch(/^warm start: 2 of \d+ pages failed/);
    } finally {
      unsubscribe();
    }
  });

  it('does nothing with the cache off (CACHE_MAX_MB=0), and is ready', async () => {
    const { app, cache, readiness, config } = site(0);
    expect(cache).toBeUndefined();
    const rendered: string[] = [];
    const { log } = listeningLog();
    const result = await warmStart({
      cache,
      readiness,
      log,
      paths: () => warmPaths(deps, config),
      render: async (p) => {
        rendered.push(p);
        return app.request(p);
      },
    });
    expect([result.pages, rendered]).toEqual([0, []]);
    expect((await app.request('/readyz')).status).toBe(200);
  });
});

describe('warm start beside readers', () => {
  it('renders a page once when a reader misses it during its warm-up render: the reader waits and gets the hit', async () => {
    const site = await cachedSite();
    try {
      const stores: string[] = [];
      const store = site.cache.store.bind(site.cache);
      site.cache.store = (url, ...rest) => {
        stores.push(url);
        return store(url, ...rest);
      };
      const asked: string[] = [];
      const flightOf = site.cache.flightOf.bind(site.cache);
      site.cache.flightOf = (path) => {
        asked.push(path);
        return flightOf(path);
      };
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const readiness = new Readiness();
      const warming = warmStart({
        cache: site.cache,
        readiness,
        log: listeningLog().log,
        paths: async () => ['/en/'],
        render: async (p) => {
          await gate;
          return site.app.request(p);
        },
      });
      await waitFor(() => site.cache.flightOf('/en/') !== undefined, { what: 'the warm-up to claim /en/' });
      asked.length = 0;
      const reader = site.get('/en/');
      await waitFor(() => asked.includes('/en/'), { what: 'the reader to find the render under way' });
      release();
      const res = await reader;
      await warming;
      expect([res.status, res.headers['x-cache']]).toEqual([200, 'HIT']);
      expect(stores.filter((u) => u === '/en/')).toEqual(['/en/']);
      expect(readiness.status()).toMatchObject({ ready: true, warming: { done: 1, of: 1, failed: 0 } });
    } finally {
      await site.close();
    }
  });
});

describe('warm start with early readers', () => {
  const pages = (requests?: () => number, threaded?: () => boolean) => {
    const rendered: string[] = [];
    const cache = new PageCache({ maxBytes: 1e6, log: pino({ level: 'silent' }), render: async () => undefined });
    const warming = warmStart({
      cache,
      readiness: new Readiness(),
      log: listeningLog().log,
      concurrency: 1,
      paths: async () => ['/a', '/b'],
      render: async (p) => {
        rendered.push(p);
        return new Response('page', { status: 200 });
      },
      ...(requests ? { requests } : {}),
      ...(threaded ? { threaded } : {}),
    });
    return { rendered, warming };
  };
  const turns = async (n = 20) => {
    for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
  };

  it('pauses before the next page when readers came in since the last one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let requests = 0;
      const { rendered, warming } = pages(() => requests++);
      await turns();
      expect(rendered).toEqual(['/a']);
      await vi.advanceTimersByTimeAsync(49);
      await turns();
      expect(rendered).toEqual(['/a']);
      await vi.advanceTimersByTimeAsync(500);
      await turns();
      expect(rendered).toEqual(['/a', '/b']);
      await vi.advanceTimersByTimeAsync(500);
      expect((await warming).pages).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  // Regression (review of issue 16, row i): in the render thread the pause was 4x the render's wall time, which there
  // is mostly the starved thread's wait for a core, so the more starved the thread the longer the warm start.
  it('pauses a short fixed time in the render thread, however long its render took', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let requests = 0;
      const { rendered, warming } = pages(
        () => requests++,
        () => true,
      );
      await turns();
      expect(rendered).toEqual(['/a']);
      await vi.advanceTimersByTimeAsync(9);
      await turns();
      expect(rendered).toEqual(['/a']);
      await vi.advanceTimersByTimeAsync(1);
      await turns();
      expect(rendered).toEqual(['/a', '/b']);
      await vi.advanceTimersByTimeAsync(10);
      expect((await warming).pages).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('goes on at once when no reader came', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { rendered, warming } = pages(() => 7);
      await turns();
      expect(rendered).toEqual(['/a', '/b']);
      expect((await warming).pages).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Readiness', () => {
  it('is not ready until finished, and counts what it warmed', () => {
    const r = new Readiness();
    r.begin(3);
    r.rendered(true);
    r.rendered(false);
    expect(r.status()).toEqual({ ready: false, warming: { done: 2, of: 3, failed: 1 } });
    r.rendered(true);
    r.finish(12);
    expect(r.status()).toEqual({ ready: true, warming: { done: 3, of: 3, failed: 1 }, ms: 12 });
  });
});
