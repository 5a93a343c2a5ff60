import { z } from 'zod';
import { insertAudit } from '../db/audit-repo.js';
import {
  consumePasswordReset,
  deleteExpiredPasswordResets,
  findUsablePasswordReset,
  insertPasswordReset,
  voidPasswordResetsOfUser,
  type ResetPurpose,
} from '../db/password-resets-repo.js';
import { deleteSessionsOfUser } from '../db/sessions-repo.js';
import { clearAttempts } from '../db/login-attempts-repo.js';
import { findUserByEmail, updateUserPassword } from '../db/users-repo.js';
import { AppError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import { nowIso, type Deps } from './deps.js';
import { loginLimits, normalizeEmail } from './sessions.js';
import { withinLimit } from './rate-limit.js';
import { hashToken, isTokenShaped, newToken } from './secret-tokens.js';
import { hashPassword } from './password-hash.js';

/** What sending links needs beyond the usual: a mailer, and the site's address and name to write the link. */
export type MailDeps = Deps & { mailer: Mailer; siteUrl: string; siteName: string };

export const RESET_TTL_MS = 60 * 60_000;
export const INVITE_TTL_MS = 7 * 24 * 3600_000;
// Silent limits on reset mail: a stranger cannot flood someone's inbox, and the answer never changes.
const RESET_MAILS = { perAccount: 3, perIp: 20, windowMs: 60 * 60_000 } as const;

export const resetLink = (siteUrl: string, token: string) => `${siteUrl}/admin/password/reset/${token}`;

/** Creates a one-time link for a user (reset: 1 hour; invitation: 7 days); returns the token. */
export async function createPasswordLink(deps: Deps, userId: number, purpose: ResetPurpose, db = deps.db.kysely): Promise<string> {
  const token = newToken();
  const now = deps.clock();
  await deleteExpiredPasswordResets(db, now.toISOString());
  await insertPasswordReset(db, {
    tokenHash: hashToken(token),
    userId,
    purpose,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + (purpose === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS)).toISOString(),
  });
  return token;
}

/**
 * "Forgot your password?": mails a link valid for one hour when the address belongs to an active account. The
 * caller answers the same whatever happens here (known address or not, limit reached or not, mail sent or not), and
 * the mail is handed over without waiting for the server, so the time taken does not tell either.
 */
export async function requestPasswordReset(deps: MailDeps, input: { email: unknown; ip: string | null }): Promise<void> {
  const email = typeof input.email === 'string' ? normalizeEmail(input.email).slice(0, 320) : '';
  if (!email.includes('@')) return;
  const byAccount = await withinLimit(deps, { key: `reset:account:${email}`, max: RESET_MAILS.perAccount, windowMs: RESET_MAILS.windowMs, what: '' });
  const byIp = await withinLimit(deps, { key: `reset:ip:${input.ip ?? 'unknown'}`, max: RESET_MAILS.perIp, windowMs: RESET_MAILS.windowMs, what: '' });
  if (!byAccount || !byIp) {
    deps.log.warn({ ip: input.ip }, 'password reset: limit reached, no mail sent');
    return;
  }
  const user = await findUserByEmail(deps.db.kysely, email);
  if (!user || !user.active) return;
  const token = await deps.db.kysely.transaction().execute(async (trx) => {
    const t = await createPasswordLink(deps, user.id, 'reset', trx);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: null,
      action: 'password.reset-requested',
      subjectType: 'user',
      subjectId: user.id,
      details: { ip: input.ip },
    });
    return t;
  });
  const link = resetLink(deps.siteUrl, token);
  void deps.mailer
    .send({
      to: user.email,
      subject: `${deps.siteName}: set a new password`,
      text: `Someone (hopefully you) asked to set a new password for ${user.email} at ${deps.siteName}.\n\nOpen this link within one hour to choose a new password:\n${link}\n\nThe link works once. If you did not ask for it, ignore this message: your password stays as it is.`,
    })
    .catch((err) => deps.log.error({ err, userId: user.id }, 'password reset mail failed'));
}

const TOKEN_INVALID_HINT =
  'Ask for a new link with "Forgot your password?" on the login page. Reset links work once, for one hour; invitations for seven days.';
const tokenInvalid = () => new AppError('TOKEN_INVALID', 'This link has expired or has already been used.', { hint: TOKEN_INVALID_HINT });

export const newPasswordSchema = z.string().min(12, 'at least 12 characters').max(1000, 'at most 1000 characters');

/** Whom a link is for, if it can still be used (to show the form); TOKEN_INVALID otherwise. Does not use it up. */
export async function checkPasswordLink(deps: Deps, token: string): Promise<{ email: string; name: string; purpose: 'reset' | 'invite' }> {
  if (!isTokenShaped(token)) throw tokenInvalid();
  const row = await findUsablePasswordReset(deps.db.kysely, hashToken(token), nowIso(deps));
  if (!row || row.active !== 1) throw tokenInvalid();
  return { email: row.email, name: row.name, purpose: row.purpose === 'invite' ? 'invite' : 'reset' };
}

/**
 * Sets the password a link was sent for. The link is used up (once only, even under concurrent use), every other
 * link of the user is voided, and every session of the user ends: whoever held the old password is logged out.
 */
export async function confirmPasswordReset(
  deps: Deps,
  input: { token: string; password: unknown; ip: string | null },
): Promise<{ userId: number; email: string }> {
  const parsed = newPasswordSchema.safeParse(input.password);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The new password is too ${typeof input.password === 'string' && input.password.length > 1000 ? 'long' : 'short'}: ${parsed.error.issues[0]!.message}.`,
      {
        hint: 'Use a passphrase of 12 characters or more; a password manager can make one.',
        details: { fields: { password: parsed.error.issues[0]!.message } },
      },
    );
  }
  if (!isTokenShaped(input.token)) throw tokenInvalid();
  const row = await findUsablePasswordReset(deps.db.kysely, hashToken(input.token), nowIso(deps));
  if (!row || row.active !== 1) throw tokenInvalid();
  const passwordHash = await hashPassword(parsed.data);
  const now = nowIso(deps);
  await deps.db.kysely.transaction().execute(async (trx) => {
    if (!(await consumePasswordReset(trx, row.id, now))) throw tokenInvalid();
    await updateUserPassword(trx, row.userId, passwordHash, now);
    await voidPasswordResetsOfUser(trx, row.userId, now);
    const sessionsEnded = await deleteSessionsOfUser(trx, row.userId);
    // A new password lifts the account's login lock: the owner has proved they hold the mailbox.
    await clearAttempts(trx, loginLimits(row.email, null)[0]!.key);
    await insertAudit(trx, {
      at: now,
      actorUserId: row.userId,
      action: row.purpose === 'invite' ? 'invitation.accepted' : 'password.reset',
      subjectType: 'user',
      subjectId: row.userId,
      details: { ip: input.ip, sessionsEnded },
    });
  });
  return { userId: row.userId, email: row.email };
}
