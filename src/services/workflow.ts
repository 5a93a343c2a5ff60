import type { Status } from '../content/types.js';
import { findTransition, stateLabel, stateOf, storedStatus, TRANSITIONS, type WorkflowState } from '../content/workflow.js';
import { latestSnapshot } from '../db/admin-articles-repo.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow, syncListing, updateArticleRow } from '../db/articles-repo.js';
import { insertRevision } from '../db/revisions-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { AppError, notFound } from '../errors.js';
import { changedKeys } from './changed-keys.js';
import { assertImagesDescribed } from './alt-text.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from '../content/principal.js';
import { syncPublishJob } from './scheduled-publish.js';
import { cancelJobs } from '../db/jobs-repo.js';
import { PUBLISH_PENDING } from './pending-info.js';

/*
 * The workflow's moves as use cases. Which move is allowed and which action it needs is the table in
 * content/workflow.ts; this applies one in a transaction with its revision, publication job and audit row.
 */

export type MoveResult = { id: number; from: WorkflowState; to: WorkflowState; status: Status; publishedAt: string | null; revision: number };

/**
 * Moves an article to another workflow state: POST …/status. `publishedAt` (only when publishing a story readers
 * have never seen) backdates it; it may not lie in the future (that is scheduling).
 */
export async function changeStatus(deps: Deps, who: Principal, id: number, to: WorkflowState, opts: { publishedAt?: string | null } = {}): Promise<MoveResult> {
  if (to === 'scheduled') {
    throw new AppError('INVALID_TRANSITION', 'Scheduling needs a publication time.', {
      hint: 'POST /api/admin/v1/articles/{id}/schedule with {"publishAt": "…"} instead.',
      details: { to },
    });
  }
  return move(deps, who, id, to, opts.publishedAt ?? null);
}

/** Schedules (or reschedules) an article: it goes public at `publishAt`, which must be in the future. */
export async function scheduleArticle(deps: Deps, who: Principal, id: number, publishAt: string): Promise<MoveResult> {
  if (publishAt <= nowIso(deps)) {
    throw new AppError('VALIDATION_FAILED', 'The publication time of a schedule must be in the future.', {
      hint: 'To publish now, POST …/status with {"status": "published"}.',
      details: { fields: { publishAt: 'must be in the future' } },
    });
  }
  return move(deps, who, id, 'scheduled', publishAt);
}

async function move(deps: Deps, who: Principal, id: number, to: WorkflowState, when: string | null): Promise<MoveResult> {
  const now = nowIso(deps);
  const done = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await getArticleRow(trx, id);
    if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
    const from = stateOf(row, now);
    const t = findTransition(from, to);
    if (!t) {
      const allowed = TRANSITIONS.filter((x) => x.from === from).map((x) => x.to);
      throw new AppError('INVALID_TRANSITION', `An article that is ${stateLabel(from)} cannot become ${stateLabel(to)}.`, {
        hint: allowed.length ? `From ${stateLabel(from)} it may become: ${allowed.map(stateLabel).join(', ')}.` : `Nothing follows ${stateLabel(from)}.`,
        details: { from, to, allowed },
      });
    }
    assertCan(who.actor, t.action, await articleResource(trx, row));
    if (to === 'published' || to === 'scheduled') await assertImagesDescribed(trx, row);

    let publishedAt = row.published_at;
    let scheduledAt = row.scheduled_at;
    if (to === 'scheduled') {
      publishedAt = when;
      scheduledAt = when;
    } else if (to === 'published') {
      const everPublic = from === 'unpublished';
      if (when !== null && when > now) {
        throw new AppError('VALIDATION_FAILED', 'publishedAt is in the future: that is a schedule.', {
          hint: 'POST …/schedule with {"publishAt": "…"} to publish later.',
          details: { fields: { publishedAt: 'must not be in the future' } },
        });
      }
      if (when !== null && everPublic) {
        throw new AppError('VALIDATION_FAILED', 'Readers have seen this story: its publication date (and address) stay as they were.', {
          hint: 'Republish without publishedAt.',
          details: { fields: { publishedAt: 'not allowed when republishing' } },
        });
      }
      publishedAt = everPublic ? row.published_at : (when ?? now);
      scheduledAt = null;
    } else if (from === 'scheduled') {
      // Cancelled before anyone saw it: it was never published.
      publishedAt = null;
      scheduledAt = null;
    }
    const status = storedStatus(to);
    const revision = row.revision + 1;
    await updateArticleRow(trx, id, { status, published_at: publishedAt, scheduled_at: scheduledAt, revision, updated_at: now });
    await syncListing(trx, id);
    const snapshot = { ...((await latestSnapshot(trx, id)) ?? {}), status, publishedAt, scheduledAt };
    await insertRevision(trx, { articleId: id, number: revision, userId: who.userId, snapshot, createdAt: now });
    // In this transaction: the job exists exactly when the schedule does (services/scheduled-publish.ts).
    await syncPublishJob(trx, { articleId: id, scheduledFor: to === 'scheduled' ? when : null, who, now });
    // Off the site, pending changes have no live version to update: a scheduled update of them goes too.
    if (status !== 'published') await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now });
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'article.status',
      subjectType: 'article',
      subjectId: id,
      details: { from, to, status, publishedAt, revision, ...via },
    });
    const keys = changedKeys(
      { id, storyId: row.story_id, locale: row.locale, sectionId: row.section_id, kind: row.kind },
      { status: row.status, publishedAt: row.published_at, listing: '' },
      { status, publishedAt, listing: '' },
      now,
    );
    return { result: { id, from, to, status, publishedAt, revision }, keys };
  });
  await deps.changes.publish(done.keys);
  return done.result;
}
