import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** 'reset' and 'invite' set a password; 'email' confirms a new address (`new_email`) and sets nothing else. */
export type ResetPurpose = 'reset' | 'invite' | 'email';

export async function insertPasswordReset(
  db: K,
  r: { tokenHash: string; userId: number; purpose: ResetPurpose; now: string; expiresAt: string; newEmail?: string },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: r.tokenHash,
      user_id: r.userId,
      purpose: r.purpose,
      created_at: r.now,
      expires_at: r.expiresAt,
      used_at: null,
      new_email: r.newEmail ?? null,
    })
    .execute();
}

/**
 * A token of one of `purposes` that is unused and not expired at `now`, with its user; undefined otherwise. The purpose
 * is part of the look-up, so an email-change link can never be used to set a password, nor the other way round.
 */
export async function findUsablePasswordReset(db: K, tokenHash: string, now: string, purposes: readonly ResetPurpose[] = ['reset', 'invite']) {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id as userId', 'r.purpose', 'r.expires_at as expiresAt', 'r.new_email as newEmail', 'u.email', 'u.name', 'u.active'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.purpose', 'in', [...purposes])
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Marks the token used if it still is usable; true when this call used it. A single conditional UPDATE, so two
 * requests racing with the same link cannot both succeed.
 */
export async function consumePasswordReset(db: K, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Voids every outstanding link of a user (after a reset, only the newest password counts). */
export async function voidPasswordResetsOfUser(db: K, userId: number, now: string): Promise<void> {
  await db.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function deleteExpiredPasswordResets(db: K, now: string): Promise<void> {
  await db.deleteFrom('password_resets').where('expires_at', '<=', now).execute();
}

/** Voids a user's outstanding links of one purpose (a newer email-change link replaces the older one). */
export async function voidLinksOfUser(db: K, userId: number, purpose: ResetPurpose, now: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** The newest email-change link of a user still waiting to be opened: the address it would confirm, and until when. */
export async function findPendingEmailChange(db: K, userId: number, now: string) {
  return db
    .selectFrom('password_resets')
    .select(['new_email as newEmail', 'expires_at as expiresAt'])
    .where('user_id', '=', userId)
    .where('purpose', '=', 'email')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}
