import zlib from 'node:zlib';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.js';

const html = (s: string) => Buffer.from(`<!DOCTYPE html><p>${s.repeat(50)}</p>`);
const headers = (keys: string) => ({ 'content-type': 'text/html; charset=utf-8', 'surrogate-key': keys, 'cache-control': 'public, max-age=60' });

function cache(maxBytes = 10_000_000) {
  const rendered: string[] = [];
  const c = new PageCache({ maxBytes, log: pino({ level: 'silent' }), render: async (url) => void rendered.push(url) });
  const put = async (url: string, body: string, keys: string) => {
    const t = c.beginRender();
    await c.store(url, html(body), headers(keys), t);
    c.endRender();
  };
  return { c, put, rendered };
}

describe('PageCache', () => {
  it('keeps identity, brotli and gzip bytes that decode to the same page, with per-encoding ETags', async () => {
    const { c, put } = cache();
    await put('/en/', 'hello', 'site l-en a1');
    const p = c.get('/en/')!;
    expect(zlib.brotliDecompressSync(p.bodies.br)).toEqual(p.bodies.identity);
    expect(zlib.gunzipSync(p.bodies.gzip)).toEqual(p.bodies.identity);
    expect(p.bodies.br.length).toBeLessThan(p.bodies.identity.length);
    expect([p.headers.identity.etag, p.headers.br.etag, p.headers.gzip.etag]).toEqual([`"${p.etag}"`, `"${p.etag}-br"`, `"${p.etag}-gz"`]);
    expect(p.headers.br['content-encoding']).toBe('br');
    expect(p.headers.br['content-length']).toBe(p.bodies.br.length);
    expect(p.headers.identity['content-encoding']).toBeUndefined();
  });

  it('does not store a response without surrogate keys', async () => {
    const { c, put } = cache();
    await put('/x', 'nokeys', '');
    expect(c.has('/x')).toBe(false);
  });

  it('drops exactly the pages that show an invalidated key and queues them for re-render', async () => {
    const { c, put, rendered } = cache();
    await put('/en/', 'home', 'site l-en a1 a2');
    await put('/en/a1', 'one', 'site l-en a1 s1');
    await put('/ru/', 'ru home', 'site l-ru a3');
    expect(c.invalidate(['a1']).sort()).toEqual(['/en/', '/en/a1']);
    expect(c.has('/ru/')).toBe(true);
    await c.idle();
    expect(rendered.sort()).toEqual(['/en/', '/en/a1']);
    expect(c.invalidate(['*']).sort()).toEqual(['/ru/']);
  });

  it('refuses a render that began before a change to one of its keys, and renders it again', async () => {
    const { c, rendered } = cache();
    const t = c.beginRender();
    c.invalidate(['a1']);
    await c.store('/en/a1', html('old state'), headers('a1'), t);
    c.endRender();
    expect(c.has('/en/a1')).toBe(false);
    await c.idle();
    expect(rendered).toEqual(['/en/a1']);
  });

  it('stays under its byte limit, evicting the least recently used page first', async () => {
    const { c, put } = cache(3_000);
    await put('/1', 'a', 'k1');
    await put('/2', 'b', 'k2');
    c.get('/1');
    for (let i = 3; i < 10; i++) await put(`/${i}`, String(i), `k${i}`);
    expect(c.stats().bytes).toBeLessThanOrEqual(3_000);
    expect(c.has('/9')).toBe(true);
    expect(c.has('/2')).toBe(false);
    // Evicted pages leave no key behind: invalidating them drops nothing.
    expect(c.invalidate(['k2'])).toEqual([]);
  });
});
