import { asRole, type Role } from '../content/types.js';
import type { Actor } from '../content/policy.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSession,
  listLiveSessions,
  touchSession,
} from '../db/sessions-repo.js';
import { findUserByEmail } from '../db/users-repo.js';
import type { UserRow } from '../db/schema.js';
import { deleteExpiredLoginChallenges, deleteLoginChallenge, findLoginChallenge, insertLoginChallenge } from '../db/two-factor-repo.js';
import { codeInvalid, useSecondFactor } from './second-factor.js';
import { AppError } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { forgetFailures, reserveAttempt, type Limit } from './rate-limit.js';
import { csrfTokenFor, hashToken, isTokenShaped, newToken } from './secret-tokens.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { userPrincipal, type Principal } from '../content/principal.js';

/** Sessions slide: each use extends them by `idleMs`, never past `absoluteMs` after login. */
export const SESSION = { idleMs: 14 * 24 * 3600_000, absoluteMs: 30 * 24 * 3600_000, touchEveryMs: 60_000 } as const;

/** Failed logins counted per account (the email typed, known or not) and per client address, in 15-minute windows. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perIp: 20 } as const;

/** `twoFactor`: the account signs in with a code too (README "Your account and two-factor sign-in"). */
/** `interfaceLanguage`: the admin's language the user chose (null: the browser's). */
export type SessionUser = { id: number; email: string; name: string; role: Role; active: boolean; twoFactor: boolean; interfaceLanguage: string | null };
export type Session = { id: number; user: SessionUser; csrfToken: string; createdAt: string; expiresAt: string };
export type LoginResult = { token: string; session: Session };
/** What a right password leads to: a session, or (two-factor sign-in on) a challenge waiting for the code. */
export type LoginStep = ({ kind: 'session' } & LoginResult) | { kind: 'code'; challengeToken: string };

/** How long the second step of a login may take, and its limits: wrong codes per account and per client address. */
export const CODE_STEP = { ttlMs: 10 * 60_000, windowMs: 15 * 60_000, perAccount: 5, perIp: 20 } as const;

export const actorOf = (u: SessionUser): Actor => ({ id: u.id, role: u.role, active: u.active });
/** Who acts in a logged-in request: the session's user, with their own role and ownership. */
export const sessionPrincipal = (s: Session): Principal => userPrincipal(actorOf(s.user));
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const LOGIN_FAILED_HINT = `Check both and try again. After ${LOGIN_LIMITS.perAccount} failed attempts in 15 minutes the account is locked for 15 minutes; "Forgot your password?" on the login page sends a link to set a new one.`;
const loginFailed = () => new AppError('LOGIN_FAILED', 'That email and password do not match an account.', { hint: LOGIN_FAILED_HINT });

export const loginLimits = (email: string, ip: string | null): Limit[] => [
  { key: `login:account:${email}`, max: LOGIN_LIMITS.perAccount, windowMs: LOGIN_LIMITS.windowMs, what: 'for this account' },
  { key: `login:ip:${ip ?? 'unknown'}`, max: LOGIN_LIMITS.perIp, windowMs: LOGIN_LIMITS.windowMs, what: 'from your network address' },
];

// Unknown emails are checked against this hash, so that they cost the same argon2 work as a wrong password.
let dummyHash: Promise<string> | undefined;
const hashForUnknown = () => (dummyHash ??= hashPassword(newToken()));

async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verifyPassword(passwordHash, password);
  } catch {
    return false; // a malformed stored hash matches nothing
  }
}

/**
 * Checks an email and password; opens a session, or, when the account uses two-factor sign-in, a challenge that the
 * code must complete (`completeLogin`). Unknown email and wrong password give the same error after the same argon2
 * work; both count against the account's and the address's limits. The attempt takes its place in both limits before
 * any password is checked, so a limit that is used up (or filled by simultaneous attempts) is refused without argon2
 * running.
 */
export async function beginLogin(deps: Deps, input: { email: unknown; password: unknown; ip: string | null; userAgent: string | null }): Promise<LoginStep> {
  const email = typeof input.email === 'string' ? normalizeEmail(input.email).slice(0, 320) : '';
  const password = typeof input.password === 'string' ? input.password : '';
  const [account, address] = loginLimits(email, input.ip) as [Limit, Limit];
  const attempt = await reserveAttempt(deps, 'login', [account, address]);

  const user = email ? await findUserByEmail(deps.db.kysely, email) : undefined;
  const ok = (await passwordMatches(user?.password_hash ?? (await hashForUnknown()), password.slice(0, 1024))) && password.length <= 1024 && !!user;
  if (!ok || !user) {
    await attempt.keep();
    if (user)
      await insertAudit(deps.db.kysely, {
        at: nowIso(deps),
        actorUserId: null,
        action: 'login.failed',
        subjectType: 'user',
        subjectId: user.id,
        details: { ip: input.ip },
      });
    throw loginFailed();
  }
  // Only someone who knows the password learns that the account is deactivated.
  if (!user.active) {
    await attempt.release();
    throw new AppError('ACCOUNT_INACTIVE', 'This account has been deactivated.', { hint: 'Ask an administrator to reactivate it.' });
  }
  // The right password ends the account's count (this attempt's place with it); the address keeps its failures.
  await forgetFailures(deps, account.key);
  await attempt.release([address.key]);

  const userAgent = input.userAgent?.slice(0, 500) ?? null;
  if (user.totp_secret) {
    // Not a session: the challenge's token opens only the code form, for ten minutes.
    const challengeToken = newToken();
    const now = deps.clock();
    await deleteExpiredLoginChallenges(deps.db.kysely, now.toISOString());
    await insertLoginChallenge(deps.db.kysely, {
      tokenHash: hashToken(challengeToken),
      userId: user.id,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + CODE_STEP.ttlMs).toISOString(),
      ip: input.ip,
      userAgent,
    });
    return { kind: 'code', challengeToken };
  }
  return { kind: 'session', ...(await openSession(deps, user, { ip: input.ip, userAgent })) };
}

/** `beginLogin` for an account without two-factor sign-in (the command line, tests): a session, or an error. */
export async function login(deps: Deps, input: { email: unknown; password: unknown; ip: string | null; userAgent: string | null }): Promise<LoginResult> {
  const step = await beginLogin(deps, input);
  if (step.kind === 'code') throw new AppError('CODE_INVALID', 'This account signs in with a code too.', { hint: 'Log in through /admin/login.' });
  return { token: step.token, session: step.session };
}

const codeLimits = (userId: number, ip: string | null): Limit[] => [
  { key: `login-code:account:${userId}`, max: CODE_STEP.perAccount, windowMs: CODE_STEP.windowMs, what: 'for this account' },
  { key: `login-code:ip:${ip ?? 'unknown'}`, max: CODE_STEP.perIp, windowMs: CODE_STEP.windowMs, what: 'from your network address' },
];

const challengeGone = () =>
  new AppError('TOKEN_INVALID', 'This login has expired: the code was not given within ten minutes.', { hint: 'Log in again with your email and password.' });

/**
 * The second step of a login: the code from the authenticator app (or an unused recovery code) for a challenge
 * `beginLogin` opened. Wrong codes are counted like failed logins (5 per account, 20 per address, per 15 minutes); a
 * right one closes the challenge and opens the session. A code's time step is accepted once only.
 */
export async function completeLogin(
  deps: Deps,
  input: { challengeToken: string | undefined | null; code: unknown; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  if (!isTokenShaped(input.challengeToken)) throw challengeGone();
  const challenge = await findLoginChallenge(deps.db.kysely, hashToken(input.challengeToken), nowIso(deps));
  if (!challenge || !challenge.totpSecret || challenge.active !== 1) throw challengeGone();
  const [account, address] = codeLimits(challenge.userId, input.ip) as [Limit, Limit];
  const attempt = await reserveAttempt(deps, 'code', [account, address]);
  const used = await useSecondFactor(deps, challenge.userId, challenge.totpSecret, input.code);
  if (!used) {
    await attempt.keep();
    await insertAudit(deps.db.kysely, {
      at: nowIso(deps),
      actorUserId: null,
      action: 'login.code-failed',
      subjectType: 'user',
      subjectId: challenge.userId,
      details: { ip: input.ip },
    });
    throw codeInvalid();
  }
  await forgetFailures(deps, account.key);
  await attempt.release([address.key]);
  if (!(await deleteLoginChallenge(deps.db.kysely, challenge.id))) throw challengeGone();
  const user = await findUserByEmail(deps.db.kysely, challenge.email);
  if (!user || !user.active) throw challengeGone();
  return openSession(deps, user, { ip: input.ip, userAgent: input.userAgent?.slice(0, 500) ?? null }, { secondFactor: used });
}

async function openSession(
  deps: Deps,
  user: UserRow,
  from: { ip: string | null; userAgent: string | null },
  auditDetails: Record<string, unknown> = {},
): Promise<LoginResult> {
  const now = deps.clock();
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION.idleMs).toISOString();
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    await deleteExpiredSessions(trx, now.toISOString());
    const sessionId = await insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      now: now.toISOString(),
      expiresAt,
      ip: from.ip,
      userAgent: from.userAgent,
    });
    await insertAudit(trx, {
      at: now.toISOString(),
      actorUserId: user.id,
      action: 'login',
      subjectType: 'user',
      subjectId: user.id,
      details: { ip: from.ip, sessionId, ...auditDetails },
    });
    return sessionId;
  });
  return {
    token,
    session: {
      id,
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: asRole(user.role),
        active: true,
        twoFactor: !!user.totp_secret,
        interfaceLanguage: user.interface_language,
      },
      csrfToken: csrfTokenFor(token),
      createdAt: now.toISOString(),
      expiresAt,
    },
  };
}

/**
 * The session a cookie's token opens, or null (unknown, expired, or its user deactivated). A session in use is
 * extended by the idle time, up to its absolute lifetime; the write happens at most once a minute per session.
 */
export async function sessionFromToken(deps: Deps, token: string | undefined | null): Promise<Session | null> {
  if (!isTokenShaped(token)) return null;
  const row = await findSessionWithUser(deps.db.kysely, hashToken(token));
  if (!row) return null;
  const now = deps.clock().getTime();
  if (Date.parse(row.expiresAt) <= now) {
    await deleteSession(deps.db.kysely, row.id);
    return null;
  }
  if (!row.active) return null;
  let expiresAt = row.expiresAt;
  if (now - Date.parse(row.lastSeenAt) >= SESSION.touchEveryMs) {
    expiresAt = new Date(Math.min(now + SESSION.idleMs, Date.parse(row.createdAt) + SESSION.absoluteMs)).toISOString();
    await touchSession(deps.db.kysely, row.id, new Date(now).toISOString(), expiresAt);
  }
  return {
    id: row.id,
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: asRole(row.role),
      active: row.active === 1,
      twoFactor: row.totpEnabledAt !== null,
      interfaceLanguage: row.interfaceLanguage,
    },
    csrfToken: csrfTokenFor(token),
    createdAt: row.createdAt,
    expiresAt,
  };
}

/** Ends one session. */
export async function logout(deps: Deps, session: Session): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    await deleteSession(trx, session.id);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: session.user.id,
      action: 'logout',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { sessionId: session.id },
    });
  });
}

/** Ends every session of the session's user, on every device, this one included. Returns how many ended. */
export async function logoutEverywhere(deps: Deps, session: Session): Promise<number> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const ended = await deleteSessionsOfUser(trx, session.user.id);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId: session.user.id,
      action: 'logout.everywhere',
      subjectType: 'user',
      subjectId: session.user.id,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
}

/**
 * Who is logged in now (for an admin's dashboard): one line per live session, most recently active first. Names,
 * roles and working hours of the whole newsroom: only `user.view-sessions` (admins) may see them.
 */
export async function whoIsLoggedIn(deps: Deps, actor: Actor) {
  assertCan(actor, 'user.view-sessions');
  const rows = await listLiveSessions(deps.db.kysely, nowIso(deps));
  return rows.map((r) => ({
    sessionId: r.id,
    userId: r.userId,
    name: r.name,
    email: r.email,
    role: asRole(r.role),
    since: r.createdAt,
    lastSeenAt: r.lastSeenAt,
  }));
}
