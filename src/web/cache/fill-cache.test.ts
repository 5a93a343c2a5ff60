import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { waitFor } from '#test/wait-for.js';
import { shareableResponses } from './fill-cache.js';
import { PageCache } from './page-cache.js';

describe('shareableResponses', () => {
  it('never stores a no-store response, even one that names surrogate keys (a preview must not reach the cache)', async () => {
    const cache = new PageCache({ maxBytes: 1e7, log: pino({ level: 'silent' }), render: async () => ({ status: 200 }) });
    const app = new Hono();
    app.use(shareableResponses(cache));
    app.get('/kept', (c) => c.html('<p>kept</p>', 200, { 'Surrogate-Key': 'site', 'Cache-Control': 'public, max-age=60' }));
    app.get('/private', (c) => c.html('<p>private</p>', 200, { 'Surrogate-Key': 'site', 'Cache-Control': 'no-store' }));
    const kept = await app.request('/kept');
    const priv = await app.request('/private');
    expect(kept.headers.get('etag')).not.toBeNull();
    expect(priv.headers.get('etag')).toBeNull();
    await waitFor(() => cache.has('/kept'), { what: 'the shareable page to be stored' });
    expect(cache.has('/private')).toBe(false);
  });
});
