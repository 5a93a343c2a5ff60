import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { getPath } from 'hono/utils/url';
import { serveStatic } from '@hono/node-server/serve-static';
import { ping } from '../services/database.js';
import { canonicalPath } from '../content/urls.js';
import { AppError, INTERNAL_ERROR, isAppError } from '../errors.js';
import { renderErrorPage } from '../render/pages/render-pages.js';
import type { SiteContext } from '../content/site-context.js';
import type { Deps } from '../services/deps.js';
import { errorPageData } from '../services/site-pages.js';
import { oldAddress } from '../services/old-addresses.js';
import type { WriteJob } from '../feeds/write-job.js';
import { feedRoutes } from './site/feed-routes.js';
import { previewRoutes } from './site/preview-routes.js';
import { kindOfError, localeFromPath, siteRoutes } from './site/routes.js';
import { shareableResponses } from './cache/fill-cache.js';
import type { PageCache } from './cache/page-cache.js';
import type { Readiness } from './cache/warm-start.js';
import type { AdminOptions } from './admin/routes.js';
import { isAdminPath, securityHeaders } from './security-headers.js';
import { problemResponse } from './api/problem.js';
import type { AdminSide } from './mount-admin.js';
import { DEFAULT_MEDIA_MAX_BYTES } from '../services/image-processing.js';
import { DEMO_WIRE_PATH, demoWireFeed } from '../services/demo-wire.js';
import type { WorkQueue } from '../services/work-queue.js';

/**
 * `logo` is the SVG served at site.logoPath, or what makes it from the site's current name (the composition root
 * decides where it comes from); `cache`, when given,
 * is filled with every shareable page the app renders. `admin` says how the admin sends mail (default: to the
 * console) and whether to trust X-Forwarded-For (default: no).
 */
export type AppOptions = {
  deps: Deps;
  site: SiteContext;
  dataDir: string;
  logo: string | (() => string);
  cache?: PageCache;
  admin?: Partial<AdminOptions>;
  /** Upload limit of the media library (MEDIA_MAX_MB), in bytes. */
  mediaMaxBytes?: number;
  /** Largest image the media library decodes (MEDIA_MAX_MEGAPIXELS), in pixels. */
  mediaMaxPixels?: number;
  /** Where uploads wait to be decoded; the process's own queue unless a test brings one. */
  mediaQueue?: WorkQueue;
  /** What /readyz reports (the warm start's progress); without it the app is ready as soon as it answers. */
  readiness?: Readiness;
  /** The demo (serve --demo): serve the demo partner's feed (services/demo-wire.ts). */
  demoWireFeed?: boolean;
  /** How feeds and sitemaps are written: by default in worker threads (services/feed-write-pool.ts). */
  writeFeed?: (job: WriteJob) => Promise<Uint8Array<ArrayBuffer>>;
};

/**
 * The path as the client spelled it. Under node the request line is at hand; the URL the app is given has had its
 * "." segments resolved already, so `/en/./` would otherwise look canonical. In memory (app.request) the URL is all
 * there is.
 */
function requestPath(env: unknown, url: URL): string {
  const target = (env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
  if (target?.startsWith('/')) {
    const q = target.indexOf('?');
    return q === -1 ? target : target.slice(0, q);
  }
  return url.pathname;
}

const isApiPath = (p: string) => p.startsWith('/api/') || p.startsWith('/admin/api/');

/** A client that does not ask for HTML (a script, a monitor, curl's default) is answered in JSON; so are the probes. */
const wantsJson = (c: Context) =>
  c.req.path === '/healthz' || c.req.path === '/readyz' || isApiPath(c.req.path) || !(c.req.header('accept') ?? 'text/html').includes('html');

// Longer than any address we generate by an order of magnitude, and room for an imported WordPress permalink (a
// category and a post slug of 200 Unicode characters each, percent-encoded: up to 1,200 bytes each); beyond this a
// request is noise or an attack.
const MAX_PATH = 4096;
const MAX_QUERY = 2048;

const BUSY = new Set<string>(['MEDIA_BUSY', 'HTML_BUSY', 'FEED_BUSY', 'FEED_TIMEOUT']);

/**
 * Paths the newsroom's side may answer (the admin's pages, and the Admin API at both its addresses), as Hono's router
 * sees them (percent-decoded). Broader than the routes on purpose: what matters is that no other path can reach them.
 */
const isAdminSide = (p: string) => p.startsWith('/admin') || p.startsWith('/api/admin');

/**
 * The site's app. The newsroom's side (src/web/admin, src/web/api/admin and what they bring: sessions, argon2, the
 * editor's bundle, the media library) is built on the first request under /admin or /api/admin, so a server starting
 * for its readers does not load or parse it before its first article. That request and every later one on that side
 * is answered by the whole app, built as before from the same middleware, routes, not-found and error handlers, with
 * the admin mounted between the media files and the public pages; every other request by the same app without it,
 * which those paths never reach. One app for both would have to add routes to a router that has started matching.
 */
export function createApp(opts: AppOptions): Hono {
  const { deps, site, admin, mediaMaxBytes, mediaMaxPixels, mediaQueue, writeFeed } = opts;
  // Built once and mounted in both apps: their in-memory lists are the site's, not one app's.
  const shared = {
    pages: siteRoutes(deps, site),
    feeds: feedRoutes(deps, site, { write: writeFeed }),
    previews: previewRoutes(deps, site),
    mediaRoot: path.join(opts.dataDir, 'media'),
  };
  fs.mkdirSync(shared.mediaRoot, { recursive: true });
  const readers = buildApp(opts, shared);
  let whole: Promise<Hono> | undefined;
  const wholeApp = () =>
    (whole ??= import('./mount-admin.js').then(({ adminSide }) =>
      buildApp(
        opts,
        shared,
        adminSide(deps, site, {
          mailer: admin?.mailer,
          trustProxy: admin?.trustProxy ?? false,
          translator: admin?.translator ?? null,
          media: {
            dataDir: opts.dataDir,
            maxBytes: mediaMaxBytes ?? DEFAULT_MEDIA_MAX_BYTES,
            ...(mediaMaxPixels ? { maxPixels: mediaMaxPixels } : {}),
            ...(mediaQueue ? { queue: mediaQueue } : {}),
          },
        }),
      ),
    )).catch((e: unknown) => {
      whole = undefined; // tried again by the next request
      throw e;
    });
  // `request` (tests, the cache's renders) calls `fetch`, so both take this way.
  const toReaders = readers.fetch;
  readers.fetch = (request, ...rest) => (isAdminSide(getPath(request)) ? wholeApp().then((app) => app.fetch(request, ...rest)) : toReaders(request, ...rest));
  return readers;
}

type Shared = { pages: Hono; feeds: Hono; previews: Hono; mediaRoot: string };

function buildApp({ deps, site, logo, cache, readiness, demoWireFeed: serveDemoFeed }: AppOptions, shared: Shared, adminSide?: AdminSide) {
  const app = new Hono();
  app.use(shareableResponses(cache));
  app.use(securityHeaders({ https: site.siteUrl.startsWith('https:') }));
  app.use(async (c, next) => {
    const raw = c.req.url;
    const q = raw.indexOf('?');
    const pathPart = q === -1 ? raw : raw.slice(0, q);
    if (q !== -1 && raw.length - q > MAX_QUERY) throw new AppError('BAD_REQUEST', 'The query string is too long.', { hint: 'Shorten the search or the link.' });
    if (pathPart.length > MAX_PATH) throw new AppError('NOT_FOUND', 'No page has an address this long.');
    const url = new URL(raw);
    try {
      decodeURIComponent(url.pathname);
    } catch {
      throw new AppError('BAD_REQUEST', 'The address is not valid percent-encoding.', { hint: 'Check the link for a stray "%".' });
    }
    // Set before the handler runs: headers added to a finished response make Hono copy its body into a stream.
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      // The router decodes before matching, so any other spelling of a page's path would render it and give it a
      // cache entry of its own: one page, as many entries as a crawler cares to spell.
      const target = requestPath(c.env, url);
      const canonical = canonicalPath(target);
      if (canonical !== target) return c.redirect(canonical + url.search, 301);
    }
    await next();
  });

  if (serveDemoFeed) {
    app.get(DEMO_WIRE_PATH, (c) => c.body(demoWireFeed(site.siteUrl, deps.clock()), 200, { 'content-type': 'application/rss+xml; charset=utf-8' }));
  }

  app.get('/healthz', async (c) => {
    const started = performance.now();
    try {
      await ping(deps.db);
      return c.json({ status: 'ok', database: { engine: deps.db.dialect, state: 'up', latencyMs: Math.round(performance.now() - started) } });
    } catch (e) {
      deps.log.error({ err: e }, 'health check: database down');
      return c.json({ status: 'error', database: { engine: deps.db.dialect, state: 'down', error: isAppError(e) ? e.code : 'DATABASE_UNAVAILABLE' } }, 503);
    }
  });

  // For a load balancer's readiness probe: 503 until the warm start has rendered the most read pages (warm-start.ts).
  app.get('/readyz', (c) => {
    const state = readiness?.status() ?? { ready: true };
    c.header('Cache-Control', 'no-store');
    return c.json(state, state.ready ? 200 : 503);
  });

  app.get('/robots.txt', (c) => c.text(`User-agent: *\nDisallow: /admin\nDisallow: /*/search\n\nSitemap: ${site.siteUrl}/sitemap.xml\n`));

  app.get(site.logoPath, (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(typeof logo === 'string' ? logo : logo(), 200, { 'Content-Type': 'image/svg+xml' });
  });

  const mediaFiles = serveStatic({
    root: path.relative(process.cwd(), shared.mediaRoot) || '.',
    rewriteRequestPath: (p) => p.replace(/^\/media/, ''),
  });
  // A file's name changes when its bytes do (renditions are named by content), so readers may keep it for good. Set
  // on the file's own response: serveStatic's onFound runs after that response is made, too late for a header.
  app.use('/media/*', async (c, next) => {
    const res = await mediaFiles(c, next);
    if (res instanceof Response && (res.status === 200 || res.status === 206)) res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return res;
  });

  adminSide?.mount(app);
  app.route('/', shared.feeds);
  app.route('/', shared.previews);
  app.route('/', shared.pages);

  app.notFound(async (c) => {
    if (isApiPath(c.req.path))
      return problemResponse(
        c,
        new AppError('NOT_FOUND', `No API endpoint answers ${c.req.method} ${c.req.path}.`, { hint: 'README.md "Admin API" lists the endpoints.' }),
      );
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && !isAdminPath(c.req.path)) {
      // A permalink of the site an import replaced (services/old-addresses.ts).
      const url = new URL(c.req.url);
      const moved = await oldAddress(deps, url.pathname, url.search);
      if (moved) return c.redirect(moved, 301);
    }
    const locale = localeFromPath(c.req.path, site);
    return c.html(renderErrorPage(site, locale, 'notFound', await errorPageData(deps, locale)), 404);
  });

  // The one error exit: a person gets a page in their language (or JSON for machines), never a stack trace.
  app.onError(async (err, c) => {
    const appError = isAppError(err) ? err : null;
    // A full queue refusing work for now is load, not a fault: a flood of them must not bury real errors in the log.
    if (appError && BUSY.has(appError.code)) deps.log.warn({ code: appError.code, path: c.req.path }, 'refused: busy');
    else if (!appError || appError.status >= 500) deps.log.error({ err, path: c.req.path }, 'request failed');
    const status = appError?.status ?? INTERNAL_ERROR.status;
    // The API, and the public site to whoever asks for JSON: RFC 9457 problem+json (web/api/problem.ts).
    if (isApiPath(c.req.path)) return problemResponse(c, appError);
    if (adminSide && isAdminPath(c.req.path)) return adminSide.errorResponse(c, appError, wantsJson(c));
    if (wantsJson(c)) return problemResponse(c, appError);
    const locale = localeFromPath(c.req.path, site);
    let extra = { nav: [] as { slug: string; name: string }[], latest: [] as Awaited<ReturnType<typeof errorPageData>>['latest'] };
    try {
      extra = await errorPageData(deps, locale);
    } catch {
      // The database may be what failed: the error page still renders, without lists.
    }
    // A reader's browser asking for a feed while the writers are busy is told when to come back, as a script is.
    const retry = appError?.details?.['retryAfterSeconds'];
    if (typeof retry === 'number') {
      c.header('Retry-After', String(retry));
      c.header('Cache-Control', 'no-store');
    }
    return c.html(renderErrorPage(site, locale, appError ? kindOfError(appError) : 'error', extra), status);
  });

  return app;
}
