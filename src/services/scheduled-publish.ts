import type { Kysely } from 'kysely';
import { latestSnapshot } from '../db/admin-articles-repo.js';
import { claimScheduledPublication, getArticleRow } from '../db/articles-repo.js';
import { insertRevision } from '../db/revisions-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { cancelJobs, enqueueJob, type Job } from '../db/jobs-repo.js';
import type { Database } from '../db/schema.js';
import { isVisibleToReaders } from '../content/visibility.js';
import { changedKeys } from './changed-keys.js';
import { nowIso, type Deps } from './deps.js';
import type { JobHandler } from './jobs.js';
import type { Principal } from '../content/principal.js';

export const PUBLISH_SCHEDULED = 'publish-scheduled';

/** What a publication job carries: the time it is for (run_at moves on retries; this does not) and who set it. */
export type PublishScheduledPayload = { publishAt: string; scheduledBy: number | null; apiKeyId: number | null };

/** One key per article and time: scheduling the same story for the same moment twice queues one job. */
export const publishJobKey = (articleId: number, publishAt: string) => `${PUBLISH_SCHEDULED}:${articleId}@${publishAt}`;

/**
 * Keeps an article's publication job in step with a workflow move, inside the move's transaction: whatever the move,
 * a pending job for an older schedule is cancelled (reschedule, cancel, publish now, unpublish…); a move to
 * `scheduled` queues the job for the new time. Nothing is queued unless the move commits.
 */
export async function syncPublishJob(trx: Kysely<Database>, m: { articleId: number; scheduledFor: string | null; who: Principal; now: string }): Promise<void> {
  await cancelJobs(trx, { articleId: m.articleId, kind: PUBLISH_SCHEDULED, now: m.now });
  if (m.scheduledFor === null) return;
  const payload: PublishScheduledPayload = { publishAt: m.scheduledFor, scheduledBy: m.who.userId, apiKeyId: m.who.apiKeyId };
  await enqueueJob(trx, {
    kind: PUBLISH_SCHEDULED,
    articleId: m.articleId,
    runAt: m.scheduledFor,
    dedupeKey: publishJobKey(m.articleId, m.scheduledFor),
    payload,
    now: m.now,
  });
}

/**
 * The moment a scheduled story goes live. Readers already see it from `published_at` on (the visibility predicate
 * needs no job); this records the event: the schedule is cleared, one revision and one `article.went-live` audit
 * entry (naming who scheduled it) are written, and the pages that now list it are announced.
 *
 * The conditional UPDATE is the guard that makes the job safe to run twice (two instances, or a crash after commit
 * and before the job was marked done): it matches only while the article is still published for exactly this time
 * with the schedule not yet cleared. A reschedule, cancel, "publish now" or an earlier run makes it match nothing,
 * and then nothing is written or announced.
 */
export function publishScheduledHandler(deps: Deps): JobHandler {
  return async (job: Job) => {
    const p = job.payload as Partial<PublishScheduledPayload>;
    if (job.articleId === null || typeof p.publishAt !== 'string') {
      throw new Error(`job ${job.id} has no article or publication time`);
    }
    const id = job.articleId;
    const at = p.publishAt;
    const now = nowIso(deps);
    const keys = await deps.db.kysely.transaction().execute(async (trx) => {
      const row = await getArticleRow(trx, id);
      if (!row || row.status !== 'published' || row.published_at !== at || row.scheduled_at !== at) return null;
      const revision = row.revision + 1;
      if (!(await claimScheduledPublication(trx, { id, revision: row.revision, at, now }))) return null;
      const snapshot = { ...((await latestSnapshot(trx, id)) ?? {}), status: 'published', publishedAt: at, scheduledAt: null };
      await insertRevision(trx, { articleId: id, number: revision, userId: null, snapshot, createdAt: now });
      await insertAudit(trx, {
        at: now,
        actorUserId: null,
        action: 'article.went-live',
        subjectType: 'article',
        subjectId: id,
        details: {
          publishedAt: at,
          revision,
          scheduledBy: p.scheduledBy ?? null,
          ...(p.apiKeyId != null ? { apiKeyId: p.apiKeyId } : {}),
          jobId: job.id,
        },
      });
      // Before this moment the story was on no list; now it is on its language's lists.
      return changedKeys(
        { id, storyId: row.story_id, locale: row.locale, sectionId: row.section_id, kind: row.kind },
        null,
        { status: 'published', publishedAt: at, listing: '' },
        now,
      );
    });
    if (keys) {
      deps.log.info({ articleId: id, publishedAt: at, job: job.id }, 'scheduled story went live');
      await deps.changes.publish(keys);
    }
  };
}

/**
 * For a publication job that failed for good: readers see the story anyway once its time has passed (visibility is
 * `published_at <= now`), so the page cache and the lists must hear of it, as the job would have told them.
 */
export function announceFailedPublication(deps: Deps): (job: Job) => Promise<void> {
  return async (job) => {
    if (job.kind !== PUBLISH_SCHEDULED || job.articleId === null) return;
    const row = await getArticleRow(deps.db.kysely, job.articleId);
    const now = nowIso(deps);
    if (!row || !isVisibleToReaders({ status: row.status, publishedAt: row.published_at }, now)) return;
    await deps.changes.publish(
      changedKeys(
        { id: row.id, storyId: row.story_id, locale: row.locale, sectionId: row.section_id, kind: row.kind },
        null,
        { status: 'published', publishedAt: row.published_at, listing: '' },
        now,
      ),
    );
  };
}
