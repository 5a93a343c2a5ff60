import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { PreparedPage } from '../services/static-export.js';

type Reply = { id: number; page: Omit<PreparedPage, 'body'> & { body: ArrayBuffer | null } } | { id: number; error: string };

/**
 * Renders public paths in worker threads, one app and database connection each, so a static export uses every core
 * (SQLite reads in WAL mode run side by side). Runs the bundled worker next to the bundle, or the TypeScript source
 * through tsx when running from source.
 */
export async function renderPool(size: number, workerData: { env: NodeJS.ProcessEnv; siteUrl: string }) {
  const fromBundle = import.meta.url.endsWith('.mjs');
  // In the bundle this code sits in dist/ or in a shared chunk under dist/chunks/ (bin/build.mjs splits code).
  const bundled = ['./export-worker.mjs', '../export-worker.mjs'].map((p) => new URL(p, import.meta.url)).find((u) => fs.existsSync(u));
  if (fromBundle && !bundled) {
    throw new AppError('BUILD_INCOMPLETE', 500, `The static export's worker (export-worker.mjs) is missing next to ${fileURLToPath(import.meta.url)}.`, {
      hint: 'Rebuild with `npm run build` (or run with --workers 1).',
    });
  }
  // From source, the worker registers tsx itself: a Worker's execArgv does not take `--import tsx`, and without it
  // node cannot load the .ts file.
  const fromSource = () =>
    `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./export-worker.ts', import.meta.url).href)}); });`;
  const workers = await Promise.all(
    Array.from({ length: size }, () => {
      const w = fromBundle ? new Worker(bundled!, { workerData }) : new Worker(fromSource(), { eval: true, workerData });
      return new Promise<Worker>((resolve, reject) => {
        w.once('error', reject);
        w.once('message', () => resolve(w));
      });
    }),
  );
  const pending = new Map<number, (r: Reply) => void>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  for (const w of workers) {
    w.on('message', (r: Reply) => {
      load.set(w, load.get(w)! - 1);
      pending.get(r.id)?.(r);
      pending.delete(r.id);
    });
  }
  let nextId = 0;
  return {
    fetch(path: string): Promise<PreparedPage> {
      const id = nextId++;
      const worker = [...load.entries()].sort((a, b) => a[1] - b[1])[0]![0];
      load.set(worker, load.get(worker)! + 1);
      return new Promise<PreparedPage>((resolve, reject) => {
        pending.set(id, (r) =>
          'error' in r ? reject(new Error(`rendering ${path} failed: ${r.error}`)) : resolve({ ...r.page, body: r.page.body ? Buffer.from(r.page.body) : null }),
        );
        worker.postMessage({ id, path });
      });
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}
