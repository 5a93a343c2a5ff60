import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { startWorker } from './start-worker.js';

/**
 * One public page as the render thread's app answered it: the status, the headers (ETag and Vary set) and the bytes;
 * with its brotli and gzip copies when the cache may keep it, made in the thread so that the serving thread has none
 * of that work to do.
 */
export type RenderedPage = { status: number; headers: Record<string, string>; body: Buffer; copies?: { br: Buffer; gzip: Buffer } };

export type PageRenderThread = {
  /** True once the thread can render; false if it died first. */
  ready: Promise<boolean>;
  /** The thread's nice value once ready (null where threads cannot be given their own, or before). */
  readonly priority: number | null;
  /** False once the thread has died or was stopped: render in the serving thread instead. */
  readonly alive: boolean;
  render(path: string): Promise<RenderedPage>;
  /** A change notice, heard before any render asked for after it (one message port keeps their order). */
  forward(keys: string[]): void;
  /** A thread started `held` opens the database now (once it is migrated); before, it only loads its code. */
  open(): void;
  close(): Promise<void>;
};

/** A render this long in the thread is a fault (a hung query, a loop): the thread is stopped, the serving thread renders. */
export const RENDER_BUDGET_MS = 15_000;

/** The most pages the cache asks the thread for in one message (one change's re-renders fit in it). */
export const RENDER_THREAD_BATCH = 32;

// V8's default young generation (up to 48 MB here) is sized for a thread that answers readers; this one's collector
// pauses keep no reader waiting, so it collects more often in less memory.
const YOUNG_GENERATION_MB = 8;
/**
 * The thread's old generation, at most. It holds the app and its kept lists (24–33 MB after the warm start at 100,000
 * articles; up to 16 feeds of 50 stories with their text); the default limit (a quarter of the machine's memory) lets
 * V8 grow the heap by up to 4x between two collections, a limit of 256 MB or less by 1.3x. A thread that reaches it
 * is stopped by Node (ERR_WORKER_OUT_OF_MEMORY) and the serving thread renders from then on, as after any death.
 */
export const RENDER_THREAD_HEAP_MB = 256;

type Reply =
  | { ready: true; priority: number | null }
  | { id: number; status: number; headers: Record<string, string>; body: Uint8Array; br?: Uint8Array; gzip?: Uint8Array }
  | { id: number; error: string };
/** To the thread: a change notice, a page to render, or leave to open the database; sent in batches (an array, in order). */
export type Outgoing = { keys: string[] } | { id: number; path: string } | { open: true };
const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The page cache's re-renders and the warm start, off the serving thread. Each re-render held the event loop 1–8 ms
 * (a home page, a section front, a feed's queries; README "Page cache under publishing") a few times per publish, and
 * its garbage came back as the serving thread's collector pauses, which readers' hits waited behind. Only the cache's
 * own renders come here; a reader's miss still renders where it arrived, as that reader waits for its page anyway.
 */
export function pageRenderThread(
  config: Config,
  log: Logger,
  opts: { budgetMs?: number; entry?: URL; heapMb?: number; held?: boolean } = {},
): PageRenderThread {
  const budgetMs = opts.budgetMs ?? RENDER_BUDGET_MS;
  const pending = new Map<number, { path: string; resolve: (p: RenderedPage) => void; reject: (e: Error) => void }>();
  // The budget is for progress, not for each render from the moment it was asked: a batch's renders queue behind one
  // another in the thread, and a starved thread (all cores busy, its priority lowered) is slow, not stuck. Stopped
  // when no render has come back for the whole budget while some are waiting.
  let watchdog: NodeJS.Timeout | undefined;
  const watch = () => {
    clearTimeout(watchdog);
    watchdog = pending.size
      ? setTimeout(() => {
          const oldest = pending.values().next().value;
          log.error({ path: oldest?.path, budgetMs, waiting: pending.size }, 'a render in the page render thread overran its budget; the thread is stopped');
          die(new Error(`rendering ${oldest?.path} took longer than ${budgetMs} ms`));
          void worker.terminate();
        }, budgetMs)
      : undefined;
  };
  let alive = true;
  let nextId = 0;
  let priority: number | null = null;
  let markReady!: (ok: boolean) => void;
  const ready = new Promise<boolean>((r) => (markReady = r));
  const source = { bundled: 'page-render-worker.mjs', source: opts.entry ?? new URL('./page-render-worker.ts', import.meta.url), what: 'page renderer' };
  let worker: Worker;
  try {
    const options = {
      workerData: { config, held: opts.held ?? false },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: opts.heapMb ?? RENDER_THREAD_HEAP_MB },
    };
    worker = opts.entry ? startWorker(source, options, false) : startWorker(source, options);
  } catch (err) {
    log.error({ err }, 'the page render thread could not start: pages render in the serving thread');
    alive = false;
    markReady(false);
    return { ready, alive: false, priority: null, render: () => Promise.reject(err as Error), forward: () => {}, open: () => {}, close: async () => {} };
  }
  // An idle thread must not keep a finished process (a test, a command) alive.
  worker.unref();
  const die = (why: Error) => {
    if (!alive) return;
    alive = false;
    markReady(false);
    clearTimeout(watchdog);
    for (const [id, p] of pending) {
      p.reject(why);
      pending.delete(id);
    }
  };
  // What one change asks of the thread (its notice, then the re-renders it queues) goes as one message: every message
  // wakes the thread, and on a machine whose cores are all busy a woken thread takes the CPU from the serving thread
  // there and then (a profile showed postMessage costing the serving thread 1 ms a call under load). Sent at the end
  // of the current turn, in the order asked, so a notice still reaches the thread before the renders after it.
  let outbox: Outgoing[] = [];
  const send = (m: Outgoing) => {
    if (outbox.push(m) === 1)
      queueMicrotask(() => {
        const batch = outbox;
        outbox = [];
        if (alive) worker.postMessage(batch);
      });
  };
  worker.on('message', (m: Reply) => {
    if ('ready' in m) {
      priority = m.priority;
      return markReady(true);
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    watch();
    if ('error' in m) p.reject(new Error(m.error));
    else
      p.resolve({
        status: m.status,
        headers: m.headers,
        body: asBuffer(m.body),
        ...(m.br && m.gzip ? { copies: { br: asBuffer(m.br), gzip: asBuffer(m.gzip) } } : {}),
      });
  });
  worker.on('error', (err) => {
    log.error({ err }, 'the page render thread failed: pages render in the serving thread from now on');
    die(err);
  });
  worker.on('exit', (code) => die(new Error(`the page render thread stopped (exit code ${code})`)));
  return {
    ready,
    get alive() {
      return alive;
    },
    get priority() {
      return priority;
    },
    render(path) {
      if (!alive) return Promise.reject(new Error('the page render thread is not running'));
      const id = nextId++;
      return new Promise<RenderedPage>((resolve, reject) => {
        pending.set(id, { path, resolve, reject });
        if (!watchdog) watch();
        send({ id, path });
      });
    },
    forward(keys) {
      if (alive && keys.length) send({ keys });
    },
    open() {
      if (alive) send({ open: true });
    },
    async close() {
      die(new Error('the page render thread was stopped'));
      await worker.terminate();
    },
  };
}

/**
 * The page render thread of a server about to start (startServer's `renderThread`), started `held`: it compiles its
 * copy of the app meanwhile, at its lower priority, and opens the database once startServer has migrated it. A
 * caller that starts it before loading the app itself (the CLI's `serve`, bench/server.ts) has both copies compile
 * side by side before the server listens, rather than the thread's during the first readers' requests (issue 16, row
 * i). Undefined without a cache: there is nothing for it to do.
 */
export function startRenderThread(config: Config, log: Logger): PageRenderThread | undefined {
  return config.cacheMaxBytes > 0 ? pageRenderThread(config, log, { held: true }) : undefined;
}
