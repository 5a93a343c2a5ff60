import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { ping } from '../services/database.js';
import { canonicalPath } from '../content/urls.js';
import { AppError, INTERNAL_ERROR, isAppError } from '../errors.js';
import { renderErrorPage } from '../render/pages/render-pages.js';
import type { SiteContext } from '../content/site-context.js';
import type { Deps } from '../services/deps.js';
import { errorPageData } from '../services/site-pages.js';
import { feedRoutes } from './site/feed-routes.js';
import { previewRoutes } from './site/preview-routes.js';
import { kindOfError, localeFromPath, siteRoutes } from './site/routes.js';
import { shareableResponses } from './cache/fill-cache.js';
import type { PageCache } from './cache/page-cache.js';
import type { Readiness } from './cache/warm-start.js';
import { consoleMailer } from '../services/mail.js';
import { adminErrorResponse } from './admin/admin-error.js';
import { adminRoutes, type AdminOptions } from './admin/routes.js';
import { isAdminPath, securityHeaders } from './security-headers.js';
import { adminApiRoutes } from './api/admin/routes.js';
import { ADMIN_API_PATH, ADMIN_API_SESSION_PATH } from './api/admin/paths.js';
import { problemResponse } from './api/problem.js';
import { DEFAULT_MEDIA_MAX_BYTES } from '../services/image-processing.js';
import type { MediaOptions } from '../services/media.js';
import type { WorkQueue } from '../services/work-queue.js';

/**
 * `logo` is the SVG served at site.logoPath (the composition root decides where it comes from); `cache`, when given,
 * is filled with every shareable page the app renders. `admin` says how the admin sends mail (default: to the
 * console) and whether to trust X-Forwarded-For (default: no).
 */
export type AppOptions = {
  deps: Deps;
  site: SiteContext;
  dataDir: string;
  logo: string;
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

// Longer than any address we generate by an order of magnitude; beyond this a request is noise or an attack.
const MAX_PATH = 1024;
const MAX_QUERY = 2048;

const BUSY = new Set<string>(['MEDIA_BUSY', 'HTML_BUSY']);

export function createApp({ deps, site, dataDir, logo, cache, admin, mediaMaxBytes, mediaMaxPixels, mediaQueue, readiness }: AppOptions) {
  const app = new Hono();
  app.use(shareableResponses(cache));
  app.use(securityHeaders({ https: site.siteUrl.startsWith('https:') }));
  const pages = siteRoutes(deps, site);

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
    return c.body(logo, 200, { 'Content-Type': 'image/svg+xml' });
  });

  const mediaRoot = path.join(dataDir, 'media');
  fs.mkdirSync(mediaRoot, { recursive: true });
  const mediaFiles = serveStatic({
    root: path.relative(process.cwd(), mediaRoot) || '.',
    rewriteRequestPath: (p) => p.replace(/^\/media/, ''),
  });
  // A file's name changes when its bytes do (renditions are named by content), so readers may keep it for good. Set
  // on the file's own response: serveStatic's onFound runs after that response is made, too late for a header.
  app.use('/media/*', async (c, next) => {
    const res = await mediaFiles(c, next);
    if (res instanceof Response && (res.status === 200 || res.status === 206)) res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    return res;
  });

  const media: MediaOptions = {
    dataDir,
    maxBytes: mediaMaxBytes ?? DEFAULT_MEDIA_MAX_BYTES,
    ...(mediaMaxPixels ? { maxPixels: mediaMaxPixels } : {}),
    ...(mediaQueue ? { queue: mediaQueue } : {}),
  };
  // One API router at two addresses (api/admin/paths.ts says why): for clients with keys, and under /admin, where the
  // admin's session cookie reaches it. Mounted before the admin's pages, whose middleware must not run for it.
  const api = adminApiRoutes(deps, site, media);
  for (const base of [ADMIN_API_PATH, ADMIN_API_SESSION_PATH]) app.route(base, api);
  app.route(
    '/admin',
    adminRoutes(deps, site, {
      mailer: admin?.mailer ?? consoleMailer(`no-reply@${new URL(site.siteUrl).hostname}`),
      trustProxy: admin?.trustProxy ?? false,
      media,
    }),
  );
  app.route('/', feedRoutes(deps, site));
  app.route('/', previewRoutes(deps, site));
  app.route('/', pages);

  app.notFound(async (c) => {
    if (isApiPath(c.req.path))
      return problemResponse(
        c,
        new AppError('NOT_FOUND', `No API endpoint answers ${c.req.method} ${c.req.path}.`, { hint: 'README.md "Admin API" lists the endpoints.' }),
      );
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
    if (isAdminPath(c.req.path)) return adminErrorResponse(c, appError, wantsJson(c));
    if (wantsJson(c)) return problemResponse(c, appError);
    const locale = localeFromPath(c.req.path, site);
    let extra = { nav: [] as { slug: string; name: string }[], latest: [] as Awaited<ReturnType<typeof errorPageData>>['latest'] };
    try {
      extra = await errorPageData(deps, locale);
    } catch {
      // The database may be what failed: the error page still renders, without lists.
    }
    return c.html(renderErrorPage(site, locale, appError ? kindOfError(appError) : 'error', extra), status);
  });

  return app;
}
