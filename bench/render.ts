import { loadConfig, type Config } from '../src/config.js';
import { createLogger, openDeps, siteContext } from '../src/main.js';
import { logoSvg } from '../src/seed/demo-images.js';
import { createApp } from '../src/web/app.js';
import type { Archive } from './generate.js';

/**
 * In-process render timings: the Hono app built on the generated database and called with `app.request()`, one
 * request at a time. That path is the router, the queries and the renderer, with no socket and no page cache (the
 * cache sits in front of the app, in the node:http fast path), so it measures what a cache miss costs. Sequential
 * calls in one thread (better-sqlite3 is synchronous) use one core, so pages per second here is per core.
 */
export const SITE_URL = 'https://bench.masthead.example';

function benchConfig(archive: Archive, extra: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: archive.dataDir, DATABASE_URL: archive.databaseUrl, SITE_URL, LOG_LEVEL: 'silent', PORT: '0', ...extra });
}

export type RenderResult = {
  articlePagesPerSecond: number;
  articlePages: number;
  distinctPaths: number;
  failures: string[];
  homeMedianMs: number;
  homeRuns: number;
};

export async function measureRender(archive: Archive, opts: { seconds: number; homeRuns: number; maxPaths: number }): Promise<RenderResult> {
  const config = benchConfig(archive);
  const deps = await openDeps(config, createLogger({ logLevel: 'silent' }));
  try {
    const app = createApp({ deps, site: siteContext(config), dataDir: config.dataDir, logo: logoSvg(config.siteName) });
    const failures: string[] = [];
    const get = async (path: string) => {
      const res = await app.request(path);
      const html = await res.text();
      if (res.status !== 200 && failures.length < 5) failures.push(`${path} -> ${res.status}`);
      return html;
    };

    // Spread over the whole archive, so old stories (cold rows, other index pages) are read as often as new ones.
    const stride = Math.max(1, Math.floor(archive.paths.length / opts.maxPaths));
    const paths = archive.paths.filter((_, i) => i % stride === 0).slice(0, opts.maxPaths);
    // Warm-up, as a running server is: a second of other pages for the JIT and the prepared statements.
    const warm = performance.now() + 1000;
    for (let i = paths.length - 1; i >= 0 && performance.now() < warm; i--) await get(paths[i]!);

    let count = 0;
    const started = performance.now();
    const deadline = started + opts.seconds * 1000;
    while (performance.now() < deadline) await get(paths[count++ % paths.length]!);
    const articlePagesPerSecond = count / ((performance.now() - started) / 1000);

    for (let i = 0; i < 20; i++) await get('/en/');
    const times: number[] = [];
    for (let i = 0; i < opts.homeRuns; i++) {
      const t = performance.now();
      await get('/en/');
      times.push(performance.now() - t);
    }
    return {
      articlePagesPerSecond,
      articlePages: count,
      distinctPaths: Math.min(count, paths.length),
      failures,
      homeMedianMs: median(times),
      homeRuns: opts.homeRuns,
    };
  } finally {
    await deps.db.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
