import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from './config.js';
import type { Outgoing } from './page-render-thread.js';

/**
 * The page render thread (page-render-thread.ts): its own database connection and app, without a page cache, writing
 * feeds in this thread. Change notices from the serving thread are published on its own bus first, so its kept lists
 * and settings are those of the state the render is asked for.
 */
const { config, held } = workerData as { config: Config; held: boolean };

// Listening from the start: a thread started `held` (before its server has migrated the database) loads its code
// meanwhile and opens the database only when told; messages that come before the app is built wait for it, in order.
let opened!: () => void;
const open = new Promise<void>((resolve) => (opened = resolve));
if (!held) opened();
type Work = Exclude<Outgoing, { open: true }>;
const early: Work[] = [];
let take: ((m: Work) => void) | null = null;
parentPort!.on('message', (batch: Outgoing[]) => {
  for (const m of batch) {
    if ('open' in m) opened();
    else if (take) take(m);
    else early.push(m);
  }
});

/**
 * Readers first: this thread's CPU priority is lowered, so on a machine whose cores are all busy (two cores, the
 * serving thread and the load) its renders take the time the serving thread leaves, rather than preempting it. Linux
 * gives each thread its own nice value, named by its thread id; elsewhere the thread keeps the process's priority.
 */
function lowerPriority(): { priority: number | null; failed?: { err: unknown; wanted: number } } {
  let tid: number;
  try {
    tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
  } catch {
    return { priority: null };
  }
  // Relative to the process's own: a server started with `nice` keeps its thread below it, never raised above it.
  const own = os.getPriority(tid);
  const wanted = Math.min(19, Math.max(own, config.renderThreadNice));
  try {
    if (wanted !== own) os.setPriority(tid, wanted);
  } catch (err) {
    return { priority: os.getPriority(tid), failed: { err, wanted } };
  }
  return { priority: os.getPriority(tid) };
}
// Before the app is loaded: compiling it is most of this thread's start (0.5–1 s of CPU), which would otherwise fall in
// the first second after listen, when the readers' hits need the cores most (issue 16, row i).
const { priority, failed } = lowerPriority();
const [{ createLogger, createSite, openDeps, setPageCacheMb }, { compressPageHere }, { isShareable }] = await Promise.all([
  import('./main.js'),
  import('./web/cache/compress-page.js'),
  import('./web/cache/fill-cache.js'),
]);
const log = createLogger(config);
if (failed) log.warn(failed, 'the page render thread could not lower its CPU priority; it runs at the serving thread’s');
await open;
const deps = await openDeps(config, log);
const { app, settings, settled } = createSite(deps, { ...config, cacheMaxBytes: 0 }, { feedsInThread: true });
await settings;
// The serving thread's connection keeps 8 MB of pages; this one reads feeds' stories and sitemaps' ranges once per
// change, which the OS's file cache serves as well. Its cache was 8 of the 31 MB its malloc arena held after the warm
// start at 100,000 articles (bench/rss-probe.ts), and glibc does not give a thread's arena back.
const RENDER_THREAD_PAGE_CACHE_MB = 2;
await setPageCacheMb(deps.db, RENDER_THREAD_PAGE_CACHE_MB);

// In the order the serving thread asked: a notice reaches the bus before the renders that follow it.
take = (m) => void handle(m);
for (const m of early.splice(0)) take(m);

async function handle(m: Work) {
  if ('keys' in m) {
    void deps.changes.publish(m.keys);
    return;
  }
  try {
    await settled();
    const res = await app.request(m.path);
    // arrayBuffer() hands out a buffer of its own, so it can be transferred rather than copied.
    const body = new Uint8Array(await res.arrayBuffer());
    const reply = { id: m.id, status: res.status, headers: Object.fromEntries(res.headers), body };
    if (!isShareable(res.status, res.headers)) return parentPort!.postMessage(reply, [body.buffer]);
    // Copied out of zlib's buffers (which may share memory with others) into buffers of their own, to be transferred.
    const copies = compressPageHere(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    const br = new Uint8Array(copies.br);
    const gzip = new Uint8Array(copies.gzip);
    parentPort!.postMessage({ ...reply, br, gzip }, [body.buffer, br.buffer, gzip.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: m.id, error: (err as Error).message });
  }
}
parentPort!.postMessage({ ready: true, priority });
