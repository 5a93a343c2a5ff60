import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CachedPage, Encoding, PageCache } from './page-cache.js';
import { PREVIEW_PREFIX } from '../../content/preview-path.js';
import { wordpressQueryOf } from '../../content/wordpress-query.js';

/** `/?p=41`, `/index.php?page_id=7`: an address of the WordPress site this one replaced. */
function isWordPressQuery(url: string): boolean {
  const q = url.indexOf('?');
  return q !== -1 && wordpressQueryOf(url.slice(0, q), url.slice(q)) !== null;
}

/**
 * The raw node:http front door: a cached page is written straight from memory without touching the router or the
 * database; anything else goes on to the app (`fallback`), which renders it and fills the cache.
 *
 * The cache is keyed by the path exactly as the app spells it (the app redirects any other spelling, see
 * content/urls.ts canonicalPath), so a hit is one Map lookup by the raw URL. Cached pages ignore the query string
 * (fill-cache.ts), so `/en/?utm_source=x` is served from the entry of `/en/`; that second lookup happens only once
 * the first has missed. A stale page (invalidated, its new version not yet stored) is served the same way: its
 * prebuilt headers say `X-Cache: STALE`.
 */
export function cachedRequestListener(cache: PageCache, fallback: RequestListener): RequestListener {
  const listener: RequestListener = (req, res) => {
    const url = req.url;
    // A share link's preview is never cached: not looked up, not coalesced, and its token not kept among the
    // uncacheable paths either.
    // `/?p=41` is not the home page but the address of a WordPress post: the app redirects it (old-addresses.ts), and
    // it neither waits for nor stands in for a render of `/`.
    if ((req.method === 'GET' || req.method === 'HEAD') && url !== undefined && !url.startsWith(PREVIEW_PREFIX) && !isWordPressQuery(url)) {
      const page = cache.get(url);
      if (page) return page.cold ? whenFresh(url, req, res) : sendCached(page, req, res);
      const q = url.indexOf('?');
      const path = q === -1 ? url : url.slice(0, q);
      const byPath = q === -1 ? undefined : cache.get(path);
      if (byPath) return byPath.cold ? whenFresh(path, req, res) : sendCached(byPath, req, res);
      // Request coalescing: while one render of the page runs, other misses wait for it and are answered from what
      // it stored. If it stored nothing (an error, a redirect, a removed story) they go on to the app.
      const flight = cache.flightOf(path);
      if (flight) return void flight.then(() => afterFlight(path, req, res));
      const mine = req.method === 'GET' ? cache.takeOff(path) : undefined;
      if (mine) res.once('close', () => cache.land(path, mine, res.statusCode));
    }
    fallback(req, res);
  };
  // A page nobody had read since its last render was not re-rendered at the change (page-cache.ts, `cold`): its first
  // reader since waits for that one render, as for a miss, and is answered with the new version.
  const whenFresh = (path: string, req: IncomingMessage, res: ServerResponse) => void cache.refresh(path).then(() => afterFlight(path, req, res));
  const afterFlight = (path: string, req: IncomingMessage, res: ServerResponse) => {
    const page = cache.get(path);
    if (page) return sendCached(page, req, res);
    // Its render was refused (a change landed meanwhile) and runs again: wait for that one too.
    const again = cache.flightOf(path);
    if (again) return void again.then(() => afterFlight(path, req, res));
    fallback(req, res);
  };
  return listener;
}

function sendCached(page: CachedPage, req: IncomingMessage, res: ServerResponse) {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, page.etag)) {
    const h = page.headers.identity;
    res.writeHead(304, { etag: h.etag, 'cache-control': h['cache-control'], vary: 'Accept-Encoding', 'surrogate-key': h['surrogate-key'] });
    res.end();
    return;
  }
  const enc = negotiate(req.headers['accept-encoding']);
  res.writeHead(200, page.headers[enc]);
  res.end(req.method === 'HEAD' ? undefined : page.bodies[enc]);
}

// Browsers send a handful of distinct Accept-Encoding strings; parsing each once keeps hits cheap.
const negotiated = new Map<string, Encoding>();

/** The best of br, gzip, identity that the client accepts (RFC 9110 §12.5.3, with q-values). */
export function negotiate(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = negotiated.get(header);
  if (known) return known;
  const q: Record<string, number> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q[name] = Number.isFinite(value) ? value : 0;
  }
  const accepts = (name: string) => (q[name] ?? q['*'] ?? 0) > 0;
  const identityRefused = q['identity'] === 0 || (q['identity'] === undefined && q['*'] === 0);
  const result: Encoding = accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : identityRefused && accepts('gzip') ? 'gzip' : 'identity';
  if (negotiated.size < 256) negotiated.set(header, result);
  return result;
}

/** Weak comparison: any representation of the same page (identity, -br, -gz) matches, as nginx does. */
export function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some(
    (t) =>
      t
        .trim()
        .replace(/^W\//, '')
        .replace(/^"|"$/g, '')
        .replace(/-(br|gz)$/, '') === etag,
  );
}
