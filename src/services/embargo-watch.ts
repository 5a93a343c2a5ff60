import { surrogateKey } from '../content/surrogate-keys.js';
import { becameVisible, nextPublicationAfter } from '../db/embargo-repo.js';
import { liveJobKeys } from '../db/jobs-repo.js';
import { PUBLISH_SCHEDULED, publishJobKey } from './scheduled-publish.js';
import type { Deps } from './deps.js';

// Re-check at least this often: a later embargo is re-armed when this fires, and a change made by another process
// on SQLite (which has no cross-process notices) is picked up.
const MAX_WAIT_MS = 5 * 60_000;

/**
 * A story published with a future time (an embargo) becomes visible when that time comes, with no save to announce
 * it. This watcher sleeps until the next such moment and then announces the stories that became visible, so cached
 * pages and feeds change on time. It re-arms after every announced change, since a save may add or move an embargo.
 *
 * Stories scheduled through the workflow have a durable job (services/scheduled-publish.ts) that records the moment
 * (revision, audit) and announces it; the watcher leaves those alone, so nothing is announced twice. It remains for
 * stories that got a future time any other way (an edit's publishedAt, imports, seeds, a row written by hand), which
 * have no job: without it their pages would stay stale in the cache until the next unrelated change.
 */
export function watchEmbargoes(deps: Deps, locales: string[]): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastCheck = deps.clock().toISOString();

  const arm = async () => {
    if (stopped) return;
    clearTimeout(timer);
    // One indexed look-up per language (articles_feed_idx starts with the locale); a single query across languages
    // would read the whole table, or tempt SQLite's planner into a worse index for other queries.
    const next = { at: null as string | null };
    for (const locale of locales) {
      // Since the last check, not since now: a change notice re-arms the watcher, and one landing between an embargo's
      // moment and the timer firing must not skip that story (it fires at once instead).
      const at = await nextPublicationAfter(deps.db.kysely, locale, lastCheck);
      if (at && (next.at === null || at < next.at)) next.at = at;
    }
    if (stopped) return;
    const wait = next.at ? Math.min(Math.max(Date.parse(next.at) - deps.clock().getTime(), 0) + 5, MAX_WAIT_MS) : MAX_WAIT_MS;
    timer = setTimeout(() => void fire().catch((err) => deps.log.error({ err }, 'embargo watch failed')), wait);
    timer.unref();
  };

  const fire = async () => {
    const now = deps.clock().toISOString();
    const due = await becameVisible(deps.db.kysely, locales, lastCheck, now);
    lastCheck = now;
    const lifted = await withoutPublishJob(deps, due);
    if (lifted.length) {
      deps.log.info({ articles: lifted.map((a) => a.id) }, 'embargo lifted');
      await deps.changes.publish(
        lifted.flatMap((a) => [
          surrogateKey.article(a.id),
          surrogateKey.story(a.story_id),
          surrogateKey.section(a.section_id, a.locale),
          surrogateKey.locale(a.locale),
        ]),
      );
    }
    await arm();
  };

  const unsubscribe = deps.changes.subscribe(() => void arm().catch(() => {}));
  void arm().catch((err) => deps.log.error({ err }, 'embargo watch failed'));
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

/** The stories among `due` that no publication job covers (pending, running or done: a cancelled job covers nothing). */
async function withoutPublishJob<T extends { id: number; published_at: string | null }>(deps: Deps, due: T[]): Promise<T[]> {
  if (due.length === 0) return due;
  const keyOf = (a: T) => publishJobKey(a.id, a.published_at ?? '');
  const skip = await liveJobKeys(deps.db.kysely, PUBLISH_SCHEDULED, due.map(keyOf));
  return due.filter((a) => !skip.has(keyOf(a)));
}
