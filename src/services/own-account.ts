import { z } from 'zod';
import { asRole, type Role } from '../content/types.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  consumePasswordReset,
  deleteExpiredPasswordResets,
  findPendingEmailChange,
  findUsablePasswordReset,
  insertPasswordReset,
  voidLinksOfUser,
  voidPasswordResetsOfUser,
} from '../db/password-resets-repo.js';
import { deleteOtherSessionsOfUser, deleteSessionOfUser, listSessionsOfUser } from '../db/sessions-repo.js';
import { countUnusedRecoveryCodes } from '../db/two-factor-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { findUserByEmail, findUserById, updateUserEmail, updateUserPassword, updateUserProfile } from '../db/users-repo.js';
import { AppError, notFound, parseFields } from '../errors.js';
import { assertCan } from './assert-can.js';
import { assertCurrentPassword } from './current-password.js';
import { nowIso, type Deps } from './deps.js';
import { hashPassword } from './password-hash.js';
import { newPasswordSchema, type MailDeps } from './password-reset.js';
import { hashToken, isTokenShaped, newToken } from './secret-tokens.js';
import { actorOf, normalizeEmail, type Session } from './sessions.js';
import { otpauthUri } from './totp.js';

/** The interface languages an account may choose; none chosen follows the browser. */
export const INTERFACE_LANGUAGES = ['en', 'ru', 'kk'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export const EMAIL_LINK_TTL_MS = 24 * 3600_000;

export const emailLink = (siteUrl: string, token: string) => `${siteUrl}/admin/account/email/${token}`;

export type OwnSession = { id: number; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean };

export type OwnAccount = {
  id: number;
  email: string;
  name: string;
  role: Role;
  interfaceLanguage: InterfaceLanguage | null;
  /** An address waiting for its link to be opened. */
  pendingEmail: { email: string; expiresAt: string } | null;
  twoFactor: {
    enabled: boolean;
    enabledAt: string | null;
    recoveryCodesLeft: number;
    /** An enrolment started and not yet confirmed: the secret to type into the app, and its otpauth:// address. */
    pending: { secret: string; uri: string } | null;
  };
};

const asLanguage = (s: string | null): InterfaceLanguage | null =>
  (INTERFACE_LANGUAGES as readonly string[]).includes(s ?? '') ? (s as InterfaceLanguage) : null;

/** Your own account, as the account page and `GET /me` show it. */
export async function readOwnAccount(deps: Deps, session: Session, issuer: string): Promise<OwnAccount> {
  assertCan(actorOf(session.user), 'account.edit-own');
  const db = deps.db.kysely;
  const user = await findUserById(db, session.user.id);
  if (!user) throw notFound('Your account');
  const [pending, left] = await Promise.all([findPendingEmailChange(db, user.id, nowIso(deps)), countUnusedRecoveryCodes(db, user.id)]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: asRole(user.role),
    interfaceLanguage: asLanguage(user.interface_language),
    pendingEmail: pending?.newEmail ? { email: pending.newEmail, expiresAt: pending.expiresAt } : null,
    twoFactor: {
      enabled: !!user.totp_secret,
      enabledAt: user.totp_enabled_at,
      recoveryCodesLeft: user.totp_secret ? left : 0,
      pending:
        !user.totp_secret && user.totp_pending_secret
          ? { secret: user.totp_pending_secret, uri: otpauthUri(user.totp_pending_secret, issuer, user.email) }
          : null,
    },
  };
}

export const ProfileInput = z
  .object({
    name: z.string().trim().min(1, 'give a name').max(200, 'at most 200 characters'),
    interfaceLanguage: z.enum(INTERFACE_LANGUAGES, `one of ${INTERFACE_LANGUAGES.join(', ')}, or null for the browser's`).nullable(),
  })
  .partial()
  .strict();

/** Your name and interface language; a field left out stays as it is. */
export async function updateOwnProfile(deps: Deps, session: Session, raw: unknown): Promise<void> {
  assertCan(actorOf(session.user), 'account.edit-own');
  const input = parseFields(ProfileInput, raw, 'profile', { hint: `A name of 1 to 200 characters; a language among ${INTERFACE_LANGUAGES.join(', ')}.` });
  await deps.db.kysely.transaction().execute(async (trx) => {
    const user = await findUserById(trx, session.user.id);
    if (!user) throw notFound('Your account');
    const next = {
      name: input.name ?? user.name,
      interfaceLanguage: input.interfaceLanguage === undefined ? user.interface_language : input.interfaceLanguage,
    };
    const changed = [next.name !== user.name ? 'name' : null, next.interfaceLanguage !== user.interface_language ? 'interfaceLanguage' : null].filter(
      (f): f is string => f !== null,
    );
    if (!changed.length) return;
    const now = nowIso(deps);
    await updateUserProfile(trx, user.id, next, now);
    await insertAudit(trx, {
      at: now,
      actorUserId: user.id,
      action: 'account.profile-changed',
      subjectType: 'user',
      subjectId: user.id,
      details: { fields: changed },
    });
  });
}

/**
 * A new password for your own account, with the current one as proof. Every other session of the account ends (a
 * stolen session on another device is shut out); the one you act from stays. Outstanding reset links are voided.
 */
export async function changeOwnPassword(
  deps: Deps,
  session: Session,
  input: { currentPassword: unknown; newPassword: unknown },
): Promise<{ sessionsEnded: number }> {
  assertCan(actorOf(session.user), 'account.edit-own');
  const parsed = newPasswordSchema.safeParse(input.newPassword);
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    throw new AppError('VALIDATION_FAILED', `The new password is not acceptable: ${message}.`, {
      hint: 'Use a passphrase of 12 characters or more; a password manager can make one.',
      details: { fields: { newPassword: message } },
    });
  }
  await assertCurrentPassword(deps, session.user.id, input.currentPassword);
  const passwordHash = await hashPassword(parsed.data);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const now = nowIso(deps);
    await updateUserPassword(trx, session.user.id, passwordHash, now);
    await voidPasswordResetsOfUser(trx, session.user.id, now);
    const sessionsEnded = await deleteOtherSessionsOfUser(trx, session.user.id, session.id);
    await insertAudit(trx, {
      at: now,
      actorUserId: session.user.id,
      action: 'password.changed',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { sessionId: session.id, sessionsEnded },
    });
    return { sessionsEnded };
  });
}

const emailSchema = z.email('not an email address').max(320, 'at most 320 characters');

const emailTaken = (email: string) => new AppError('DUPLICATE', `Another account uses ${email}.`, { hint: 'Choose another address.' });

/**
 * Asks to move your account to another address. Nothing changes yet: the new address is mailed a link (valid 24
 * hours, once), and the account moves when it is opened, proving the new mailbox is yours. A newer request voids an
 * older link. The current password is asked: whoever holds the address can reset the password.
 */
export async function requestEmailChange(deps: MailDeps, session: Session, input: { email: unknown; password: unknown }): Promise<{ email: string }> {
  assertCan(actorOf(session.user), 'account.edit-own');
  const email = typeof input.email === 'string' ? normalizeEmail(input.email) : '';
  const valid = emailSchema.safeParse(email);
  if (!valid.success) {
    throw new AppError('VALIDATION_FAILED', `"${email.slice(0, 80)}" is not an email address.`, {
      hint: 'Type the whole address, such as name@example.org.',
      details: { fields: { email: valid.error.issues[0]!.message } },
    });
  }
  if (email === normalizeEmail(session.user.email)) {
    throw new AppError('VALIDATION_FAILED', 'That is already your address.', { hint: 'Type the new address.', details: { fields: { email: 'unchanged' } } });
  }
  await assertCurrentPassword(deps, session.user.id, input.password);
  if (await findUserByEmail(deps.db.kysely, email)) throw emailTaken(email);
  const token = newToken();
  await deps.db.kysely.transaction().execute(async (trx) => {
    const now = deps.clock();
    await deleteExpiredPasswordResets(trx, now.toISOString());
    await voidLinksOfUser(trx, session.user.id, 'email', now.toISOString());
    await insertPasswordReset(trx, {
      tokenHash: hashToken(token),
      userId: session.user.id,
      purpose: 'email',
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_MS).toISOString(),
      newEmail: email,
    });
    await insertAudit(trx, {
      at: now.toISOString(),
      actorUserId: session.user.id,
      action: 'account.email-change-requested',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { to: email },
    });
  });
  try {
    await deps.mailer.send({
      to: email,
      subject: `${deps.siteName}: confirm your new address`,
      text: `Someone (hopefully you) asked to use ${email} for the account ${session.user.email} at ${deps.siteName}.\n\nOpen this link within 24 hours to confirm it:\n${emailLink(deps.siteUrl, token)}\n\nUntil then the account keeps its current address. If you did not ask for this, ignore this message.`,
    });
  } catch (e) {
    throw new AppError('MAIL_FAILED', `The confirmation link could not be sent to ${email}.`, {
      hint: `${e instanceof AppError ? `${e.message} ` : ''}Your address has not changed. Try again later.`,
      cause: e,
    });
  }
  return { email };
}

const emailLinkInvalid = () =>
  new AppError('TOKEN_INVALID', 'This link has expired or has already been used.', {
    hint: 'Ask again on your account page (/admin/account): the link works once, for 24 hours, and a newer request replaces it.',
  });

async function usableEmailLink(deps: Deps, token: string) {
  if (!isTokenShaped(token)) throw emailLinkInvalid();
  const row = await findUsablePasswordReset(deps.db.kysely, hashToken(token), nowIso(deps), ['email']);
  if (!row || row.active !== 1 || !row.newEmail) throw emailLinkInvalid();
  return { ...row, newEmail: row.newEmail };
}

/** What an email-change link would do (to show before it is used); TOKEN_INVALID when it cannot be used. */
export async function checkEmailLink(deps: Deps, token: string): Promise<{ email: string; newEmail: string }> {
  const row = await usableEmailLink(deps, token);
  return { email: row.email, newEmail: row.newEmail };
}

/**
 * Opens an email-change link: the account moves to the new address (once, even under concurrent use), and the old
 * address is told, so that a change made by someone else does not go unnoticed.
 */
export async function confirmEmailChange(deps: MailDeps, input: { token: string; ip: string | null }): Promise<{ userId: number; email: string }> {
  const row = await usableEmailLink(deps, input.token);
  const now = nowIso(deps);
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      if (!(await consumePasswordReset(trx, row.id, now))) throw emailLinkInvalid();
      const other = await findUserByEmail(trx, row.newEmail);
      if (other && other.id !== row.userId) throw emailTaken(row.newEmail);
      await updateUserEmail(trx, row.userId, row.newEmail, now);
      await insertAudit(trx, {
        at: now,
        actorUserId: row.userId,
        action: 'account.email-changed',
        subjectType: 'user',
        subjectId: row.userId,
        details: { from: row.email, to: row.newEmail, ip: input.ip },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken(row.newEmail);
    throw e;
  }
  void deps.mailer
    .send({
      to: row.email,
      subject: `${deps.siteName}: your account's address changed`,
      text: `The account ${row.email} at ${deps.siteName} now uses the address ${row.newEmail}; from now on, log in with it.\n\nIf you did not do this, tell an administrator at once: someone else may hold your account.`,
    })
    .catch((err) => deps.log.error({ err, userId: row.userId }, 'email change notice failed'));
  return { userId: row.userId, email: row.newEmail };
}

/** Your sessions on every device, most recently used first; `current` marks the one you are looking from. */
export async function listOwnSessions(deps: Deps, session: Session): Promise<OwnSession[]> {
  assertCan(actorOf(session.user), 'account.edit-own');
  const rows = await listSessionsOfUser(deps.db.kysely, session.user.id, nowIso(deps));
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, ip: r.ip, userAgent: r.userAgent, current: r.id === session.id }));
}

/** Ends one of your own sessions (someone else's id is NOT_FOUND, as if it did not exist). */
export async function endOwnSession(deps: Deps, session: Session, sessionId: number): Promise<{ current: boolean }> {
  assertCan(actorOf(session.user), 'account.edit-own');
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (!(await deleteSessionOfUser(trx, session.user.id, sessionId)))
      throw notFound(`Session ${sessionId}`, 'It has ended already; reload the account page to see the sessions still open.');
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: session.user.id,
      action: 'session.revoked',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { sessionId },
    });
  });
  return { current: sessionId === session.id };
}

/** "Log out elsewhere": ends every session of your account but this one. Returns how many ended. */
export async function endOtherSessions(deps: Deps, session: Session): Promise<number> {
  assertCan(actorOf(session.user), 'account.edit-own');
  return deps.db.kysely.transaction().execute(async (trx) => {
    const ended = await deleteOtherSessionsOfUser(trx, session.user.id, session.id);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: session.user.id,
      action: 'logout.elsewhere',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { sessionId: session.id, sessionsEnded: ended },
    });
    return ended;
  });
}
