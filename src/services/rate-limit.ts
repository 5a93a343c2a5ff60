import {
  clearAttempts,
  countAttempt,
  purgeAttempts,
  readAttempts,
  releaseAttempt,
  reserveAttempt as reserveAttemptRow,
  type AttemptWindow,
} from '../db/login-attempts-repo.js';
import { AppError } from '../errors.js';
import { nowIso, type Deps } from './deps.js';

/** At most `max` counted failures per `windowMs` for `key`; `what` finishes "Too many failed attempts …". */
export type Limit = { key: string; max: number; windowMs: number; what: string };

const staleBefore = (deps: Pick<Deps, 'clock'>, windowMs: number) => new Date(deps.clock().getTime() - windowMs).toISOString();

function rateLimited(deps: Deps, action: string, limit: Limit, windowStart: string | undefined): AppError {
  const now = deps.clock().getTime();
  // The window may have been cleared since it was found full (a login succeeded): then it ends a whole window from now.
  const until = windowStart === undefined ? now + limit.windowMs : Date.parse(windowStart) + limit.windowMs;
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const at = new Date(until).toISOString().slice(11, 16);
  return new AppError('RATE_LIMITED', `Too many failed ${action} attempts ${limit.what}.`, {
    hint: `Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${at} UTC). Limits: ${limit.max} failures per ${Math.round(limit.windowMs / 60_000)} minutes.`,
    details: { retryAfterSeconds: seconds, retryAt: new Date(until).toISOString() },
  });
}

// Longer than any window we count in: rows older than this are over whatever their key.
const KEEP_MS = 24 * 60 * 60_000;

/** An attempt counted against every limit before its work is done; its outcome decides whether it stays counted. */
export type Reservation = {
  /** The attempt failed: it stays counted (and windows that are long over are dropped). */
  keep(): Promise<void>;
  /** The attempt was no failure: it stops counting against `keys` (default: every limit). */
  release(keys?: string[]): Promise<void>;
};

/**
 * Takes a place in every limit's window, in order, before the work the limits protect (a password check) is done:
 * simultaneous requests each get their own place, so at most `max` of them ever go on, however many arrive at once.
 * When a limit is full, the places already taken are given back (a request refused by one limit is no failure
 * against the others) and RATE_LIMITED (429) says when to try again. An attempt whose work throws unexpectedly stays
 * counted: the limits fail closed.
 */
export async function reserveAttempt(deps: Deps, action: string, limits: Limit[]): Promise<Reservation> {
  const now = nowIso(deps);
  const held: AttemptWindow[] = [];
  const release = async (keys?: string[]) => {
    for (const w of held) if (!keys || keys.includes(w.key)) await releaseAttempt(deps.db.kysely, w.key, w.windowStart);
  };
  for (const limit of limits) {
    const place = await reserveAttemptRow(deps.db.kysely, limit.key, now, staleBefore(deps, limit.windowMs), limit.max);
    if (place) {
      held.push(place);
      continue;
    }
    await release();
    const [full] = await readAttempts(deps.db.kysely, [limit.key]);
    throw rateLimited(deps, action, limit, full?.windowStart);
  }
  return {
    keep: () => purgeAttempts(deps.db.kysely, staleBefore(deps, KEEP_MS)),
    release,
  };
}

/** Counts one use and tells whether it was still within the limit (for limits that act silently). */
export async function withinLimit(deps: Deps, limit: Limit): Promise<boolean> {
  const row = await countAttempt(deps.db.kysely, limit.key, nowIso(deps), staleBefore(deps, limit.windowMs));
  return row.count <= limit.max;
}

export const forgetFailures = (deps: Deps, key: string) => clearAttempts(deps.db.kysely, key);
