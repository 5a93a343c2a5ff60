import { surrogateKey } from '../content/surrogate-keys.js';
import { localesExpiredBetween, nextUntilAfter } from '../db/front-pages-repo.js';
import type { Deps } from './deps.js';

// Re-check at least this often: a pin saved by another process on SQLite (which has no cross-process notices beyond
// "*") is picked up, and a far-off expiry is re-armed.
const MAX_WAIT_MS = 5 * 60_000;

/**
 * A top story pinned "until" a time drops back to the automatic order when that time comes, with no save to announce
 * it. The home page's render already leaves out a pin that has run out; this watcher makes the cached copy learn of
 * it: it sleeps until the next expiry among every language's pins and then announces those languages' home pages
 * (`front-{lang}`), which the page cache re-renders at once. It re-arms after every front-page save (and on "*").
 */
export function watchFrontPageExpiry(deps: Deps): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastCheck = deps.clock().toISOString();

  const arm = async () => {
    if (stopped) return;
    // Since the last check, not since now: a pin running out between the check and a re-arm fires at once.
    const at = await nextUntilAfter(deps.db.kysely, lastCheck);
    if (stopped) return;
    const wait = at ? Math.min(Math.max(Date.parse(at) - deps.clock().getTime(), 0) + 5, MAX_WAIT_MS) : MAX_WAIT_MS;
    // Cleared here, after the read: two re-arms in flight leave one timer, not two.
    clearTimeout(timer);
    timer = setTimeout(() => void fire().catch((err) => deps.log.error({ err }, 'front page expiry watch failed')), wait);
    timer.unref();
  };

  const fire = async () => {
    const now = deps.clock().toISOString();
    const locales = await localesExpiredBetween(deps.db.kysely, lastCheck, now);
    lastCheck = now;
    if (locales.length) {
      deps.log.info({ locales }, 'front page pins ran out');
      await deps.changes.publish(locales.map(surrogateKey.front));
    }
    await arm();
  };

  const unsubscribe = deps.changes.subscribe((keys) => {
    if (keys.some((k) => k === '*' || k.startsWith('front-'))) void arm().catch(() => {});
  });
  void arm().catch((err) => deps.log.error({ err }, 'front page expiry watch failed'));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
