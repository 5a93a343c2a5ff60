import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressAllowed, embeddedIpv4, isSpecialAddress, parseAllowList } from './address-policy.js';
import { safeFetch } from './safe-fetch.js';

const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024)); // 50 MB of zeros in ~50 KB

let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    switch (u.pathname) {
      case '/feed':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Sun, 06 Dec 2026 05:00:00 GMT' }).end('<rss/>');
        return;
      case '/gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync('<rss>compressed</rss>'));
        return;
      case '/br':
        res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync('<rss>brotli</rss>'));
        return;
      case '/bomb':
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }).end(bomb);
        return;
      case '/big':
        res.writeHead(200, { 'content-length': String(2_000_000) }).end(Buffer.alloc(2_000_000));
        return;
      case '/big-chunked':
        res.writeHead(200);
        for (let i = 0; i < 40; i++) res.write(Buffer.alloc(50_000));
        res.end();
        return;
      case '/slow-gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.write(zlib.gzipSync('<rss version="2.0"><channel>').subarray(0, 12));
        return; // never ends
      case '/cut-gzip':
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.write(zlib.gzipSync('<rss version="2.0"><channel>').subarray(0, 12));
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      case '/slow':
        res.writeHead(200);
        res.write('<rss>');
        return; // never ends
      case '/hop': {
        const n = Number(u.searchParams.get('n'));
        res.writeHead(302, { location: n > 0 ? `/hop?n=${n - 1}` : '/feed' }).end();
        return;
      }
      case '/to':
        res.writeHead(301, { location: u.searchParams.get('url')! }).end();
        return;
      case '/missing':
        res.writeHead(404).end('nope');
        return;
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const allow = '127.0.0.1';

describe('the address policy', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '100.64.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
  ])('refuses %s', (a) => expect(isSpecialAddress(a)).toBe(true));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('lets %s through', (a) => expect(isSpecialAddress(a)).toBe(false));
  it('reads the v4 address inside a mapped v6 one', () => {
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::1')).toBeNull();
  });
  it('allows what ALLOW_PRIVATE_HOSTS lists: a host name, an address, a range', () => {
    const a = parseAllowList('feeds.internal, 10.0.0.0/8,::1');
    expect(addressAllowed(a, 'feeds.internal', '192.168.0.5')).toBe(true);
    expect(addressAllowed(a, 'other', '10.9.9.9')).toBe(true);
    expect(addressAllowed(a, 'other', '::ffff:10.9.9.9')).toBe(true);
    expect(addressAllowed(a, 'other', '::1')).toBe(true);
    expect(addressAllowed(a, 'other', '127.0.0.1')).toBe(false);
    expect(addressAllowed(parseAllowList(''), 'x', '192.168.0.5')).toBe(false);
  });
});

describe('safeFetch', () => {
  it('refuses a loopback server unless ALLOW_PRIVATE_HOSTS allows it', async () => {
    await expect(safeFetch(`${base}/feed`)).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    const r = await safeFetch(`${base}/feed`, { allow });
    expect(r).toMatchObject({ status: 200, etag: '"v1"', notModified: false });
    expect(r.body.toString()).toBe('<rss/>');
  });

  it('checks the resolved address of a host name, not the name', async () => {
    const port = new URL(base).port;
    // "localhost" resolves to a loopback address: refused, though nothing in the name says so.
    await expect(safeFetch(`http://localhost:${port}/feed`)).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    // A public-looking name that resolves to an internal address (DNS rebinding): refused.
    const rebinding = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(safeFetch(`http://news.example.com:${port}/feed`, { resolve: rebinding })).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    await expect(
      safeFetch(`http://news.example.com:${port}/feed`, { resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }] }),
    ).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    // Allowed by name: the one host, not every internal address.
    const r = await safeFetch(`http://feeds.internal:${port}/feed`, { allow: 'feeds.internal', resolve: rebinding });
    expect(r.status).toBe(200);
  });

  it('lets an allowed origin through, and only it: not another port of its address, nor a redirect elsewhere', async () => {
    const port = Number(new URL(base).port);
    const other = http.createServer((_req, res) => res.end('other'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const allowOrigins = [base];
      expect((await safeFetch(`${base}/feed`, { allowOrigins })).status).toBe(200);
      const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      await expect(safeFetch(`${otherBase}/`, { allowOrigins })).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
      await expect(safeFetch(`${base}/to?url=${encodeURIComponent(`${otherBase}/`)}`, { allowOrigins })).rejects.toMatchObject({
        code: 'FETCH_ADDRESS_REFUSED',
      });
      // The same port under another name is another origin.
      await expect(safeFetch(`http://localhost:${port}/feed`, { allowOrigins })).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('regression: an outside feed redirecting to the allowed origin is refused (the allowance was honoured on any hop)', async () => {
    const outside = http.createServer((req, res) => res.writeHead(302, { location: `${base}${req.url}` }).end());
    await new Promise<void>((r) => outside.listen(0, '127.0.0.1', r));
    try {
      const allowOrigins = [base];
      const opts = { allowOrigins, allow: 'outside.example', resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
      const port = (outside.address() as AddressInfo).port;
      await expect(safeFetch(`http://outside.example:${port}/feed`, opts)).rejects.toMatchObject({ code: 'FETCH_ADDRESS_REFUSED' });
      // A redirect that stays on the allowed origin is still followed.
      expect((await safeFetch(`${base}/to?url=${encodeURIComponent(`${base}/feed`)}`, { allowOrigins })).status).toBe(200);
    } finally {
      await new Promise<void>((r) => outside.close(() => r()));
    }
  });

  it('refuses a redirect from an allowed host to a refused one', async () => {
    const port = new URL(base).port;
    const resolve = async (h: string) => [{ address: '127.0.0.1', family: h === 'feeds.internal' ? 4 : 4 }];
    const target = encodeURIComponent(`http://127.0.0.1:${port}/feed`);
    await expect(safeFetch(`http://feeds.internal:${port}/to?url=${target}`, { allow: 'feeds.internal', resolve })).rejects.toMatchObject({
      code: 'FETCH_ADDRESS_REFUSED',
      details: { address: '127.0.0.1' },
    });
    // And a redirect to another scheme.
    await expect(safeFetch(`${base}/to?url=${encodeURIComponent('file:///etc/passwd')}`, { allow })).rejects.toMatchObject({ code: 'FETCH_URL_INVALID' });
  });

  it('follows at most 5 redirects', async () => {
    expect((await safeFetch(`${base}/hop?n=4`, { allow })).url).toBe(`${base}/feed`);
    await expect(safeFetch(`${base}/hop?n=5`, { allow })).rejects.toMatchObject({ code: 'FETCH_TOO_MANY_REDIRECTS' });
  });

  it('refuses other schemes and non-URLs', async () => {
    await expect(safeFetch('ftp://example.org/feed')).rejects.toMatchObject({ code: 'FETCH_URL_INVALID' });
    await expect(safeFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'FETCH_URL_INVALID' });
    await expect(safeFetch('not a url')).rejects.toMatchObject({ code: 'FETCH_URL_INVALID' });
  });

  it('does a conditional GET with the validators it is given', async () => {
    const r = await safeFetch(`${base}/feed`, { allow, etag: '"v1"' });
    expect(r).toMatchObject({ status: 304, notModified: true });
    expect(r.body.length).toBe(0);
  });

  it('decompresses gzip and brotli bodies', async () => {
    expect((await safeFetch(`${base}/gzip`, { allow })).body.toString()).toBe('<rss>compressed</rss>');
    expect((await safeFetch(`${base}/br`, { allow })).body.toString()).toBe('<rss>brotli</rss>');
  });

  it('bounds the body: declared, streamed, and after decompression (a gzip bomb stops at the limit)', async () => {
    await expect(safeFetch(`${base}/big`, { allow, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE' });
    await expect(safeFetch(`${base}/big-chunked`, { allow, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE' });
    const before = process.memoryUsage().rss;
    await expect(safeFetch(`${base}/bomb`, { allow, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE' });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('gives up on a slow server after the timeout', async () => {
    const t = Date.now();
    await expect(safeFetch(`${base}/slow`, { allow, timeoutMs: 300 })).rejects.toMatchObject({ code: 'FETCH_TIMEOUT' });
    expect(Date.now() - t).toBeLessThan(3000);
  });

  // Regression (review of issue 14): `10.0.0.0/` was read as /0 and let every address through; a bracketed range was
  // kept as a host name.
  it('refuses a malformed ALLOW_PRIVATE_HOSTS entry rather than widening the list', () => {
    for (const bad of ['10.0.0.0/', '10.0.0.0/33', '10.0.0.0/abc', 'feeds.example:8080', '169.254.169.254/0x10'])
      expect(() => parseAllowList(bad), bad).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    const v6 = parseAllowList('[fd00::]/8');
    expect(addressAllowed(v6, 'feeds.internal', 'fd12::1')).toBe(true);
    expect(addressAllowed(v6, 'feeds.internal', '127.0.0.1')).toBe(false);
  });

  // Regression (review of issue 14): the decoder was piped, not pipelined, so a compressed body that stalled or was cut
  // off left the fetch (and the job runner behind it) waiting for ever.
  it('gives up on a compressed body that stalls or is cut off, as on a plain one', async () => {
    const t = Date.now();
    await expect(safeFetch(`${base}/slow-gzip`, { allow, timeoutMs: 300 })).rejects.toMatchObject({ code: 'FETCH_TIMEOUT' });
    await expect(safeFetch(`${base}/cut-gzip`, { allow, timeoutMs: 5000 })).rejects.toMatchObject({ code: expect.stringMatching(/^FETCH_/) });
    expect(Date.now() - t).toBeLessThan(4000);
  });

  it('reports an HTTP error and an unreachable server with stable codes', async () => {
    await expect(safeFetch(`${base}/missing`, { allow })).rejects.toMatchObject({ code: 'FETCH_HTTP_ERROR', details: { status: 404 } });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(safeFetch(`http://127.0.0.1:${port}/`, { allow })).rejects.toMatchObject({ code: 'FETCH_FAILED' });
  });
});
