import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, it, vi } from 'vitest';
import { loadConfig } from './config.js';
import { startServer } from './main.js';
import { startRenderThread } from './page-render-thread.js';
import type { WarmStartOptions } from './web/cache/warm-start.js';

// The warm start as startServer wires it, its list of pages held back until the test lets it go: readers then
// certainly arrive while it runs.
const warming: { options?: WarmStartOptions; go?: () => void } = {};
vi.mock('./web/cache/warm-start.js', async (original) => {
  const actual = await original<typeof import('./web/cache/warm-start.js')>();
  return {
    ...actual,
    warmStart: (options: WarmStartOptions) => {
      warming.options = options;
      const held = new Promise<void>((resolve) => (warming.go = resolve));
      return actual.warmStart({
        ...options,
        paths: async () => {
          await held;
          return options.paths();
        },
      });
    },
  };
});

const silent = pino({ level: 'silent' });
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function configOf(env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-main-'));
  dirs.push(dir);
  return loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SITE_URL: 'https://news.example.org', CACHE_MAX_MB: '64', LOG_LEVEL: 'silent', ...env });
}

// Regression (review of issue 16, row i): reverting the readers' count to nothing in thread mode left every test
// passing, as the warm start's own tests give it their own count.
it('counts readers who arrive during a warm start in the page render thread, and tells the warm start it is there', async () => {
  const config = configOf();
  const thread = startRenderThread(config, silent)!;
  const server = await startServer(config, { renderThread: thread });
  try {
    expect(await thread.ready).toBe(true);
    const requests = warming.options!.requests!;
    const before = requests();
    // Probes are no readers.
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    expect(requests()).toBe(before);
    await (await fetch(`http://127.0.0.1:${server.port}/en/`)).arrayBuffer();
    expect(requests()).toBe(before + 1);
    expect(warming.options!.threaded!()).toBe(true);
    warming.go!();
    expect((await server.warmed).failed).toBe(0);
  } finally {
    warming.go?.();
    await server.close();
  }
}, 60_000);

// Regression (review): a malformed ALLOW_PRIVATE_HOSTS refused the start before anything could close the render
// thread the caller had passed in, which stayed alive (and kept the process alive after the error).
it('closes the render thread it was given when it refuses to start', async () => {
  const config = configOf({ ALLOW_PRIVATE_HOSTS: '10.0.0.0/' });
  const thread = startRenderThread(config, silent)!;
  await expect(startServer(config, { renderThread: thread })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  expect(thread.alive).toBe(false);
}, 60_000);

it('closes the render thread it was given when it cannot listen', async () => {
  const busy = await startServer(configOf());
  try {
    const config = configOf({ PORT: String(busy.port) });
    const thread = startRenderThread(config, silent)!;
    await expect(startServer(config, { renderThread: thread })).rejects.toMatchObject({ code: 'PORT_UNAVAILABLE' });
    expect(thread.alive).toBe(false);
  } finally {
    warming.go?.();
    await busy.close();
  }
}, 60_000);
