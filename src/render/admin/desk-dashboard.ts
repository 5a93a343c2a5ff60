import { html } from '../html.js';
import { stateLabel } from '../../content/workflow.js';
import { When } from './admin-layout.js';
import type { NoteView } from './translation-desk-page.js';

export type DashboardItemView = {
  id: number;
  locale: string;
  headline: string;
  state: string;
  updatedAt: string;
  publishAt: string | null;
  source?: { id: number; locale: string };
  pendingChanges?: boolean;
};
export type DashboardView = {
  scheduled: DashboardItemView[];
  inReview: DashboardItemView[];
  assignedToMe: DashboardItemView[];
  needsUpdate: DashboardItemView[];
  recentNotes: (NoteView & { articleId: number; headline: string; locale: string })[];
};

function ItemList(p: { items: DashboardItemView[]; empty: string; timeZone: string; what: 'publish' | 'updated' | 'source' }) {
  if (p.items.length === 0) return html`<p class="note">${p.empty}</p>`;
  return html`<ul class="items">${p.items.map((i) => html`<li><a href="${p.what === 'source' ? `/admin/articles/${i.id}/translation` : `/admin/articles/${i.id}/edit`}" lang="${i.locale}">${i.headline}</a> <span class="note">(${i.locale}${p.what === 'source' && i.source ? ` from ${i.source.locale}` : ''}${p.what === 'publish' && i.publishAt ? html`, goes out ${When({ iso: i.publishAt, timeZone: p.timeZone })}` : null}${p.what === 'updated' ? html`, ${i.pendingChanges ? `${stateLabel(i.state)}, changes pending` : stateLabel(i.state)}, changed ${When({ iso: i.updatedAt, timeZone: p.timeZone })}` : null})</span></li>`)}</ul>`;
}

/** The desk's part of the dashboard: what goes out next, what waits, what is mine, what lags, what was said. */
export function DeskDashboard(p: { desk: DashboardView; timeZone: string }) {
  const d = p.desk;
  return html`<div class="two-up"><section class="card" aria-labelledby="scheduled"><h2 id="scheduled">Scheduled</h2>${ItemList({ items: d.scheduled, empty: 'Nothing is scheduled.', timeZone: p.timeZone, what: 'publish' })}</section><section class="card" aria-labelledby="in-review"><h2 id="in-review">In review</h2>${ItemList({ items: d.inReview, empty: 'Nothing waits for review.', timeZone: p.timeZone, what: 'updated' })}</section><section class="card" aria-labelledby="assigned"><h2 id="assigned">Assigned to me</h2>${ItemList({ items: d.assignedToMe, empty: 'Nothing is assigned to you.', timeZone: p.timeZone, what: 'updated' })}</section><section class="card" aria-labelledby="stale"><h2 id="stale">Translations needing update</h2>${ItemList({ items: d.needsUpdate, empty: 'Every translation is up to date with its source.', timeZone: p.timeZone, what: 'source' })}</section></div><section class="card" aria-labelledby="recent-notes"><h2 id="recent-notes">Recent notes</h2>${d.recentNotes.length ? html`<ul class="items">${d.recentNotes.map((n) => html`<li><a href="/admin/articles/${String(n.articleId)}/translation#notes" lang="${n.locale}">${n.headline}</a>: <span class="note-text">${n.text}</span> <span class="note">(${n.user?.name ?? 'an API key'}, ${When({ iso: n.createdAt, timeZone: p.timeZone })})</span></li>`)}</ul>` : html`<p class="note">No notes yet.</p>`}</section>`;
}
