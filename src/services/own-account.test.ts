import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { listAudit } from '../db/audit-repo.js';
import { countSessionsOfUser } from '../db/sessions-repo.js';
import { findUserById } from '../db/users-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps, refused } from '#test/fixtures.js';
import { memoryMailer } from '#test/admin.js';
import { login, sessionFromToken, type LoginResult } from './sessions.js';
import { checkPasswordLink, type MailDeps } from './password-reset.js';
import {
  changeOwnPassword,
  checkEmailLink,
  confirmEmailChange,
  EMAIL_LINK_TTL_MS,
  endOtherSessions,
  endOwnSession,
  listOwnSessions,
  readOwnAccount,
  requestEmailChange,
  updateOwnProfile,
} from './own-account.js';
import { createUser } from './create-user.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a brand new passphrase';
const T0 = '2026-11-20T12:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

forEachEngine('your own account: %s', (engine) => {
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
    email = `own${n}@example.org`;
    userId = (await createUser(deps, { email, name: `Own ${n}`, role: 'author', password: PASSWORD })).id;
  });
  const logIn = (password = PASSWORD, ip = `10.20.${n}.1`): Promise<LoginResult> =>
    login(deps, { email, password, ip, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' });
  const emailToken = () => /\/admin\/account\/email\/([A-Za-z0-9_-]+)/.exec(mail.sent.at(-1)!.text)![1]!;

  it('a password change ends every other session of the account; this one stays', async () => {
    const here = await logIn();
    const phone = await logIn();
    const laptop = await logIn();
    expect(await countSessionsOfUser(opened.db.kysely, userId)).toBe(3);
    await expect(changeOwnPassword(deps, here.session, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).resolves.toEqual({ sessionsEnded: 2 });
    expect(await sessionFromToken(deps, here.token)).not.toBeNull();
    expect(await sessionFromToken(deps, phone.token)).toBeNull();
    expect(await sessionFromToken(deps, laptop.token)).toBeNull();
    expect((await refused(logIn(PASSWORD))).code).toBe('LOGIN_FAILED');
    await expect(logIn(NEW_PASSWORD)).resolves.toBeTruthy();
    const [row] = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId, limit: 10 }).then((r) =>
      r.filter((a) => a.action === 'password.changed'),
    );
    expect(row).toMatchObject({ actorUserId: userId, details: { sessionId: here.session.id, sessionsEnded: 2 } });
  });

  it('refuses a wrong current password with CURRENT_PASSWORD_WRONG, and changes nothing', async () => {
    const here = await logIn();
    const other = await logIn();
    const e = await refused(changeOwnPassword(deps, here.session, { currentPassword: 'not my password', newPassword: NEW_PASSWORD }));
    expect([e.code, e.status]).toEqual(['CURRENT_PASSWORD_WRONG', 403]);
    expect(await sessionFromToken(deps, other.token)).not.toBeNull();
    await expect(logIn(PASSWORD)).resolves.toBeTruthy();
  });

  it('wrong current passwords count against the account’s login limit', async () => {
    const here = await logIn();
    for (let i = 0; i < 5; i++) await refused(changeOwnPassword(deps, here.session, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD }));
    expect((await refused(changeOwnPassword(deps, here.session, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))).code).toBe('RATE_LIMITED');
  });

  it('checks the new password like a reset does', async () => {
    const here = await logIn();
    const e = await refused(changeOwnPassword(deps, here.session, { currentPassword: PASSWORD, newPassword: 'short' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toMatchObject({ fields: { newPassword: 'at least 12 characters' } });
  });

  it('changes the address only when the link mailed to the new one is opened, and tells the old one', async () => {
    const here = await logIn();
    const newEmail = `moved${n}@example.org`;
    await requestEmailChange(md, here.session, { email: ` ${newEmail.toUpperCase()} `, password: PASSWORD });
    expect(mail.sent.at(-1)!.to).toBe(newEmail);
    expect((await findUserById(opened.db.kysely, userId))!.email).toBe(email);
    expect((await readOwnAccount(deps, here.session, 'Courier')).pendingEmail).toMatchObject({ email: newEmail });
    const token = emailToken();
    // The database keeps only the hash of the link's token, and the link sets no password.
    const rows = await opened.db.kysely.selectFrom('password_resets').selectAll().where('user_id', '=', userId).execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await refused(checkPasswordLink(deps, token))).code).toBe('TOKEN_INVALID');
    await expect(checkEmailLink(deps, token)).resolves.toEqual({ email, newEmail });

    await confirmEmailChange(md, { token, ip: null });
    expect((await findUserById(opened.db.kysely, userId))!.email).toBe(newEmail);
    expect(mail.sent.at(-1)).toMatchObject({ to: email });
    expect(mail.sent.at(-1)!.text).toContain(newEmail);
    expect((await refused(confirmEmailChange(md, { token, ip: null }))).code).toBe('TOKEN_INVALID');
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: userId });
    expect(audit.find((a) => a.action === 'account.email-changed')).toMatchObject({ details: { from: email, to: newEmail } });
  });

  it('an email link expires after 24 hours; a newer request voids the older link', async () => {
    const here = await logIn();
    await requestEmailChange(md, here.session, { email: `first${n}@example.org`, password: PASSWORD });
    const first = emailToken();
    await requestEmailChange(md, here.session, { email: `second${n}@example.org`, password: PASSWORD });
    const second = emailToken();
    expect((await refused(confirmEmailChange(md, { token: first, ip: null }))).code).toBe('TOKEN_INVALID');
    deps.setNow(at(EMAIL_LINK_TTL_MS));
    expect((await refused(confirmEmailChange(md, { token: second, ip: null }))).code).toBe('TOKEN_INVALID');
    expect((await findUserById(opened.db.kysely, userId))!.email).toBe(email);
  });

  it('refuses an address another account uses, a wrong password, and a non-address', async () => {
    const here = await logIn();
    await createUser(deps, { email: `taken${n}@example.org`, name: 'Taken', role: 'author', password: PASSWORD });
    expect((await refused(requestEmailChange(md, here.session, { email: `taken${n}@example.org`, password: PASSWORD }))).code).toBe('DUPLICATE');
    expect((await refused(requestEmailChange(md, here.session, { email: `free${n}@example.org`, password: 'wrong' }))).code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await refused(requestEmailChange(md, here.session, { email: 'not an address', password: PASSWORD }))).code).toBe('VALIDATION_FAILED');
    expect(mail.sent).toHaveLength(0);
  });

  it('an address taken between the request and the link is refused when the link is opened', async () => {
    const here = await logIn();
    await requestEmailChange(md, here.session, { email: `race${n}@example.org`, password: PASSWORD });
    const token = emailToken();
    await createUser(deps, { email: `race${n}@example.org`, name: 'Quicker', role: 'author', password: PASSWORD });
    expect((await refused(confirmEmailChange(md, { token, ip: null }))).code).toBe('DUPLICATE');
    expect((await findUserById(opened.db.kysely, userId))!.email).toBe(email);
  });

  it('lists your sessions with their browser and address, ends one, or all the others', async () => {
    const here = await logIn();
    const phone = await logIn(PASSWORD, '10.99.0.2');
    await logIn();
    const list = await listOwnSessions(deps, here.session);
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current).map((s) => s.id)).toEqual([here.session.id]);
    expect(list.find((s) => s.id === phone.session.id)).toMatchObject({ ip: '10.99.0.2', userAgent: expect.stringContaining('Firefox') });
    await expect(endOwnSession(deps, here.session, phone.session.id)).resolves.toEqual({ current: false });
    expect(await sessionFromToken(deps, phone.token)).toBeNull();
    expect((await refused(endOwnSession(deps, here.session, phone.session.id))).code).toBe('NOT_FOUND');
    expect(await endOtherSessions(deps, here.session)).toBe(1);
    expect((await listOwnSessions(deps, here.session)).map((s) => s.id)).toEqual([here.session.id]);
  });

  it("cannot end someone else's session", async () => {
    const here = await logIn();
    const someone = await createUser(deps, { email: `someone${n}@example.org`, name: 'Someone', role: 'editor', password: PASSWORD });
    const theirs = await login(deps, { email: someone.email, password: PASSWORD, ip: null, userAgent: null });
    expect((await refused(endOwnSession(deps, here.session, theirs.session.id))).code).toBe('NOT_FOUND');
    expect(await sessionFromToken(deps, theirs.token)).not.toBeNull();
  });

  it('stores the name and the interface language; refuses a language it does not have', async () => {
    const here = await logIn();
    await updateOwnProfile(deps, here.session, { name: '  Наталья Гришина ', interfaceLanguage: 'ru' });
    expect(await readOwnAccount(deps, here.session, 'Courier')).toMatchObject({ name: 'Наталья Гришина', interfaceLanguage: 'ru' });
    await updateOwnProfile(deps, here.session, { interfaceLanguage: null });
    expect(await readOwnAccount(deps, here.session, 'Courier')).toMatchObject({ name: 'Наталья Гришина', interfaceLanguage: null });
    const e = await refused(updateOwnProfile(deps, here.session, { interfaceLanguage: 'de' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(e.details!['fields'] as object)).toEqual(['interfaceLanguage']);
    expect((await refused(updateOwnProfile(deps, here.session, { name: '' }))).code).toBe('VALIDATION_FAILED');
    expect((await refused(updateOwnProfile(deps, here.session, { role: 'admin' }))).code).toBe('VALIDATION_FAILED');
  });
});
