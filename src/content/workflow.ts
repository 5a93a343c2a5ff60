import type { Action } from './policy.js';
import type { Status } from './types.js';
import { isEmbargoed } from './visibility.js';

/*
 * The editorial workflow, in one vocabulary (README "Workflow"):
 * - a *status* is what an article's row stores (STATUSES in types.ts): draft, in_review, published, unpublished or
 *   archived;
 * - a *state* is where the article stands for people and for the moves below: its status, except that a story stored
 *   as `published` with a publication time still to come is `scheduled` (an embargo). The public site shows it from
 *   that time on; a durable job records and announces the moment (services/scheduled-publish.ts).
 * So `scheduled` is a state and never a stored status: the only difference between the two lists is that one word.
 *
 * TRANSITIONS says which state may follow which and which policy action each move needs; the policy table
 * (policy.ts) says *who* holds an action. The Admin API, the editor's buttons and the service apply this one table.
 */
export const WORKFLOW_STATES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished', 'archived'] as const satisfies readonly (Status | 'scheduled')[];
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
export const isWorkflowState = (s: string): s is WorkflowState => (WORKFLOW_STATES as readonly string[]).includes(s);

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

/** Where an article stands in the workflow, from its stored status and publication time. */
export function stateOf(row: { status: string; published_at: string | null }, now: string): WorkflowState {
  if (isEmbargoed({ status: row.status, publishedAt: row.published_at }, now)) return 'scheduled';
  // Nothing stores `scheduled` now; a row that holds it anyway (createArticle once accepted it) reads as one.
  return isWorkflowState(row.status) ? row.status : 'draft';
}

/** The status a move to `state` stores: a schedule is stored as published (with the future time). */
export const storedStatus = (state: WorkflowState): Status => (state === 'scheduled' ? 'published' : state);

const LABEL: Record<WorkflowState, string> = {
  draft: 'draft',
  in_review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
  archived: 'archived',
};

/** A state (or status) as people read it: "in review". Anything else is shown as it is. */
export const stateLabel = (s: string): string => LABEL[s as WorkflowState] ?? s;
