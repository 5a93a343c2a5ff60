import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config.js';
import { createLogger, createSite, openDeps } from '../main.js';
import { pageExporter } from '../services/static-export.js';

/**
 * One renderer of the static export's pool: its own database connection and app, answering `{ id, path }` by
 * rendering the page and writing its file, so the main thread only keeps the crawl's queue and manifest.
 */
const { env, siteUrl, outDir } = workerData as { env: NodeJS.ProcessEnv; siteUrl: string; outDir: string };
const config = loadConfig(env);
// Every page of the archive is read once: through a memory map, without a system call and a copy per database page.
const deps = await openDeps(config, createLogger({ logLevel: 'silent' }), { bulkRead: true });
const { app, settings } = createSite(deps, { ...config, siteUrl, cacheMaxBytes: 0 }, { feedsInThread: true });
await settings;
const exportPage = pageExporter({ fetch: async (p) => app.request(p), outDir, siteUrl });

parentPort!.on('message', async ({ id, path }: { id: number; path: string }) => {
  try {
    parentPort!.postMessage({ id, page: await exportPage(path) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
