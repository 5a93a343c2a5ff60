import type { Principal } from '../content/principal.js';
import { auditActor } from '../content/principal.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { cancelJobs, enqueueJob, type Job } from '../db/jobs-repo.js';
import { AppError, notFound } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import type { JobHandler } from './jobs.js';
import { makePendingLive } from './pending-changes.js';
import { PUBLISH_PENDING, type PublishPendingPayload } from './pending-info.js';

/**
 * Scheduled updates: a live story's pending changes made live at a set time by the durable jobs table, as a scheduled
 * publication is (services/scheduled-publish.ts). A schedule is for the pending revision it was made for: a newer
 * pending save, a discard, or "Update" now cancels it (pending-changes.ts), and the job does nothing unless the story
 * still holds exactly that revision as its pending changes.
 */

export { PUBLISH_PENDING } from './pending-info.js';

async function rowOf(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return row;
}

const noPending = (id: number) =>
  notFound(`Pending changes of article ${id}`, 'Nothing waits to be published: save pending changes first (PUT …/pending), then schedule them.');

/** Schedules the current pending changes to go live at `publishAt` (in the future), replacing any earlier schedule. */
export async function schedulePendingChanges(
  deps: Deps,
  who: Principal,
  id: number,
  publishAt: string,
): Promise<{ scheduledAt: string; pendingRevision: number }> {
  const row = await rowOf(deps, id);
  assertCan(who.actor, 'article.publish-changes', await articleResource(deps.db.kysely, row));
  const now = nowIso(deps);
  if (publishAt <= now) {
    throw new AppError('VALIDATION_FAILED', 'The time of a scheduled update must be in the future.', {
      hint: 'To make the changes live now, POST …/pending/publish.',
      details: { fields: { publishAt: 'must be in the future' } },
    });
  }
  if (row.pending_revision === null || row.status !== 'published') throw noPending(id);
  const pendingRevision = row.pending_revision;
  const { actorUserId, via } = auditActor(who);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await getArticleRow(trx, id);
    // A save in between: schedule what the caller saw, or nothing.
    if (!current || current.pending_revision !== pendingRevision) {
      throw new AppError('CONFLICT', `The pending changes of article ${id} were saved again meanwhile.`, {
        hint: 'Reload the article, look at the latest pending changes, and schedule them.',
        details: { pendingRevision: current?.pending_revision ?? null },
      });
    }
    await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now });
    const payload: PublishPendingPayload = { publishAt, pendingRevision, scheduledBy: who.userId, apiKeyId: who.apiKeyId };
    await enqueueJob(trx, {
      kind: PUBLISH_PENDING,
      articleId: id,
      runAt: publishAt,
      dedupeKey: `${PUBLISH_PENDING}:${id}:${pendingRevision}@${publishAt}`,
      payload,
      now,
    });
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'article.pending-scheduled',
      subjectType: 'article',
      subjectId: id,
      details: { pendingRevision, publishAt, ...via },
    });
  });
  return { scheduledAt: publishAt, pendingRevision };
}

/** Cancels the scheduled update of an article's pending changes; they stay pending. NOT_FOUND when none is scheduled. */
export async function cancelPendingSchedule(deps: Deps, who: Principal, id: number): Promise<void> {
  const row = await rowOf(deps, id);
  assertCan(who.actor, 'article.publish-changes', await articleResource(deps.db.kysely, row));
  const now = nowIso(deps);
  const { actorUserId, via } = auditActor(who);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const cancelled = await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now });
    if (cancelled === 0) throw notFound(`A scheduled update of article ${id}`, 'Nothing is scheduled: the pending changes wait for someone to press Update.');
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'article.pending-schedule-cancelled',
      subjectType: 'article',
      subjectId: id,
      details: { pendingRevision: row.pending_revision, ...via },
    });
  });
}

/**
 * Runs a scheduled update. Safe to run twice: once the changes are live the story has no pending revision, and a
 * story whose pending revision is not the scheduled one (saved again, discarded, taken off the site) is left alone.
 */
export function publishPendingHandler(deps: Deps): JobHandler {
  return async (job: Job) => {
    const p = job.payload as Partial<PublishPendingPayload>;
    if (job.articleId === null || typeof p.pendingRevision !== 'number') throw new Error(`job ${job.id} has no article or pending revision`);
    const row = await getArticleRow(deps.db.kysely, job.articleId);
    if (!row || row.status !== 'published' || row.pending_revision !== p.pendingRevision) return;
    await makePendingLive(deps, row, {
      correction: '',
      userId: null,
      actorUserId: null,
      details: { scheduledBy: p.scheduledBy ?? null, ...(p.apiKeyId != null ? { apiKeyId: p.apiKeyId } : {}), jobId: job.id },
    });
    deps.log.info({ articleId: row.id, pendingRevision: p.pendingRevision, job: job.id }, 'scheduled update went live');
  };
}
