import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { PageCache } from './page-cache.js';

export type ReadyState = {
  ready: boolean;
  warming: { done: number; of: number; failed: number };
  /** How long the warm-up took, once it has finished. */
  ms?: number;
};

/**
 * What `GET /readyz` answers: not ready from the start until the warm-up has finished (failed pages included: a page
 * that cannot be rendered now renders on its first request, as without a warm-up), then ready for good. Readiness says
 * nothing about the database (that is /healthz): cached pages still serve while it is down, so taking every instance
 * out of the load balancer then would only turn a partial outage into a whole one.
 */
export class Readiness {
  private state: ReadyState = { ready: false, warming: { done: 0, of: 0, failed: 0 } };

  status(): ReadyState {
    return { ...this.state, warming: { ...this.state.warming } };
  }

  begin(of: number) {
    this.state.warming.of = of;
  }

  rendered(ok: boolean) {
    this.state.warming.done++;
    if (!ok) this.state.warming.failed++;
  }

  finish(ms: number) {
    this.state = { ...this.state, ready: true, ms };
  }
}

export type WarmStartOptions = {
  /** Undefined when the cache is off (CACHE_MAX_MB=0): nothing to warm, ready at once. */
  cache: PageCache | undefined;
  /** Renders one path and stores it: through the app (`app.request`), whose fill-cache middleware stores the page, or the render thread (render-into.ts). */
  render: (path: string) => Promise<{ status: number; body?: ReadableStream | null }>;
  /** The paths to warm, most read first (services/warm-paths.ts). */
  paths: () => Promise<string[]>;
  readiness: Readiness;
  log: Logger;
  /** Renders at once; several let PostgreSQL's round trips overlap. */
  concurrency?: number;
  /** Stops between pages (the server is closing). */
  signal?: AbortSignal;
  /**
   * How many requests the server has received so far. When readers arrived during a render, the next one waits
   * (several times the last render's duration) so that the requests queued behind it are answered first.
   */
  requests?: () => number;
  /** Where the pages were rendered, for the log line ("in the page render thread"). */
  where?: () => string;
  /**
   * True while the pages render in the page render thread: then a render's wall time is mostly how long that thread,
   * at its lower priority, waited for a core, not how long the serving thread was held, and the pause after readers
   * arrived is a short fixed one instead (THREAD_PAUSE_MS).
   */
  threaded?: () => boolean;
};

// Measured on 100,000 articles with 64 connections on /en/ from the moment /healthz answered (warm p99 4-5 ms): renders
// back to back (a turn of the event loop between them), the first 10 s had a p99 of 480-540 ms; with this pause,
// 53 ms; without any warm-up, 11 ms. Twice the pause (100 ms, 8x) did no better. Without readers, no pause.
const PAUSE_MIN_MS = 50;
const PAUSE_PER_RENDER = 4;
const PAUSE_MAX_MS = 500;
// In the render thread: the serving thread was free during the render, so the pause only hands the core back to the
// readers for a moment. Four times the wall time made the most starved thread pause the longest: the warm start took
// 8-11 s under load instead of 2.5-3.5 s, readers of the 35 other warm pages missed meanwhile (review of issue 16).
// Measured alone in turns at 100,000 articles under load (README, "The readers' pause in thread mode"): the warm start
// took a median 10.6 s with 4x and 5.1 s with this, and the readers' p99 was no steadier with 4x.
const THREAD_PAUSE_MS = 10;

export type WarmResult = { pages: number; failed: number; ms: number };

// The global timer, not timers/promises: tests drive it with fake timers.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Renders the pages the first readers after a start or a deploy ask for, so they are hits from the first request,
 * and then marks the server ready. Started once the server listens: a few renders at a time with a turn of the event
 * loop between pages, so /healthz, /readyz and whatever readers arrive meanwhile are answered during the warm-up.
 */
export async function warmStart({
  cache,
  render,
  paths,
  readiness,
  log,
  concurrency = 4,
  signal,
  requests,
  where,
  threaded,
}: WarmStartOptions): Promise<WarmResult> {
  const started = performance.now();
  const finish = (pages: number, failed: number): WarmResult => {
    const ms = Math.round(performance.now() - started);
    readiness.finish(ms);
    return { pages, failed, ms };
  };
  if (!cache) return finish(0, 0);
  let list: string[];
  try {
    list = await paths();
  } catch (err) {
    log.warn({ err }, 'warm start: could not list the pages to render; pages render on their first request');
    return finish(0, 0);
  }
  readiness.begin(list.length);
  const failed: string[] = [];
  let next = 0;
  // One render of a page at a time, the cache's rule (PageCache.takeOff): readers who miss a page while the warm-up
  // renders it wait for that render, and the warm-up waits for a reader's render rather than render it again.
  const warm = async (path: string): Promise<boolean> => {
    if (cache.has(path)) return true;
    const flight = cache.takeOff(path);
    if (!flight) {
      await cache.flightOf(path);
      return true;
    }
    let status = 500;
    try {
      const res = await render(path);
      status = res.status;
      await res.body?.cancel();
    } catch (err) {
      log.debug({ err, path }, 'warm start: render failed');
    } finally {
      cache.land(path, flight, status);
    }
    // A 404 (a section with nothing in a language yet) is an answer, not a failure; an error page is.
    return status < 500;
  };
  const worker = async () => {
    // Requests are read from their sockets between renders (a render on SQLite never waits for I/O), so readers who
    // came show in the count after the pause that let them in.
    let seen = requests?.();
    while (next < list.length && !signal?.aborted) {
      const path = list[next++]!;
      const began = performance.now();
      const ok = await warm(path);
      if (!ok) failed.push(path);
      readiness.rendered(ok);
      // Readers are here before the server said it was ready (a balancer probing /healthz only): let them go first.
      const arrived = requests && requests() !== seen;
      seen = requests?.();
      if (arrived && threaded?.()) await sleep(THREAD_PAUSE_MS);
      else if (arrived) await sleep(Math.min(PAUSE_MAX_MS, Math.max(PAUSE_MIN_MS, PAUSE_PER_RENDER * (performance.now() - began))));
      else await nextTurn();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, list.length)) }, worker));
  if (signal?.aborted) return finish(list.length - failed.length, failed.length);
  // The responses are out; their pages are stored once compressed.
  await cache.idle();
  const result = finish(list.length - failed.length, failed.length);
  if (failed.length) log.warn({ failed }, `warm start: ${failed.length} of ${list.length} pages failed to render; they render on their first request`);
  log.info({ pages: result.pages, ms: result.ms }, `warm start: ${result.pages} pages rendered in ${result.ms} ms${where ? ` ${where()}` : ''}`);
  return result;
}
