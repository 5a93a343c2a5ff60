import type { Actor } from '../content/policy.js';
import type { Role } from '../content/types.js';
import { insertAudit } from '../db/audit-repo.js';
import { readSecuritySetting, replaceRecoveryCodes, setPendingTotpSecret, setTotpSecret, writeSecuritySetting } from '../db/two-factor-repo.js';
import { deleteSessionsOfUser } from '../db/sessions-repo.js';
import { findUserByEmail, findUserById } from '../db/users-repo.js';
import { AppError, notFound } from '../errors.js';
import { assertCan } from './assert-can.js';
import { assertCurrentPassword } from './current-password.js';
import { nowIso, type Deps } from './deps.js';
import { reserveAttempt } from './rate-limit.js';
import { codeInvalid, useSecondFactor } from './second-factor.js';
import { actorOf, CODE_STEP, type Session, type SessionUser } from './sessions.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, otpauthUri, totpStep } from './totp.js';

/** The roles that must use two-factor sign-in when an admin requires it: those who publish and those who manage accounts. */
export const ROLES_REQUIRING_2FA: readonly Role[] = ['admin', 'editor'];

const REQUIRE_KEY = 'require_2fa';

async function ownUser(deps: Deps, session: Session) {
  assertCan(actorOf(session.user), 'account.edit-own');
  const user = await findUserById(deps.db.kysely, session.user.id);
  if (!user) throw notFound('Your account');
  return user;
}

/**
 * Starts setting up two-factor sign-in: a new secret, kept as pending until a code from the app confirms it (so a
 * secret typed wrong into the app never locks anyone out). Starting again replaces the pending secret.
 */
export async function startTotpEnrolment(deps: Deps, session: Session, issuer: string): Promise<{ secret: string; uri: string }> {
  const user = await ownUser(deps, session);
  if (user.totp_secret) {
    throw new AppError('CONFLICT', 'Two-factor sign-in is on already.', { hint: 'To use another phone or app, turn it off and set it up again.' });
  }
  const secret = newTotpSecret();
  await setPendingTotpSecret(deps.db.kysely, user.id, secret, nowIso(deps));
  return { secret, uri: otpauthUri(secret, issuer, user.email) };
}

/** Drops an enrolment that was started and not confirmed. */
export async function cancelTotpEnrolment(deps: Deps, session: Session): Promise<void> {
  const user = await ownUser(deps, session);
  if (user.totp_pending_secret) await setPendingTotpSecret(deps.db.kysely, user.id, null, nowIso(deps));
}

/**
 * Confirms an enrolment with a code from the app: two-factor sign-in is on from the next login, and ten recovery codes
 * are made. They are returned here, once; the database keeps only their hashes.
 */
export async function confirmTotpEnrolment(deps: Deps, session: Session, code: unknown): Promise<{ recoveryCodes: string[] }> {
  const user = await ownUser(deps, session);
  if (user.totp_secret) throw new AppError('CONFLICT', 'Two-factor sign-in is on already.', { hint: 'Reload your account page.' });
  const secret = user.totp_pending_secret;
  if (!secret) throw new AppError('CONFLICT', 'There is no set-up to confirm.', { hint: 'Start again with "Set up two-factor sign-in" on your account page.' });
  const typed = typeof code === 'string' ? code.replace(/\s/g, '') : '';
  const step = totpStep(secret, typed, deps.clock().getTime());
  if (step === null) throw codeInvalid();
  const codes = newRecoveryCodes();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    await setTotpSecret(trx, user.id, secret, now, step);
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!)),
      now,
    );
    await insertAudit(trx, {
      at: now,
      actorUserId: user.id,
      action: 'account.2fa-enabled',
      subjectType: 'user',
      subjectId: user.id,
      details: { sessionId: session.id, recoveryCodes: codes.length },
    });
  });
  return { recoveryCodes: codes };
}

/**
 * Turns two-factor sign-in off: the current password and a code (from the app, or a recovery code) are both asked, so
 * neither an open session nor a known password alone can do it. Wrong codes count as at login.
 */
export async function disableTwoFactor(deps: Deps, session: Session, input: { password: unknown; code: unknown }): Promise<void> {
  const user = await ownUser(deps, session);
  if (!user.totp_secret) throw new AppError('CONFLICT', 'Two-factor sign-in is off already.', { hint: 'Reload your account page.' });
  await assertCurrentPassword(deps, user.id, input.password);
  const used = await checkCode(deps, user.id, user.totp_secret, input.code);
  await deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    await setTotpSecret(trx, user.id, null, now, null);
    await replaceRecoveryCodes(trx, user.id, [], now);
    await insertAudit(trx, {
      at: now,
      actorUserId: user.id,
      action: 'account.2fa-disabled',
      subjectType: 'user',
      subjectId: user.id,
      details: { sessionId: session.id, with: used },
    });
  });
}

/**
 * Ten new recovery codes in place of the old ones (all of which stop working), for when they run low or a copy may
 * have leaked. Asks the password and a code, as turning it off does; the new codes are returned here, once.
 */
export async function renewRecoveryCodes(deps: Deps, session: Session, input: { password: unknown; code: unknown }): Promise<{ recoveryCodes: string[] }> {
  const user = await ownUser(deps, session);
  if (!user.totp_secret) throw new AppError('CONFLICT', 'Two-factor sign-in is off.', { hint: 'Set it up first; its recovery codes come with it.' });
  await assertCurrentPassword(deps, user.id, input.password);
  const used = await checkCode(deps, user.id, user.totp_secret, input.code);
  const codes = newRecoveryCodes();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    await replaceRecoveryCodes(
      trx,
      user.id,
      codes.map((c) => hashRecoveryCode(normalizeRecoveryCode(c)!)),
      now,
    );
    await insertAudit(trx, {
      at: now,
      actorUserId: user.id,
      action: 'account.recovery-codes-renewed',
      subjectType: 'user',
      subjectId: user.id,
      details: { sessionId: session.id, with: used },
    });
  });
  return { recoveryCodes: codes };
}

/** A second factor asked while logged in: wrong codes count against the account's code limit, as at login. */
async function checkCode(deps: Deps, userId: number, secret: string, code: unknown): Promise<'totp' | 'recovery-code'> {
  const attempt = await reserveAttempt(deps, 'code', [
    { key: `login-code:account:${userId}`, max: CODE_STEP.perAccount, windowMs: CODE_STEP.windowMs, what: 'for this account' },
  ]);
  const used = await useSecondFactor(deps, userId, secret, code);
  if (!used) {
    await attempt.keep();
    throw codeInvalid();
  }
  await attempt.release();
  return used;
}

/**
 * For someone who lost their authenticator and their recovery codes: turns two-factor sign-in off for the account
 * with this email and ends its sessions, so the next login asks the password only (and, where an admin requires it,
 * to set two-factor sign-in up again). Run by the operator from a shell (`masthead user reset-2fa`), where nobody
 * signs in: that is the check. Says whether it was on.
 */
export async function resetTwoFactor(deps: Deps, email: string): Promise<{ userId: number; email: string; wasOn: boolean; sessionsEnded: number }> {
  const user = await findUserByEmail(deps.db.kysely, email.trim().toLowerCase());
  if (!user) throw notFound(`The account "${email}"`, 'Check the address; log in emails are stored in lower case.');
  return deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    const wasOn = !!user.totp_secret;
    await setTotpSecret(trx, user.id, null, now, null);
    await replaceRecoveryCodes(trx, user.id, [], now);
    const sessionsEnded = await deleteSessionsOfUser(trx, user.id);
    await insertAudit(trx, {
      at: now,
      actorUserId: null,
      action: 'account.2fa-reset',
      subjectType: 'user',
      subjectId: user.id,
      details: { via: 'cli', wasOn, sessionsEnded },
    });
    return { userId: user.id, email: user.email, wasOn, sessionsEnded };
  });
}

/** Whether an admin requires two-factor sign-in of editors and admins. */
export async function isTwoFactorRequired(deps: Deps): Promise<boolean> {
  return (await readSecuritySetting(deps.db.kysely, REQUIRE_KEY)) === '1';
}

/** An admin's switch: require two-factor sign-in of editors and admins (or not). */
export async function setTwoFactorRequired(deps: Deps, actor: Actor, on: boolean): Promise<void> {
  assertCan(actor, 'settings.require-2fa');
  await deps.db.kysely.transaction().execute(async (trx) => {
    const before = (await readSecuritySetting(trx, REQUIRE_KEY)) === '1';
    if (before === on) return;
    // Otherwise the admin's own next click would send them to set it up, in the middle of deciding it.
    if (on && !(await findUserById(trx, actor.id))?.totp_secret) {
      throw new AppError('CONFLICT', 'Set up two-factor sign-in for your own account first.', {
        hint: 'On your account page (/admin/account); then require it of the others.',
      });
    }
    const now = nowIso(deps);
    await writeSecuritySetting(trx, REQUIRE_KEY, on ? '1' : '0', now, actor.id);
    await insertAudit(trx, {
      at: now,
      actorUserId: actor.id,
      action: 'settings.require-2fa-changed',
      subjectType: 'settings',
      subjectId: null,
      details: { from: before, to: on },
    });
  });
}

/** Whether this user must set up two-factor sign-in before doing anything else in the admin. */
export async function mustEnrol(deps: Deps, user: SessionUser): Promise<boolean> {
  return !user.twoFactor && ROLES_REQUIRING_2FA.includes(user.role) && (await isTwoFactorRequired(deps));
}

export const twoFactorRequired = () =>
  new AppError('TWO_FACTOR_REQUIRED', 'This newsroom requires two-factor sign-in for your role, and your account does not use it yet.', {
    hint: 'Set it up on your account page (/admin/account): it takes an authenticator app and one minute.',
  });
