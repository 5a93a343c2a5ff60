import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveProcesses } from './support/server-process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const { start, stop, killAll } = serveProcesses({ ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' });
afterAll(killAll);

describe('npm start on an empty data folder', () => {
  it('migrates, seeds the bilingual demo, prints an admin login once, serves the site and stops cleanly', async () => {
    const first = await start();
    expect(first.output()).toMatch(/Admin login \(shown once[^\n]*\n\s+email:\s+admin@masthead\.local\n\s+password:\s+\S{20,}/);
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
    const page = await (await fetch(`${second.base}/en/`)).text();
    const latest = page.slice(page.indexOf('id="latest-news"'));
    expect(latest.match(/<li><a href="\/en\//g)?.length).toBe(20);
    expect(await stop(second.child)).toBe(0);
  }, 90_000);
});
