import { html } from '../html.js';
import { When, type AdminContext } from './admin-layout.js';
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

function ItemList(ctx: AdminContext, p: { items: DashboardItemView[]; empty: string; what: 'publish' | 'updated' | 'source' }) {
  const t = ctx.t.desk;
  const state = (s: string) => ctx.t.states[s] ?? s;
  if (p.items.length === 0) return html`<p class="note">${p.empty}</p>`;
  return html`<ul class="items">${p.items.map((i) => html`<li><a href="${p.what === 'source' ? `/admin/articles/${i.id}/translation` : `/admin/articles/${i.id}/edit`}" lang="${i.locale}">${i.headline}</a> <span class="note">(${i.locale}${p.what === 'source' && i.source ? t.from(i.source.locale) : ''}${p.what === 'publish' && i.publishAt ? html`, ${t.goesOut} ${When({ iso: i.publishAt, dates: ctx.dates })}` : null}${p.what === 'updated' ? html`, ${i.pendingChanges ? `${state(i.state)}, ${t.changesPending}` : state(i.state)}, ${t.changed} ${When({ iso: i.updatedAt, dates: ctx.dates })}` : null})</span></li>`)}</ul>`;
}

/** The desk's part of the dashboard: what goes out next, what waits, what is mine, what lags, what was said. */
export function DeskDashboard(ctx: AdminContext, d: DashboardView) {
  const t = ctx.t.desk;
  return html`<div class="two-up"><section class="card" aria-labelledby="scheduled"><h2 id="scheduled">${t.scheduled}</h2>${ItemList(ctx, { items: d.scheduled, empty: t.nothingScheduled, what: 'publish' })}</section><section class="card" aria-labelledby="in-review"><h2 id="in-review">${t.inReview}</h2>${ItemList(ctx, { items: d.inReview, empty: t.nothingInReview, what: 'updated' })}</section><section class="card" aria-labelledby="assigned"><h2 id="assigned">${t.assigned}</h2>${ItemList(ctx, { items: d.assignedToMe, empty: t.nothingAssigned, what: 'updated' })}</section><section class="card" aria-labelledby="stale"><h2 id="stale">${t.stale}</h2>${ItemList(ctx, { items: d.needsUpdate, empty: t.nothingStale, what: 'source' })}</section></div><section class="card" aria-labelledby="recent-notes"><h2 id="recent-notes">${t.notes}</h2>${d.recentNotes.length ? html`<ul class="items">${d.recentNotes.map((n) => html`<li><a href="/admin/articles/${String(n.articleId)}/translation#notes" lang="${n.locale}">${n.headline}</a>: <span class="note-text">${n.text}</span> <span class="note">(${n.user?.name ?? t.apiKey}, ${When({ iso: n.createdAt, dates: ctx.dates })})</span></li>`)}</ul>` : html`<p class="note">${t.noNotes}</p>`}</section>`;
}
