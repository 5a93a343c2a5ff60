import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../db/audit-repo.js';
import { findUserByEmail } from '../db/users-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps, refused } from '#test/fixtures.js';
import { memoryMailer } from '#test/admin.js';
import { LOGIN_LIMITS, login, sessionFromToken } from './sessions.js';
import { checkPasswordLink, confirmPasswordReset, requestPasswordReset, RESET_TTL_MS, type MailDeps } from './password-reset.js';
import { createUser } from './create-user.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase';
const T0 = '2026-11-20T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

forEachEngine('password reset: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let mail: ReturnType<typeof memoryMailer>;
  let md: MailDeps;
  let n = 0;
  let email: string;
  let userId: number;

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db, T0);
  });
  afterAll(async () => opened?.cleanup());
  beforeEach(async () => {
    deps.setNow(T0);
    mail = memoryMailer();
    md = { ...deps, mailer: mail, siteUrl: 'https://news.example.org', siteName: 'The Courier' };
    n++;
    email = `desk${n}@example.org`;
    userId = (await createUser(deps, { email, name: `Desk ${n}`, role: 'editor', password: PASSWORD })).id;
  });
  const tokenOf = (link: string) => link.split('/').at(-1)!;
  const ask = (e = email, ip = `10.3.0.${n}`) => requestPasswordReset(md, { email: e, ip });

  it('mails a one-time link for a known address and nothing for an unknown one, answering the same', async () => {
    await expect(ask()).resolves.toBeUndefined();
    await expect(ask('nobody@example.org')).resolves.toBeUndefined();
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: email, subject: 'The Courier: set a new password' });
    expect(mail.lastLink()).toMatch(/^https:\/\/news\.example\.org\/admin\/password\/reset\/[A-Za-z0-9_-]{43}$/);
    const stored = await opened.db.kysely.selectFrom('password_resets').selectAll().where('user_id', '=', userId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: 'reset', expires_at: at(RESET_TTL_MS), used_at: null });
    expect(stored[0]!.token_hash).not.toContain(tokenOf(mail.lastLink()));
  });

  it('sends nothing to a deactivated account', async () => {
    await opened.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', userId).execute();
    await ask();
    expect(mail.sent).toHaveLength(0);
  });

  it('sets the new password, ends every session, and the link works only once', async () => {
    const s1 = await login(deps, { email, password: PASSWORD, ip: null, userAgent: null });
    const s2 = await login(deps, { email, password: PASSWORD, ip: null, userAgent: null });
    await ask();
    const token = tokenOf(mail.lastLink());
    expect(await checkPasswordLink(deps, token)).toMatchObject({ email, purpose: 'reset' });
    await confirmPasswordReset(deps, { token, password: NEW_PASSWORD, ip: '10.0.0.1' });
    expect(await verify((await findUserByEmail(opened.db.kysely, email))!.password_hash, NEW_PASSWORD)).toBe(true);
    expect(await sessionFromToken(deps, s1.token)).toBeNull();
    expect(await sessionFromToken(deps, s2.token)).toBeNull();
    const again = await refused(confirmPasswordReset(deps, { token, password: 'yet another passphrase', ip: null }));
    expect(again.code).toBe('TOKEN_INVALID');
    expect((await refused(checkPasswordLink(deps, token))).code).toBe('TOKEN_INVALID');
    await expect(login(deps, { email, password: NEW_PASSWORD, ip: null, userAgent: null })).resolves.toBeTruthy();
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(audit.map((a) => a.action)).toContain('password.reset-requested');
    expect(audit.find((a) => a.action === 'password.reset')).toMatchObject({ actorUserId: userId, details: { sessionsEnded: 2 } });
  });

  it('two requests racing with the same link: exactly one sets the password', async () => {
    await ask();
    const token = tokenOf(mail.lastLink());
    const results = await Promise.allSettled([
      confirmPasswordReset(deps, { token, password: 'first racing passphrase', ip: null }),
      confirmPasswordReset(deps, { token, password: 'second racing passphrase', ip: null }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('expires after one hour', async () => {
    await ask();
    const token = tokenOf(mail.lastLink());
    deps.setNow(at(RESET_TTL_MS));
    const e = await refused(confirmPasswordReset(deps, { token, password: NEW_PASSWORD, ip: null }));
    expect(e.code).toBe('TOKEN_INVALID');
    expect(e.status).toBe(400);
    expect(e.hint).toContain('Forgot your password?');
  });

  it('a newer password voids older links', async () => {
    await ask();
    const first = tokenOf(mail.lastLink());
    await ask();
    const second = tokenOf(mail.lastLink());
    await confirmPasswordReset(deps, { token: second, password: NEW_PASSWORD, ip: null });
    expect((await refused(confirmPasswordReset(deps, { token: first, password: 'an older link passphrase', ip: null }))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a short password without using the link up', async () => {
    await ask();
    const token = tokenOf(mail.lastLink());
    const e = await refused(confirmPasswordReset(deps, { token, password: 'short', ip: null }));
    expect(e.code).toBe('VALIDATION_FAILED');
    await expect(confirmPasswordReset(deps, { token, password: NEW_PASSWORD, ip: null })).resolves.toMatchObject({ userId });
  });

  it('refuses made-up tokens', async () => {
    for (const token of ['', 'abc', 'A'.repeat(43)])
      expect((await refused(confirmPasswordReset(deps, { token, password: NEW_PASSWORD, ip: null }))).code).toBe('TOKEN_INVALID');
  });

  it("a new password lifts the account's login lock", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) await refused(login(deps, { email, password: 'wrong', ip: `10.4.${n}.${i}`, userAgent: null }));
    expect((await refused(login(deps, { email, password: PASSWORD, ip: '10.5.0.1', userAgent: null }))).code).toBe('RATE_LIMITED');
    await ask();
    await confirmPasswordReset(deps, { token: tokenOf(mail.lastLink()), password: NEW_PASSWORD, ip: null });
    await expect(login(deps, { email, password: NEW_PASSWORD, ip: '10.5.0.1', userAgent: null })).resolves.toBeTruthy();
  });

  it('sends at most 3 links an hour to one address, silently', async () => {
    for (let i = 0; i < 5; i++) await ask(email, `10.6.${n}.${i}`);
    expect(mail.sent).toHaveLength(3);
    deps.setNow(at(RESET_TTL_MS + 1000));
    await ask();
    expect(mail.sent).toHaveLength(4);
  });
});
