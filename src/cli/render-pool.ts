import type { Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import type { ExportPage, PageOutcome } from '../services/static-export.js';

type Reply = { id: number; page: PageOutcome } | { id: number; error: string };

/**
 * Renders public paths and writes their files in worker threads, one app and database connection each, so a static
 * export uses every core (SQLite reads in WAL mode run side by side). Runs the bundled worker next to the bundle, or
 * the TypeScript source through tsx when running from source.
 */
export function renderPool(size: number, workerData: { env: NodeJS.ProcessEnv; siteUrl: string; outDir: string }, meanwhile: ExportPage) {
  // Nobody waits for the workers to start (loading the app takes a worker most of a second): until one is ready,
  // pages are exported in this thread by `meanwhile`.
  const load = new Map<Worker, number>();
  const pending = new Map<number, { worker: Worker; settle: (r: Reply) => void }>();
  let failed: Error | null = null;
  const workers = Array.from({ length: size }, () => {
    const w = startWorker({ bundled: 'export-worker.mjs', source: new URL('./export-worker.ts', import.meta.url), what: 'static export' }, { workerData });
    w.once('message', () => {
      load.set(w, 0);
      w.on('message', (r: Reply) => {
        load.set(w, load.get(w)! - 1);
        pending.get(r.id)?.settle(r);
        pending.delete(r.id);
      });
    });
    const lost = (why: Error) => {
      failed ??= why;
      load.delete(w);
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        p.settle({ id, error: why.message });
        pending.delete(id);
      }
    };
    w.once('error', lost);
    w.once('exit', (code) => lost(new Error(`the worker stopped (exit code ${code})`)));
    return w;
  });
  let nextId = 0;
  const leastLoaded = () => {
    if (failed) throw new Error(`a render worker failed: ${failed.message}`);
    let worker: Worker | null = null;
    for (const [w, n] of load) if (!worker || n < load.get(worker)!) worker = w;
    return worker;
  };
  return {
    async exportPage(path: string): Promise<PageOutcome> {
      let worker = leastLoaded();
      if (!worker) {
        // Rendering here is all promise callbacks: without a turn of the event loop in between, the message saying
        // a worker is ready would wait behind every page this thread renders.
        await new Promise((resolve) => setImmediate(resolve));
        worker = leastLoaded();
        if (!worker) return meanwhile(path);
      }
      const id = nextId++;
      const w = worker;
      load.set(w, load.get(w)! + 1);
      return new Promise<PageOutcome>((resolve, reject) => {
        pending.set(id, { worker: w, settle: (r) => ('error' in r ? reject(new Error(`exporting ${path} failed: ${r.error}`)) : resolve(r.page)) });
        w.postMessage({ id, path });
      });
    },
    close: async () => {
      failed ??= new Error('the pool is closed');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
