import QRCode from 'qrcode';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSite, expectJson, expectProblem, PASSWORD, type AdminSite, type Agent } from '#test/admin.js';
import { createApiKey } from '../../services/api-keys.js';
import { createUser } from '../../services/create-user.js';
import { forEachEngine } from '#test/for-each-engine.js';

const NEW_PASSWORD = 'a brand new passphrase';
const appCode = (secret: string, ms: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

forEachEngine('your account over HTTP: %s', (engine) => {
  let s: AdminSite;
  beforeAll(async () => {
    s = await adminSite(engine, { trustProxy: true });
  });
  afterAll(async () => s?.cleanup());

  let nextIp = 0;
  const agent = () => s.agent({ 'x-forwarded-for': `198.51.100.${++nextIp}` });
  let nextUser = 0;
  /** A fresh account of the role (tests change passwords and addresses), and a browser logged in to it. */
  const person = async (role: 'admin' | 'editor' | 'author' = 'author') => {
    const email = `acct${++nextUser}@example.org`;
    const { id } = await createUser(s.deps, { email, name: `Account ${nextUser}`, role, password: PASSWORD });
    const a = agent();
    expect((await a.login(email)).status).toBe(303);
    return { a, email, id };
  };
  const form = async (a: Agent, path: string, fields: Record<string, string>) => a.post(path, { _csrf: await a.csrfFrom('/admin/account'), ...fields });
  /** What the person's app shows now (the site's clock, which tests hold still). */
  const codeNow = (secret: string) => appCode(secret, s.deps.clock().getTime());
  /** Sets up two-factor sign-in through the forms; returns the secret and the recovery codes shown once. */
  async function enrol(a: Agent) {
    await form(a, '/admin/account/2fa/start', {});
    const html = await (await a.get('/admin/account')).text();
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(html)![1]!;
    expect(html).toMatch(/id="totp-uri">otpauth:\/\/totp\//);
    // The same address as a QR code an app can scan: the modules drawn are those of exactly this address.
    const uri = /id="totp-uri">([^<]+)</.exec(html)![1]!.replace(/&amp;/g, '&');
    const qr = /<svg class="qr"[^>]*aria-label="QR code of the key, for your authenticator app"[^>]*>.*?<path d="([^"]+)"/.exec(html);
    expect(qr).not.toBeNull();
    const { size, data } = QRCode.create(uri, { errorCorrectionLevel: 'M' }).modules;
    const drawn = new Set([...qr![1]!.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`));
    const dark = new Set<string>();
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (data[y * size + x]) dark.add(`${x},${y}`);
    expect(drawn).toEqual(dark);
    const wrong = await form(a, '/admin/account/2fa/confirm', { code: '000000' });
    expect(wrong.status).toBe(401);
    const codes = await form(a, '/admin/account/2fa/confirm', { code: codeNow(secret) });
    expect(codes.status).toBe(200);
    const recovery = [...(await codes.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
    return { secret, recovery };
  }

  it('is for the logged in, linked from the header, and shows the forms without JavaScript', async () => {
    const out = await agent().get('/admin/account');
    expect(out.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Faccount');
    const { a, email } = await person();
    const html = await (await a.get('/admin/account')).text();
    expect(html).toContain('<a href="/admin/account" aria-current="page">');
    for (const action of ['/admin/account/profile', '/admin/account/email', '/admin/account/password', '/admin/account/2fa/start'])
      expect(html).toContain(`action="${action}"`);
    expect(html).toContain(email);
    expect(html).toContain('(this one)');
    expect(await (await a.get('/admin')).text()).toContain('href="/admin/account"');
  });

  it('refuses a form without the session’s CSRF token', async () => {
    const { a } = await person();
    const res = await a.post('/admin/account/profile', { _csrf: 'x'.repeat(43), name: 'Someone Else' }, { accept: 'application/json' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('CSRF_FAILED');
  });

  it('saves the name and the interface language', async () => {
    const { a } = await person();
    const res = await form(a, '/admin/account/profile', { name: 'Наталья Гришина', interfaceLanguage: 'kk' });
    expect(res.headers.get('location')).toBe('/admin/account?done=profile');
    const html = await (await a.get('/admin/account?done=profile')).text();
    expect(html).toContain('value="Наталья Гришина"');
    expect(html).toContain('<option value="kk" selected="">');
    expect(html).toContain('Saved.');
  });

  it('a password change logs out the other browser, keeps this one, and refuses a wrong current password on the page', async () => {
    const { a, email } = await person();
    const other = agent();
    await other.login(email);
    const wrong = await form(a, '/admin/account/password', { current: 'not it', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('Your current password is not right');
    const mismatch = await form(a, '/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: 'something else entirely' });
    expect(mismatch.status).toBe(422);
    const ok = await form(a, '/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(ok.headers.get('location')).toBe('/admin/account?done=password');
    expect((await a.get('/admin/account')).status).toBe(200);
    expect((await other.get('/admin/account')).status).toBe(303);
  });

  it('refuses a wrong current password in the user’s language (ru), the English reason kept in closed details', async () => {
    const { a } = await person();
    expect((await form(a, '/admin/account/profile', { name: 'Наталья', interfaceLanguage: 'ru' })).status).toBe(303);
    const wrong = await form(a, '/admin/account/password', { current: 'not it', password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(wrong.status).toBe(403);
    const html = await wrong.text();
    const message = /<div class="message error" id="account-error"[^>]*>(.*?)<\/div>/s.exec(html)![1]!;
    expect(message).toContain('<p>Текущий пароль неверен.</p>');
    expect(message).toContain('<details class="error-details"><summary>Подробности</summary><p lang="en">Your current password is not right');
    expect(message).not.toContain('<details open');
    // The English words appear nowhere but inside the details.
    expect(html.replace(/<details.*?<\/details>/gs, '')).not.toContain('Your current password is not right');
  });

  it('changes the address only through the link mailed to it, which asks for a click', async () => {
    const { a, email, id } = await person();
    const newEmail = `renamed${id}@example.org`;
    const res = await form(a, '/admin/account/email', { email: newEmail, password: PASSWORD });
    expect(res.headers.get('location')).toBe('/admin/account?done=email-sent');
    const mail = s.mailer.sent.at(-1)!;
    expect(mail.to).toBe(newEmail);
    const link = new URL(/https?:\/\/\S+\/admin\/account\/email\/[A-Za-z0-9_-]+/.exec(mail.text)![0]!).pathname;
    // Opened in another browser, not logged in: a page with a button; the GET changes nothing.
    const b = agent();
    const page = await b.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(newEmail);
    expect(await (await a.get('/admin/account')).text()).toContain(`You log in with <strong>${email}</strong>`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const done = await b.post(link, { _csrf: csrf });
    expect(done.headers.get('location')).toBe('/admin/login?done=email-changed');
    expect(s.mailer.sent.at(-1)!.to).toBe(email);
    expect(await (await a.get('/admin/account')).text()).toContain(`You log in with <strong>${newEmail}</strong>`);
    expect((await b.get(link)).status).toBe(400);
  });

  it('ends one other session, or every other', async () => {
    const { a, email } = await person();
    const phone = agent();
    await phone.login(email);
    const laptop = agent();
    await laptop.login(email);
    const html = await (await a.get('/admin/account')).text();
    const ids = [...html.matchAll(/action="\/admin\/account\/sessions\/(\d+)\/end"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    // Most recently active first: the laptop logged in last.
    expect((await form(a, `/admin/account/sessions/${ids[0]}/end`, {})).headers.get('location')).toBe('/admin/account?done=session-ended');
    expect((await laptop.get('/admin/account')).status).toBe(303);
    expect((await phone.get('/admin/account')).status).toBe(200);
    expect((await form(a, '/admin/account/sessions/others/end', {})).headers.get('location')).toBe('/admin/account?done=logged-out-elsewhere');
    expect((await phone.get('/admin/account')).status).toBe(303);
    expect((await a.get('/admin/account')).status).toBe(200);
  });

  it('enrols two-factor sign-in through the forms; the next login asks for the code', async () => {
    const { a, email } = await person('editor');
    const { recovery } = await enrol(a);
    expect(recovery).toHaveLength(10);

    const b = agent();
    const res = await b.login(email);
    expect(res.headers.get('location')).toBe('/admin/login/code');
    // The challenge is not a session.
    expect((await b.get('/admin/account')).status).toBe(303);
    const codePage = await b.get('/admin/login/code');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await codePage.text())![1]!;
    const bad = await b.post('/admin/login/code', { _csrf: csrf, code: '000000' });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('That code is not right');
    const good = await b.post('/admin/login/code', { _csrf: csrf, code: recovery[0]! });
    expect(good.headers.get('location')).toBe('/admin');
    expect((await b.get('/admin/account')).status).toBe(200);
  });

  it('an admin requires two-factor sign-in: an editor without it is sent to the account page, and the API refuses their session', async () => {
    const boss = await person('admin');
    await enrol(boss.a);
    const { a } = await person('editor');
    const writer = await person('author');
    const on = await boss.a.post('/admin/users/require-2fa', { _csrf: await boss.a.csrfFrom('/admin/users'), require: 'on' });
    expect(on.headers.get('location')).toBe('/admin/users?done=require-2fa-on');
    try {
      const res = await a.get('/admin/articles');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/account#two-factor');
      expect(await (await a.get('/admin/account')).text()).toContain('This newsroom requires two-factor sign-in for your role.');
      const api = await a.get('/admin/api/v1/articles', { accept: 'application/json' });
      await expectProblem(api, 403, 'TWO_FACTOR_REQUIRED');
      expect((await a.get('/admin/api/v1/me')).status).toBe(200);
      expect((await writer.a.get('/admin/articles')).status).toBe(200);
    } finally {
      await boss.a.post('/admin/users/require-2fa', { _csrf: await boss.a.csrfFrom('/admin/users') });
    }
    expect((await a.get('/admin/articles')).status).toBe(200);
  });

  it('only an admin may flip the switch', async () => {
    const { a } = await person('editor');
    const res = await a.post('/admin/users/require-2fa', { _csrf: await a.csrfFrom('/admin/account'), require: 'on' }, { accept: 'application/json' });
    expect(res.status).toBe(403);
  });

  describe('every account form refuses a request without the right CSRF token, and changes nothing', () => {
    const posts: [string, Record<string, string>][] = [
      ['/admin/account/profile', { name: 'Forged Name', interfaceLanguage: 'ru' }],
      ['/admin/account/email', { email: 'forged@example.org', password: PASSWORD }],
      ['/admin/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }],
      ['/admin/account/sessions/others/end', {}],
      ['/admin/account/2fa/start', {}],
      ['/admin/account/2fa/confirm', { code: '123456' }],
      ['/admin/account/2fa/cancel', {}],
      ['/admin/account/2fa/disable', { password: PASSWORD, code: '123456' }],
      ['/admin/account/2fa/recovery-codes', { password: PASSWORD, code: '123456' }],
      ['/admin/users/require-2fa', { require: 'on' }],
    ];
    for (const [path, fields] of posts) {
      it(`POST ${path}`, async () => {
        const { a, email } = await person('admin');
        const other = agent();
        await other.login(email);
        const good = await a.csrfFrom('/admin/account');
        for (const [token, headers] of [
          [undefined, {}],
          ['', {}],
          ['A'.repeat(43), {}],
          [good, { 'sec-fetch-site': 'cross-site' }],
        ] as const) {
          const res = await a.post(path, token === undefined ? fields : { _csrf: token, ...fields }, headers);
          expect(res.status, String(token)).toBe(403);
          expect(await res.text()).toContain('<code>CSRF_FAILED</code>');
        }
        const html = await (await a.get('/admin/account')).text();
        expect(html).not.toContain('Forged Name');
        expect(html).toContain('Set up two-factor sign-in');
        expect(s.mailer.sent.some((m) => m.to === 'forged@example.org')).toBe(false);
        expect((await other.get('/admin/account')).status).toBe(200);
        expect((await a.get('/admin/articles')).status).toBe(200);
      });
    }
  });

  describe('the API', () => {
    const csrfOf = async (a: Agent) => /name="_csrf" value="([^"]+)"/.exec(await (await a.get('/admin/account')).text())![1]!;
    const api = (a: Agent, method: string, path: string, body: unknown, csrf: string) =>
      a.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': csrf } });

    it('GET and PATCH /me, with a session', async () => {
      const { a, email, id } = await person();
      const me = await expectJson(await a.get('/admin/api/v1/me'));
      expect(me).toMatchObject({ id, email, role: 'author', interfaceLanguage: null, twoFactor: { enabled: false } });
      const csrf = await csrfOf(a);
      const patched = await expectJson(await api(a, 'PATCH', '/admin/api/v1/me', { name: 'Renamed', interfaceLanguage: 'ru' }, csrf));
      expect(patched).toMatchObject({ name: 'Renamed', interfaceLanguage: 'ru' });
      const bad = await expectProblem(await api(a, 'PATCH', '/admin/api/v1/me', { interfaceLanguage: 'de', role: 'admin' }, csrf), 422, 'VALIDATION_FAILED');
      expect(bad['errors'].map((e: { field: string }) => e.field).sort()).toEqual(['interfaceLanguage', 'role']);
    });

    it('POST /me/password ends the other sessions; a wrong current password is CURRENT_PASSWORD_WRONG', async () => {
      const { a, email } = await person();
      const other = agent();
      await other.login(email);
      const csrf = await csrfOf(a);
      await expectProblem(
        await api(a, 'POST', '/admin/api/v1/me/password', { currentPassword: 'nope', newPassword: NEW_PASSWORD }, csrf),
        403,
        'CURRENT_PASSWORD_WRONG',
      );
      const ok = await expectJson(await api(a, 'POST', '/admin/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, csrf));
      expect(ok).toEqual({ sessionsEnded: 1 });
      expect((await other.get('/admin/account')).status).toBe(303);
      expect((await a.get('/admin/api/v1/me')).status).toBe(200);
    });

    it('an API key has no account: /me is SESSION_REQUIRED', async () => {
      const { key } = await createApiKey(s.deps, { name: 'script', role: 'admin' });
      const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
      await expectProblem(await s.app.request('/api/admin/v1/me', { headers }), 403, 'SESSION_REQUIRED');
      await expectProblem(
        await s.app.request('/api/admin/v1/me/password', {
          method: 'POST',
          headers,
          body: JSON.stringify({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }),
        }),
        403,
        'SESSION_REQUIRED',
      );
    });
  });
});
