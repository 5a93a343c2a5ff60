import type { Kysely } from 'kysely';
import { documentText } from '../content/document-text.js';
import type { Doc } from '../content/document.js';
import { tagsWithIds } from '../db/editor-repo.js';
import { waitingJobs } from '../db/jobs-repo.js';
import { getRevision, latestLiveRevision } from '../db/revisions-repo.js';
import type { Database } from '../db/schema.js';

/**
 * What the Admin API and the editor show of a live story's pending changes: which revision holds them, who saved it
 * and when, whether they were sent for review, whether they change the text readers read (then publishing them offers
 * a correction note), and the content itself in the shape a save sends, so the editor can load it as it loads a save.
 */

export type PendingState = 'draft' | 'in_review';

/** The job kind of a scheduled update: pending changes made live at a set time (services/pending-schedule.ts). */
export const PUBLISH_PENDING = 'publish-pending';

/** What a scheduled update's job carries: when, which pending revision it was made for, and who set it. */
export type PublishPendingPayload = { publishAt: string; pendingRevision: number; scheduledBy: number | null; apiKeyId: number | null };

/** The editable fields of a revision's snapshot: what a save sends and what a restore copies. */
export const CONTENT_FIELDS = [
  'headline',
  'deck',
  'slug',
  'body',
  'dateline',
  'sectionId',
  'tagIds',
  'bylines',
  'hero',
  'source',
  'seoTitle',
  'seoDescription',
  'canonicalUrl',
] as const;

export type PendingChanges = {
  revision: number;
  /** The revision holding what readers see now: "Compare with live" diffs it against `revision`. */
  liveRevision: number | null;
  state: PendingState;
  user: { id: number; name: string } | null;
  savedAt: string;
  /** When these pending changes are scheduled to go live (POST …/pending/schedule), null when they are not. */
  scheduledAt: string | null;
  /** The headline, deck or body text differ from the live version. */
  textChanged: boolean;
  /** The pending version's fields, as a save sends them, with its tags' names (for the editor's tag chips). */
  content: Record<string, unknown> & { tags: { id: number; slug: string; name: string }[] };
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

function parse(snapshot: string): Record<string, unknown> {
  try {
    const s = JSON.parse(snapshot) as unknown;
    return typeof s === 'object' && s !== null && !Array.isArray(s) ? (s as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Whether two versions differ in what readers read: headline, deck or body text (not marks or links alone). */
export function textDiffers(a: { headline: unknown; deck: unknown; body: unknown }, b: { headline: unknown; deck: unknown; body: unknown }): boolean {
  if (str(a.headline) !== str(b.headline) || str(a.deck) !== str(b.deck)) return true;
  try {
    return documentText(a.body as Doc) !== documentText(b.body as Doc);
  } catch {
    return true;
  }
}

/** The article's pending changes, or null when none wait. `live` is the article as readers see it. */
export async function pendingChangesOf(
  db: Kysely<Database>,
  row: { id: number; pending_revision: number | null; pending_state: string | null },
  live: { headline: string; deck: string | null; body: unknown },
): Promise<PendingChanges | null> {
  if (row.pending_revision === null) return null;
  const [rev, liveRevision, jobs] = await Promise.all([
    getRevision(db, row.id, row.pending_revision),
    latestLiveRevision(db, row.id),
    waitingJobs(db, { articleId: row.id, kind: PUBLISH_PENDING }),
  ]);
  if (!rev) return null;
  // Only a schedule made for this very revision counts (a newer save cancels it; this guards a job mid-run).
  const job = jobs.find((j) => (j.payload as Partial<PublishPendingPayload>).pendingRevision === rev.number);
  const snap = parse(rev.snapshot);
  const content: Record<string, unknown> = {};
  for (const k of CONTENT_FIELDS) content[k] = snap[k] ?? null;
  const tagIds = Array.isArray(snap['tagIds']) ? (snap['tagIds'] as number[]) : [];
  const tags = await tagsWithIds(db, tagIds);
  return {
    revision: rev.number,
    liveRevision,
    state: row.pending_state === 'in_review' ? 'in_review' : 'draft',
    user: rev.user_id !== null && rev.user_name !== null ? { id: rev.user_id, name: rev.user_name } : null,
    savedAt: rev.created_at,
    scheduledAt: job ? ((job.payload as Partial<PublishPendingPayload>).publishAt ?? job.runAt) : null,
    textChanged: textDiffers({ headline: snap['headline'], deck: snap['deck'], body: snap['body'] }, live),
    content: { ...content, tagIds, tags: tagIds.map((id) => tags.find((t) => t.id === id)).filter((t) => t !== undefined) },
  };
}
