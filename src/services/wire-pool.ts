import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { ParsedFeed } from '../importers/feed-items.js';

/**
 * Runs the wire's parsing (services/wire-worker.ts) off the event loop: one worker, one task at a time (ingest polls
 * one feed after another), each under a time budget that terminates the worker when it runs over; the next task
 * starts a fresh one. An idle worker does not keep the process alive.
 */
export const WIRE_BUDGET_MS = 10_000;
const WORKER_HEAP_MB = 256;

type Reply =
  { ready: true } | { id: number; result: unknown } | { id: number; error: { code: string | null; message: string; hint: string | null; details: unknown } };

let worker: Worker | null = null;
let ready: Promise<void> | null = null;
let line: Promise<unknown> = Promise.resolve();
let nextId = 0;

function start(): Promise<void> {
  if (ready && worker) return ready;
  const w = newWorker();
  worker = w;
  ready = new Promise<void>((resolve, reject) => {
    const onMessage = (m: Reply) => {
      if ('ready' in m) {
        w.off('message', onMessage);
        resolve();
      }
    };
    w.on('message', onMessage);
    w.once('error', reject);
    w.once('exit', () => {
      if (worker === w) worker = ready = null;
    });
  });
  return ready;
}

async function ask<T>(op: 'feed' | 'page', bytes: Buffer, contentType: string | null, url: string, budgetMs: number): Promise<T> {
  await start();
  const w = worker!;
  w.ref();
  const id = nextId++;
  let onExit: ((code: number) => void) | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        w.off('message', onMessage);
        worker = ready = null;
        void w.terminate();
        reject(
          new AppError('FEED_UNREADABLE', `Reading ${url} took longer than ${Math.round(budgetMs / 1000)} s and was stopped.`, {
            hint: 'The feed or page is too large or too complex to read; ask the partner for a smaller feed.',
            details: { url, budgetMs },
          }),
        );
      }, budgetMs);
      const onMessage = (m: Reply) => {
        if ('ready' in m || m.id !== id) return;
        clearTimeout(timer);
        w.off('message', onMessage);
        if ('result' in m) resolve(m.result as T);
        else
          reject(
            new AppError((m.error.code as ErrorCode | null) ?? 'FEED_UNREADABLE', m.error.message, {
              hint: m.error.hint ?? undefined,
              details: (m.error.details as Record<string, unknown>) ?? undefined,
            }),
          );
      };
      w.on('message', onMessage);
      onExit = (code: number) => {
        clearTimeout(timer);
        reject(
          new AppError('FEED_UNREADABLE', `Reading ${url} stopped its worker (exit code ${code}).`, {
            hint: 'The feed or page is too large to read.',
            details: { url },
          }),
        );
      };
      w.once('exit', onExit);
      w.postMessage({ id, op, bytes, contentType, url });
    });
  } finally {
    if (onExit) w.off('exit', onExit);
    if (worker === w) w.unref();
  }
}

/** Serialised: one task in the worker at a time. */
function queued<T>(task: () => Promise<T>): Promise<T> {
  const run = line.then(task, task);
  line = run.catch(() => undefined);
  return run;
}

export const parseFeedOffThread = (bytes: Buffer, contentType: string | null, url: string, budgetMs = WIRE_BUDGET_MS) =>
  queued(() => ask<ParsedFeed>('feed', bytes, contentType, url, budgetMs));

export const extractArticleOffThread = (bytes: Buffer, contentType: string | null, url: string, budgetMs = WIRE_BUDGET_MS) =>
  queued(() => ask<{ html: string; byline: string | null; title: string | null } | null>('page', bytes, contentType, url, budgetMs));

export async function closeWirePool(): Promise<void> {
  const w = worker;
  worker = ready = null;
  await w?.terminate();
}

function newWorker(): Worker {
  return startWorker(
    { bundled: 'wire-worker.mjs', source: new URL('./wire-worker.ts', import.meta.url), what: 'wire' },
    { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } },
  );
}
