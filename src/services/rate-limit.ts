import { clearAttempts, countAttempt, purgeAttempts, readAttempts } from '../db/login-attempts-repo.js';
import { AppError } from '../errors.js';
import { nowIso, type Deps } from './deps.js';

/** At most `max` counted failures per `windowMs` for `key`; `what` finishes "Too many failed attempts …". */
export type Limit = { key: string; max: number; windowMs: number; what: string };

const staleBefore = (deps: Pick<Deps, 'clock'>, windowMs: number) => new Date(deps.clock().getTime() - windowMs).toISOString();

/** Refuses with RATE_LIMITED (429) when any of the limits is used up, saying when to try again. */
export async function assertUnderLimits(deps: Deps, action: string, limits: Limit[]): Promise<void> {
  const rows = new Map((await readAttempts(deps.db.kysely, limits.map((l) => l.key))).map((r) => [r.key, r]));
  const now = deps.clock().getTime();
  let blocked: { limit: Limit; until: number } | null = null;
  for (const limit of limits) {
    const row = rows.get(limit.key);
    if (!row) continue;
    const until = Date.parse(row.windowStart) + limit.windowMs;
    if (until > now && row.count >= limit.max && (!blocked || until > blocked.until)) blocked = { limit, until };
  }
  if (!blocked) return;
  const seconds = Math.ceil((blocked.until - now) / 1000);
  const minutes = Math.ceil(seconds / 60);
  const at = new Date(blocked.until).toISOString().slice(11, 16);
  throw new AppError('RATE_LIMITED', 429, `Too many failed ${action} attempts ${blocked.limit.what}.`, {
    hint: `Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${at} UTC). Limits: ${blocked.limit.max} failures per ${Math.round(blocked.limit.windowMs / 60_000)} minutes.`,
    details: { retryAfterSeconds: seconds, retryAt: new Date(blocked.until).toISOString() },
  });
}

// Longer than any window we count in: rows older than this are over whatever their key.
const KEEP_MS = 24 * 60 * 60_000;

/** Counts one failure against every limit (and drops windows that are long over). */
export async function countFailure(deps: Deps, limits: Limit[]): Promise<void> {
  const now = nowIso(deps);
  for (const l of limits) await countAttempt(deps.db.kysely, l.key, now, staleBefore(deps, l.windowMs));
  await purgeAttempts(deps.db.kysely, staleBefore(deps, KEEP_MS));
}

/** Counts one use and tells whether it was still within the limit (for limits that act silently). */
export async function withinLimit(deps: Deps, limit: Limit): Promise<boolean> {
  const row = await countAttempt(deps.db.kysely, limit.key, nowIso(deps), staleBefore(deps, limit.windowMs));
  return row.count <= limit.max;
}

export const forgetFailures = (deps: Deps, key: string) => clearAttempts(deps.db.kysely, key);
