import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serveProcesses } from './support/server-process.js';

/**
 * Issue 16 on a real `masthead serve` process: readers load the cached pages while an editor publishes and
 * unpublishes stories through the Admin API. A publish leaves every page served (stale, then fresh); an unpublish
 * drops the pages showing the story, and then one reader's request renders each of them while the others wait.
 */
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-stale-'));
const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', CACHE_MAX_MB: '64' };
const { start, stop, killAll } = serveProcesses(env);
afterAll(() => {
  killAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function firstRow<T>(sql: string): T {
  const db = new SQLite(path.join(dataDir, 'masthead.db'), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const xCacheOf = (base: string, url: string) =>
  new Promise<{ status: number; xCache: string }>((resolve, reject) => {
    http
      .get(`${base}${url}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, xCache: (res.headers['x-cache'] as string | undefined) ?? 'MISS' }));
      })
      .on('error', reject);
  });

describe('the page cache of a real server under load while stories are published', () => {
  it('answers an invalidated page with at most one miss-render per change, every other reader served stale or hit', async () => {
    // The key is made before the server starts: a write by another process makes the server drop its whole cache
    // (db/sqlite-write-watch.ts), which would show here as misses.
    const made = spawnSync(process.execPath, ['bin/masthead.js', 'apikey', 'create', '--name', 'stale test', '--role', 'editor'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    const key = /key \(shown once[^)]*\): (\S+)/.exec(made.stdout)?.[1];
    expect(key, made.stdout + made.stderr).toBeTruthy();
    const server = await start();
    try {
      const api = async (p: string, body: unknown) => {
        const res = await fetch(`${server.base}/api/admin/v1${p}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status, await res.clone().text()).toBeLessThan(300);
        return (await res.json()) as { id: number };
      };
      const section = firstRow<{ id: number; slug: string }>('select id, slug from sections order by id limit 1');
      const urls = ['/en/', `/en/section/${section.slug}`, '/feed.xml', '/ru/'];
      for (const u of urls) expect((await xCacheOf(server.base, u)).status, u).toBe(200);
      // Stored after the first answer: wait until every page is a hit.
      for (const u of urls) while ((await xCacheOf(server.base, u)).xCache !== 'HIT');

      const counts = new Map<string, Record<string, number>>(urls.map((u) => [u, {}]));
      let loading = true;
      const reader = async (i: number) => {
        for (let n = i; loading; n++) {
          const u = urls[n % urls.length]!;
          const { status, xCache } = await xCacheOf(server.base, u);
          expect(status, u).toBe(200);
          const c = counts.get(u)!;
          c[xCache] = (c[xCache] ?? 0) + 1;
        }
      };
      const readers = Array.from({ length: 12 }, (_, i) => reader(i));
      const removals = 3;
      for (let i = 0; i < removals; i++) {
        const { id } = await api('/articles', {
          locale: 'en',
          headline: `Published under load ${i}`,
          sectionId: section.id,
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Readers keep reading.' }] }] },
        });
        await api(`/articles/${id}/status`, { status: 'published' });
        await new Promise((r) => setTimeout(r, 300));
        await api(`/articles/${id}/status`, { status: 'unpublished' });
        await new Promise((r) => setTimeout(r, 300));
      }
      loading = false;
      await Promise.all(readers);

      const stale = [...counts.values()].reduce((n, c) => n + (c['STALE'] ?? 0), 0);
      expect(stale, JSON.stringify(Object.fromEntries(counts))).toBeGreaterThan(0);
      // Each unpublish drops the pages showing the story (the Russian home page shows none of them): one miss each.
      for (const u of urls) expect(counts.get(u)!['MISS'] ?? 0, `${u}: ${JSON.stringify(counts.get(u))}`).toBeLessThanOrEqual(u === '/ru/' ? 0 : removals);
    } finally {
      agent.destroy();
      expect(await stop(server.child)).toBe(0);
    }
  }, 60_000);
});
