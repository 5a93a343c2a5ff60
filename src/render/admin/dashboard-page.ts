import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, When, type AdminContext } from './admin-layout.js';
import { DeskDashboard, type DashboardView } from './desk-dashboard.js';

export type LoggedIn = { sessionId: number; name: string; role: string; since: string; lastSeenAt: string };

const WhoIsLoggedIn = (ctx: AdminContext, p: { sessions: LoggedIn[]; currentSessionId: number }) => {
  const t = ctx.t.dashboard;
  return html`<section class="card" aria-labelledby="who"><h2 id="who">${t.loggedIn}</h2><div class="table-scroll"><table><caption class="visually-hidden">${t.loggedInCaption}</caption><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.role}</th><th scope="col">${t.since}</th><th scope="col">${t.lastActive}</th></tr></thead><tbody>${p.sessions.map((s) => html`<tr><td>${s.name}${s.sessionId === p.currentSessionId ? t.youHere : ''}</td><td>${ctx.t.roles[s.role] ?? s.role}</td><td>${When({ iso: s.since, dates: ctx.dates })}</td><td>${When({ iso: s.lastSeenAt, dates: ctx.dates })}</td></tr>`)}</tbody></table></div></section>`;
};

/**
 * The newsroom's start page: the desk's work (scheduled, in review, mine, stale translations, notes), who is logged in
 * (`sessions`: for admins only, null for everyone else) and the account's own security actions.
 */
export function renderDashboardPage(ctx: AdminContext, p: { sessions: LoggedIn[] | null; currentSessionId: number; desk?: DashboardView }) {
  const t = ctx.t.dashboard;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'dashboard',
      children: html`<h1>${t.title}</h1>${p.desk ? DeskDashboard(ctx, p.desk) : null}${p.sessions ? WhoIsLoggedIn(ctx, { sessions: p.sessions, currentSessionId: p.currentSessionId }) : null}<section class="card" aria-labelledby="security"><h2 id="security">${t.account}</h2><p>${t.accountText}</p><form method="post" action="/admin/logout-everywhere">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary">${t.logOutEverywhere}</button></form></section>`,
    }),
  );
}
