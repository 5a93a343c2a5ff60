import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, When, type AdminContext } from './admin-layout.js';
import { DeskDashboard, type DashboardView } from './desk-dashboard.js';

export type LoggedIn = { sessionId: number; name: string; role: string; since: string; lastSeenAt: string };

const WhoIsLoggedIn = (p: { sessions: LoggedIn[]; currentSessionId: number; timeZone: string }) =>
  html`<section class="card" aria-labelledby="who"><h2 id="who">Logged in now</h2><table><caption class="visually-hidden">Sessions open now, most recently active first</caption><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Logged in</th><th scope="col">Last active</th></tr></thead><tbody>${p.sessions.map((s) => html`<tr><td>${s.name}${s.sessionId === p.currentSessionId ? ' (you, here)' : ''}</td><td>${s.role}</td><td>${When({ iso: s.since, timeZone: p.timeZone })}</td><td>${When({ iso: s.lastSeenAt, timeZone: p.timeZone })}</td></tr>`)}</tbody></table></section>`;

/**
 * The newsroom's start page: the desk's work (scheduled, in review, mine, stale translations, notes), who is logged in
 * (`sessions`: for admins only, null for everyone else) and the account's own security actions.
 */
export function renderDashboardPage(ctx: AdminContext, p: { timeZone: string; sessions: LoggedIn[] | null; currentSessionId: number; desk?: DashboardView }) {
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Dashboard',
      current: 'dashboard',
      children: html`<h1>Dashboard</h1>${p.desk ? DeskDashboard({ desk: p.desk, timeZone: p.timeZone }) : null}${p.sessions ? WhoIsLoggedIn({ sessions: p.sessions, currentSessionId: p.currentSessionId, timeZone: p.timeZone }) : null}<section class="card" aria-labelledby="security"><h2 id="security">Your account</h2><p>Lost a phone or used a shared computer? Log out on every device at once; you will need your password again everywhere.</p><form method="post" action="/admin/logout-everywhere">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary">Log out everywhere</button></form></section>`,
    }),
  );
}
