import http from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Config } from './config.js';
import { AppError } from './errors.js';
import { migrate } from './db/migrate.js';
import type { SiteContext } from './content/site-context.js';
import type { Deps } from './services/deps.js';
import { createLogger, openDeps } from './open-deps.js';
import { parseAllowList } from './outbound/address-policy.js';
import { firstStart } from './services/first-start.js';
import { createApp } from './web/app.js';
import { consoleMailer, smtpMailer, type Mailer } from './mail/mailer.js';
import { PageCache } from './web/cache/page-cache.js';
import { cachedRequestListener } from './web/cache/fast-path.js';
import { Readiness, warmStart } from './web/cache/warm-start.js';
import { renderInto } from './web/cache/render-into.js';
import { RENDER_THREAD_BATCH, startRenderThread, type PageRenderThread } from './page-render-thread.js';
import { warmPaths } from './services/warm-paths.js';
import { watchEmbargoes } from './services/embargo-watch.js';
import { watchFrontPageExpiry } from './services/front-page-watch.js';
import { startJobRunner } from './services/jobs.js';
import { SEARCH_REINDEX, searchReindexHandler } from './services/search-refresh.js';
import { closeHtmlConverter } from './services/html-convert.js';
import { INGEST_POLL, ingestPollHandler, scheduleIngest } from './services/ingest.js';
import { machineTranslator } from './services/wire.js';
import { connectDemoPartnerFeed } from './services/demo-wire.js';
import { closeWirePool } from './services/wire-pool.js';
import { closeFeedWriters, writeInThread } from './services/feed-write-pool.js';
import { PUBLISH_PENDING, publishPendingHandler } from './services/pending-schedule.js';
import { announceFailedPublication, PUBLISH_SCHEDULED, publishScheduledHandler } from './services/scheduled-publish.js';
import { watchOtherWriters } from './db/sqlite-write-watch.js';
import { logoSvg } from './seed/demo-images.js';
import { loadSiteSettings, reloadSiteSettings, SETTINGS_CHANGED } from './services/site-settings-live.js';

/** The composition root: config -> db -> services -> web app -> server. Nothing else wires modules together. */

// Opening the database is apart (open-deps.ts) so one-off commands load only that; callers still find it here.
export { createLogger, openDeps };
export { setPageCacheMb } from './db/connect.js';

export function siteContext(config: Config): SiteContext {
  return {
    siteUrl: config.siteUrl,
    siteName: config.siteName,
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
    logoPath: '/logo.svg',
  };
}

/** SMTP when SMTP_URL is set; otherwise mail (password links, invitations) is printed on the console. */
export function mailerFor(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : consoleMailer(config.mailFrom);
}

/** The monogram for the site's current name, made again only when the name changes. */
function monogram(site: SiteContext): () => string {
  let name = '';
  let svg = '';
  return () => {
    if (site.siteName !== name) svg = logoSvg((name = site.siteName));
    return svg;
  };
}

/**
 * The app with its page cache; the cache re-renders through the app, so they are made together. `settings` resolves
 * once the editors' settings (services/site-settings-live.ts) are in the live `site`: wait for it before serving.
 * `feedsInThread`: write feeds and sitemaps in this thread (a static export's renderer is off the serving thread already).
 */
export function createSite(deps: Deps, config: Config, opts: { feedsInThread?: boolean; demo?: boolean; renderThread?: PageRenderThread } = {}) {
  let app: ReturnType<typeof createApp> | undefined;
  let render = async (path: string): Promise<{ status: number; body?: ReadableStream | null }> => app!.request(path);
  const thread = opts.renderThread;
  // The thread renders a change's pages from one message; the serving thread, one page between two turns of its loop.
  const parallel = () => (thread?.alive ? RENDER_THREAD_BATCH : 1);
  const cache =
    config.cacheMaxBytes > 0 ? new PageCache({ maxBytes: config.cacheMaxBytes, render: (path) => render(path), parallel, log: deps.log }) : undefined;
  if (cache && opts.renderThread) render = renderInto(cache, opts.renderThread, async (path) => app!.request(path));
  const admin = { mailer: mailerFor(config), trustProxy: config.trustProxy, translator: machineTranslator(config.translate) };
  const readiness = new Readiness();
  // One object for the life of the process: every route holds it, and settings are put into it when they change.
  const site = siteContext(config);
  app = createApp({
    deps,
    site,
    dataDir: config.dataDir,
    logo: monogram(site),
    cache,
    admin,
    mediaMaxBytes: config.mediaMaxBytes,
    mediaMaxPixels: config.mediaMaxPixels,
    readiness,
    ...(opts.feedsInThread ? { writeFeed: writeInThread } : {}),
    ...(opts.demo ? { demoWireFeed: true } : {}),
  });
  const settings = loadSiteSettings(deps, site).then(
    () => undefined,
    (err: unknown) => deps.log.error({ err }, 'settings not loaded: the environment’s values stay'),
  );
  let reloading: Promise<unknown> = settings;
  const unsubscribe = deps.changes.subscribe((keys) => {
    cache?.invalidate(keys);
    opts.renderThread?.forward(keys);
    // Settings saved by another instance (`settings`), or anything written to the database by another process ("*"):
    // read them again, and purge once more if they changed, as pages may have been rendered in between.
    if (keys.includes(SETTINGS_CHANGED) || keys.includes('*')) {
      // One after the other: on a PostgreSQL pool an older read finishing last would put older settings back.
      reloading = reloading
        .then(() => reloadSiteSettings(deps, site))
        .then(
          (changed) => {
            if (changed) cache?.invalidate(['*']);
          },
          (err: unknown) => deps.log.error({ err }, 'settings not reloaded'),
        );
    }
  });
  // `render`: how the cache renders on its own (through the render thread when there is one); `settled`: resolves once
  // the last settings reload has finished, so a render after a settings change shows the new ones.
  return { app, cache, unsubscribe, readiness, site, settings, render, settled: () => reloading };
}

/**
 * `demo`: load the demo newsroom if the database has no articles yet (the CLI decides; never in production).
 * `renderThread`: from startRenderThread, started early by the caller; the server owns it from here (and closes it).
 */
export async function startServer(config: Config, opts: { demo?: boolean; renderThread?: PageRenderThread } = {}) {
  // The thread is the server's from the start, the caller's included: a start that fails before it listens closes
  // it, whatever failed (a thread left running keeps the process alive after the error). Regression (review): a
  // malformed ALLOW_PRIVATE_HOSTS threw before any of this and left the caller's thread running.
  const owned: { thread?: PageRenderThread; listening: boolean } = { thread: opts.renderThread, listening: false };
  try {
    return await listenAndWarm(config, opts, owned);
  } catch (err) {
    if (!owned.listening) await owned.thread?.close();
    throw err;
  }
}

async function listenAndWarm(
  config: Config,
  opts: { demo?: boolean; renderThread?: PageRenderThread },
  owned: { thread?: PageRenderThread; listening: boolean },
) {
  // A malformed ALLOW_PRIVATE_HOSTS stops the start (CONFIG_INVALID naming the entry), not the first poll.
  parseAllowList(config.allowPrivateHosts);
  const log = createLogger(config);
  // The cache's re-renders and the warm start run there. Started before the database is opened: its start is mostly
  // compiling, which this thread's own start overlaps.
  const renderThread = (owned.thread ??= startRenderThread(config, log));
  const deps = await openDeps(config, log, { shared: true });
  try {
    const { applied } = await migrate(deps.db, { onWait: (message) => log.warn(message) });
    if (applied.length) log.info({ applied }, 'database migrated');
  } catch (err) {
    await deps.changes.close();
    await deps.db.close();
    throw err;
  }
  renderThread?.open();
  const { app, cache, unsubscribe, readiness, settings, render } = createSite(deps, config, { demo: opts.demo ?? false, renderThread });
  await settings;
  const embargoes = watchEmbargoes(deps, config.locales);
  const frontPins = watchFrontPageExpiry(deps);
  // Runs at once whatever came due while the server was down (a scheduled publication missed by a restart).
  // The demo adds its own feed's origin once it listens (its partner's feed is served here): that origin only, for the
  // demo partner only, so the demo does not open the whole loopback address (every port of it) to partner feeds and
  // their pages, nor its own origin to other partners.
  const allowOrigins = new Map<number, string[]>();
  const jobs = startJobRunner(
    deps,
    {
      [PUBLISH_SCHEDULED]: publishScheduledHandler(deps),
      [PUBLISH_PENDING]: publishPendingHandler(deps),
      [INGEST_POLL]: ingestPollHandler(deps, { allowPrivateHosts: config.allowPrivateHosts, allowOrigins, intervalMinutes: config.ingestIntervalMinutes }),
      [SEARCH_REINDEX]: searchReindexHandler(deps),
    },
    // A failed poll is not a failed publication: only those are announced.
    { onGaveUp: async (job) => (job.kind === INGEST_POLL ? undefined : announceFailedPublication(deps)(job)) },
  );
  const otherWriters = watchOtherWriters(deps.db, () => void deps.changes.publish(['*']));
  const toApp = getRequestListener(app.fetch);
  const server = http.createServer(cache ? cachedRequestListener(cache, toApp) : toApp);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (cause) {
    embargoes.stop();
    frontPins.stop();
    await jobs.stop();
    otherWriters.stop();
    unsubscribe();
    await deps.changes.close();
    await deps.db.close();
    const code = (cause as { code?: string }).code;
    throw new AppError(
      'PORT_UNAVAILABLE',
      `Cannot listen on ${config.host}:${config.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (cause as Error).message}.`,
      {
        hint:
          code === 'EADDRINUSE'
            ? 'Stop the other server, or set PORT to a free port (PORT=0 picks one).'
            : 'Check HOST and PORT; ports below 1024 need privileges.',
        cause,
      },
    );
  }
  owned.listening = true;
  // After the port is ours: a start that cannot listen must not create the first admin and lose its password.
  const first = await firstStart(deps, { demo: opts.demo ?? false, dataDir: config.dataDir });
  if (first.seeded) log.info({ articles: first.seeded }, 'demo content loaded');
  if (opts.demo) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const feed = await connectDemoPartnerFeed(deps, `http://${host.includes(':') ? `[${host}]` : host}:${listeningPort(server, config.port)}`);
    if (feed) allowOrigins.set(feed.partnerId, [new URL(feed.url).origin]);
  }
  // Every active partner with a feed has its poll queued (the runner picks it up; its handler queues the next).
  if (await scheduleIngest(deps)) jobs.poke();
  // Not awaited: the server answers (/healthz, readers) while it warms; /readyz says when it has finished.
  const stopWarming = new AbortController();
  let requests = 0;
  // Readers only: probes polling /healthz and /readyz are no reason to slow the warm-up down.
  const countRequest = (req: http.IncomingMessage) => {
    if (req.url !== '/healthz' && req.url !== '/readyz') requests++;
  };
  server.on('request', countRequest);
  const warmed = warmStart({
    cache,
    render,
    paths: async () => {
      await renderThread?.ready;
      return warmPaths(deps, config);
    },
    readiness,
    log,
    // SQLite answers synchronously: renders side by side would only hold the event loop longer between readers.
    concurrency: deps.db.dialect === 'postgres' ? 4 : 1,
    signal: stopWarming.signal,
    // Readers are let in between renders wherever they run: a render in the page render thread, lowered priority and
    // all, still takes a core from the serving thread on a machine whose cores the readers keep busy (issue 16, row i).
    // There the pause is a short fixed one (`threaded`): the thread's wall time says how starved it was, not how long
    // the serving thread was held.
    requests: () => requests,
    threaded: () => renderThread?.alive ?? false,
    where: () => (renderThread?.alive ? 'in the page render thread' : 'in the serving thread'),
  });
  void warmed.finally(() => server.off('request', countRequest));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const close = async () => {
    stopWarming.abort();
    await warmed;
    embargoes.stop();
    frontPins.stop();
    await jobs.stop();
    otherWriters.stop();
    unsubscribe();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await renderThread?.close();
    await closeHtmlConverter();
    await closeWirePool();
    await closeFeedWriters();
    await deps.changes.close();
    await deps.db.close();
  };
  return { server, port, first, deps, app, cache, warmed, close };
}

const listeningPort = (server: http.Server, fallback: number) => {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : fallback;
};
