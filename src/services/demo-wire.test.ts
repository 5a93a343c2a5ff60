import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer } from '../main.js';
import { waitFor } from '#test/wait-for.js';
import { createPartner } from './partners.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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

it('allows the demo feed’s own origin only: a partner added while it runs, on another loopback port, is refused', async () => {
  const other = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel/></rss>'));
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  try {
    const admin = { actor: { id: 0, role: 'admin' as const, active: true }, userId: null, apiKeyId: null };
    const feedUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/feed.xml`;
    const p = await createPartner(s.deps, admin, ['en', 'ru'], { names: { ru: 'Внутренний' }, url: 'https://inside.example', locale: 'ru', feedUrl });
    // Polled by the running server without a restart, and refused: the demo did not open 127.0.0.1 as a whole.
    const state = await waitFor(
      async () =>
        s.deps.db.kysely.selectFrom('partner_feed_state').selectAll().where('partner_id', '=', p.id).where('last_polled_at', 'is not', null).executeTakeFirst(),
      { timeout: 30_000, interval: 200, what: 'the new partner’s first poll' },
    );
    expect(state.last_error_code).toBe('FETCH_ADDRESS_REFUSED');
  } finally {
    await new Promise<void>((r) => other.close(() => r()));
  }
}, 60_000);
