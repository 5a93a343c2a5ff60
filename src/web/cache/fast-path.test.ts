import http, { type RequestListener } from 'node:http';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { waitFor } from '#test/wait-for.js';
import { cachedRequestListener, etagMatches, negotiate } from './fast-path.js';
import { PageCache } from './page-cache.js';

describe('negotiate', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['BR', 'br'],
    ['gzip;q=garbage, br;q=nope', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
  ] as const)('%j -> %s', (header, expected) => {
    expect(negotiate(header)).toBe(expected);
  });
});

describe('etagMatches', () => {
  it.each([
    ['"abc"', true],
    ['"abc-br"', true],
    ['"abc-gz"', true],
    ['W/"abc"', true],
    ['"x", "abc-br"', true],
    ['*', true],
    ['"abcd"', false],
    ['"ab"', false],
    ['', false],
  ])('%j', (header, expected) => {
    expect(etagMatches(header, 'abc')).toBe(expected);
  });
});

/**
 * The fast path in front of a fake app whose renders wait for `open()`: what reaches the app (`calls`) shows whether
 * concurrent misses were coalesced.
 */
async function gatedSite(answer: (path: string) => 200 | 404) {
  const cache = new PageCache({ maxBytes: 1e7, log: pino({ level: 'silent' }), render: async () => ({ status: 200 }) });
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const calls: string[] = [];
  let arrived = 0;
  const app: RequestListener = (req, res) => {
    const path = req.url!.split('?')[0]!;
    calls.push(path);
    const t = cache.beginRender();
    void gate.then(() => {
      const body = Buffer.from(`<p>${path}</p>`);
      if (answer(path) === 200) void cache.store(path, body, { 'surrogate-key': 'site' }, t).finally(() => cache.endRender());
      else cache.endRender();
      res.writeHead(answer(path));
      res.end(body);
    });
  };
  const listener = cachedRequestListener(cache, app);
  const server = http.createServer((req, res) => {
    arrived++;
    listener(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const get = (path: string) =>
    new Promise<{ status: number; xCache: string | undefined }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, xCache: res.headers['x-cache'] as string | undefined }));
        })
        .on('error', reject);
    });
  const close = () => new Promise<void>((r) => server.close(() => r()));
  return { cache, calls, get, open, arrived: () => arrived, close };
}

describe('request coalescing', () => {
  it('answers 12 concurrent misses of one page with one render: one miss, eleven hits', async () => {
    const s = await gatedSite(() => 200);
    try {
      const answers = Promise.all(Array.from({ length: 12 }, (_, i) => s.get(i % 2 ? '/en/' : '/en/?utm_source=x')));
      await waitFor(() => s.arrived() === 12, { what: 'all requests to arrive' });
      expect(s.calls).toEqual(['/en/']);
      s.open();
      const got = await answers;
      expect(got.filter((a) => a.xCache === undefined)).toHaveLength(1);
      expect(got.filter((a) => a.xCache === 'HIT')).toHaveLength(11);
      expect(got.every((a) => a.status === 200)).toBe(true);
      expect(s.calls).toEqual(['/en/']);
    } finally {
      await s.close();
    }
  });

  it('sends the waiters on to the app when the render stores nothing, and never makes a known uncacheable page wait', async () => {
    const s = await gatedSite(() => 404);
    try {
      const first = Promise.all(Array.from({ length: 4 }, () => s.get('/en/no-such-page')));
      await waitFor(() => s.arrived() === 4, { what: 'the first four requests' });
      expect(s.calls).toHaveLength(1);
      s.open();
      expect((await first).map((a) => a.status)).toEqual([404, 404, 404, 404]);
      expect(s.calls).toHaveLength(4);
      // Now known not to be stored: every miss goes to the app at once, none waits for another.
      const calls = s.calls.length;
      await Promise.all(Array.from({ length: 5 }, () => s.get('/en/no-such-page')));
      expect(s.calls.length - calls).toBe(5);
      expect(s.cache.flightOf('/en/no-such-page')).toBeUndefined();
    } finally {
      await s.close();
    }
  });
});

describe('share links to previews', () => {
  it('are never served from the cache, coalesced or remembered: every request of /preview/… reaches the app', async () => {
    const s = await gatedSite(() => 200);
    const path = `/preview/${'t'.repeat(43)}`;
    try {
      const answers = Promise.all(Array.from({ length: 3 }, () => s.get(path)));
      await waitFor(() => s.calls.length === 3, { what: 'three renders at once' });
      s.open();
      expect((await answers).map((a) => a.xCache)).toEqual([undefined, undefined, undefined]);
      // Even a page stored under that path (the app never stores one: no-store, no Surrogate-Key) is not served.
      await waitFor(() => s.cache.has(path), { what: 'the fake app to store it' });
      expect((await s.get(path)).xCache).toBeUndefined();
      expect(s.calls).toHaveLength(4);
      expect(s.cache.flightOf(path)).toBeUndefined();
    } finally {
      await s.close();
    }
  });
});

describe('WordPress query addresses', () => {
  it('regression: /?p=41 is not answered from the cached home page but goes to the app, which redirects it', async () => {
    const s = await gatedSite(() => 200);
    try {
      s.open();
      await s.get('/');
      await waitFor(() => s.cache.get('/') !== undefined, { what: 'the home page to be stored' });
      expect((await s.get('/?utm_source=x')).xCache).toBe('HIT');
      const before = s.calls.length;
      expect((await s.get('/?p=41')).xCache).toBeUndefined();
      expect((await s.get('/index.php?page_id=7')).xCache).toBeUndefined();
      expect(s.calls.length).toBe(before + 2);
    } finally {
      await s.close();
    }
  });
});

describe('a page nobody read since its last render', () => {
  it('is not re-rendered at the change; its next readers wait for one render and are answered with the new version', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let renders = 0;
    const cache: PageCache = new PageCache({
      maxBytes: 1e7,
      log: pino({ level: 'silent' }),
      render: async (path) => {
        renders++;
        const t = cache.beginRender();
        await gate;
        await cache.store(path, Buffer.from('<p>new</p>'), { 'surrogate-key': 'l-en' }, t);
        cache.endRender();
        return { status: 200 };
      },
    });
    const t = cache.beginRender();
    // Stored by the cache's own render (the warm start), never read since.
    await cache.store('/en/feed.json', Buffer.from('<p>old</p>'), { 'surrogate-key': 'l-en' }, t);
    cache.endRender();
    const app: RequestListener = (_req, res) => res.writeHead(500).end('the app was not to be asked');
    const server = http.createServer(cachedRequestListener(cache, app));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const get = () =>
      new Promise<{ body: string; xCache: unknown }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/en/feed.json', agent: false }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () => resolve({ body, xCache: res.headers['x-cache'] }));
          })
          .on('error', reject);
      });
    try {
      cache.invalidate(['l-en']);
      await cache.idle();
      expect(renders).toBe(0);
      const answers = Promise.all([get(), get(), get()]);
      await waitFor(() => renders === 1, { what: 'the one render' });
      open();
      expect(await answers).toEqual(Array.from({ length: 3 }, () => ({ body: '<p>new</p>', xCache: 'HIT' })));
      expect(renders).toBe(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
