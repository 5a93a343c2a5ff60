import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { LOCALE_PATTERN } from '../../content/locales.js';
import { parseSurrogateKeys, removedArticleKey, surrogateKey } from '../../content/surrogate-keys.js';
import { compressPage, type CompressedCopies } from './compress-page.js';

// What readers read right after a change: home pages, section fronts, feeds and the news sitemap. Re-rendered at
// once, first; other pages stay stale until someone asks for them again. So do the sitemap index and the article
// sitemaps: crawlers read them now and then, not within the second, and the index groups every visible story (60 ms
// of the serving thread at 100,000 stories on SQLite; at every publish, that was the worst stall readers saw).
const READ_FIRST = new RegExp(
  `^/(${LOCALE_PATTERN}/)?$|^/${LOCALE_PATTERN}/section/[a-z0-9-]+$|^(?!/sitemap\\.xml$|/sitemaps/[^/]+-\\d+\\.xml$).*\\.(xml|json)$`,
);
// A section front is re-rendered at once only when its own list changed (its `sec{id}` key was announced), the site's
// shell changed, or it was dropped; a publish elsewhere in the language changes only its "Latest news", which may wait
// for its next reader like any other page's.
const SECTION_FRONT = new RegExp(`^/${LOCALE_PATTERN}/section/[a-z0-9-]+$`);
const SECTION_KEY = /^sec\d+-/;
// What a re-render answers when the page is gone or moved: its stale copy must go. A 5xx keeps it (a passing fault).
const GONE = new Set([301, 302, 307, 308, 404, 410]);
// Paths that rendered without being stored (search, errors, redirects): their misses are not made to wait for one
// another. Bounded, oldest forgotten first; a store takes the path off.
const UNCACHEABLE_MAX = 10_000;
// Renders of one flight refused in a row (a change landed during each) before it is left to the queue.
const MAX_RETRIES = 5;

export type Encoding = 'br' | 'gzip' | 'identity';

/** Headers of the rendered response that a cached copy sends as they were. */
const KEPT_AS_SENT = [
  'content-language',
  'content-security-policy',
  'x-frame-options',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
] as const;

/**
 * One rendered page with its three encodings and the headers to send with each, built once at store time. `headers`
 * is what a hit sends: the fresh set (`X-Cache: HIT`) or, once the page is invalidated, the stale one (`STALE`).
 */
export type CachedPage = {
  url: string;
  keys: string[];
  etag: string;
  bodies: Record<Encoding, Buffer>;
  headers: Record<Encoding, OutgoingHttpHeaders>;
  staleHeaders: Record<Encoding, OutgoingHttpHeaders>;
  stale: boolean;
  /** Sent to a reader since it was stored (a reader's own miss counts). */
  read: boolean;
  /**
   * Stale, and not re-rendered at the change because nobody had read it since its last render: its next reader waits
   * for the one render of the new version rather than being answered with the old (see `refresh`).
   */
  cold: boolean;
  size: number;
};

/** One render of a path under way; whoever else misses the path waits for `done` (request coalescing). */
export type Flight = { done: Promise<void>; settle: () => void; stores: number; retried: boolean; again?: boolean };

/**
 * The ETag of a page's bytes (identity; the cache adds -br and -gz for the compressed copies). The app sends it on a
 * miss and the cache on every hit, so both must come from here.
 */
export const pageEtag = (html: Buffer): string => createHash('sha1').update(html).digest('base64url').slice(0, 20);

export type PageCacheOptions = {
  /** Upper bound on the bytes held (all encodings together). */
  maxBytes: number;
  /** Renders a URL through the app (in memory); the app stores cacheable results back through `store`. */
  render: (url: string) => Promise<{ status: number } | unknown>;
  /**
   * How many queued re-renders may be asked for at once: 1 (the default) where `render` runs on the serving thread, so
   * that hits are answered between two; more where it runs elsewhere (the page render thread, which is then asked for
   * a change's pages in one message).
   */
  parallel?: () => number;
  log: Logger;
};

/**
 * Public pages kept ready to send: HTML plus precompressed brotli and gzip bytes, an ETag, and the surrogate keys of
 * the content it shows. Least recently used pages go first when the cache is full.
 *
 * A change to content marks exactly the pages whose keys it names stale: they go on being served, old bytes and ETag,
 * with `X-Cache: STALE`, until one render of the new version is stored. Home pages, feeds, the fronts of the sections
 * named (`sec{id}`) and the changed article's own page are re-rendered at once if read since their last render (else
 * they go cold: their next reader waits for the render); any other stale page (the language's
 * other section fronts among them) when it is next asked for. A story taken
 * from readers (`removed` key) is the exception: every page showing it is dropped at once. Each path has at most one
 * render under way (`flightOf`); the fast path makes other misses of it wait for that render.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly byKey = new Map<string, Set<string>>();
  private bytes = 0;
  // A render that began before a change to one of its keys must not be stored: it may show the old state.
  private tick = 0;
  private readonly invalidatedAt = new Map<string, number>();
  private allInvalidatedAt = 0;
  private rendersInFlight = 0;
  private readonly renderQueue = new Set<string>();
  private readonly storing = new Set<Promise<void>>();
  private readonly flights = new Map<string, Flight>();
  private readonly uncacheable = new Set<string>();
  private draining: Promise<void> | null = null;
  private rendersSinceStart = 0;
  private staleServes = 0;
  private refused = 0;

  constructor(private readonly opts: PageCacheOptions) {}

  /**
   * A hit refreshes the page's place in the LRU order. A stale page is counted, and queued for a re-render unless one
   * is already queued or under way.
   */
  get(url: string): CachedPage | undefined {
    const page = this.pages.get(url);
    if (page) {
      this.pages.delete(url);
      this.pages.set(url, page);
      page.read = true;
      if (page.cold) return page;
      if (page.stale) {
        this.staleServes++;
        if (!this.flights.has(url) && !this.renderQueue.has(url)) this.schedule([url]);
      }
    }
    return page;
  }

  has(url: string): boolean {
    return this.pages.has(url);
  }

  /**
   * For the reader of a cold page (`CachedPage.cold`): resolves once the one render of its new version has ended
   * (stored, or not: then the stale copy goes on being served and re-rendered as any stale page's). Starts that render
   * now, outside the queue, unless one is under way.
   */
  refresh(url: string): Promise<void> {
    let done = this.flights.get(url)?.done;
    if (!done) {
      this.renderQueue.delete(url);
      this.uncacheable.delete(url);
      const f = this.takeOff(url)!;
      void this.renderQuietly(url).then((status) => this.land(url, f, status));
      done = f.done;
    }
    // Readers who come while it renders wait for it too; after it, a copy still stale (the render failed) is served.
    return done.then(() => {
      const page = this.pages.get(url);
      if (page) page.cold = false;
    });
  }

  /** The render of `path` under way, if any: settled when its result is stored or it ended without one. */
  flightOf(path: string): Promise<void> | undefined {
    return this.flights.get(path)?.done;
  }

  /**
   * Claims the one render of `path` that others wait for, or returns nothing: one is under way already, or the path was
   * seen to render without being stored (search, errors, redirects: their readers must not queue behind one another).
   * Call `land` when the response has ended.
   */
  takeOff(path: string): Flight | undefined {
    if (this.flights.has(path) || this.uncacheable.has(path)) return undefined;
    let settle!: () => void;
    const done = new Promise<void>((r) => (settle = r));
    const f: Flight = { done, settle, stores: 0, retried: false };
    this.flights.set(path, f);
    return f;
  }

  /**
   * The render claimed by `takeOff` has answered `status`. Its waiters wake once its store (if any) has finished;
   * without one, at once, and the path is not coalesced again until something is stored under it.
   */
  land(path: string, f: Flight, status: number): void {
    if (this.flights.get(path) !== f || f.stores > 0 || f.retried) return;
    this.settle(path, f);
    // A store can finish before the render's end is heard (the render thread sends its page compressed, so storing it
    // waits for nothing): the page is then fresh, and the path is no less cacheable for it.
    const page = this.pages.get(path);
    if (page && !page.stale) return;
    // Nothing was stored.
    if (this.uncacheable.size >= UNCACHEABLE_MAX) this.uncacheable.delete(this.uncacheable.values().next().value!);
    this.uncacheable.add(path);
    // A stale page whose new version is gone or moved is not served again.
    if (GONE.has(status) && this.pages.get(path)?.stale) this.remove(path);
  }

  /**
   * Call before rendering a page that may be stored, and `endRender` after (stored or not): a change that lands
   * while the render runs then keeps its result out of the cache.
   */
  beginRender(): number {
    this.rendersInFlight++;
    return ++this.tick;
  }

  endRender(): void {
    this.rendersInFlight--;
    // The invalidation clock only matters while renders are in flight; keep its map from growing for ever.
    if (this.rendersInFlight === 0 && this.renderQueue.size === 0 && this.flights.size === 0) this.invalidatedAt.clear();
  }

  /**
   * `copies`: the brotli and gzip bytes when the renderer made them (the page render thread); else made here.
   * `read`: the render was a reader's (a miss the app answered); the cache's own (re-renders, the warm start) are not,
   * and their pages count as read from their first hit on.
   */
  store(
    url: string,
    html: Buffer,
    headers: Record<string, string>,
    startedAt: number,
    opts: { copies?: CompressedCopies | undefined; read?: boolean } = {},
  ): Promise<void> {
    const f = this.flights.get(url);
    if (f) f.stores++;
    const p = this.compressAndStore(url, html, headers, startedAt, opts).finally(() => {
      if (!f) return;
      f.stores--;
      if (f.stores === 0 && !f.retried && this.flights.get(url) === f) this.settle(url, f);
    });
    this.storing.add(p);
    return p.finally(() => this.storing.delete(p));
  }

  private async compressAndStore(
    url: string,
    html: Buffer,
    headers: Record<string, string>,
    startedAt: number,
    opts: { copies?: CompressedCopies | undefined; read?: boolean },
  ): Promise<void> {
    const keys = parseSurrogateKeys(headers['surrogate-key']);
    if (keys.length === 0) return;
    const { br, gzip: gz } = opts.copies ?? (await compressPage(html));
    if (this.changedSince(keys, startedAt)) {
      this.refused++;
      this.retry(url);
      return;
    }
    const hash = pageEtag(html);
    const common: OutgoingHttpHeaders = {
      'content-type': headers['content-type'] ?? 'text/html; charset=utf-8',
      'cache-control': headers['cache-control'] ?? 'public, max-age=60',
      'surrogate-key': headers['surrogate-key'],
      vary: 'Accept-Encoding',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      // A hit must answer what the miss did: the security headers (web/security-headers.ts) hold for every reader,
      // public pages' CSP having no per-request nonce.
      ...Object.fromEntries(KEPT_AS_SENT.filter((h) => headers[h]).map((h) => [h, headers[h]])),
    };
    const variants = (xCache: string): Record<Encoding, OutgoingHttpHeaders> => {
      const variant = (enc: Encoding, body: Buffer, tag: string): OutgoingHttpHeaders => ({
        ...common,
        'x-cache': xCache,
        ...(enc === 'identity' ? {} : { 'content-encoding': enc }),
        'content-length': body.length,
        etag: `"${tag}"`,
      });
      return { br: variant('br', br, `${hash}-br`), gzip: variant('gzip', gz, `${hash}-gz`), identity: variant('identity', html, hash) };
    };
    const page: CachedPage = {
      url,
      keys,
      etag: hash,
      bodies: { br, gzip: gz, identity: html },
      headers: variants('HIT'),
      staleHeaders: variants('STALE'),
      stale: false,
      read: opts.read ?? false,
      cold: false,
      size: html.length + br.length + gz.length + url.length * 2 + 1024,
    };
    this.remove(url);
    this.uncacheable.delete(url);
    this.renderQueue.delete(url);
    this.pages.set(url, page);
    this.bytes += page.size;
    for (const k of keys) {
      let urls = this.byKey.get(k);
      if (!urls) this.byKey.set(k, (urls = new Set()));
      urls.add(url);
    }
    while (this.bytes > this.opts.maxBytes && this.pages.size > 1) {
      const oldest = this.pages.keys().next().value as string;
      this.remove(oldest);
    }
  }

  /**
   * Marks stale every page that shows any of these keys, and queues for a re-render those readers read first (home
   * pages, section fronts, feeds, the changed article's own page). Drops at once the pages of a story taken from
   * readers (`removed` keys), and every page on "*" (a change nobody described: it may be a removal).
   * Returns the URLs marked stale or dropped.
   */
  invalidate(keys: string[]): string[] {
    const now = ++this.tick;
    const touched = new Set<string>();
    const eager: string[] = [];
    if (keys.includes('*')) {
      this.allInvalidatedAt = now;
      for (const url of [...this.pages.keys()]) {
        touched.add(url);
        this.remove(url);
        if (READ_FIRST.test(url)) eager.push(url);
      }
    } else {
      const dropped = new Set<string>();
      // The changed stories' own pages: a correction must show on the story at once.
      const own = new Set<string>();
      for (const k of keys) {
        const gone = removedArticleKey(k);
        if (gone) for (const url of this.byKey.get(gone) ?? []) dropped.add(url);
      }
      for (const k of keys) {
        this.invalidatedAt.set(k, now);
        for (const url of this.byKey.get(k) ?? []) touched.add(url);
        const story = /^a(\d+)$/.exec(k);
        if (story) for (const url of this.byKey.get(`p${story[1]}`) ?? []) own.add(url);
      }
      for (const url of dropped) touched.add(url);
      const fronts = new Set<string>();
      for (const k of keys) if (SECTION_KEY.test(k)) for (const url of this.byKey.get(k) ?? []) fronts.add(url);
      const shell = keys.includes(surrogateKey.site);
      for (const url of touched) {
        const first = own.has(url) || (READ_FIRST.test(url) && (shell || dropped.has(url) || fronts.has(url) || !SECTION_FRONT.test(url)));
        // What nobody read since its last render is not rendered for nobody: its next reader waits for that render.
        const read = this.pages.get(url)?.read ?? false;
        if (first && read) eager.push(url);
        if (dropped.has(url)) this.remove(url);
        else {
          this.markStale(url);
          if (first && !read) this.pages.get(url)!.cold = true;
        }
      }
    }
    this.schedule(eager);
    return [...touched];
  }

  /** Resolves when every queued re-render and pending store has finished (tests and the benchmark wait on it). */
  async idle(): Promise<void> {
    while (this.draining || this.storing.size) {
      await this.draining;
      await Promise.all(this.storing);
    }
  }

  /** For metrics: `staleServes` counts hits answered with a stale copy, `refused` renders not stored (a change landed). */
  stats() {
    let stale = 0;
    let cold = 0;
    for (const p of this.pages.values()) {
      if (p.stale) stale++;
      if (p.cold) cold++;
    }
    return {
      pages: this.pages.size,
      stale,
      cold,
      bytes: this.bytes,
      maxBytes: this.opts.maxBytes,
      queued: this.renderQueue.size,
      renders: this.rendersSinceStart,
      staleServes: this.staleServes,
      refused: this.refused,
    };
  }

  private markStale(url: string) {
    const page = this.pages.get(url);
    if (!page || page.stale) return;
    page.stale = true;
    page.headers = page.staleHeaders;
  }

  private settle(path: string, f: Flight) {
    this.flights.delete(path);
    f.settle();
  }

  /**
   * A render not stored because a change landed while it ran. Its waiters keep waiting (and the stale copy is kept
   * serving) while one more render runs; with no one waiting, the re-render is queued as any other.
   */
  private retry(url: string) {
    const f = this.flights.get(url);
    if (!f) {
      this.schedule([url]);
      return;
    }
    // Refused again while retrying (a store that waited for nothing, as the render thread's compressed pages do, is
    // refused before its render's end is heard): the retry below renders once more.
    if (f.retried) {
      f.again = true;
      return;
    }
    f.retried = true;
    void (async () => {
      let status: number;
      let tries = 0;
      do {
        f.again = false;
        await new Promise((r) => setImmediate(r));
        status = await this.renderQuietly(url);
      } while (f.again && ++tries < MAX_RETRIES);
      f.retried = false;
      // Changes landing faster than the page renders: the stale copy goes on being served, and re-rendered from the queue.
      if (f.again) this.schedule([url]);
      this.land(url, f, status);
    })();
  }

  private changedSince(keys: string[], startedAt: number): boolean {
    if (this.allInvalidatedAt > startedAt) return true;
    return keys.some((k) => (this.invalidatedAt.get(k) ?? 0) > startedAt);
  }

  private remove(url: string) {
    const page = this.pages.get(url);
    if (!page) return;
    this.pages.delete(url);
    this.bytes -= page.size;
    for (const k of page.keys) {
      const urls = this.byKey.get(k);
      urls?.delete(url);
      if (urls?.size === 0) this.byKey.delete(k);
    }
  }

  private schedule(urls: string[]) {
    for (const u of urls) this.renderQueue.add(u);
    // Started on a later tick: other listeners of the same change notice (cached lists) must update first.
    if (!this.draining && this.renderQueue.size)
      this.draining = Promise.resolve()
        .then(() => this.drain())
        .finally(() => (this.draining = null));
  }

  // Home pages, section fronts and feeds first: they are what readers and aggregators ask for right after a publish.
  private next(): string | undefined {
    let pick: string | undefined;
    for (const u of this.renderQueue) {
      if (READ_FIRST.test(u)) {
        pick = u;
        break;
      }
      pick ??= u;
    }
    if (pick !== undefined) this.renderQueue.delete(pick);
    return pick;
  }

  private async renderQuietly(url: string): Promise<number> {
    try {
      const res = await this.opts.render(url);
      this.rendersSinceStart++;
      return typeof res === 'object' && res !== null && 'status' in res && typeof res.status === 'number' ? res.status : 200;
    } catch (err) {
      this.opts.log.warn({ err, url }, 'background re-render failed; the page renders on its next request');
      return 500;
    }
  }

  private async drain() {
    for (;;) {
      const batch: Promise<void>[] = [];
      const room = this.opts.parallel?.() ?? 1;
      for (let url = this.next(); url !== undefined; url = batch.length < room ? this.next() : undefined) {
        const page = this.pages.get(url);
        if (page && !page.stale) continue;
        // A reader's miss is rendering it already: that render is the one.
        if (this.flights.has(url)) continue;
        // Known not to be stored; a stale copy of it means it was stored since, so try again.
        if (page) this.uncacheable.delete(url);
        const f = this.takeOff(url);
        if (!f) continue;
        batch.push(this.renderQuietly(url).then((status) => this.land(url, f, status)));
      }
      if (batch.length === 0) return;
      await Promise.all(batch);
      // Hits waiting on the event loop are answered between two renders.
      await new Promise((r) => setImmediate(r));
    }
  }
}
