import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from '../../src/config.js';
import { createSite } from '../../src/main.js';
import type { Deps } from '../../src/services/deps.js';
import { seedDemo } from '../../src/services/seed-demo.js';
import { cachedRequestListener } from '../../src/web/cache/fast-path.js';
import { openDb, type Engine, type OpenedDb } from './databases.js';
import { testDeps } from './fixtures.js';

/** The demo newsroom served over real HTTP through the page cache's fast path, as `masthead serve` does. */
export async function cachedSite(opts: { engine?: Engine; opened?: OpenedDb; deps?: Deps; seed?: boolean; cacheMb?: number } = {}) {
  const opened = opts.opened ?? (await openDb(opts.engine ?? 'sqlite'));
  const deps = opts.deps ?? { ...testDeps(opened.db), clock: () => new Date() };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-cache-'));
  if (opts.seed !== false) await seedDemo(deps, dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, SITE_URL: 'https://news.example.org', TIMEZONE: 'Asia/Almaty', CACHE_MAX_MB: String(opts.cacheMb ?? 64) });
  const { app, cache, unsubscribe } = createSite(deps, config);
  const rendered: string[] = [];
  const render = cache!['opts'].render;
  cache!['opts'].render = async (url: string) => {
    rendered.push(url);
    return render(url);
  };
  const server = http.createServer(cachedRequestListener(cache!, getRequestListener(app.fetch)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const base = `http://127.0.0.1:${port}`;

  /**
   * A raw GET (no automatic decompression), so encodings and 304s can be checked. The path is sent as written, not
   * resolved as a URL ("/en/./" stays so), as a crawler may send it.
   */
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  const text = async (url: string) => (await get(url)).body.toString('utf8');

  return {
    app,
    cache: cache!,
    deps,
    db: opened.db,
    base,
    get,
    text,
    rendered,
    close: async () => {
      unsubscribe();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (!opts.opened) await opened.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type CachedSite = Awaited<ReturnType<typeof cachedSite>>;
