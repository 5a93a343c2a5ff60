import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** Starts (or restarts) an enrolment: the secret waits in `totp_pending_secret` until a code confirms it. */
export async function setPendingTotpSecret(db: K, userId: number, secret: string | null, now: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending_secret: secret, updated_at: now }).where('id', '=', userId).execute();
}

/** Turns two-factor sign-in on with the pending secret, or off (`secret` null). */
export async function setTotpSecret(db: K, userId: number, secret: string | null, now: string, lastStep: number | null): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_enabled_at: secret ? now : null, totp_last_step: lastStep, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records the time step of an accepted code, only if it is later than the last one: true when this call moved it.
 * A single conditional UPDATE, so the same code sent twice at once is accepted once.
 */
export async function advanceTotpStep(db: K, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: K, userId: number, hashes: string[], now: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length)
    await db
      .insertInto('recovery_codes')
      .values(hashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now, used_at: null })))
      .execute();
}

/** Uses a recovery code if it is the user's and unused: true when this call used it (once only, even under races). */
export async function useRecoveryCode(db: K, userId: number, hash: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: K, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function insertLoginChallenge(
  db: K,
  c: { tokenHash: string; userId: number; now: string; expiresAt: string; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('login_challenges')
    .values({ token_hash: c.tokenHash, user_id: c.userId, created_at: c.now, expires_at: c.expiresAt, ip: c.ip, user_agent: c.userAgent })
    .execute();
}

/** A challenge still open at `now`, with its user. */
export async function findLoginChallenge(db: K, tokenHash: string, now: string) {
  return db
    .selectFrom('login_challenges as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.user_id as userId', 'c.ip', 'c.user_agent as userAgent', 'u.email', 'u.totp_secret as totpSecret', 'u.active'])
    .where('c.token_hash', '=', tokenHash)
    .where('c.expires_at', '>', now)
    .executeTakeFirst();
}

/** Closes a challenge; true when this call closed it (so it opens one session at most). */
export async function deleteLoginChallenge(db: K, id: number): Promise<boolean> {
  const r = await db.deleteFrom('login_challenges').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteExpiredLoginChallenges(db: K, now: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
}

export async function readSecuritySetting(db: K, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('security_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSecuritySetting(db: K, key: string, value: string, now: string, userId: number | null): Promise<void> {
  await db
    .insertInto('security_settings')
    .values({ key, value, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: userId }))
    .execute();
}
