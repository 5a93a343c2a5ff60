import { html, optionalAttr, raw } from '../html.js';
import { ROLES } from '../../content/types.js';
import { renderPage } from '../layout.js';
import { AdminLayout, CsrfField, Message, type AdminContext } from './admin-layout.js';
import type { FormError } from './auth-pages.js';

export type UserRowView = { id: number; email: string; name: string; role: string; active: boolean; isYou: boolean; twoFactor?: boolean };

const DONE = {
  invited: 'Invitation sent. The link in it works for seven days.',
  'role-changed': 'Role changed. It applies from their next click.',
  deactivated: 'Account deactivated and logged out everywhere.',
  reactivated: 'Account reactivated.',
  'require-2fa-on': 'Two-factor sign-in is now required of editors and admins. Those without it are sent to set it up at their next click.',
  'require-2fa-off': 'Two-factor sign-in is no longer required (those who use it keep it).',
} as const;
export type UsersNotice = keyof typeof DONE;
export const isUsersNotice = (s: string | undefined): s is UsersNotice => !!s && s in DONE;

/** Admins only: everyone with an account, invitations, roles and deactivation. */
export function renderUsersPage(
  ctx: AdminContext,
  p: { users: UserRowView[]; require2fa?: boolean; notice?: UsersNotice; error?: FormError; invite?: { email?: string; name?: string; role?: string } },
) {
  const inviteRole = p.invite?.role ?? 'author';
  return renderPage(
    AdminLayout({
      ctx,
      title: 'Users',
      current: 'users',
      children: html`<h1>Users</h1>${p.notice ? Message({ kind: 'ok', text: DONE[p.notice] }) : null}${p.error ? Message({ kind: 'error', id: 'users-error', text: p.error.text, hint: p.error.hint }) : null}<section class="card" aria-labelledby="invite"><h2 id="invite">Invite someone</h2><form method="post" action="/admin/users/invite">${CsrfField({ token: ctx.csrfToken })}<div class="grid"><div><label for="invite-name">Name</label><input id="invite-name" name="name" type="text" required="" maxlength="200" value="${p.invite?.name ?? ''}"/></div><div><label for="invite-email">Email</label><input id="invite-email" name="email" type="email" required="" maxlength="320" value="${p.invite?.email ?? ''}"/></div><div><label for="invite-role">Role</label><select id="invite-role" name="role">${ROLES.map((r) => html`<option value="${r}"${r === inviteRole ? raw(' selected=""') : null}>${r}</option>`)}</select></div></div><div class="actions"><button type="submit">Send invitation</button><span class="note">They get a link to choose their own password.</span></div></form></section><section class="card" aria-labelledby="people"><h2 id="people">Accounts</h2><table><caption class="visually-hidden">Every account, active ones first</caption><thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Access</th></tr></thead><tbody>${p.users.map((u) => html`<tr${optionalAttr('class', u.active ? undefined : 'inactive')}><td>${u.name}${u.isYou ? ' (you)' : ''}${u.twoFactor ? html` <span class="badge">2FA</span>` : null}</td><td>${u.email}</td><td><form method="post" action="/admin/users/${String(u.id)}/role">${CsrfField({ token: ctx.csrfToken })}<label class="visually-hidden" for="role-${String(u.id)}">Role of ${u.name}</label><select id="role-${String(u.id)}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === u.role ? raw(' selected=""') : null}>${r}</option>`)}</select><button type="submit" class="secondary" aria-label="Change the role of ${u.name}">Change</button></form></td><td>${u.isYou ? html`<span class="note">active</span>` : html`<form method="post" action="${`/admin/users/${u.id}/${u.active ? 'deactivate' : 'reactivate'}`}">${CsrfField({ token: ctx.csrfToken })}<button type="submit" class="secondary" aria-label="${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}">${u.active ? 'Deactivate' : 'Reactivate'}</button></form>`}</td></tr>`)}</tbody></table></section><section class="card" aria-labelledby="require-2fa-h"><h2 id="require-2fa-h">Two-factor sign-in</h2><form method="post" action="/admin/users/require-2fa">${CsrfField({ token: ctx.csrfToken })}<label class="inline"><input type="checkbox" name="require" value="on"${p.require2fa ? raw(' checked=""') : null}/> Require two-factor sign-in of editors and admins</label><div class="actions"><button type="submit" class="secondary">Save</button><span class="note">Those without it are sent to their account page to set it up before anything else. Everyone can turn it on for themselves on their account page.</span></div></form></section>`,
    }),
  );
}
