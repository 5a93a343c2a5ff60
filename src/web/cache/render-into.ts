import type { CompressedCopies } from './compress-page.js';
import { isShareable } from './fill-cache.js';
import type { PageCache } from './page-cache.js';

/** Where the cache's own renders can run besides the serving thread (the page render thread, page-render-thread.ts). */
export type PageRenderer = {
  readonly alive: boolean;
  render(path: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer; copies?: CompressedCopies }>;
};

/**
 * The page cache's renders (re-renders after a change, stale pages asked for, the warm start) done by `elsewhere` and
 * stored as the fill-cache middleware stores a reader's miss: a change landing while it renders keeps it out. When
 * `elsewhere` is not running (it failed to start, died or overran), `here` renders in this thread, as before it existed.
 */
export function renderInto(cache: PageCache, elsewhere: PageRenderer, here: (path: string) => Promise<Response>) {
  // One at a time, with a turn of the loop between two: when the thread dies with a change's batch in it, its renders
  // fall back here together, and readers' hits must not wait behind all of them at once.
  let turn: Promise<unknown> = Promise.resolve();
  const inThisThread = (path: string) => {
    const mine = turn.then(async () => {
      const res = await here(path);
      await res.body?.cancel();
      return { status: res.status };
    });
    turn = mine.catch(() => {}).then(() => new Promise((r) => setImmediate(r)));
    return mine;
  };
  return async (path: string): Promise<{ status: number }> => {
    if (!elsewhere.alive) return inThisThread(path);
    const startedAt = cache.beginRender();
    let handedOff = false;
    try {
      const page = await elsewhere.render(path);
      if (isShareable(page.status, new Headers(page.headers))) {
        handedOff = true;
        // Not awaited, as the middleware does: the cache settles the page's waiters once it is stored.
        void cache.store(path, page.body, page.headers, startedAt, { copies: page.copies }).finally(() => cache.endRender());
      }
      return { status: page.status };
    } catch (err) {
      if (elsewhere.alive) throw err;
      return inThisThread(path);
    } finally {
      if (!handedOff) cache.endRender();
    }
  };
}
