import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoContent } from '../src/seed/demo-content.js';
import { NPM_START, serveProcesses } from './support/server-process.js';
import { waitFor } from './support/wait-for.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A new data folder and servers on it, started as `npm start` starts them unless told otherwise. */
function newInstall() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-start-'));
  dirs.push(dataDir);
  const servers = serveProcesses({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' });
  afterAll(servers.killAll);
  /** Counts in the database the servers share (WAL: a reader beside a running server is fine). */
  const count = (table: 'articles' | 'users') => {
    const db = new SQLite(path.join(dataDir, 'masthead.db'), { readonly: true });
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { dataDir, ...servers, count };
}

const ADMIN_LOGIN = /Admin login \(shown once[^\n]*\n\s+email:\s+admin@masthead\.local\n\s+password:\s+\S{20,}/;
// Stories and pages (the About page in each language) are both articles.
const DEMO_ARTICLES = demoContent.stories.flatMap((s) => s.versions).length + (demoContent.pages ?? []).flatMap((p) => p.versions).length;
const latestOn = (page: string) => page.slice(page.indexOf('id="latest-news"'), page.indexOf('<footer')).match(/<li><a href="\/en\//g)?.length ?? 0;

describe('npm start on an empty data folder', () => {
  it('runs `masthead serve --demo`', () => {
    expect(NPM_START).toEqual(['bin/masthead.js', 'serve', '--demo']);
  });

  it('migrates, seeds the bilingual demo, prints an admin login once, serves the site and stops cleanly', async () => {
    const { dataDir, start, stop, count } = newInstall();
    const first = await start();
    expect(first.output()).toMatch(ADMIN_LOGIN);
    const health = await fetch(`${first.base}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'sqlite', state: 'up' } });
    const home = await fetch(`${first.base}/ru/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Последние новости');
    expect(fs.existsSync(path.join(dataDir, 'masthead.db'))).toBe(true);
    // The printed login works on the admin's login form.
    const password = /password:\s+(\S+)/.exec(first.output())![1]!;
    const form = await fetch(`${first.base}/admin/login`);
    const formCookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const login = await fetch(`${first.base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: 'admin@masthead.local', password }),
    });
    expect(login.status).toBe(303);
    const session = login.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(await (await fetch(`${first.base}/admin`, { headers: { cookie: session } })).text()).toContain('Administrator (you, here)');
    expect(await stop(first.child)).toBe(0);

    // A restart finds its data: no second admin, no second demo.
    const second = await start();
    expect(second.output()).not.toContain('Admin login');
    expect(latestOn(await (await fetch(`${second.base}/en/`)).text())).toBe(20);
    expect(await stop(second.child)).toBe(0);
    expect([count('articles'), count('users')]).toEqual([DEMO_ARTICLES, 1]);
  }, 90_000);

  // Regression: both servers counted no articles and no users, both loaded the demo and both created the admin.
  it('started twice at once on a new database, creates one admin and loads the demo once', async () => {
    const { start, stop, count } = newInstall();
    const both = await Promise.all([start(), start()]);
    expect(both.filter((s) => ADMIN_LOGIN.test(s.output()))).toHaveLength(1);
    expect([count('articles'), count('users')]).toEqual([DEMO_ARTICLES, 1]);
    // The server that did not load the demo warmed its cache meanwhile; it hears of the other's commits (SQLite has no
    // notifications between processes) within a second, and renders its pages again.
    for (const s of both) await waitFor(async () => latestOn(await (await fetch(`${s.base}/en/`)).text()) === 20, { what: `${s.base}/en/ to show the demo` });
    expect(await Promise.all(both.map((s) => stop(s.child)))).toEqual([0, 0]);
  }, 90_000);
});

describe('masthead serve, as a newsroom runs it', () => {
  it('reports ready on /readyz once the home pages, section fronts and feeds are cached: the first readers get hits', async () => {
    const { start, stop } = newInstall();
    const server = await start();
    const ready = await waitFor(
      async () => {
        const res = await fetch(`${server.base}/readyz`);
        const body = (await res.json()) as { ready: boolean; warming: { done: number; of: number; failed: number } };
        // Until then: 503, with how far the warm-up has come.
        expect([res.status, body.ready]).toEqual(res.status === 200 ? [200, true] : [503, false]);
        return body.ready && body;
      },
      { timeout: 30_000, what: '/readyz to answer 200' },
    );
    expect(ready.warming).toMatchObject({ failed: 0 });
    expect(ready.warming.of).toBeGreaterThan(10);
    const hit = async (p: string) => {
      const res = await fetch(`${server.base}${p}`);
      expect([p, res.status, res.headers.get('x-cache')]).toEqual([p, 200, 'HIT']);
      return res.text();
    };
    const home = await hit('/en/');
    for (const p of ['/ru/', '/', '/feed.xml', '/ru/feed.xml', '/sitemaps/news.xml']) await hit(p);
    const section = /href="(\/en\/section\/[a-z0-9-]+)"/.exec(home)![1]!;
    await hit(section);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    expect(await stop(server.child)).toBe(0);
  }, 90_000);

  it('regression: a SIGTERM sent the instant the server says where it listens stops it cleanly, not by the signal', async () => {
    // The handlers were installed after that line was written: a process manager quick enough killed the server
    // outright (exit code null, signal SIGTERM) instead of letting it close.
    const { start, stop } = newInstall();
    for (let i = 0; i < 3; i++) {
      const s = await start(['bin/masthead.js', 'serve']);
      expect(await stop(s.child)).toBe(0);
    }
  }, 60_000);

  it('never loads the demo unless asked, nor in production; the first start still prints the admin login', async () => {
    const { start, stop, count } = newInstall();
    const plain = await start(['bin/masthead.js', 'serve']);
    expect(plain.output()).toMatch(ADMIN_LOGIN);
    expect(count('articles')).toBe(0);
    expect(latestOn(await (await fetch(`${plain.base}/en/`)).text())).toBe(0);
    expect(await stop(plain.child)).toBe(0);

    // `npm start` on a live site: the demo is asked for, and not loaded.
    const live = await start(NPM_START, { NODE_ENV: 'production' });
    expect(live.output()).toContain('Warning: NODE_ENV=production, so the demo newsroom is not loaded');
    expect(live.output()).not.toContain('Admin login');
    expect(count('articles')).toBe(0);
    expect(await stop(live.child)).toBe(0);

    const asked = await start(['bin/masthead.js', 'serve'], { MASTHEAD_DEMO: '1' });
    expect(count('articles')).toBe(DEMO_ARTICLES);
    expect(await stop(asked.child)).toBe(0);
  }, 90_000);
});
