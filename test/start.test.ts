import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Starts `masthead serve` the way `npm start` does and waits until it says where it listens. */
async function start(): Promise<{ child: ChildProcessWithoutNullStreams; base: string; output: () => string }> {
  const child = spawn(process.execPath, ['bin/masthead.js', 'serve'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { child, base, output: () => out };
}

const stop = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

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
