import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '../config.js';
import { createLogger, createSite, openDeps } from '../main.js';

/**
 * One renderer of the static export's pool: its own database connection and app, answering
 * `{ id, path }` with the response's status, headers and bytes (transferred, not copied).
 */
const { env, siteUrl } = workerData as { env: NodeJS.ProcessEnv; siteUrl: string };
const config = loadConfig(env);
const deps = await openDeps(config, createLogger({ logLevel: 'silent' }));
const { app } = createSite(deps, { ...config, siteUrl, cacheMaxBytes: 0 });

parentPort!.on('message', async ({ id, path }: { id: number; path: string }) => {
  try {
    const res = await app.request(path);
    const body = await res.arrayBuffer();
    parentPort!.postMessage({ id, status: res.status, headers: Object.fromEntries(res.headers), body }, [body]);
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
