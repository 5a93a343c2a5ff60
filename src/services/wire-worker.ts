import { parentPort } from 'node:worker_threads';
import { extractArticle, parseWireFeed } from '../importers/feed-items.js';

/**
 * The wire's worker (services/wire-pool.ts): parses partner feeds and extracts articles from their pages, in a thread
 * of its own, so hostile XML or HTML never holds up the server's requests and a runaway parse can be terminated.
 */
type Ask = { id: number; op: 'feed' | 'page'; bytes: Uint8Array; contentType: string | null; url: string };

parentPort!.on('message', ({ id, op, bytes, contentType, url }: Ask) => {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = op === 'feed' ? parseWireFeed(buf, contentType, url) : extractArticle(buf, contentType, url);
    parentPort!.postMessage({ id, result });
  } catch (err) {
    const e = err as { code?: string; message: string; hint?: string; details?: unknown };
    parentPort!.postMessage({ id, error: { code: e.code ?? null, message: e.message, hint: e.hint ?? null, details: e.details ?? null } });
  }
});
parentPort!.postMessage({ ready: true });
