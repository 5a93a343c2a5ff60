import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type AttemptWindow = { key: string; count: number; windowStart: string };

export async function readAttempts(db: K, keys: string[]): Promise<AttemptWindow[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('login_attempts').select(['key', 'count', 'window_start']).where('key', 'in', keys).execute();
  return rows.map((r) => ({ key: r.key, count: Number(r.count), windowStart: r.window_start }));
}

/**
 * Counts one attempt for `key` in one statement (safe under concurrency on both engines): a window that started at
 * or before `staleBefore` is over, and the count starts again at 1 from `now`.
 */
export async function countAttempt(db: K, key: string, now: string, staleBefore: string): Promise<AttemptWindow> {
  const stale = sql<boolean>`${sql.ref('login_attempts.window_start')} <= ${staleBefore}`;
  const row = await db
    .insertInto('login_attempts')
    .values({ key, count: 1, window_start: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${stale} then 1 else ${sql.ref('login_attempts.count')} + 1 end`,
        window_start: sql<string>`case when ${stale} then ${now} else ${sql.ref('login_attempts.window_start')} end`,
      }),
    )
    .returning(['key', 'count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { key: row.key, count: Number(row.count), windowStart: row.window_start };
}

/**
 * Counts one attempt for `key` only if its window still has room (fewer than `max` counted, or the window is over),
 * in one statement: the row's lock orders simultaneous reservations on both engines (PostgreSQL re-checks the
 * condition against the row as the previous statement left it), so no two of them can take the same place. Returns
 * the window with this attempt in it, or undefined when it is full.
 */
export async function reserveAttempt(db: K, key: string, now: string, staleBefore: string, max: number): Promise<AttemptWindow | undefined> {
  const stale = sql<boolean>`${sql.ref('login_attempts.window_start')} <= ${staleBefore}`;
  const row = await db
    .insertInto('login_attempts')
    .values({ key, count: 1, window_start: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          count: sql<number>`case when ${stale} then 1 else ${sql.ref('login_attempts.count')} + 1 end`,
          window_start: sql<string>`case when ${stale} then ${now} else ${sql.ref('login_attempts.window_start')} end`,
        })
        .where(sql<boolean>`${stale} or ${sql.ref('login_attempts.count')} < ${max}`),
    )
    .returning(['key', 'count', 'window_start'])
    .executeTakeFirst();
  return row ? { key: row.key, count: Number(row.count), windowStart: row.window_start } : undefined;
}

/** Gives back one reserved attempt, if its window is still the one it was counted in. */
export async function releaseAttempt(db: K, key: string, windowStart: string): Promise<void> {
  await db
    .updateTable('login_attempts')
    .set({ count: sql<number>`${sql.ref('count')} - 1` })
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}

export async function clearAttempts(db: K, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

/** Drops windows that are over, so the table holds only what is being counted now. */
export async function purgeAttempts(db: K, staleBefore: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('window_start', '<=', staleBefore).execute();
}
