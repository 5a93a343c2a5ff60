import { authorsOf, needsUpdate, userNames, versionsOfStories, type StoryVersionRow } from '../db/desk-repo.js';
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
  rows: { id: number; story_id: number; assignee_user_id: number | null }[],
): Promise<(row: { id: number }) => DeskInfo> {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const [authors, versions, names] = await Promise.all([
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
  ]);
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
    };
  };
}
