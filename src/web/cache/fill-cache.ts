import type { MiddlewareHandler } from 'hono';
import type { PageCache } from './page-cache.js';

/**
 * Stores what the app renders for a plain GET (no query string) when the response says it may be shared: status 200
 * with surrogate keys. Runs first, so the cache sees the final response, headers included.
 */
export function fillCache(cache: PageCache): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (c.req.method !== 'GET' || url.search) return next();
    const startedAt = cache.beginRender();
    let handedOff = false;
    try {
      await next();
      const res = c.res;
      if (res.status === 200 && res.headers.get('surrogate-key')) {
        const body = Buffer.from(await res.clone().arrayBuffer());
        handedOff = true;
        void cache.store(url.pathname, body, Object.fromEntries(res.headers), startedAt).finally(() => cache.endRender());
      }
    } finally {
      if (!handedOff) cache.endRender();
    }
  };
}
