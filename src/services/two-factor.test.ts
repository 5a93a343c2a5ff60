import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../db/audit-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps, refused } from '#test/fixtures.js';
import { actorOf, beginLogin, completeLogin, CODE_STEP, login, sessionFromToken, type LoginResult } from './sessions.js';
import { readOwnAccount } from './own-account.js';
import {
  confirmTotpEnrolment,
  disableTwoFactor,
  isTwoFactorRequired,
  mustEnrol,
  renewRecoveryCodes,
  setTwoFactorRequired,
  startTotpEnrolment,
} from './two-factor.js';
import { createUser } from './create-user.js';

const PASSWORD = 'correct horse battery staple';
const T0 = '2026-11-20T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/** What the person's authenticator app shows at a moment: computed by the library, as an app would. */
const appCode = (secret: string, iso: string) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.parse(iso) });

forEachEngine('two-factor sign-in: %s', (engine) => {
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
  beforeEach(async () => {
    deps.setNow(T0);
    n++;
    email = `two${n}@example.org`;
    userId = (await createUser(deps, { email, name: `Two ${n}`, role: 'editor', password: PASSWORD })).id;
  });
  const ip = () => `10.30.${n}.1`;
  const logIn = (): Promise<LoginResult> => login(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });

  /** Enrols the account; returns its secret and recovery codes. */
  async function enrol(here: LoginResult) {
    const { secret, uri } = await startTotpEnrolment(deps, here.session, 'The Courier');
    expect(uri).toMatch(/^otpauth:\/\/totp\/The%20Courier:two\d+%40example\.org\?/);
    expect(uri).toContain(`secret=${secret}`);
    const { recoveryCodes } = await confirmTotpEnrolment(deps, here.session, appCode(secret, T0));
    return { secret, recoveryCodes };
  }

  it('enrols with a code from the app; the next login asks for a code and opens a session only with it', async () => {
    const here = await logIn();
    const { secret, recoveryCodes } = await enrol(here);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await readOwnAccount(deps, here.session, 'x')).twoFactor).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: null });
    // Recovery codes are kept only as hashes.
    const stored = await opened.db.kysely.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', userId).execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]!.replace('-', ''));

    deps.setNow(at(5 * 60_000));
    const step = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    expect(step.kind).toBe('code');
    if (step.kind !== 'code') return;
    // The challenge is no session.
    expect(await sessionFromToken(deps, step.challengeToken)).toBeNull();
    expect((await refused(completeLogin(deps, { challengeToken: step.challengeToken, code: '000000', ip: ip(), userAgent: null }))).code).toBe('CODE_INVALID');
    const done = await completeLogin(deps, { challengeToken: step.challengeToken, code: appCode(secret, at(5 * 60_000)), ip: ip(), userAgent: null });
    expect((await sessionFromToken(deps, done.token))?.user).toMatchObject({ id: userId, twoFactor: true });
    // The challenge opened one session; it opens no other.
    expect(
      (await refused(completeLogin(deps, { challengeToken: step.challengeToken, code: appCode(secret, at(5 * 60_000 + 30_000)), ip: ip(), userAgent: null })))
        .code,
    ).toBe('TOKEN_INVALID');
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(audit.find((a) => a.action === 'account.2fa-enabled')).toMatchObject({ actorUserId: userId });
    expect(audit.find((a) => a.action === 'login')).toMatchObject({ details: { secondFactor: 'totp' } });
  });

  it('refuses a wrong code at enrolment, and keeps two-factor sign-in off', async () => {
    const here = await logIn();
    await startTotpEnrolment(deps, here.session, 'x');
    expect((await refused(confirmTotpEnrolment(deps, here.session, '123456'))).code).toBe('CODE_INVALID');
    expect((await readOwnAccount(deps, here.session, 'x')).twoFactor.enabled).toBe(false);
    expect((await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null })).kind).toBe('session');
  });

  it('accepts a code of one step either side, and each time step once only', async () => {
    const here = await logIn();
    const { secret } = await enrol(here);
    const challenge = async () => {
      const s = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
      if (s.kind !== 'code') throw new Error('expected a code step');
      return s.challengeToken;
    };
    deps.setNow(at(60_000));
    const code = appCode(secret, at(30_000)); // the step before now: a slow thumb
    await expect(completeLogin(deps, { challengeToken: await challenge(), code, ip: ip(), userAgent: null })).resolves.toBeTruthy();
    expect((await refused(completeLogin(deps, { challengeToken: await challenge(), code, ip: ip(), userAgent: null }))).code).toBe('CODE_INVALID');
    const old = appCode(secret, T0); // the code used at enrolment is spent
    deps.setNow(at(90_000));
    expect((await refused(completeLogin(deps, { challengeToken: await challenge(), code: old, ip: ip(), userAgent: null }))).code).toBe('CODE_INVALID');
  });

  it('a recovery code logs in once; used again it is refused', async () => {
    const here = await logIn();
    const { recoveryCodes } = await enrol(here);
    const code = recoveryCodes[3]!;
    const first = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    if (first.kind !== 'code') throw new Error('expected a code step');
    await expect(
      completeLogin(deps, { challengeToken: first.challengeToken, code: ` ${code.toUpperCase()} `, ip: ip(), userAgent: null }),
    ).resolves.toBeTruthy();
    const second = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    if (second.kind !== 'code') throw new Error('expected a code step');
    expect((await refused(completeLogin(deps, { challengeToken: second.challengeToken, code, ip: ip(), userAgent: null }))).code).toBe('CODE_INVALID');
    expect((await readOwnAccount(deps, here.session, 'x')).twoFactor.recoveryCodesLeft).toBe(9);
  });

  it('limits wrong codes like failed logins', async () => {
    const here = await logIn();
    const { secret } = await enrol(here);
    const s = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    if (s.kind !== 'code') throw new Error('expected a code step');
    for (let i = 0; i < CODE_STEP.perAccount; i++)
      expect((await refused(completeLogin(deps, { challengeToken: s.challengeToken, code: `00000${i}`, ip: ip(), userAgent: null }))).code).toBe(
        'CODE_INVALID',
      );
    deps.setNow(at(60_000));
    const e = await refused(completeLogin(deps, { challengeToken: s.challengeToken, code: appCode(secret, at(60_000)), ip: ip(), userAgent: null }));
    expect([e.code, e.status]).toEqual(['RATE_LIMITED', 429]);
  });

  it('a challenge expires after ten minutes', async () => {
    const here = await logIn();
    const { secret } = await enrol(here);
    const s = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    if (s.kind !== 'code') throw new Error('expected a code step');
    deps.setNow(at(CODE_STEP.ttlMs));
    expect(
      (await refused(completeLogin(deps, { challengeToken: s.challengeToken, code: appCode(secret, at(CODE_STEP.ttlMs)), ip: ip(), userAgent: null }))).code,
    ).toBe('TOKEN_INVALID');
  });

  it('turns off only with the password and a code', async () => {
    const here = await logIn();
    const { secret } = await enrol(here);
    deps.setNow(at(60_000));
    const code = appCode(secret, at(60_000));
    expect((await refused(disableTwoFactor(deps, here.session, { password: 'wrong', code }))).code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await refused(disableTwoFactor(deps, here.session, { password: PASSWORD, code: '000000' }))).code).toBe('CODE_INVALID');
    await disableTwoFactor(deps, here.session, { password: PASSWORD, code });
    expect((await readOwnAccount(deps, here.session, 'x')).twoFactor).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null })).kind).toBe('session');
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(audit.find((a) => a.action === 'account.2fa-disabled')).toMatchObject({ details: { with: 'totp' } });
  });

  it('new recovery codes replace the old ones', async () => {
    const here = await logIn();
    const { secret, recoveryCodes: old } = await enrol(here);
    expect((await refused(renewRecoveryCodes(deps, here.session, { password: 'wrong', code: old[0] }))).code).toBe('CURRENT_PASSWORD_WRONG');
    deps.setNow(at(60_000));
    const { recoveryCodes } = await renewRecoveryCodes(deps, here.session, { password: PASSWORD, code: appCode(secret, at(60_000)) });
    expect(recoveryCodes).toHaveLength(10);
    const s = await beginLogin(deps, { email, password: PASSWORD, ip: ip(), userAgent: null });
    if (s.kind !== 'code') throw new Error('expected a code step');
    expect((await refused(completeLogin(deps, { challengeToken: s.challengeToken, code: old[1]!, ip: ip(), userAgent: null }))).code).toBe('CODE_INVALID');
    await expect(completeLogin(deps, { challengeToken: s.challengeToken, code: recoveryCodes[1]!, ip: ip(), userAgent: null })).resolves.toBeTruthy();
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(audit.find((a) => a.action === 'account.recovery-codes-renewed')).toMatchObject({ details: { with: 'totp' } });
  });

  it("an admin's switch requires it of editors and admins, not of writers", async () => {
    const admin = await createUser(deps, { email: `boss${n}@example.org`, name: 'Boss', role: 'admin', password: PASSWORD });
    const author = await createUser(deps, { email: `writer${n}@example.org`, name: 'Writer', role: 'author', password: PASSWORD });
    const here = await logIn();
    const adminActor = { id: admin.id, role: 'admin' as const, active: true };
    expect((await refused(setTwoFactorRequired(deps, actorOf(here.session.user), true))).code).toBe('FORBIDDEN');
    // An admin without it would be sent away by their own switch: they set it up first.
    expect((await refused(setTwoFactorRequired(deps, adminActor, true))).code).toBe('CONFLICT');
    const boss = await login(deps, { email: admin.email, password: PASSWORD, ip: ip(), userAgent: null });
    const { secret } = await startTotpEnrolment(deps, boss.session, 'x');
    deps.setNow(at(-60_000));
    await confirmTotpEnrolment(deps, boss.session, appCode(secret, at(-60_000)));
    deps.setNow(T0);
    await setTwoFactorRequired(deps, adminActor, true);
    try {
      expect(await isTwoFactorRequired(deps)).toBe(true);
      expect(await mustEnrol(deps, here.session.user)).toBe(true);
      const writer = await login(deps, { email: author.email, password: PASSWORD, ip: ip(), userAgent: null });
      expect(await mustEnrol(deps, writer.session.user)).toBe(false);
      await enrol(here);
      expect(await mustEnrol(deps, (await sessionFromToken(deps, here.token))!.user)).toBe(false);
    } finally {
      await setTwoFactorRequired(deps, adminActor, false);
    }
  });
});
