import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config.js';
import { createLogger, createSite, openDeps } from '../main.js';
import { preparePage } from '../services/static-export.js';

/**
 * One renderer of the static export's pool: its own database connection and app, answering `{ id, path }` with the
 * page prepared for writing (bytes, hash, links found), so all of that work runs in parallel.
 */
const { env, siteUrl } = workerData as { env: NodeJS.ProcessEnv; siteUrl: string };
const config = loadConfig(env);
const deps = await openDeps(config, createLogger({ logLevel: 'silent' }));
const { app } = createSite(deps, { ...config, siteUrl, cacheMaxBytes: 0 });

parentPort!.on('message', async ({ id, path }: { id: number; path: string }) => {
  try {
    const page = await preparePage(await app.request(path), siteUrl);
    // The bytes move to the main thread without a copy.
    const body = page.body ? (page.body.buffer.slice(page.body.byteOffset, page.body.byteOffset + page.body.byteLength) as ArrayBuffer) : null;
    parentPort!.postMessage({ id, page: { ...page, body } }, body ? [body] : []);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
