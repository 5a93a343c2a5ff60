import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer } from '../main.js';
import { waitFor } from '#test/wait-for.js';

let dir = '';
let s: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-demo-wire-'));
  s = await startServer(loadConfig({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent', LOCALES: 'en,ru' }), { demo: true });
}, 120_000);
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the demo serves its partner feed, and the wire inbox has its stories soon after start (no ALLOW_PRIVATE_HOSTS set)', async () => {
  const res = await fetch(`http://127.0.0.1:${s.port}/demo/partner-feed.xml`);
  expect(res.headers.get('content-type')).toMatch(/rss\+xml/);
  expect(await res.text()).toContain('vt-demo-1');
  await waitFor(async () => (await s.deps.db.kysely.selectFrom('wire_items').select('id').execute()).length === 3, {
    timeout: 30_000,
    interval: 200,
    what: 'the demo wire items',
  });
  const titles = (await s.deps.db.kysely.selectFrom('wire_items').select(['title', 'full_text']).execute()).map((r) => [r.title, r.full_text]);
  expect(titles).toContainEqual(['Фермеры Жетысу ждут рекордного урожая яблок', 1]);
}, 60_000);
