import { followMerges } from './merged-references.js';
import { can, canEditArticle, type ArticleResource } from '../content/policy.js';
import { auditActor, type Principal } from '../content/principal.js';
import { CORRECTION_MAX, type Status } from '../content/types.js';
import { wasSeenByReaders } from '../content/visibility.js';
import { latestSnapshot } from '../db/admin-articles-repo.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow, insertCorrection, updateArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { cancelJobs } from '../db/jobs-repo.js';
import { getRevision, insertRevision } from '../db/revisions-repo.js';
import { AppError, notFound } from '../errors.js';
import { assertImagesDescribed } from './alt-text.js';
import { parseArticleInput } from './article-input.js';
import { updateArticle } from './article-store.js';
import { checkReferences, invalid, type ArticleFields, type SentFields } from './articles.js';
import { resolveNamedRefs } from './article-refs.js';
import { assertCan, refusal } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { CONTENT_FIELDS, PUBLISH_PENDING, textDiffers } from './pending-info.js';

/**
 * Pending changes: edits to a live story (published, or scheduled) that readers do not see until someone who may
 * publish makes them live. Each save of them is a revision in the history like any other (marked pending), based on a
 * revision number checked as any save's is; the article row's live columns, and so every public page, feed, sitemap,
 * the Content API and the page cache, stay as they are, and no change is announced until they are published.
 */

/** A stored body that is not JSON reads as no text (the renderer shows nothing for it either). */
function parseBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

/** Live: readers see it, or will at its scheduled time. Only such a story has pending changes. */
const isLive = (row: { status: string }) => row.status === 'published';

async function liveRow(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return { row, resource: await articleResource(deps.db.kysely, row) };
}

/** Whoever may edit the story, or prepare changes to it (its writers on their own stories). */
function mayPropose(who: Principal, resource: ArticleResource): boolean {
  return canEditArticle(who.actor, resource) || can(who.actor, 'article.propose-changes', resource);
}

const conflict = (id: number, baseRevision: number, currentRevision: number) =>
  new AppError('CONFLICT', `Article ${id} was saved by someone else since revision ${baseRevision}.`, {
    hint: 'Both versions are kept: reload to see the latest one and merge your changes into it.',
    details: { currentRevision, baseRevision },
  });

const noPending = (id: number) => notFound(`Pending changes of article ${id}`, 'Nothing waits to be published: the article is as readers see it.');

/**
 * Saves pending changes as a new revision on top of `baseRevision` (the latest revision, pending or not: else
 * CONFLICT, nothing stored). Returns its number.
 */
export async function savePendingChanges(
  deps: Deps,
  who: Principal,
  id: number,
  baseRevision: number,
  sent: SentFields & { locale?: string | undefined },
): Promise<number> {
  const { row, resource } = await liveRow(deps, id);
  if (!mayPropose(who, resource)) throw refusal(who.actor, 'article.propose-changes');
  if (!isLive(row)) {
    throw new AppError('NOT_LIVE', `Article ${id} is not live (${row.status}): its edits are saved as they are.`, {
      hint: 'Save with PUT /api/admin/v1/articles/{id}; pending changes are for published and scheduled stories.',
      details: { status: row.status },
    });
  }
  if (sent.locale !== undefined && sent.locale !== row.locale) {
    throw invalid({ locale: `is ${row.locale} and cannot change; create a translation instead` });
  }
  const fields = await resolveNamedRefs(deps, row.locale, sent);
  await checkReferences(deps, row.locale, fields);
  // Checked now as a save would be, so that publishing them later cannot fail on a field.
  const input = parseArticleInput({ ...fields, locale: row.locale, status: row.status, publishedAt: row.published_at, scheduledAt: row.scheduled_at });
  const now = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await getArticleRow(trx, id);
    if (!current) throw notFound(`Article ${id}`, 'It may have been deleted.');
    if (current.revision !== baseRevision) throw conflict(id, baseRevision, current.revision);
    if (!isLive(current)) throw new AppError('NOT_LIVE', `Article ${id} was taken off the site meanwhile.`, { hint: 'Reload the article.' });
    const revision = current.revision + 1;
    await insertRevision(trx, {
      articleId: id,
      number: revision,
      userId: who.userId,
      snapshot: { ...input, slug: input.slug ?? current.slug },
      createdAt: now,
      pending: true,
    });
    // updated_at stays: it is the live version's "last modified" in feeds, sitemaps and structured data.
    await updateArticleRow(trx, id, { revision, pending_revision: revision, pending_state: current.pending_state ?? 'draft' });
    // A schedule is for the version it was made for: a newer save was seen by nobody who may publish, so it is not
    // sent live unseen (README "Scheduling an update").
    await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now });
    return revision;
  });
}

/**
 * Makes the pending changes live: their content saved as the article (a new revision, through the same save as any
 * edit: redirects kept, the page cache told), optionally with a dated correction note. Needs the right to publish.
 */
export async function publishPendingChanges(
  deps: Deps,
  who: Principal,
  id: number,
  opts: { baseRevision?: number | undefined; correction?: string | undefined } = {},
): Promise<{ revision: number; correctionId: number | null }> {
  const { row, resource } = await liveRow(deps, id);
  assertCan(who.actor, 'article.publish-changes', resource);
  if (row.pending_revision === null) throw noPending(id);
  if (opts.baseRevision !== undefined && opts.baseRevision !== row.revision) throw conflict(id, opts.baseRevision, row.revision);
  const correction = opts.correction?.trim() ?? '';
  if (correction) {
    assertCan(who.actor, 'article.add-correction', resource);
    const problem = !wasSeenByReaders({ status: row.status, publishedAt: row.published_at }, nowIso(deps))
      ? 'readers have not seen this story yet (it is scheduled): there is nothing to correct'
      : correction.length > CORRECTION_MAX
        ? `at most ${CORRECTION_MAX} characters`
        : null;
    if (problem) {
      throw new AppError('VALIDATION_FAILED', `The correction cannot be added: ${problem}.`, {
        hint: 'Publish the changes without a correction, or shorten it; nothing was stored.',
        details: { fields: { correction: problem } },
      });
    }
  }
  const { actorUserId, via } = auditActor(who);
  return makePendingLive(deps, row, { correction, userId: who.userId, actorUserId, details: via });
}

/**
 * The one way pending changes become live, for "Update" now and for a scheduled update (services/pending-schedule.ts):
 * the pending revision's content saved as the article on top of `row.revision` (a CONFLICT if it moved meanwhile),
 * any schedule of them cancelled, one `article.pending-published` audit entry. The caller checked the rights.
 */
export async function makePendingLive(
  deps: Deps,
  row: NonNullable<Awaited<ReturnType<typeof getArticleRow>>>,
  o: { correction: string; userId: number | null; actorUserId: number | null; details: Record<string, unknown> },
): Promise<{ revision: number; correctionId: number | null }> {
  const id = row.id;
  if (row.pending_revision === null) throw noPending(id);
  const rev = await getRevision(deps.db.kysely, id, row.pending_revision);
  if (!rev) throw noPending(id);
  const snap = JSON.parse(rev.snapshot) as Record<string, unknown>;
  // Saved before a section, tag or contributor was merged: follow it to where it went, as a restore does.
  const content = await followMerges(deps, Object.fromEntries(CONTENT_FIELDS.filter((k) => snap[k] !== undefined).map((k) => [k, snap[k]])) as ArticleFields);
  await checkReferences(deps, row.locale, content);
  const textChanged = textDiffers(
    { headline: snap['headline'], deck: snap['deck'], body: snap['body'] },
    { headline: row.headline, deck: row.deck, body: parseBody(row.body) },
  );
  let correctionId: number | null = null;
  const revision = await updateArticle(
    deps,
    id,
    { ...content, locale: row.locale, status: row.status as Status, publishedAt: row.published_at, scheduledAt: row.scheduled_at },
    row.revision,
    o.userId,
    async (trx, made) => {
      const after = await getArticleRow(trx, id);
      if (after) await assertImagesDescribed(trx, after);
      await updateArticleRow(trx, id, { pending_revision: null, pending_state: null });
      await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now: nowIso(deps) });
      if (o.correction) correctionId = await insertCorrection(trx, id, o.correction, nowIso(deps));
      await insertAudit(trx, {
        at: nowIso(deps),
        actorUserId: o.actorUserId,
        action: 'article.pending-published',
        subjectType: 'article',
        subjectId: id,
        details: { pendingRevision: rev.number, revision: made, textChanged, correctionId, ...o.details },
      });
    },
  );
  return { revision, correctionId };
}

/**
 * Drops the pending changes: they stay in the history, and a new revision holding the live content again marks the
 * moment (so an editor still typing on the dropped version gets a conflict instead of bringing it back unseen).
 */
export async function discardPendingChanges(deps: Deps, who: Principal, id: number, baseRevision?: number): Promise<number> {
  const { row, resource } = await liveRow(deps, id);
  if (!mayPropose(who, resource)) throw refusal(who.actor, 'article.propose-changes');
  if (row.pending_revision === null) throw noPending(id);
  const now = nowIso(deps);
  const { actorUserId, via } = auditActor(who);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const current = await getArticleRow(trx, id);
    if (!current || current.pending_revision === null) throw noPending(id);
    if (baseRevision !== undefined && current.revision !== baseRevision) throw conflict(id, baseRevision, current.revision);
    const revision = current.revision + 1;
    await insertRevision(trx, { articleId: id, number: revision, userId: who.userId, snapshot: (await latestSnapshot(trx, id)) ?? {}, createdAt: now });
    await updateArticleRow(trx, id, { revision, pending_revision: null, pending_state: null });
    await cancelJobs(trx, { articleId: id, kind: PUBLISH_PENDING, now });
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'article.pending-discarded',
      subjectType: 'article',
      subjectId: id,
      details: { pendingRevision: current.pending_revision, revision, ...via },
    });
    return revision;
  });
}

/** A writer sends their pending changes to the desk, as they would a draft: the desk publishes or sends them back. */
export async function submitPendingChanges(deps: Deps, who: Principal, id: number): Promise<void> {
  const { row, resource } = await liveRow(deps, id);
  assertCan(who.actor, 'article.submit-for-review', resource);
  if (row.pending_revision === null) throw noPending(id);
  if (row.pending_state === 'in_review') return;
  const { actorUserId, via } = auditActor(who);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await updateArticleRow(trx, id, { pending_state: 'in_review' });
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: 'article.pending-submitted',
      subjectType: 'article',
      subjectId: id,
      details: { pendingRevision: row.pending_revision, ...via },
    });
  });
}
