import { authorsOf, needsUpdate, pendingSaves, userNames, versionsOfStories, type StoryVersionRow } from '../db/desk-repo.js';
import { nowIso, type Deps } from './deps.js';
import { stateOf, type WorkflowState } from '../content/workflow.js';

/** A language version as lists show it: its state, and whether it lags behind its source. */
export type VersionBadge = { id: number; locale: string; state: WorkflowState; isTranslation: boolean; needsUpdate: boolean };

export type DeskInfo = {
  authors: { id: number; name: string }[];
  assignee: { id: number; name: string } | null;
  /** Set when this article is a translation whose source still exists. */
  translatedFrom: { id: number; locale: string } | null;
  needsUpdate: boolean;
  /** The story's other language versions. */
  translations: VersionBadge[];
  /** A live story's pending changes: who saved them last and when, and whether they were sent for review. */
  pending: { savedAt: string; user: string | null; state: 'draft' | 'in_review' } | null;
};

export const badgeOf = (v: StoryVersionRow, now: string): VersionBadge => ({
  id: v.id,
  locale: v.locale,
  state: stateOf(v, now),
  isTranslation: v.translated_from_id !== null,
  needsUpdate: needsUpdate(v),
});

/**
 * What the article list shows beyond a row's own columns (authors, assignee, translation states), read for a whole
 * page at once: three queries per page whatever its length.
 */
export async function deskInfo(
  deps: Deps,
  rows: { id: number; story_id: number; assignee_user_id: number | null; pending_revision?: number | null; pending_state?: string | null }[],
): Promise<(row: { id: number }) => DeskInfo> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const waiting = rows.flatMap((r) => (r.pending_revision == null ? [] : [{ articleId: r.id, number: r.pending_revision }]));
  const [authors, versions, names, saves] = await Promise.all([
    authorsOf(
      k,
      rows.map((r) => r.id),
    ),
    versionsOfStories(
      k,
      rows.map((r) => r.story_id),
    ),
    userNames(
      k,
      rows.flatMap((r) => (r.assignee_user_id === null ? [] : [r.assignee_user_id])),
    ),
    pendingSaves(k, waiting),
  ]);
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const byId = new Map(versions.map((v) => [v.id, v]));
  return (row) => {
    const self = byId.get(row.id);
    const assigneeId = self?.assignee_user_id ?? null;
    const seen = new Set<number>();
    return {
      authors: authors
        .filter((a) => a.article_id === row.id && !seen.has(a.contributor_id) && seen.add(a.contributor_id))
        .map((a) => ({ id: a.contributor_id, name: a.name })),
      assignee: assigneeId !== null && names.has(assigneeId) ? { id: assigneeId, name: names.get(assigneeId)! } : null,
      translatedFrom: self?.translated_from_id != null && self.source_locale !== null ? { id: self.translated_from_id, locale: self.source_locale } : null,
      needsUpdate: self ? needsUpdate(self) : false,
      translations: versions.filter((v) => self && v.story_id === self.story_id && v.id !== row.id).map((v) => badgeOf(v, now)),
      pending: pendingOf(rowById.get(row.id), saves),
    };
  };
}

function pendingOf(
  row: { id: number; pending_revision?: number | null; pending_state?: string | null } | undefined,
  saves: { article_id: number; number: number; created_at: string; user_name: string | null }[],
): DeskInfo['pending'] {
  if (!row || row.pending_revision == null) return null;
  const save = saves.find((s) => s.article_id === row.id && s.number === row.pending_revision);
  if (!save) return null;
  return { savedAt: save.created_at, user: save.user_name, state: row.pending_state === 'in_review' ? 'in_review' : 'draft' };
}
