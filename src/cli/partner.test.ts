import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './program.js';

function harness() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-partner-'));
  const env = { DATA_DIR: dir, LOG_LEVEL: 'silent', LOCALES: 'en,ru' } as NodeJS.ProcessEnv;
  const run = async (args: string[], extra: Record<string, string> = {}) => {
    let out = '';
    let err = '';
    const code = await runCli(args, { ...env, ...extra }, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  return { dir, run, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('masthead partner', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.cleanup());

  it('adds a partner with its feed, lists it, and deletes one no article credits (by name)', async () => {
    const added = await h.run(['partner', 'add', '--name', 'Вечерний тракт', '--feed-url', 'https://vt.example/rss', '--language', 'ru', '--licence', 'CC BY']);
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toMatch(/Added partner 1 "Вечерний тракт" \(ru\), feed https:\/\/vt\.example\/rss/);
    const listed = await h.run(['partner', 'list']);
    expect(listed.out).toBe('1\tВечерний тракт\tru\thttps://vt.example/rss\tactive\t0 article(s)\n');
    expect(await h.run(['partner', 'remove', 'вечерний ТРАКТ'])).toMatchObject({ code: 0, out: 'Deleted partner 1 "Вечерний тракт".\n' });
    expect((await h.run(['partner', 'list'])).out).toMatch(/No partners/);
  });

  it('makes a partner that articles credit inactive instead of deleting it, and says so', async () => {
    expect((await h.run(['seed', '--demo'])).code).toBe(0);
    const before = (await h.run(['partner', 'list'])).out;
    const line = before.split('\n').find((l) => l.includes('Vecherny Trakt'))!;
    const id = line.split('\t')[0]!;
    expect(line).toMatch(/\tactive\t[1-9]\d* article\(s\)$/);
    const removed = await h.run(['partner', 'remove', id]);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/credited by \d+ article\(s\), so it was made inactive instead of deleted/);
    expect((await h.run(['partner', 'list'])).out).toMatch(new RegExp(`^${id}\\tVecherny Trakt\\t.*\\tINACTIVE\\t`, 'm'));
  });

  it('refuses a bad feed URL, an unknown partner, and a missing option without a stack trace', async () => {
    const bad = await h.run(['partner', 'add', '--name', 'X', '--feed-url', 'ftp://x.example/feed', '--language', 'ru']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/VALIDATION_FAILED.*feedUrl/s);
    const unknown = await h.run(['partner', 'remove', 'Nobody']);
    expect(unknown.err).toMatch(/No partner "Nobody"/);
    expect((await h.run(['partner', 'add', '--name', 'X', '--language', 'ru'])).code).toBe(2);
    expect(bad.err + unknown.err).not.toMatch(/\n\s+at /);
  });

  it('ingest run polls now and prints per-partner counts; a loopback feed is refused unless ALLOW_PRIVATE_HOSTS lists it', async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><guid>1</guid><description>x</description></item><item><title>One again</title><guid>1</guid></item></channel></rss>`;
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;
      await h.run(['partner', 'add', '--name', 'Loop', '--feed-url', url, '--language', 'ru']);
      const refused = await h.run(['ingest', 'run']);
      expect(refused.code).toBe(1);
      expect(refused.out).toMatch(/^1\tLoop\tfailed: \[FETCH_ADDRESS_REFUSED\] .*ALLOW_PRIVATE_HOSTS/m);
      const ok = await h.run(['ingest', 'run', '--partner', 'Loop'], { ALLOW_PRIVATE_HOSTS: '127.0.0.1' });
      expect(ok).toMatchObject({ code: 0, out: '1\tLoop\t1 new, 1 duplicate, 0 failed\n' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
