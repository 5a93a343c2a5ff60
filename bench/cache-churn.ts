import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { createLogger, createSite, openDeps, siteContext } from '../src/main.js';
import type { SiteContext } from '../src/content/site-context.js';
import type { Deps } from '../src/services/deps.js';
import { feedPage } from '../src/services/feed-pages.js';
import { entryHtml } from '../src/feeds/entry-html.js';
import { rssFeed } from '../src/feeds/rss-feed.js';
import { createArticle, updateArticle } from '../src/services/article-store.js';
import { editOf } from '../test/support/article-input.js';
import { seedDemo } from '../src/services/seed-demo.js';
import { generate, type Archive } from './generate.js';

/**
 * Issue 16's page-cache questions, answered on the demo and on generated archives, in one process with the real app
 * and cache (no socket):
 *
 * - how long one render (app + the cache's store) holds the event loop, for the home page, a section front, the
 *   feed and an article: the longest stretch a setImmediate ticker was kept from running, per render;
 * - how many cached pages one publish, one headline edit and one unpublish touch after the site is warmed
 *   (every page a crawl from the home pages reaches, up to --crawl pages), how many of them are re-rendered at once
 *   (the rest stay stale until asked for), and how long that eager re-render takes.
 *
 * - where a feed render's main-thread CPU goes: the queries (feedPage), the entries' body HTML (entryHtml), and the
 *   XML building (the RSS writer less the entries' HTML).
 *
 *   node --import tsx bench/cache-churn.ts --sizes demo,1000,100000 [--crawl 5000] [--cache-mb 256] [--dir DIR]
 *
 * `--dir DIR`: generated archives are kept in DIR/<size> and reused by the next run (the 100,000 one takes minutes to
 * generate); each run adds and unpublishes one story.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
};
const sizes = arg('sizes', 'demo,1000').split(',');
const crawlMax = Number(arg('crawl', '5000'));
const cacheMb = arg('cache-mb', '256');
const keepDir = arg('dir', '');

for (const size of sizes) await measure(size);

async function measure(size: string) {
  const kept = keepDir && size !== 'demo' ? path.join(path.resolve(keepDir), size) : '';
  const dataDir = kept || fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-churn-'));
  try {
    let databaseUrl = '';
    if (size !== 'demo') databaseUrl = (await archiveIn(dataDir, Number(size), !!kept)).databaseUrl;
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SITE_URL: 'https://bench.masthead.example',
      LOG_LEVEL: 'silent',
      PORT: '0',
      CACHE_MAX_MB: cacheMb,
    });
    const deps = await openDeps(config, createLogger({ logLevel: 'silent' }));
    await migrate(deps.db);
    if (size === 'demo') await seedDemo(deps, dataDir);
    const site = createSite(deps, config);
    const { app, unsubscribe } = site;
    const cache = site.cache!;
    try {
      const urls = await crawl((u) => app.request(u), crawlMax);
      const article = urls.find((u) => /^\/en\/[a-z0-9-]+\/\d{4}\/\d{2}\//.test(u))!;
      const section = urls.find((u) => /^\/en\/section\/[a-z0-9-]+$/.test(u))!;

      // Loop hold: each URL rendered 30 times after 10 warm-up renders, twice per round. `cpu`: the process's CPU time
      // in `app.request` (router, queries, render, ETag: all synchronous with better-sqlite3; with feeds written in
      // worker threads, theirs too), which a shared machine's scheduler does not inflate; `main`: the time the main
      // thread's event loop was busy meanwhile (performance.eventLoopUtilization: what readers' requests wait
      // behind); `held`, in a second render: the longest wall-clock stretch a setImmediate ticker was kept waiting,
      // the store (compression on the libuv pool) awaited too. The ticker keeps the loop from idling, so it is not
      // running when `main` is measured.
      const holds: string[] = [];
      for (const u of ['/en/', section, '/feed.xml', article]) {
        const cpu: number[] = [];
        const main: number[] = [];
        const held: number[] = [];
        for (let i = 0; i < 40; i++) {
          cache.invalidate(['*']);
          await cache.idle();
          const elu = performance.eventLoopUtilization();
          const before = process.cpuUsage();
          await app.request(u);
          const d = process.cpuUsage(before);
          const busy = performance.eventLoopUtilization(elu).active;
          await cache.idle();
          cache.invalidate(['*']);
          await cache.idle();
          const gap = await longestHold(async () => {
            await app.request(u);
            await cache.idle();
          });
          if (i >= 10) {
            cpu.push((d.user + d.system) / 1000);
            main.push(busy);
            held.push(gap);
          }
        }
        const fmt = (xs: number[]) => {
          xs.sort((a, b) => a - b);
          return `best ${xs[0]!.toFixed(2)}, median ${xs[xs.length >> 1]!.toFixed(2)}, max ${xs.at(-1)!.toFixed(2)} ms`;
        };
        holds.push(`${u.length > 40 ? 'article' : u}: CPU ${fmt(cpu)}; main thread busy ${fmt(main)}; loop held ${fmt(held)}`);
      }

      // Where /feed.xml's CPU goes, each part timed alone (best / median of 30 after 10 warm-up runs).
      const breakdown = await feedBreakdown(deps, siteContext(config));

      // Warm every crawled page into the cache, then count what one change touches.
      cache.invalidate(['*']);
      await cache.idle();
      for (const u of urls) await app.request(u);
      await cache.idle();
      // Read once each, as the crawl's readers would: a change re-renders at once only pages read since their last render.
      for (const u of urls) cache.get(u);
      const warmed = cache.stats().pages;
      let seen = { keys: [] as string[], touched: 0, eager: 0 };
      const invalidate = cache.invalidate.bind(cache);
      cache.invalidate = (keys: string[]) => {
        const touched = invalidate(keys);
        seen = { keys, touched: touched.length, eager: cache.stats().queued };
        if (process.argv.includes('--list')) console.log(keys.join(' '), [...cache['renderQueue']].join(' '));
        return touched;
      };
      const churn: string[] = [];
      const after = async (what: string, change: () => Promise<unknown>) => {
        const before = cache.stats().renders;
        const t = performance.now();
        await change();
        await cache.idle();
        const ms = performance.now() - t;
        const s = cache.stats();
        churn.push(
          `${what} [${seen.keys.join(' ')}]: ${seen.touched} of ${warmed} cached pages touched, ${seen.eager} re-rendered at once (${s.renders - before} renders, ${ms.toFixed(0)} ms), ${s.stale} left stale (${s.cold} cold), ${warmed - s.pages} dropped`,
        );
        // Back to a fully fresh cache for the next change.
        for (const u of urls) if (cache.get(u)?.cold) await cache.refresh(u);
        await cache.idle();
        for (const u of urls) if (!cache.has(u)) await app.request(u);
        await cache.idle();
        // Read again before the next change, as readers would.
        for (const u of urls) cache.get(u);
      };
      const row = await deps.db.kysely
        .selectFrom('articles')
        .select(['id', 'section_id'])
        .where('locale', '=', 'en')
        .where('status', '=', 'published')
        .orderBy('published_at', 'desc')
        .executeTakeFirstOrThrow();
      let id = 0;
      await after('publish', async () => {
        id = await createArticle(deps, {
          locale: 'en',
          headline: 'Cache churn: a story published',
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body.' }] }] },
          sectionId: row.section_id,
          status: 'published',
        });
      });
      const input = (patch: Record<string, unknown>) => editOf(deps.db, id, patch);
      await after('headline edit', async () => {
        const { base, input: i } = await input({ headline: 'Cache churn: a story whose headline changed' });
        await updateArticle(deps, id, i, base);
      });
      await after('unpublish', async () => {
        const { base, input: i } = await input({ status: 'unpublished' });
        await updateArticle(deps, id, i, base);
      });
      console.log(
        `\n## ${size === 'demo' ? 'demo site' : `${Number(size).toLocaleString('en')} articles`} (${urls.length} pages crawled, ${warmed} cached, CACHE_MAX_MB=${cacheMb})`,
      );
      console.log('Event loop held by one render + store:');
      for (const h of holds) console.log(`- ${h}`);
      console.log('Where /feed.xml spends its main-thread CPU:');
      for (const b of breakdown) console.log(`- ${b}`);
      console.log('One change:');
      for (const c of churn) console.log(`- ${c}`);
    } finally {
      unsubscribe();
      await deps.db.close();
    }
  } finally {
    if (!kept) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The archive in `dataDir`: generated, or (when `reuse`) the one a run before left there. */
async function archiveIn(dataDir: string, articles: number, reuse: boolean): Promise<Archive> {
  const marker = path.join(dataDir, 'archive.json');
  if (reuse && fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')) as Archive;
  fs.mkdirSync(dataDir, { recursive: true });
  const archive = await generate({ dataDir, articles });
  if (reuse) fs.writeFileSync(marker, JSON.stringify(archive));
  return archive;
}

/** Every page linked from the home pages and feeds, breadth first, up to `max`: what readers and crawlers reach. */
async function crawl(get: (u: string) => Response | Promise<Response>, max: number): Promise<string[]> {
  const seen = new Set<string>(['/en/', '/ru/', '/feed.xml', '/ru/feed.xml']);
  const queue = [...seen];
  const ok: string[] = [];
  while (queue.length && ok.length < max) {
    const u = queue.shift()!;
    const res = await get(u);
    if (res.status !== 200 || !res.headers.get('surrogate-key')) continue;
    ok.push(u);
    const body = await res.text();
    for (const m of body.matchAll(/href="(\/[^"#?]*)"/g)) {
      const link = m[1]!;
      if (seen.has(link) || /^\/(admin|api|media|assets)\b|\.(css|js|svg|png|jpe?g|webp|avif)$/.test(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return ok;
}

/** The longest time the event loop was kept from running a setImmediate callback while `work` ran. */
async function longestHold(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  let on = true;
  const tick = () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  on = false;
  tick();
  return longest;
}

/** The CPU of each step of one /feed.xml render, timed apart: queries + plain data, entries' HTML, the whole writer. */
async function feedBreakdown(deps: Deps, site: SiteContext): Promise<string[]> {
  const req = { locale: site.defaultLocale, root: true, scope: { kind: 'locale' as const } };
  const data = (await feedPage(deps, site, req))!;
  const steps: [string, () => unknown][] = [
    ['queries and FeedData (feedPage)', () => feedPage(deps, site, req)],
    [`entries' body HTML (entryHtml x ${data.entries.length})`, () => data.entries.map((e) => entryHtml(e, data.siteUrl, data.timeZone))],
    ['the RSS writer (entry HTML + feedsmith + CDATA tightening)', () => rssFeed(data)],
    ['structured clone of FeedData (what a worker is sent)', () => structuredClone(data)],
  ];
  const out: string[] = [];
  for (const [what, run] of steps) {
    const cpu: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = process.cpuUsage();
      await run();
      const d = process.cpuUsage(before);
      if (i >= 10) cpu.push((d.user + d.system) / 1000);
    }
    cpu.sort((a, b) => a - b);
    out.push(`${what}: best ${cpu[0]!.toFixed(2)}, median ${cpu[cpu.length >> 1]!.toFixed(2)} ms`);
  }
  out.push(`FeedData ${(JSON.stringify(data).length / 1024).toFixed(0)} KB as JSON, RSS ${(rssFeed(data).length / 1024).toFixed(0)} KB`);
  return out;
}
