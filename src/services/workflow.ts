import type { Action } from '../content/policy.js';
import type { Status } from '../content/types.js';
import { articleOwnerIds, latestSnapshot } from '../db/admin-articles-repo.js';
import { getArticleRow, insertRevision, syncListing, updateArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { AppError, notFound } from '../errors.js';
import { changedKeys } from './articles.js';
import { assertImagesDescribed } from './alt-text.js';
import { assertCan } from './authorize.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from './principal.js';
import { syncPublishJob } from './scheduled-publish.js';

/**
 * The editorial workflow: which state may follow which, and which policy action each move needs. The policy table
 * (content/policy.ts) says *who* holds an action; this table says *when* it applies. Used by the Admin API and meant
 * for the admin UI.
 *
 * `scheduled` is a workflow state, not a stored status: a story is scheduled when it is stored as `published` with a
 * publication time still to come (an embargo). The public site shows it from that time on; a durable job records and
 * announces the moment (services/scheduled-publish.ts). A legacy row stored as `scheduled` counts as scheduled too.
 */
export const WORKFLOW_STATES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished', 'archived'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

export type Transition = { from: WorkflowState; to: WorkflowState; action: Action; what: string };

// prettier-ignore
export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft',       to: 'in_review',   action: 'article.submit-for-review', what: 'submit for review' },
  { from: 'in_review',   to: 'draft',       action: 'article.edit-any',          what: 'send back to the writer' },
  { from: 'draft',       to: 'published',   action: 'article.publish',           what: 'publish' },
  { from: 'in_review',   to: 'published',   action: 'article.publish',           what: 'publish' },
  { from: 'draft',       to: 'scheduled',   action: 'article.schedule',          what: 'schedule' },
  { from: 'in_review',   to: 'scheduled',   action: 'article.schedule',          what: 'schedule' },
  { from: 'scheduled',   to: 'scheduled',   action: 'article.schedule',          what: 'reschedule' },
  { from: 'scheduled',   to: 'draft',       action: 'article.schedule',          what: 'cancel the schedule' },
  { from: 'scheduled',   to: 'published',   action: 'article.publish',           what: 'publish now' },
  { from: 'published',   to: 'unpublished', action: 'article.unpublish',         what: 'unpublish' },
  { from: 'unpublished', to: 'published',   action: 'article.publish',           what: 'republish' },
  { from: 'published',   to: 'archived',    action: 'article.unpublish',         what: 'archive' },
  { from: 'unpublished', to: 'archived',    action: 'article.unpublish',         what: 'archive' },
];

export const findTransition = (from: WorkflowState, to: WorkflowState) => TRANSITIONS.find((t) => t.from === from && t.to === to);

/** Where an article stands in the workflow. */
export function stateOf(row: { status: string; published_at: string | null }, now: string): WorkflowState {
  if (row.status === 'scheduled') return 'scheduled';
  if (row.status === 'published' && row.published_at !== null && row.published_at > now) return 'scheduled';
  return (WORKFLOW_STATES as readonly string[]).includes(row.status) ? (row.status as WorkflowState) : 'draft';
}

export type MoveResult = { id: number; from: WorkflowState; to: WorkflowState; status: Status; publishedAt: string | null; revision: number };

/**
 * Moves an article to another workflow state: POST …/status. `publishedAt` (only when publishing a story readers
 * have never seen) backdates it; it may not lie in the future (that is scheduling).
 */
export async function changeStatus(deps: Deps, who: Principal, id: number, to: WorkflowState, opts: { publishedAt?: string | null } = {}): Promise<MoveResult> {
  if (to === 'scheduled') {
    throw new AppError('INVALID_TRANSITION', 422, 'Scheduling needs a publication time.', {
      hint: 'POST /api/admin/v1/articles/{id}/schedule with {"publishAt": "…"} instead.',
      details: { to },
    });
  }
  return move(deps, who, id, to, opts.publishedAt ?? null);
}

/** Schedules (or reschedules) an article: it goes public at `publishAt`, which must be in the future. */
export async function scheduleArticle(deps: Deps, who: Principal, id: number, publishAt: string): Promise<MoveResult> {
  if (publishAt <= nowIso(deps)) {
    throw new AppError('VALIDATION_FAILED', 422, 'The publication time of a schedule must be in the future.', {
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
      throw new AppError('INVALID_TRANSITION', 422, `An article that is ${label(from)} cannot become ${label(to)}.`, {
        hint: allowed.length ? `From ${label(from)} it may become: ${allowed.map(label).join(', ')}.` : `Nothing follows ${label(from)}.`,
        details: { from, to, allowed },
      });
    }
    assertCan(who.actor, t.action, { ownerIds: await articleOwnerIds(trx, id), status: row.status as Status });
    if (to === 'published' || to === 'scheduled') await assertImagesDescribed(trx, row);

    let publishedAt = row.published_at;
    let scheduledAt = row.scheduled_at;
    if (to === 'scheduled') {
      publishedAt = when;
      scheduledAt = when;
    } else if (to === 'published') {
      const everPublic = from === 'unpublished';
      if (when !== null && when > now) {
        throw new AppError('VALIDATION_FAILED', 422, 'publishedAt is in the future: that is a schedule.', {
          hint: 'POST …/schedule with {"publishAt": "…"} to publish later.',
          details: { fields: { publishedAt: 'must not be in the future' } },
        });
      }
      if (when !== null && everPublic) {
        throw new AppError('VALIDATION_FAILED', 422, 'Readers have seen this story: its publication date (and address) stay as they were.', {
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
    const status: Status = to === 'scheduled' ? 'published' : (to as Status);
    const revision = row.revision + 1;
    await updateArticleRow(trx, id, { status, published_at: publishedAt, scheduled_at: scheduledAt, revision, updated_at: now });
    await syncListing(trx, id);
    const snapshot = { ...((await latestSnapshot(trx, id)) ?? {}), status, publishedAt, scheduledAt };
    await insertRevision(trx, { articleId: id, number: revision, userId: who.userId, snapshot, createdAt: now });
    // In this transaction: the job exists exactly when the schedule does (services/scheduled-publish.ts).
    await syncPublishJob(trx, { articleId: id, scheduledFor: to === 'scheduled' ? when : null, who, now });
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
      { id, storyId: row.story_id, locale: row.locale },
      { status: row.status, publishedAt: row.published_at, listing: '' },
      { status, publishedAt, listing: '' },
      now,
    );
    return { result: { id, from, to, status, publishedAt, revision }, keys };
  });
  await deps.changes.publish(done.keys);
  return done.result;
}

const label = (s: WorkflowState) => s.replace('_', ' ');
