import { z } from 'zod';
import type { Actor } from '../content/policy.js';
import { asRole, ROLES, type Role } from '../content/types.js';
import { insertAudit } from '../db/audit-repo.js';
import { voidPasswordResetsOfUser } from '../db/password-resets-repo.js';
import { deleteSessionsOfUser } from '../db/sessions-repo.js';
import { countActiveAdmins, findUserById, listUsers, updateUserActive, updateUserRole } from '../db/users-repo.js';
import { AppError, notFound } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { createPasswordLink, resetLink, type MailDeps } from './password-reset.js';
import { createUser } from './create-user.js';

export type UserListItem = { id: number; email: string; name: string; role: Role; active: boolean; createdAt: string; twoFactor: boolean };

/** Everyone with an account, for the users page (admins only). */
export async function listAccounts(deps: Deps, actor: Actor): Promise<UserListItem[]> {
  assertCan(actor, 'user.change-role');
  return (await listUsers(deps.db.kysely)).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: asRole(u.role),
    active: u.active === 1,
    createdAt: u.created_at,
    twoFactor: !!u.totp_secret,
  }));
}

/**
 * Creates an account and mails its owner an invitation: a link, valid for seven days, to choose their own password.
 * Nobody (the admin included) ever knows a password the account could be opened with before that.
 */
export async function inviteUser(
  deps: MailDeps,
  actor: Actor,
  input: { email: unknown; name: unknown; role: unknown },
): Promise<{ id: number; email: string }> {
  assertCan(actor, 'user.invite');
  let token = '';
  const { id, email } = await createUser(deps, { email: input.email, name: input.name, role: input.role }, async (trx, user) => {
    token = await createPasswordLink(deps, user.id, 'invite', trx);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: actor.id,
      action: 'user.invited',
      subjectType: 'user',
      subjectId: user.id,
      details: { email: user.email, role: input.role },
    });
  });
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  try {
    await deps.mailer.send({
      to: email,
      subject: `You are invited to ${deps.siteName}`,
      text: `Hello ${name},\n\nYou have an account at ${deps.siteName} (${deps.siteUrl}), with the role "${String(input.role)}".\n\nOpen this link within seven days to choose your password:\n${resetLink(deps.siteUrl, token)}\n\nThen log in at ${deps.siteUrl}/admin/login with ${email}.`,
    });
  } catch (e) {
    throw new AppError('MAIL_FAILED', `The account for ${email} was created, but the invitation could not be sent.`, {
      hint: `${e instanceof AppError ? `${e.message} ` : ''}Once mail works, the person can use "Forgot your password?" on the login page to get a link.`,
      cause: e,
    });
  }
  return { id, email };
}

const roleSchema = z.enum(ROLES);

async function target(db: Parameters<typeof findUserById>[0], userId: number) {
  const user = await findUserById(db, userId);
  if (!user) throw notFound(`User ${userId}`, 'Pick someone from the users list.');
  return user;
}

const lastAdmin = () =>
  new AppError('CONFLICT', 'This is the last active administrator.', { hint: 'Make someone else an admin first, so the newsroom keeps one.' });

/** Changes a user's role; it takes effect on their next request (roles are read with the session). */
export async function changeRole(deps: Deps, actor: Actor, userId: number, rawRole: unknown): Promise<void> {
  assertCan(actor, 'user.change-role');
  const parsed = roleSchema.safeParse(rawRole);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `"${String(rawRole)}" is not a role.`, {
      hint: `Roles: ${ROLES.join(', ')}.`,
      details: { fields: { role: 'unknown role' } },
    });
  }
  const role = parsed.data;
  await deps.db.kysely.transaction().execute(async (trx) => {
    const user = await target(trx, userId);
    if (user.role === role) return;
    if (user.role === 'admin' && user.active === 1 && (await countActiveAdmins(trx)) <= 1) throw lastAdmin();
    const now = nowIso(deps);
    await updateUserRole(trx, userId, role, now);
    await insertAudit(trx, {
      at: now,
      actorUserId: actor.id,
      action: 'user.role-changed',
      subjectType: 'user',
      subjectId: userId,
      details: { from: user.role, to: role },
    });
  });
}

/** Deactivates an account: it can no longer log in, and every session it has ends at once. */
export async function deactivateUser(deps: Deps, actor: Actor, userId: number): Promise<{ sessionsEnded: number }> {
  assertCan(actor, 'user.deactivate');
  if (userId === actor.id) {
    throw new AppError('CONFLICT', 'You cannot deactivate your own account.', { hint: 'Ask another administrator to do it.' });
  }
  return deps.db.kysely.transaction().execute(async (trx) => {
    const user = await target(trx, userId);
    if (user.active !== 1) return { sessionsEnded: 0 };
    if (user.role === 'admin' && (await countActiveAdmins(trx)) <= 1) throw lastAdmin();
    const now = nowIso(deps);
    await updateUserActive(trx, userId, false, now);
    const sessionsEnded = await deleteSessionsOfUser(trx, userId);
    await voidPasswordResetsOfUser(trx, userId, now);
    await insertAudit(trx, { at: now, actorUserId: actor.id, action: 'user.deactivated', subjectType: 'user', subjectId: userId, details: { sessionsEnded } });
    return { sessionsEnded };
  });
}

/** Lets a deactivated account log in again (with its old password, or after a reset). */
export async function reactivateUser(deps: Deps, actor: Actor, userId: number): Promise<void> {
  assertCan(actor, 'user.deactivate');
  await deps.db.kysely.transaction().execute(async (trx) => {
    const user = await target(trx, userId);
    if (user.active === 1) return;
    const now = nowIso(deps);
    await updateUserActive(trx, userId, true, now);
    await insertAudit(trx, { at: now, actorUserId: actor.id, action: 'user.reactivated', subjectType: 'user', subjectId: userId, details: {} });
  });
}
