import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type NewSession = { tokenHash: string; userId: number; now: string; expiresAt: string; ip: string | null; userAgent: string | null };

export async function insertSession(db: K, s: NewSession): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt, last_seen_at: s.now, ip: s.ip, user_agent: s.userAgent })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session with this token hash and its user, whatever their state (the caller decides what is still valid). */
export async function findSessionWithUser(db: K, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id as userId',
      's.created_at as createdAt',
      's.expires_at as expiresAt',
      's.last_seen_at as lastSeenAt',
      'u.email',
      'u.name',
      'u.role',
      'u.active',
      'u.totp_enabled_at as totpEnabledAt',
      'u.interface_language as interfaceLanguage',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: K, id: number, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: K, id: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOfUser(db: K, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredSessions(db: K, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Sessions still valid at `now`, most recently active first, with who they belong to. */
export async function listLiveSessions(db: K, now: string, limit = 200) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id as userId', 'u.name', 'u.email', 'u.role', 's.created_at as createdAt', 's.last_seen_at as lastSeenAt'])
    .where('s.expires_at', '>', now)
    .where('u.active', '=', 1)
    .orderBy('s.last_seen_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countSessionsOfUser(db: K, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A user's own sessions still valid at `now`, most recently active first (the account page's list). */
export async function listSessionsOfUser(db: K, userId: number, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt', 'ip', 'user_agent as userAgent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** Ends every session of a user but one (the one they act from); returns how many ended. */
export async function deleteOtherSessionsOfUser(db: K, userId: number, keepId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', keepId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Ends one session if it belongs to the user; true when one ended (someone else's id ends nothing). */
export async function deleteSessionOfUser(db: K, userId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
