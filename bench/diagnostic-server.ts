import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type Child } from './child.js';
import { generate } from './generate.js';
import { SITE_URL } from './render.js';

/**
 * The bench server for the diagnostics (stalls.ts, rss-probe.ts, publish-cost.ts): on a generated archive of `articles`
 * (made once into `dir`, kept for the next run), started as row g starts it, and ready (its warm start over: /readyz
 * answers 200), so what they measure is the steady state.
 */
export async function diagnosticServer(opts: { articles: number; dir?: string; nodeArgs?: string[] }): Promise<{ server: Child; base: string; dir: string }> {
  const { dir, env } = await diagnosticArchive(opts);
  const server = await startChild('bench/server.ts', [], env, 60_000, opts.nodeArgs ?? []);
  const base = `http://127.0.0.1:${server.ready.port}`;
  while ((await fetch(`${base}/readyz`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
  return { server, base, dir };
}

/** The archive of `articles` in `dir` (default /tmp/masthead-stalls-N), generated on first use, and the bench server's environment on it. */
export async function diagnosticArchive(opts: { articles: number; dir?: string }): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = path.resolve(opts.dir ?? path.join(os.tmpdir(), `masthead-stalls-${opts.articles}`));
  if (!fs.existsSync(path.join(dir, 'masthead.db'))) {
    process.stderr.write(`generating ${opts.articles} articles into ${dir}\n`);
    await generate({ dataDir: dir, articles: opts.articles });
  }
  return {
    dir,
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: path.join(dir, 'masthead.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SITE_URL },
  };
}
