import { html, optionalAttr, raw } from '../html.js';
import { ROLES } from '../../content/types.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

export type UserRowView = { id: number; email: string; name: string; role: string; active: boolean; isYou: boolean; twoFactor?: boolean };

const DONE = ['invited', 'role-changed', 'deactivated', 'reactivated', 'require-2fa-on', 'require-2fa-off'] as const;
export type UsersNotice = (typeof DONE)[number];
export const isUsersNotice = (s: string | undefined): s is UsersNotice => !!s && (DONE as readonly string[]).includes(s);

/** Admins only: everyone with an account, invitations, roles and deactivation. */
export function renderUsersPage(
  ctx: AdminContext,
  p: { users: UserRowView[]; require2fa?: boolean; notice?: UsersNotice; error?: FormError; invite?: { email?: string; name?: string; role?: string } },
) {
  const inviteRole = p.invite?.role ?? 'author';
  const t = ctx.t.users;
  const role = (r: string) => ctx.t.roles[r] ?? r;
  return renderPage(
    AdminLayout({
      ctx,
      title: t.title,
      current: 'users',
      children: html`<h1>${t.title}</h1>${p.notice ? Message({ kind: 'ok', text: t.done[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'users-error', text: p.error.text, hint: p.error.hint, details: p.error.details }) : null}<section class="card" aria-labelledby="invite"><h2 id="invite">${t.invite}</h2><form method="post" action="/admin/users/invite">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="invite-name">${t.name}</label><input id="invite-name" name="name" type="text" required="" maxlength="200" value="${p.invite?.name ?? ''}"/></div><div><label for="invite-email">${t.email}</label><input id="invite-email" name="email" type="email" required="" maxlength="320" value="${p.invite?.email ?? ''}"/></div><div><label for="invite-role">${t.role}</label><select id="invite-role" name="role">${ROLES.map((r) => html`<option value="${r}"${r === inviteRole ? raw(' selected=""') : null}>${role(r)}</option>`)}</select></div></div><div class="actions"><button type="submit">${t.send}</button><span class="note">${t.sendNote}</span></div></form></section><section class="card" aria-labelledby="people"><h2 id="people">${t.accounts}</h2><div class="table-scroll"><table><caption class="visually-hidden">${t.caption}</caption><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.email}</th><th scope="col">${t.role}</th><th scope="col">${t.access}</th></tr></thead><tbody>${p.users.map((u) => html`<tr${optionalAttr('class', u.active ? undefined : 'inactive')}><td>${u.name}${u.isYou ? t.you : ''}${u.twoFactor ? html` <span class="badge">2FA</span>` : null}</td><td>${u.email}</td><td><form method="post" action="/admin/users/${String(u.id)}/role">${CsrfField({ token: ctx.csrfToken })}<label class="visually-hidden" for="role-${String(u.id)}">${t.roleOf(u.name)}</label><select id="role-${String(u.id)}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? raw(' selected=""') : null}>${role(r)}</option>`)}</select><button type="submit" class="secondary" aria-label="${t.changeRoleOf(u.name)}">${t.change}</button></form></td><td>${u.isYou ? html`<span class="note">${t.active}</span>` : html`<form method="post" action="${`/admin/users/${u.id}/${u.active ? 'deactivate' : 'reactivate'}`}">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary" aria-label="${u.active ? t.deactivate : t.reactivate} ${u.name}">${u.active ? t.deactivate : t.reactivate}</button></form>`}</td></tr>`)}</tbody></table></div></section><section class="card" aria-labelledby="require-2fa-h"><h2 id="require-2fa-h">${t.twoFactor}</h2><form method="post" action="/admin/users/require-2fa">${CsrfField({ token: ctx.csrfToken })}<label class="inline"><input type="checkbox" name="require" value="on"${p.require2fa ? raw(' checked=""') : null}/> ${t.require}</label><div class="actions"><button type="submit" class="secondary">${t.save}</button><span class="note">${t.requireNote}</span></div></form></section>`,
    }),
  );
}
