import { can } from '../content/policy.js';
import { stateOf, type WorkflowState } from '../content/workflow.js';
import { listAssignedTo, listInStatus, listPendingInReview, listScheduled, listTranslationsNeedingUpdate, recentNotes } from '../db/desk-repo.js';
import { toNote } from './article-notes.js';
import { nowIso, type Deps } from './deps.js';
import type { Principal } from '../content/principal.js';

export type DashboardItem = {
  id: number;
  locale: string;
  headline: string;
  state: WorkflowState;
  updatedAt: string;
  /** For scheduled stories: when they go out. */
  publishAt: string | null;
  source?: { id: number; locale: string };
  /** In review are the pending changes to this live story, not the story itself. */
  pendingChanges?: boolean;
};

const DASHBOARD_LIMIT = 20;

/**
 * The desk's start page: what goes out next, what waits for review, what is assigned to me, which translations lag
 * behind their source, and the latest notes. Who may read every draft sees the whole newsroom; a writer sees their own.
 */
export async function dashboard(deps: Deps, who: Principal) {
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const owner = can(who.actor, 'article.read-draft') ? {} : { ownerUserId: who.userId ?? -1 };
  const item = (r: {
    id: number;
    locale: string;
    headline: string;
    status: string;
    published_at: string | null;
    updated_at: string;
    scheduled_at: string | null;
  }): DashboardItem => {
    const state = stateOf(r, now);
    return {
      id: r.id,
      locale: r.locale,
      headline: r.headline,
      state,
      updatedAt: r.updated_at,
      publishAt: state === 'scheduled' ? (r.published_at ?? r.scheduled_at) : null,
    };
  };
  const [scheduled, inReview, pendingInReview, assigned, lagging, notes] = await Promise.all([
    listScheduled(k, { now, limit: DASHBOARD_LIMIT, ...owner }),
    listInStatus(k, { status: 'in_review', limit: DASHBOARD_LIMIT, ...owner }),
    listPendingInReview(k, { limit: DASHBOARD_LIMIT, ...owner }),
    who.userId !== null ? listAssignedTo(k, { userId: who.userId, limit: DASHBOARD_LIMIT }) : Promise.resolve([]),
    listTranslationsNeedingUpdate(k, { limit: DASHBOARD_LIMIT, ...owner }),
    recentNotes(k, { limit: 10, ...owner }),
  ]);
  return {
    scheduled: scheduled.map(item),
    inReview: [...inReview.map(item), ...pendingInReview.map((r) => ({ ...item(r), pendingChanges: true }))]
      .sort((a, b) => b.id - a.id)
      .slice(0, DASHBOARD_LIMIT),
    assignedToMe: assigned.map(item),
    needsUpdate: lagging.map((r) => ({ ...item(r), source: { id: r.source_id, locale: r.source_locale } })),
    recentNotes: notes.map((n) => ({ ...toNote(n), headline: n.headline, locale: n.locale })),
  };
}
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
