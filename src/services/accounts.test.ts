import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../content/policy.js';
import { listAudit } from '../db/audit-repo.js';
import type { Mailer } from '../mail/mailer.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps, refused } from '#test/fixtures.js';
import { memoryMailer } from '#test/admin.js';
import { login, sessionFromToken } from './sessions.js';
import { checkPasswordLink, confirmPasswordReset, INVITE_TTL_MS, type MailDeps } from './password-reset.js';
import { changeRole, deactivateUser, inviteUser, listAccounts, reactivateUser } from './accounts.js';
import { createUser } from './create-user.js';

const PASSWORD = 'correct horse battery staple';
const T0 = '2026-11-20T12:00:00.000Z';

forEachEngine('users admin: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let mail: ReturnType<typeof memoryMailer>;
  let md: MailDeps;
  let admin: Actor;
  let editor: Actor;
  let n = 0;

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db, T0);
    admin = { id: (await createUser(deps, { email: 'chief@example.org', name: 'Chief', role: 'admin', password: PASSWORD })).id, role: 'admin', active: true };
    editor = { id: (await createUser(deps, { email: 'ed@example.org', name: 'Ed', role: 'editor', password: PASSWORD })).id, role: 'editor', active: true };
  });
  afterAll(async () => opened?.cleanup());
  beforeEach(() => {
    deps.setNow(T0);
    mail = memoryMailer();
    md = { ...deps, mailer: mail, siteUrl: 'https://news.example.org', siteName: 'The Courier' };
    n++;
  });
  const someone = async (role = 'author') =>
    (await createUser(deps, { email: `person${n}-${role}@example.org`, name: `Person ${n}`, role, password: PASSWORD })).id;

  it('invites: creates the account and mails a 7-day link to choose a password; nobody knows a password before', async () => {
    const email = `new${n}@example.org`;
    const { id } = await inviteUser(md, admin, { email, name: 'New Reporter', role: 'translator' });
    expect(mail.sent[0]).toMatchObject({ to: email, subject: 'You are invited to The Courier' });
    expect(mail.sent[0]!.text).toContain('"translator"');
    const token = mail.lastLink().split('/').at(-1)!;
    expect(await checkPasswordLink(deps, token)).toMatchObject({ email, purpose: 'invite' });
    const row = await opened.db.kysely.selectFrom('password_resets').selectAll().where('user_id', '=', id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBe(new Date(Date.parse(T0) + INVITE_TTL_MS).toISOString());
    await confirmPasswordReset(deps, { token, password: 'my own passphrase', ip: null });
    await expect(login(deps, { email, password: 'my own passphrase', ip: null, userAgent: null })).resolves.toBeTruthy();
    const audit = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: id });
    expect(audit.map((a) => a.action).reverse()).toEqual(['user.invited', 'invitation.accepted', 'login']);
    expect(audit.at(-1)).toMatchObject({ actorUserId: admin.id, details: { email, role: 'translator' } });
  });

  it('refuses invitations with bad fields or an address already in use', async () => {
    expect((await refused(inviteUser(md, admin, { email: 'not-an-email', name: 'X', role: 'author' }))).code).toBe('VALIDATION_FAILED');
    expect((await refused(inviteUser(md, admin, { email: 'a@example.org', name: 'X', role: 'king' }))).code).toBe('VALIDATION_FAILED');
    expect((await refused(inviteUser(md, admin, { email: 'ED@example.org', name: 'X', role: 'author' }))).code).toBe('DUPLICATE');
    expect(mail.sent).toHaveLength(0);
  });

  it("regression: an invitation's account and link are rolled back with its audit row", async () => {
    const k = opened.db.kysely;
    await sql`alter table audit_log rename to audit_log_away`.execute(k);
    try {
      await expect(inviteUser(md, admin, { email: 'unrecorded@example.org', name: 'Unrecorded', role: 'author' })).rejects.toThrow();
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(k);
    }
    expect(await k.selectFrom('users').select('id').where('email', '=', 'unrecorded@example.org').executeTakeFirst()).toBeUndefined();
    expect(mail.sent.filter((m) => m.to === 'unrecorded@example.org')).toHaveLength(0);
  });

  it('says when the invitation could not be mailed (the account exists; the person can ask for a link later)', async () => {
    const failing: Mailer = { kind: 'failing', send: async () => Promise.reject(new Error('connection refused')) };
    const e = await refused(inviteUser({ ...md, mailer: failing }, admin, { email: `lost${n}@example.org`, name: 'Lost', role: 'author' }));
    expect(e.code).toBe('MAIL_FAILED');
    expect(e.hint).toContain('Forgot your password?');
  });

  it('only admins may invite, change roles, deactivate and list accounts', async () => {
    const target = await someone();
    for (const attempt of [
      inviteUser(md, editor, { email: `x${n}@example.org`, name: 'X', role: 'author' }),
      changeRole(deps, editor, target, 'editor'),
      deactivateUser(deps, editor, target),
      reactivateUser(deps, editor, target),
      listAccounts(deps, editor),
    ]) {
      const e = await refused(attempt);
      expect(e.code).toBe('FORBIDDEN');
      expect(e.status).toBe(403);
    }
    // A deactivated admin is nobody.
    expect((await refused(changeRole(deps, { ...admin, active: false }, target, 'editor'))).code).toBe('FORBIDDEN');
  });

  it('changes a role, takes effect on the next request, and records from and to', async () => {
    const id = await someone('author');
    const { token } = await login(deps, { email: `person${n}-author@example.org`, password: PASSWORD, ip: null, userAgent: null });
    await changeRole(deps, admin, id, 'editor');
    expect((await sessionFromToken(deps, token))!.user.role).toBe('editor');
    const [row] = await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: id });
    expect(row).toMatchObject({ action: 'user.role-changed', actorUserId: admin.id, details: { from: 'author', to: 'editor' } });
    expect((await refused(changeRole(deps, admin, id, 'owner'))).code).toBe('VALIDATION_FAILED');
    expect((await refused(changeRole(deps, admin, 999_999, 'editor'))).code).toBe('NOT_FOUND');
  });

  it('keeps at least one active admin', async () => {
    const e = await refused(changeRole(deps, admin, admin.id, 'editor'));
    expect(e.code).toBe('CONFLICT');
    expect((await refused(deactivateUser(deps, admin, admin.id))).code).toBe('CONFLICT');
  });

  it('deactivating ends every session at once; the account cannot log in until reactivated', async () => {
    const id = await someone('contributor');
    const email = `person${n}-contributor@example.org`;
    const a = await login(deps, { email, password: PASSWORD, ip: null, userAgent: null });
    const b = await login(deps, { email, password: PASSWORD, ip: null, userAgent: null });
    expect(await deactivateUser(deps, admin, id)).toEqual({ sessionsEnded: 2 });
    expect(await sessionFromToken(deps, a.token)).toBeNull();
    expect(await sessionFromToken(deps, b.token)).toBeNull();
    expect((await refused(login(deps, { email, password: PASSWORD, ip: null, userAgent: null }))).code).toBe('ACCOUNT_INACTIVE');
    expect((await listAccounts(deps, admin)).find((u) => u.id === id)).toMatchObject({ active: false });
    await reactivateUser(deps, admin, id);
    await expect(login(deps, { email, password: PASSWORD, ip: null, userAgent: null })).resolves.toBeTruthy();
    const actions = (await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: id })).map((r) => r.action);
    expect(actions.slice(0, 3)).toEqual(['login', 'user.reactivated', 'user.deactivated']);
    expect((await listAudit(opened.db.kysely, { subjectType: 'user', subjectId: id })).find((r) => r.action === 'user.deactivated')).toMatchObject({
      actorUserId: admin.id,
      details: { sessionsEnded: 2 },
    });
  });
});
