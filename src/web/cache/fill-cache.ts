import type { MiddlewareHandler } from 'hono';
import { etagMatches } from './fast-path.js';
import { pageEtag, type PageCache } from './page-cache.js';

/** A page the cache may keep: a 200 with surrogate keys, unless it says no-store (previews, the admin), whatever else. */
export function isShareable(status: number, headers: Headers): boolean {
  return status === 200 && !!headers.get('surrogate-key') && !/\bno-store\b/i.test(headers.get('cache-control') ?? '');
}

/**
 * Every shareable response (GET or HEAD, status 200, with surrogate keys) leaves the app with the ETag the cache
 * will send for it on later hits, so a feed reader's first conditional GET already works; a request that has that
 * version gets a 304 here too. With a `cache`, a GET's page is also stored. Runs first, so it sees the final
 * response, headers included.
 *
 * A response with surrogate keys must not depend on the query string (search names none): a render of `/x?a=1` is
 * stored as `/x`, and the fast path serves `/x?utm_source=…` from the entry of `/x`.
 */
export function shareableResponses(cache?: PageCache): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const storing = cache && method === 'GET' ? cache : undefined;
    const startedAt = storing?.beginRender() ?? 0;
    let handedOff = false;
    try {
      await next();
      const res = c.res;
      if (!isShareable(res.status, res.headers)) return;
      const body = Buffer.from(await res.arrayBuffer());
      const etag = pageEtag(body);
      const headers = new Headers(res.headers);
      headers.set('ETag', `"${etag}"`);
      // Hits are sent brotli or gzip to whoever accepts them: a shared cache must key the miss's bytes the same way.
      headers.set('Vary', 'Accept-Encoding');
      if (storing) {
        handedOff = true;
        // A reader's request comes through the node server (which gives the app its socket); the cache's own renders
        // through `app.request`, which gives none.
        const read = !!(c.env as { incoming?: unknown } | undefined)?.incoming;
        void storing.store(new URL(c.req.url).pathname, body, Object.fromEntries(headers), startedAt, { read }).finally(() => storing.endRender());
      }
      const ifNoneMatch = c.req.header('if-none-match');
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, etag)) {
        // The headers a hit's 304 sends (fast-path.ts). Cleared first: assigning over a response copies every header
        // of the old one onto the new.
        const notModified = new Headers();
        for (const name of ['etag', 'cache-control', 'vary', 'surrogate-key']) {
          const value = headers.get(name);
          if (value !== null) notModified.set(name, value);
        }
        c.res = undefined;
        c.res = new Response(null, { status: 304, headers: notModified });
      } else {
        c.res = new Response(body, { status: 200, headers });
      }
    } finally {
      if (storing && !handedOff) storing.endRender();
    }
  };
}
