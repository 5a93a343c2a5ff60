import type { Kysely } from 'kysely';
import { contributorArticleIdsAfter } from '../db/contributors-repo.js';
import { enqueueJob, type Job } from '../db/jobs-repo.js';
import type { Database } from '../db/schema.js';
import { tagArticleIds } from '../db/tags-repo.js';
import { indexArticles } from '../search/search-index.js';
import type { Deps } from './deps.js';
import type { JobHandler } from './jobs.js';

type K = Kysely<Database>;

/**
 * Bylines and tags are in the search index (search/search-index.ts), so renaming or merging a contributor or a tag
 * changes the index entry of every story that carries them. Up to INLINE_REINDEX_MAX stories are re-indexed in the
 * rename's own transaction: the index commits (or rolls back) with the new name, and no reader ever finds the story
 * under a name it no longer shows. Re-indexing costs about 0.7 ms a story on SQLite and 2 ms on PostgreSQL (the
 * README's index build rates), so 200 stories hold the transaction (SQLite's one writer lock) for at most ~0.5 s;
 * a tag on 20,000 stories would hold it for tens of seconds and block every save of the newsroom. Above the bound
 * the same transaction queues a durable job (SEARCH_REINDEX), so the work cannot be lost once the rename commits;
 * the job runner re-indexes the stories in batches of their own transactions, a few seconds later. Until then those
 * stories are found under the old name, and by every other word as before.
 */
export const INLINE_REINDEX_MAX = 200;
export const SEARCH_REINDEX = 'search.reindex';
/** Stories re-indexed per transaction by the job: short write transactions, so saves are not held up between them. */
const JOB_BATCH = 200;

/** Whose stories to re-index: a tag's or a contributor's (by id, as they carry it after the change). */
export type IndexHolder = { tagId: number } | { contributorId: number };

const carriers = (db: K, h: IndexHolder, after: number, limit: number) =>
  'tagId' in h ? tagArticleIds(db, h.tagId, after, limit) : contributorArticleIdsAfter(db, h.contributorId, after, limit);

/**
 * Call inside the transaction that renamed or merged (after the change is written): re-indexes the holder's stories
 * there, or queues the job when they are more than INLINE_REINDEX_MAX. `only`: the stories that changed, when the
 * caller knows them (a merge: the merged one's stories, not every story of the survivor). Says which it did.
 */
export async function reindexStoriesOf(trx: K, holder: IndexHolder, now: string, only?: readonly number[]): Promise<'none' | 'inline' | 'queued'> {
  const ids = only ?? (await carriers(trx, holder, 0, INLINE_REINDEX_MAX + 1));
  if (!ids.length) return 'none';
  if (ids.length > INLINE_REINDEX_MAX) {
    await enqueueJob(trx, { kind: SEARCH_REINDEX, runAt: now, payload: holder, now });
    return 'queued';
  }
  // One batch: three reads and a multi-row write, not three round trips per story inside the rename's transaction.
  await indexArticles(trx, ids);
  return 'inline';
}

/**
 * Runs a queued re-index: the holder's stories as they are now, in batches. Safe to run twice (each entry is
 * rebuilt from its row); a holder gone since (merged again, deleted) leaves nothing to do.
 */
export function searchReindexHandler(deps: Pick<Deps, 'db'>): JobHandler {
  return async (job: Job) => {
    const p = job.payload;
    const holder: IndexHolder | null =
      typeof p['tagId'] === 'number' ? { tagId: p['tagId'] } : typeof p['contributorId'] === 'number' ? { contributorId: p['contributorId'] } : null;
    if (!holder) throw new Error(`job ${job.id} names no tag or contributor`);
    const k = deps.db.kysely;
    for (let after = 0; ;) {
      const ids = await carriers(k, holder, after, JOB_BATCH);
      if (!ids.length) return;
      await k.transaction().execute((trx) => indexArticles(trx, ids));
      after = ids[ids.length - 1]!;
    }
  };
}
