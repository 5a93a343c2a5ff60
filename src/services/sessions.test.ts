import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { listAudit } from '../db/audit-repo.js';
import { readAttempts } from '../db/login-attempts-repo.js';
import { countSessionsOfUser } from '../db/sessions-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps, refused } from '#test/fixtures.js';
import { LOGIN_LIMITS, SESSION, login, logout, logoutEverywhere, sessionFromToken, whoIsLoggedIn } from './sessions.js';
import { hashToken } from './secret-tokens.js';
import { createUser } from './create-user.js';

// Every argon2 verification is counted (and still done): the limits' promise is about how many of them an attacker gets.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock('./password-hash.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./password-hash.js')>();
  return {
    ...real,
    verifyPassword: (hash: string, password: string) => {
      argon2.verifications++;
      return real.verifyPassword(hash, password);
    },
  };
});

const PASSWORD = 'correct horse battery staple';
const T0 = '2026-11-20T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 3600_000;

forEachEngine('login and sessions: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n = 0;
  let email: string;
  let userId: number;

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db, T0);
  });
  afterAll(async () => opened?.cleanup());

  // A fresh account (and a fresh address) per test, so counters never leak from one test to the next.
  let ip: string;
  beforeEach(async () => {
    deps.setNow(T0);
    n++;
    email = `reporter${n}@example.org`;
    ip = `10.0.0.${n}`;
    userId = (await createUser(deps, { email, name: `Reporter ${n}`, role: 'author', password: PASSWORD })).id;
  });
  const attempt = (password: string, opts: { email?: string; ip?: string } = {}) =>
    login(deps, { email: opts.email ?? email, password, ip: opts.ip ?? ip, userAgent: 'test' });

  it('opens a session for the right password; the database keeps only the token hash', async () => {
    const { token, session } = await attempt(PASSWORD);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.user).toMatchObject({ id: userId, email, role: 'author', active: true });
    const row = await opened.db.kysely.selectFrom('sessions').selectAll().where('id', '=', session.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({ user_id: userId, ip, user_agent: 'test', created_at: T0, last_seen_at: T0, expires_at: at(SESSION.idleMs) });
    expect((await sessionFromToken(deps, token))?.user.id).toBe(userId);
  });

  it('accepts the email in any case and with spaces around it', async () => {
    await expect(attempt(PASSWORD, { email: `  ${email.toUpperCase()} ` })).resolves.toBeTruthy();
  });

  it('answers an unknown email and a wrong password with the same error', async () => {
    const wrong = await refused(attempt('not the password'));
    const unknown = await refused(attempt(PASSWORD, { email: 'nobody@example.org' }));
    expect(wrong.code).toBe('LOGIN_FAILED');
    expect(wrong.status).toBe(401);
    expect(unknown.toJSON()).toEqual(wrong.toJSON());
  });

  it('spends similar time on an unknown email and a wrong password (argon2 runs for both)', async () => {
    await refused(attempt('warm-up', { email: 'warm@example.org', ip: '10.9.9.9' }));
    const time = async (e: string) => {
      const t = performance.now();
      await refused(attempt('wrong password', { email: e, ip: '10.9.9.9' }));
      return performance.now() - t;
    };
    const unknown = Math.min(await time('ghost1@example.org'), await time('ghost2@example.org'));
    const wrong = Math.min(await time(email), await time(email));
    // Without the dummy verification an unknown email would answer in well under a millisecond.
    expect(unknown).toBeGreaterThan(wrong / 4);
    expect(wrong).toBeGreaterThan(unknown / 4);
  });

  it(`locks an account after ${LOGIN_LIMITS.perAccount} failures in 15 minutes, from any address, even for the right password`, async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect((await refused(attempt('wrong', { ip: `10.1.${n}.${i}` }))).code).toBe('LOGIN_FAILED');
    deps.setNow(at(5 * MIN));
    const limited = await refused(attempt(PASSWORD, { ip: '10.2.2.2' }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.status).toBe(429);
    expect(limited.message).toContain('for this account');
    expect(limited.hint).toMatch(/Try again in 10 minutes \(after 12:15 UTC\)/);
    expect(limited.details).toMatchObject({ retryAfterSeconds: 600, retryAt: at(15 * MIN) });
    // The window is fixed from the first failure: 15 minutes later the account opens again.
    deps.setNow(at(15 * MIN));
    await expect(attempt(PASSWORD)).resolves.toBeTruthy();
  });

  /** Settles every attempt and sorts the outcomes by error code (or "ok"). */
  const outcomes = async (attempts: Promise<unknown>[]) => {
    const codes: Record<string, number> = {};
    for (const r of await Promise.allSettled(attempts)) {
      const code = r.status === 'fulfilled' ? 'ok' : ((r.reason as { code?: string }).code ?? String(r.reason));
      codes[code] = (codes[code] ?? 0) + 1;
    }
    return codes;
  };

  it(`regression: 100 simultaneous wrong passwords for one account run at most ${LOGIN_LIMITS.perAccount} password checks`, async () => {
    const before = argon2.verifications;
    const codes = await outcomes(Array.from({ length: 100 }, (_, i) => attempt(`wrong ${i}`, { ip: `10.3.${n}.${i}` })));
    expect(argon2.verifications - before).toBe(LOGIN_LIMITS.perAccount);
    expect(codes).toEqual({ LOGIN_FAILED: LOGIN_LIMITS.perAccount, RATE_LIMITED: 100 - LOGIN_LIMITS.perAccount });
    const [row] = await readAttempts(opened.db.kysely, [`login:account:${email}`]);
    expect(row?.count).toBe(LOGIN_LIMITS.perAccount);
    // Refused attempts are no failures against their addresses: each address counts its one checked password at most.
    const addresses = await readAttempts(
      opened.db.kysely,
      Array.from({ length: 100 }, (_, i) => `login:ip:10.3.${n}.${i}`),
    );
    expect(addresses.reduce((sum, a) => sum + a.count, 0)).toBe(LOGIN_LIMITS.perAccount);
  });

  it(`100 simultaneous wrong passwords from one address, for 100 accounts, run at most ${LOGIN_LIMITS.perIp} password checks`, async () => {
    const from = `172.16.${n}.1`;
    const before = argon2.verifications;
    const codes = await outcomes(Array.from({ length: 100 }, (_, i) => attempt('wrong', { email: `many${i}-${n}@example.org`, ip: from })));
    expect(argon2.verifications - before).toBe(LOGIN_LIMITS.perIp);
    expect(codes).toEqual({ LOGIN_FAILED: LOGIN_LIMITS.perIp, RATE_LIMITED: 100 - LOGIN_LIMITS.perIp });
    // An account refused because of the address has nothing counted against it.
    const accounts = await readAttempts(
      opened.db.kysely,
      Array.from({ length: 100 }, (_, i) => `login:account:many${i}-${n}@example.org`),
    );
    expect(accounts.reduce((sum, a) => sum + a.count, 0)).toBe(LOGIN_LIMITS.perIp);
  });

  it("the right password within the limit logs in after simultaneous failures and clears the account's count", async () => {
    await outcomes(Array.from({ length: LOGIN_LIMITS.perAccount - 1 }, () => attempt('wrong')));
    await expect(attempt(PASSWORD)).resolves.toBeTruthy();
    expect(await readAttempts(opened.db.kysely, [`login:account:${email}`])).toEqual([]);
    // The success itself is no failure against the address either.
    expect((await readAttempts(opened.db.kysely, [`login:ip:${ip}`]))[0]?.count).toBe(LOGIN_LIMITS.perAccount - 1);
    const before = argon2.verifications;
    expect(await outcomes(Array.from({ length: LOGIN_LIMITS.perAccount }, () => attempt('wrong')))).toEqual({ LOGIN_FAILED: LOGIN_LIMITS.perAccount });
    expect(argon2.verifications - before).toBe(LOGIN_LIMITS.perAccount);
  });

  it("a deactivated account's right password counts against nothing", async () => {
    await opened.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    expect((await refused(attempt(PASSWORD))).code).toBe('ACCOUNT_INACTIVE');
    const rows = await readAttempts(opened.db.kysely, [`login:account:${email}`, `login:ip:${ip}`]);
    expect(rows.map((r) => r.count)).toEqual([0, 0]);
  });

  it("a success clears the account's count", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++) await refused(attempt('wrong'));
    await attempt(PASSWORD);
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++) await refused(attempt('wrong'));
    await expect(attempt(PASSWORD)).resolves.toBeTruthy();
  });

  it(`blocks an address after ${LOGIN_LIMITS.perIp} failures across accounts; other addresses are not affected`, async () => {
    const from = `192.168.${n}.1`;
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await refused(attempt('wrong', { email: `guess${i}-${n}@example.org`, ip: from }));
    const limited = await refused(attempt(PASSWORD, { ip: from }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toContain('from your network address');
    await expect(attempt(PASSWORD, { ip: `192.168.${n}.2` })).resolves.toBeTruthy();
    deps.setNow(at(15 * MIN + 1000));
    await expect(attempt(PASSWORD, { ip: from })).resolves.toBeTruthy();
  });

  it('refuses a deactivated account only when the password is right (nobody else learns it exists)', async () => {
    await opened.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    expect((await refused(attempt('wrong'))).code).toBe('LOGIN_FAILED');
    const e = await refused(attempt(PASSWORD));
    expect(e.code).toBe('ACCOUNT_INACTIVE');
    expect(e.status).toBe(403);
  });

  it('slides the expiry with use, up to an absolute limit, and forgets expired sessions', async () => {
    const { token } = await attempt(PASSWORD);
    // Used every 10 days: never idle for 14, so it lives until its 30-day absolute limit.
    for (const day of [10, 20, 29]) {
      deps.setNow(at(day * DAY));
      const s = await sessionFromToken(deps, token);
      expect(s, `day ${day}`).not.toBeNull();
      expect(s!.expiresAt).toBe(at(Math.min((day + 14) * DAY, SESSION.absoluteMs)));
    }
    deps.setNow(at(SESSION.absoluteMs));
    expect(await sessionFromToken(deps, token)).toBeNull();
    expect(await countSessionsOfUser(opened.db.kysely, userId)).toBe(0);
  });

  it('ends a session left idle for 14 days', async () => {
    const { token } = await attempt(PASSWORD);
    deps.setNow(at(SESSION.idleMs - 1000));
    expect(await sessionFromToken(deps, token)).not.toBeNull();
    deps.setNow(at(2 * SESSION.idleMs));
    expect(await sessionFromToken(deps, token)).toBeNull();
  });

  it('writes last-seen at most once a minute', async () => {
    const { token, session } = await attempt(PASSWORD);
    deps.setNow(at(30_000));
    await sessionFromToken(deps, token);
    const row = () => opened.db.kysely.selectFrom('sessions').select(['last_seen_at']).where('id', '=', session.id).executeTakeFirstOrThrow();
    expect((await row()).last_seen_at).toBe(T0);
    deps.setNow(at(MIN));
    await sessionFromToken(deps, token);
    expect((await row()).last_seen_at).toBe(at(MIN));
  });

  it('ignores tokens that are malformed or unknown', async () => {
    for (const t of [undefined, '', 'x', 'a'.repeat(43), `${'a'.repeat(42)}!`]) expect(await sessionFromToken(deps, t)).toBeNull();
  });

  it('logout ends one session; logout everywhere ends them all', async () => {
    const a = await attempt(PASSWORD);
    const b = await attempt(PASSWORD);
    const c = await attempt(PASSWORD);
    await logout(deps, a.session);
    expect(await sessionFromToken(deps, a.token)).toBeNull();
    expect(await sessionFromToken(deps, b.token)).not.toBeNull();
    expect(await logoutEverywhere(deps, b.session)).toBe(2);
    expect(await sessionFromToken(deps, b.token)).toBeNull();
    expect(await sessionFromToken(deps, c.token)).toBeNull();
  });

  const ADMIN = { id: 0, role: 'admin', active: true } as const;

  it('lists who is logged in, without deactivated accounts or expired sessions', async () => {
    const { session } = await attempt(PASSWORD);
    expect((await whoIsLoggedIn(deps, ADMIN)).map((s) => s.sessionId)).toContain(session.id);
    await opened.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    expect((await whoIsLoggedIn(deps, ADMIN)).map((s) => s.sessionId)).not.toContain(session.id);
  });

  it('regression: only an admin may list who is logged in (a contributor saw every open session of the newsroom)', async () => {
    const { session } = await attempt(PASSWORD);
    for (const role of ['editor', 'author', 'translator', 'contributor'] as const) {
      expect((await refused(whoIsLoggedIn(deps, { id: session.user.id, role, active: true }))).code, role).toBe('FORBIDDEN');
    }
    expect((await refused(whoIsLoggedIn(deps, { ...ADMIN, active: false }))).code).toBe('FORBIDDEN');
  });

  it('writes the audit log: failures against a known account, logins and logouts', async () => {
    await refused(attempt('wrong'));
    const { session } = await attempt(PASSWORD);
    await logout(deps, session);
    const { session: again } = await attempt(PASSWORD);
    await logoutEverywhere(deps, again);
    const rows = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(rows.map((r) => r.action).reverse()).toEqual(['login.failed', 'login', 'logout', 'login', 'logout.everywhere']);
    expect(rows.at(-1)).toMatchObject({ actorUserId: null, details: { ip } });
    expect(rows[0]).toMatchObject({ actorUserId: userId, details: { sessionsEnded: 1 } });
  });
});
