import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { AppError } from './errors.js';

/**
 * Starts one of Masthead's worker threads: the file esbuild built next to the bundle (bin/build.mjs) when running
 * from it, or the TypeScript source through tsx, which the worker registers itself (a Worker's execArgv does not take
 * `--import tsx`, and without it node cannot load a .ts file). `bundled` is the built file's name (`x-worker.mjs`),
 * `source` the caller's `new URL('./x-worker.ts', import.meta.url)`; `what` names the worker in the error.
 */
export function startWorker(
  worker: { bundled: string; source: URL; what: string },
  options: Omit<WorkerOptions, 'eval'> = {},
  fromBundle = import.meta.url.endsWith('.mjs'),
): Worker {
  if (fromBundle) {
    // In the bundle this code sits in dist/ or in a shared chunk under dist/chunks/.
    const bundled = [`./${worker.bundled}`, `../${worker.bundled}`].map((p) => new URL(p, import.meta.url)).find((u) => fs.existsSync(u));
    if (!bundled) {
      throw new AppError('BUILD_INCOMPLETE', `The ${worker.what}'s worker (${worker.bundled}) is missing next to ${fileURLToPath(import.meta.url)}.`, {
        hint: 'Rebuild with `npm run build`.',
      });
    }
    return new Worker(bundled, options);
  }
  const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker.source.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}
