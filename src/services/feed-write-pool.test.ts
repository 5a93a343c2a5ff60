import { afterAll, describe, expect, it } from 'vitest';
import type { FeedData, FeedEntry } from '../feeds/feed-data.js';
import type { WriteJob } from '../feeds/write-job.js';
import { isAppError } from '../errors.js';
import { createFeedWritePool, writeInThread, type FeedWritePool } from './feed-write-pool.js';

const SITE = 'https://news.example.org';
const MISBEHAVING = new URL('../../test/fixtures/feed-write-misbehaving-worker.ts', import.meta.url);

const entry = (i: number): FeedEntry => ({
  articleId: i,
  guid: `${SITE}/a/${i}`,
  url: `${SITE}/en/world/2026/11/story-${i}`,
  locale: 'en',
  title: `Story ${i}: <rail> & “water” \u0001`,
  summary: i % 2 ? 'Leaders agree — «впервые»' : null,
  publishedAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T10:30:00.000Z',
  authors: [{ name: 'Наталья Гришина', url: `${SITE}/en/author/natalya-grishina` }],
  translators: i % 3 ? [] : [{ name: 'Madina Ospanova', url: null }],
  originalAuthors: [],
  source: i % 4 ? null : { partnerName: 'Vecherny Trakt', partnerUrl: 'https://vecherny-trakt.example', url: null, headline: null, locale: 'ru' },
  categories: [{ name: 'World', url: `${SITE}/en/section/world` }],
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Lead with a ' },
          { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: '/en/world' } }] },
          { type: 'text', text: ' and ]]>.' },
        ],
      },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Река и рельсы' }] },
    ],
  },
  image: i % 2 ? { url: `${SITE}/media/x.jpg`, mime: 'image/jpeg', width: 1200, height: 675, alt: 'A & B', caption: 'Cap', credit: 'Credit' } : null,
  corrections: i % 5 ? [] : [{ text: 'Fixed.', createdAt: '2026-11-20T10:30:00.000Z' }],
});

const feed = (title = 'Masthead', entries = 12): FeedData => ({
  siteUrl: SITE,
  siteName: 'Masthead',
  timeZone: 'Asia/Almaty',
  locale: 'en',
  title,
  description: 'News',
  pageUrl: `${SITE}/en/`,
  feedUrls: { rss: `${SITE}/en/feed.xml`, atom: `${SITE}/en/atom.xml`, json: `${SITE}/en/feed.json` },
  iconUrl: `${SITE}/logo.svg`,
  updated: '2026-11-20T10:30:00.000Z',
  entries: Array.from({ length: entries }, (_, i) => entry(i + 1)),
});

const JOBS: WriteJob[] = [
  { writer: 'rss', data: feed() },
  { writer: 'atom', data: feed() },
  { writer: 'json', data: feed() },
  { writer: 'json', data: feed('Empty', 0) },
  {
    writer: 'sitemapIndex',
    entries: [
      { url: `${SITE}/sitemaps/en-1.xml`, lastmod: '2026-11-20T10:30:00.000Z' },
      { url: `${SITE}/sitemaps/news.xml`, lastmod: null },
    ],
  },
  {
    writer: 'articleSitemap',
    urls: [
      { url: `${SITE}/en/world/2026/11/story-1`, lastmod: '2026-11-20T10:30:00.000Z', alternates: [], image: { url: `${SITE}/media/x.jpg`, caption: 'A & B' } },
    ],
  },
  { writer: 'newsSitemap', publicationName: 'Masthead', now: '2026-11-20T12:00:00.000Z', items: [] },
];

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('createFeedWritePool: feeds and sitemaps written in worker threads', () => {
  const pools: FeedWritePool[] = [];
  const pool = (opts: Parameters<typeof createFeedWritePool>[0]) => {
    const p = createFeedWritePool(opts);
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('writes every kind of feed and sitemap byte for byte as this thread does', async () => {
    const p = pool({ workers: 2 });
    const [inWorker, here] = await Promise.all([Promise.all(JOBS.map((j) => p.write(j))), Promise.all(JOBS.map(writeInThread))]);
    for (let i = 0; i < JOBS.length; i++) {
      expect(Buffer.from(inWorker[i]!).equals(Buffer.from(here[i]!)), JOBS[i]!.writer).toBe(true);
    }
    expect(text(inWorker[0]!)).toContain('<rss');
    expect(JSON.parse(text(inWorker[2]!)).items).toHaveLength(12);
  }, 60_000);

  it('keeps this thread free while a worker writes: timers fire meanwhile', async () => {
    const p = pool({ workers: 1, entry: MISBEHAVING, budgetMs: 60_000 });
    await p.write(JOBS[4]!); // started and ready
    let settled = false;
    const spinning = p
      .write({ writer: 'rss', data: feed('spin') }, { budgetMs: 400 })
      .catch((e: unknown) => e)
      .finally(() => (settled = true));
    let ticks = 0;
    while (ticks < 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      ticks++;
    }
    expect(settled).toBe(false);
    await spinning;
  }, 60_000);

  it('stops a write that overruns its budget with FEED_TIMEOUT (503) and writes the next one in a new worker', async () => {
    const p = pool({ workers: 1, entry: MISBEHAVING });
    const err = await p.write({ writer: 'rss', data: feed('spin') }, { budgetMs: 300 }).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'FEED_TIMEOUT', status: 503, details: { budgetMs: 300, retryAfterSeconds: expect.any(Number) } });
    expect(p.running).toBe(0);
    expect(text(await p.write(JOBS[0]!))).toBe(text(await writeInThread(JOBS[0]!)));
  }, 60_000);

  // A worker that dies mid-write must fail that write, not leave the request (and the cache's waiters) hanging.
  it('answers an error, never hangs, when its worker dies mid-write; the next write starts a new worker', async () => {
    const p = pool({ workers: 1, entry: MISBEHAVING });
    await expect(p.write({ writer: 'atom', data: feed('exit') })).rejects.toThrow(/worker stopped/);
    expect(p.running + p.waiting).toBe(0);
    expect(text(await p.write(JOBS[1]!))).toBe(text(await writeInThread(JOBS[1]!)));
  }, 60_000);

  it('refuses a write when the workers and the queue are full: FEED_BUSY (503) with a Retry-After', async () => {
    const p = pool({ workers: 1, queue: 1 });
    const taken = [p.write(JOBS[0]!), p.write(JOBS[1]!)];
    const busy = await p.write(JOBS[2]!).catch((e: unknown) => e);
    expect(busy).toMatchObject({ code: 'FEED_BUSY', status: 503, details: { retryAfterSeconds: expect.any(Number) } });
    expect((await Promise.all(taken)).map((b) => b.length > 0)).toEqual([true, true]);
    expect((await p.write(JOBS[2]!)).length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses what is waiting or running when closed, and all after', async () => {
    const p = pool({ workers: 1 });
    const pending = expect(p.write(JOBS[0]!)).rejects.toThrow(/closed/);
    await p.close();
    await pending;
    await expect(p.write(JOBS[0]!)).rejects.toThrow(/closed/);
  });
});
