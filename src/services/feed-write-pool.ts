import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import { AppError } from '../errors.js';
import type { WriteJob } from '../feeds/write-job.js';

/*
 * Feeds and sitemaps are written (entry HTML, XML or JSON serialisation: feeds/write-job.ts) in a small pool of worker
 * threads, so that the serving thread only runs their queries. Writing a feed of 50 full stories costs 4–20 ms of CPU
 * (README "Page cache under publishing"); on the serving thread every cache hit arriving meanwhile waited for it, once
 * per publish. The bytes are the same as written in this thread: the same function runs on the same plain data.
 */

export type FeedWritePoolOptions = {
  /** Worker threads, at most (started on demand). */
  workers?: number;
  /** Writes that may wait for a worker; beyond, FEED_BUSY. */
  queue?: number;
  /** Wall-clock time one write may take in its worker before the worker is stopped: FEED_TIMEOUT. */
  budgetMs?: number;
  /** An idle pool's workers are stopped after this long. */
  idleMs?: number;
  /** Tests: another worker module speaking the same messages. */
  entry?: URL;
};

export type FeedWritePool = {
  /** The job's text as UTF-8 bytes. `budgetMs` overrides the pool's budget for this one write (tests). */
  write(job: WriteJob, opts?: { budgetMs?: number }): Promise<Uint8Array<ArrayBuffer>>;
  /** Writes in a worker now, and waiting for one. */
  readonly running: number;
  readonly waiting: number;
  /** Stops the workers; what is waiting or running is refused. */
  close(): Promise<void>;
};

/** A feed writes in 5–70 ms on a busy machine; a write a hundred times longer is a fault, not a big feed. */
export const FEED_WRITE_BUDGET_MS = 5_000;
/**
 * Writes that may wait. Concurrent misses of one feed wait for one render (the page cache's coalescing), so this bounds
 * the distinct feeds and sitemaps being asked for at once, as a crawler walking every tag's feed does.
 */
export const FEED_WRITE_QUEUE = 64;
/** Workers, at most: one on a 2-core machine, leaving a core to the serving thread. */
export const FEED_WRITE_MAX_WORKERS = 2;
/** A worker holds feedsmith, sitemap and their XML libraries (about 10 MB); a site that publishes keeps it busy. */
export const FEED_WRITE_IDLE_MS = 5 * 60_000;

type Job = { job: WriteJob; budgetMs: number; resolve: (bytes: Uint8Array<ArrayBuffer>) => void; reject: (err: unknown) => void };
type Slot = { worker: Worker; ready: boolean; job: Job | null; timer: NodeJS.Timeout | null; error: Error | null; retired: boolean };
type Reply = { ready: true } | { id: number; bytes: Uint8Array<ArrayBuffer> } | { id: number; error: string };

const RETRY_AFTER_SECONDS = 5;
// Feeds and sitemaps are bounded (50 stories, 250 URLs, 1,000 news items): a few MB at most. A limit keeps a runaway
// write from taking the process down with it.
const WORKER_HEAP_MB = 256;

export function createFeedWritePool(opts: FeedWritePoolOptions = {}): FeedWritePool {
  const size = Math.max(1, opts.workers ?? Math.min(FEED_WRITE_MAX_WORKERS, os.availableParallelism() - 1));
  const maxWaiting = opts.queue ?? FEED_WRITE_QUEUE;
  const budgetMs = opts.budgetMs ?? FEED_WRITE_BUDGET_MS;
  const idleMs = opts.idleMs ?? FEED_WRITE_IDLE_MS;

  const slots: Slot[] = [];
  const queue: Job[] = [];
  const stopping = new Set<Promise<unknown>>();
  let idleTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let nextId = 0;
  const running = () => slots.filter((s) => s.job).length;

  // A worker keeps the process alive only while it has work: an idle pool must not hold up the exit of a command or
  // a test, and a request awaiting a write must not see the process exit under it.
  const holdProcess = (slot: Slot) => (slot.job || !slot.ready ? slot.worker.ref() : slot.worker.unref());

  const retire = (slot: Slot) => {
    slot.retired = true;
    slots.splice(slots.indexOf(slot), 1);
    const stopped = slot.worker.terminate().catch(() => undefined);
    stopping.add(stopped);
    void stopped.then(() => stopping.delete(stopped));
  };

  const finish = (slot: Slot): Job => {
    const job = slot.job!;
    clearTimeout(slot.timer!);
    slot.job = null;
    slot.timer = null;
    return job;
  };

  const overBudget = (slot: Slot) => {
    const job = finish(slot);
    retire(slot);
    job.reject(
      new AppError('FEED_TIMEOUT', `Writing the ${what(job.job)} took longer than ${seconds(job.budgetMs)}, the most one write may take, and was stopped.`, {
        hint: 'Ask again in a moment; if it keeps happening, the server is overloaded or the content holds something the writer chokes on (the log names the address).',
        details: { budgetMs: job.budgetMs, retryAfterSeconds: RETRY_AFTER_SECONDS },
      }),
    );
    pump();
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.timer = setTimeout(() => overBudget(slot), job.budgetMs).unref();
    holdProcess(slot);
    slot.worker.postMessage({ id: nextId++, job: job.job });
  };

  // A worker that cannot start would be started again for every waiting write, forever: they are refused.
  const cannotStart = (why: Error) => {
    for (const job of queue.splice(0)) job.reject(why);
  };

  const spawn = () => {
    let worker: Worker;
    try {
      worker = newWorker(opts.entry);
    } catch (err) {
      cannotStart(err as Error);
      return;
    }
    const slot: Slot = { worker, ready: false, job: null, timer: null, error: null, retired: false };
    slots.push(slot);
    worker.on('message', (m: Reply) => {
      if ('ready' in m) {
        slot.ready = true;
        holdProcess(slot);
        pump();
        return;
      }
      if (!slot.job) return;
      const job = finish(slot);
      holdProcess(slot);
      if ('bytes' in m) job.resolve(m.bytes);
      else job.reject(new Error(`writing the ${what(job.job)} failed in its worker: ${m.error}`));
      pump();
    });
    worker.on('error', (err) => {
      slot.error = err;
    });
    worker.on('exit', (code) => {
      if (slot.retired) return;
      slots.splice(slots.indexOf(slot), 1);
      const why = slot.error ?? new Error(`the feed writer's worker stopped (exit code ${code})`);
      if (slot.job) {
        const job = finish(slot);
        job.reject(new Error(`writing the ${what(job.job)} failed: its worker stopped (${why.message})`, { cause: why }));
      } else if (!slot.ready && !slots.some((s) => s.ready)) cannotStart(new Error(`the feed writer's worker could not start: ${why.message}`, { cause: why }));
      pump();
    });
    holdProcess(slot);
  };

  const pump = () => {
    while (queue.length && !closed) {
      const free = slots.find((s) => s.ready && !s.job);
      if (free) {
        start(free, queue.shift()!);
        continue;
      }
      const starting = slots.filter((s) => !s.ready).length;
      if (slots.length < size && starting < queue.length) {
        spawn();
        continue;
      }
      break;
    }
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (!queue.length && !running() && slots.length) {
      idleTimer = setTimeout(() => {
        for (const slot of [...slots]) if (!slot.job) retire(slot);
      }, idleMs).unref();
    }
  };

  return {
    write(job: WriteJob, one: { budgetMs?: number } = {}): Promise<Uint8Array<ArrayBuffer>> {
      if (closed) return Promise.reject(new Error('the feed writer pool is closed'));
      if (running() + queue.length >= size + maxWaiting) {
        return Promise.reject(
          new AppError('FEED_BUSY', 'The server is writing as many feeds and sitemaps as it takes at once.', {
            hint: `Ask again in ${RETRY_AFTER_SECONDS} seconds or so.`,
            details: { retryAfterSeconds: RETRY_AFTER_SECONDS },
          }),
        );
      }
      return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
        queue.push({ job, budgetMs: one.budgetMs ?? budgetMs, resolve, reject });
        pump();
      });
    },
    get running() {
      return running();
    },
    get waiting() {
      return queue.length;
    },
    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      const refused = new Error('the feed writer pool is closed');
      for (const job of queue.splice(0)) job.reject(refused);
      for (const slot of [...slots]) {
        if (slot.job) finish(slot).reject(refused);
        retire(slot);
      }
      await Promise.all(stopping);
    },
  };
}

const what = (job: WriteJob | undefined) =>
  !job ? 'feed' : job.writer === 'rss' || job.writer === 'atom' || job.writer === 'json' ? `${job.writer} feed` : `${job.writer} XML`;

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

function newWorker(entry?: URL): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  const worker = { bundled: 'feed-write-worker.mjs', source: entry ?? new URL('./feed-write-worker.ts', import.meta.url), what: 'feed writer' };
  // A test's own worker module runs from its source.
  return entry ? startWorker(worker, options, false) : startWorker(worker, options);
}

/** The same write in this thread: the static export's workers (already off the serving thread) and comparisons. */
export async function writeInThread(job: WriteJob): Promise<Uint8Array<ArrayBuffer>> {
  const { writeJob } = await import('../feeds/write-job.js');
  return new TextEncoder().encode(await writeJob(job)) as Uint8Array<ArrayBuffer>;
}

let shared: FeedWritePool | null = null;

/**
 * A feed or sitemap written off the serving thread, as UTF-8 bytes. Refuses with FEED_BUSY (503, Retry-After) when
 * the pool and its queue are full and FEED_TIMEOUT (503) when a write overruns its budget; a worker that dies fails its
 * write with an error (500), never leaves it hanging. The page cache keeps serving a stale copy on any of these.
 */
export function writeFeed(job: WriteJob): Promise<Uint8Array<ArrayBuffer>> {
  shared ??= createFeedWritePool();
  return shared.write(job);
}

/** Stops the shared pool's workers (a server's shutdown); the next write starts a new pool. */
export async function closeFeedWriters(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
