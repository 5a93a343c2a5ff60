import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../../db/audit-repo.js';
import { LOGIN_LIMITS } from '../../services/sessions.js';
import { adminSite, expectProblem, PASSWORD, type AdminSite, type Agent } from '#test/admin.js';
import { createApiKey } from '../../services/api-keys.js';
import { forEachEngine } from '#test/for-each-engine.js';

const JSON_ACCEPT = { accept: 'application/json' };

const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

forEachEngine('admin over HTTP: %s', (engine) => {
  let s: AdminSite;
  beforeAll(async () => {
    s = await adminSite(engine, { trustProxy: true });
  });
  afterAll(async () => s?.cleanup());

  // Each test works from its own address, so the per-address login limit of one never touches another.
  let nextIp = 0;
  const agent = () => s.agent({ 'x-forwarded-for': `203.0.113.${++nextIp}` });
  const loggedIn = async (role: keyof AdminSite['users'] = 'admin') => {
    const a = agent();
    expect((await a.login(s.users[role].email)).status).toBe(303);
    return a;
  };

  describe('logging in', () => {
    it('sends a visitor to the login form and, after logging in, back to where they were going', async () => {
      const a = agent();
      const first = await a.get('/admin/users');
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fusers');
      const form = await a.get(first.headers.get('location')!);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('action="/admin/login?next=%2Fadmin%2Fusers"');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const res = await a.post('/admin/login?next=%2Fadmin%2Fusers', { _csrf: csrf, email: s.users.admin.email, password: PASSWORD });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/users');
      expect((await a.get('/admin/users')).status).toBe(200);
      const dashboard = await (await a.get('/admin')).text();
      expect(dashboard).toContain('Admin Person (you, here)');
    });

    it('sets HttpOnly, SameSite=Lax, Path=/admin, Secure cookies on an https site', async () => {
      const a = agent();
      await a.get('/admin/login');
      expect(a.lastSetCookies[0]).toMatch(/^mh_form=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/admin; HttpOnly; Secure; SameSite=Lax$/);
      await a.login(s.users.editor.email);
      expect(a.lastSetCookies).toHaveLength(1);
      expect(a.lastSetCookies[0]).toMatch(/^mh_session=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=\/admin; HttpOnly; Secure; SameSite=Lax$/);
    });

    it('only returns to admin pages after login', async () => {
      for (const next of ['//evil.example/admin', 'https://evil.example/', '/admin/../en/', '/en/']) {
        const a = agent();
        const csrf = await a.csrfFrom('/admin/login');
        const res = await a.post(`/admin/login?next=${encodeURIComponent(next)}`, { _csrf: csrf, email: s.users.author.email, password: PASSWORD });
        expect(res.headers.get('location'), next).toBe('/admin');
      }
    });

    it('shows the form again with the error for a wrong password (401), and the code for scripts', async () => {
      const a = agent();
      const res = await a.login(s.users.author.email, 'wrong password');
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('That email and password do not match an account.');
      expect(html).toContain(`value="${s.users.author.email}"`);
      expect(html).toContain('role="alert"');
      const csrf = await a.csrfFrom('/admin/login');
      expect(await codeOf(await a.post('/admin/login', { _csrf: csrf, email: 'x@example.org', password: 'y' }, JSON_ACCEPT))).toBe('LOGIN_FAILED');
    });

    it(`answers 429 with Retry-After once an account has ${LOGIN_LIMITS.perAccount} failures`, async () => {
      for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect((await agent().login(s.users.translator.email, 'wrong')).status).toBe(401);
      const res = await agent().login(s.users.translator.email);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
      const html = await res.text();
      expect(html).toContain('Too many failed login attempts for this account.');
      expect(html).toMatch(/Try again in 15 minutes/);
      const a = agent();
      const csrf = await a.csrfFrom('/admin/login');
      expect(await codeOf(await a.post('/admin/login', { _csrf: csrf, email: s.users.translator.email, password: PASSWORD }, JSON_ACCEPT))).toBe(
        'RATE_LIMITED',
      );
      s.deps.setNow('2026-11-20T12:15:00.000Z');
      expect((await agent().login(s.users.translator.email)).status).toBe(303);
      s.deps.setNow('2026-11-20T12:00:00.000Z');
    });

    it(`answers 429 to an address with ${LOGIN_LIMITS.perIp} failures, whatever the account`, async () => {
      const a = agent();
      for (let i = 0; i < LOGIN_LIMITS.perIp; i++) expect((await a.login(`guess${i}@example.org`, 'wrong')).status).toBe(401);
      expect((await a.login(s.users.contributor.email)).status).toBe(429);
      expect((await agent().login(s.users.contributor.email)).status).toBe(303);
    });
  });

  describe('CSRF', () => {
    type Case = { name: string; run: (a: Agent, token: string | undefined, extra?: Record<string, string>) => Promise<Response>; form: boolean };
    let victim: number;
    let resetPath: string;

    beforeAll(async () => {
      victim = s.users.contributor.id;
      const a = agent();
      const csrf = await a.csrfFrom('/admin/password/forgot');
      await a.post('/admin/password/forgot', { _csrf: csrf, email: s.users.editor.email });
      resetPath = new URL(s.mailer.lastLink()).pathname;
    });

    const with_ = (token: string | undefined, fields: Record<string, string>) => (token === undefined ? fields : { _csrf: token, ...fields });
    const cases: Case[] = [
      { name: 'POST /admin/login', form: true, run: (a, t, h) => a.post('/admin/login', with_(t, { email: s.users.admin.email, password: PASSWORD }), h) },
      { name: 'POST /admin/password/forgot', form: true, run: (a, t, h) => a.post('/admin/password/forgot', with_(t, { email: s.users.admin.email }), h) },
      {
        name: 'POST /admin/password/reset/:token',
        form: true,
        run: (a, t, h) => a.post(resetPath, with_(t, { password: 'a new passphrase!', confirm: 'a new passphrase!' }), h),
      },
      { name: 'POST /admin/logout', form: false, run: (a, t, h) => a.post('/admin/logout', with_(t, {}), h) },
      { name: 'POST /admin/logout-everywhere', form: false, run: (a, t, h) => a.post('/admin/logout-everywhere', with_(t, {}), h) },
      {
        name: 'POST /admin/users/invite',
        form: false,
        run: (a, t, h) => a.post('/admin/users/invite', with_(t, { email: 'csrf@example.org', name: 'C', role: 'admin' }), h),
      },
      { name: 'POST /admin/users/:id/role', form: false, run: (a, t, h) => a.post(`/admin/users/${victim}/role`, with_(t, { role: 'admin' }), h) },
      { name: 'POST /admin/users/:id/deactivate', form: false, run: (a, t, h) => a.post(`/admin/users/${victim}/deactivate`, with_(t, {}), h) },
      { name: 'POST /admin/users/:id/reactivate', form: false, run: (a, t, h) => a.post(`/admin/users/${victim}/reactivate`, with_(t, {}), h) },
    ];

    /** An agent holding what a real visitor of that form would hold: the form cookie, or an admin session. */
    const prepared = async (form: boolean) => {
      const a = form ? agent() : await loggedIn('admin');
      if (form) await a.get('/admin/login');
      return a;
    };

    const unchanged = async () => {
      const victimRow = await s.db.kysely.selectFrom('users').selectAll().where('id', '=', victim).executeTakeFirstOrThrow();
      expect(victimRow).toMatchObject({ role: 'contributor', active: 1 });
      expect(await s.db.kysely.selectFrom('users').select('id').where('email', '=', 'csrf@example.org').executeTakeFirst()).toBeUndefined();
      expect((await s.agent().get(resetPath)).status).toBe(200); // the link is still unused
    };

    for (const c of cases) {
      it(`${c.name}: refused (403 CSRF_FAILED) without a token, with a wrong one, and from another site`, async () => {
        for (const token of [undefined, '', 'A'.repeat(43), 'wrong']) {
          const a = await prepared(c.form);
          const res = await c.run(a, token);
          expect(res.status, String(token)).toBe(403);
          const html = await res.text();
          expect(html).toContain('<code>CSRF_FAILED</code>');
          expect(html).toContain('reload the page');
          expect(await codeOf(await c.run(a, token, JSON_ACCEPT))).toBe('CSRF_FAILED');
          // A session is still usable after a refused request.
          if (!c.form) expect((await a.get('/admin')).status).toBe(200);
        }
        const a = await prepared(c.form);
        const good = c.form ? await a.csrfFrom('/admin/login') : await a.csrfFrom('/admin');
        expect((await c.run(a, good, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
        expect((await c.run(a, good, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
        await unchanged();
      });
    }

    it("a form token is only good with the browser's own form cookie", async () => {
      const a = agent();
      const token = await a.csrfFrom('/admin/login');
      const b = agent();
      await b.get('/admin/login'); // b has a form cookie of its own
      expect((await b.post('/admin/login', { _csrf: token, email: s.users.admin.email, password: PASSWORD })).status).toBe(403);
      const c = agent(); // c has none
      expect((await c.post('/admin/login', { _csrf: token, email: s.users.admin.email, password: PASSWORD })).status).toBe(403);
    });

    it("a session's token is not another session's", async () => {
      const a = await loggedIn('admin');
      const b = await loggedIn('admin');
      const tokenOfA = await a.csrfFrom('/admin');
      expect((await b.post(`/admin/users/${victim}/role`, { _csrf: tokenOfA, role: 'editor' })).status).toBe(403);
    });

    it('accepts the token in the X-CSRF-Token header (for scripts) and from the same origin', async () => {
      const a = await loggedIn('admin');
      const token = await a.csrfFrom('/admin');
      const res = await a.request(`/admin/users/${victim}/role`, {
        method: 'POST',
        headers: { 'x-csrf-token': token, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'role=editor',
      });
      expect(res.status).toBe(303);
      await a.post(`/admin/users/${victim}/role`, { _csrf: token, role: 'contributor' });
      await unchanged();
    });
  });

  describe('bodies that cannot be read', () => {
    // Multipart with a boundary the body never uses: what a fuzzer or a broken client sends.
    const garbage = (extra: Record<string, string> = {}) => ({
      method: 'POST',
      body: 'this is not multipart at all',
      headers: { 'content-type': 'multipart/form-data; boundary=x', ...extra },
    });
    // A 400 is the client's mistake: nothing goes to the error log (a 500 logs its stack trace there).
    let logged: ReturnType<typeof vi.spyOn>;
    beforeAll(() => {
      logged = vi.spyOn(s.deps.log, 'error');
    });
    afterEach(() => {
      const errors = logged.mock.calls.length;
      logged.mockClear();
      expect(errors).toBe(0);
    });
    afterAll(() => logged.mockRestore());

    it('regression: a login form whose multipart body does not parse is 400 BAD_REQUEST on the admin error page, not a 500', async () => {
      const a = agent();
      await a.get('/admin/login');
      const res = await a.request('/admin/login', garbage());
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('<code>BAD_REQUEST</code>');
      expect(html).toContain('The form could not be read.');
      expect(await codeOf(await a.request('/admin/login', garbage(JSON_ACCEPT)))).toBe('BAD_REQUEST');
    });

    it('regression: an admin form whose body does not parse is 400 BAD_REQUEST, token in the form or in the header', async () => {
      const a = await loggedIn('admin');
      const token = await a.csrfFrom('/admin/users');
      for (const res of [await a.request('/admin/users/invite', garbage()), await a.request('/admin/users/invite', garbage({ 'x-csrf-token': token }))]) {
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('<code>BAD_REQUEST</code>');
      }
    });

    it('regression: an Admin API write with a session and an unreadable body is refused as problem JSON, never a 500', async () => {
      const a = await loggedIn('editor');
      const token = await a.csrfFrom('/admin');
      // Without the header the body is not read at all; with it, a body that is not JSON is 400.
      await expectProblem(await a.request('/admin/api/v1/articles', garbage()), 403, 'CSRF_FAILED');
      await expectProblem(await a.request('/admin/api/v1/articles', garbage({ 'x-csrf-token': token })), 400, 'BAD_REQUEST');
      await expectProblem(await a.request('/admin/api/v1/media', garbage({ 'x-csrf-token': token })), 400, 'BAD_REQUEST');
      const json = { 'content-type': 'application/json', 'x-csrf-token': token };
      const p = await expectProblem(
        await a.request('/admin/api/v1/articles', { method: 'POST', body: '{"headline": "Half', headers: json }),
        400,
        'BAD_REQUEST',
      );
      expect(p['detail']).toBe('The request body is not valid JSON.');
      const { key } = await createApiKey(s.deps, { name: 'unreadable bodies', role: 'editor' });
      await expectProblem(
        await s.app.request('/api/admin/v1/media/1', {
          method: 'PATCH',
          body: '{alt:',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        }),
        400,
        'BAD_REQUEST',
      );
      await expectProblem(await s.app.request('/api/admin/v1/media', { ...garbage({ authorization: `Bearer ${key}` }) }), 400, 'BAD_REQUEST');
    });

    it("the editor's tag call with JSON that does not parse is 400 BAD_REQUEST", async () => {
      const a = await loggedIn('editor');
      const token = await a.csrfFrom('/admin');
      const res = await a.request('/admin/articles/1/tags', {
        method: 'POST',
        body: '{"names": [',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, ...JSON_ACCEPT },
      });
      expect(res.status).toBe(400);
      expect(await codeOf(res)).toBe('BAD_REQUEST');
    });
  });

  describe('logging out', () => {
    it('logout ends this session only', async () => {
      const a = await loggedIn('editor');
      const b = await loggedIn('editor');
      const res = await a.post('/admin/logout', { _csrf: await a.csrfFrom('/admin') });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/login?done=logged-out');
      expect(a.lastSetCookies[0]).toMatch(/^mh_session=; Max-Age=0; Path=\/admin/);
      expect((await a.get('/admin')).status).toBe(303);
      expect((await b.get('/admin')).status).toBe(200);
      expect(await (await a.get('/admin/login?done=logged-out')).text()).toContain('You are logged out.');
    });

    it('logout everywhere ends every session of the account at once', async () => {
      const a = await loggedIn('author');
      const b = await loggedIn('author');
      const other = await loggedIn('editor');
      const res = await a.post('/admin/logout-everywhere', { _csrf: await a.csrfFrom('/admin') });
      expect(res.headers.get('location')).toBe('/admin/login?done=logged-out-everywhere');
      expect((await a.get('/admin')).status).toBe(303);
      // b still holds its cookie, but the session behind it is gone; the stale cookie is cleared.
      const bRes = await b.get('/admin');
      expect(bRes.status).toBe(303);
      expect(b.lastSetCookies[0]).toMatch(/^mh_session=; Max-Age=0/);
      expect((await other.get('/admin')).status).toBe(200);
      const audit = await listAudit(s.db.kysely, { subjectType: 'user', subjectId: s.users.author.id, limit: 1 });
      expect(audit[0]).toMatchObject({ action: 'logout.everywhere', actorUserId: s.users.author.id });
      // Earlier tests left sessions of this account too: all of them ended.
      expect(audit[0]!.details['sessionsEnded']).toBeGreaterThanOrEqual(2);
      expect(await s.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', s.users.author.id).execute()).toEqual([]);
    });

    it('a state-changing request without a session is 401, with a way back to the login page', async () => {
      const res = await agent().post('/admin/logout-everywhere', { _csrf: 'x' });
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain('<code>UNAUTHENTICATED</code>');
      expect(html).toContain('href="/admin/login"');
    });
  });

  describe('password reset', () => {
    it('answers the same page whether or not the address has an account', async () => {
      const page = async (email: string) => {
        const a = agent();
        const res = await a.post('/admin/password/forgot', { _csrf: await a.csrfFrom('/admin/password/forgot'), email });
        expect(res.status).toBe(200);
        return (await res.text()).replace(/nonce="[^"]+"/, '');
      };
      const sent = s.mailer.sent.length;
      expect(await page(s.users.translator.email)).toBe(await page('nobody@example.org'));
      expect(s.mailer.sent.length).toBe(sent + 1);
    });

    it('sets a new password through the link, once; logs the account out everywhere', async () => {
      const author = await loggedIn('author');
      const a = agent();
      await a.post('/admin/password/forgot', { _csrf: await a.csrfFrom('/admin/password/forgot'), email: s.users.author.email });
      const path = new URL(s.mailer.lastLink()).pathname;
      const form = await a.get(path);
      expect(form.status).toBe(200);
      expect(form.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const formHtml = await form.text();
      expect(formHtml).toContain(s.users.author.email);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(formHtml)![1]!;
      const mismatch = await a.post(path, { _csrf: csrf, password: 'a long new passphrase', confirm: 'another passphrase!' });
      expect(mismatch.status).toBe(422);
      expect(await mismatch.text()).toContain('The two passwords are not the same.');
      const short = await a.post(path, { _csrf: csrf, password: 'short', confirm: 'short' });
      expect(short.status).toBe(422);
      const done = await a.post(path, { _csrf: csrf, password: 'a long new passphrase', confirm: 'a long new passphrase' });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe('/admin/login?done=password-set');
      expect((await author.get('/admin')).status).toBe(303);
      const used = await a.get(path);
      expect(used.status).toBe(400);
      const usedHtml = await used.text();
      expect(usedHtml).toContain('This link has expired or has already been used.');
      expect(usedHtml).toContain('<code>TOKEN_INVALID</code>');
      expect((await agent().login(s.users.author.email, 'a long new passphrase')).status).toBe(303);
    });
  });

  describe('users page', () => {
    it('is for admins only: others get a friendly 403', async () => {
      const editor = await loggedIn('editor');
      const res = await editor.get('/admin/users');
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('Not allowed');
      expect(html).toContain('<code>FORBIDDEN</code>');
      expect(await (await editor.get('/admin')).text()).not.toContain('href="/admin/users"');
      const token = await editor.csrfFrom('/admin');
      expect((await editor.post('/admin/users/invite', { _csrf: token, email: 'e@example.org', name: 'E', role: 'admin' })).status).toBe(403);
      expect((await editor.post(`/admin/users/${s.users.editor.id}/role`, { _csrf: token, role: 'admin' })).status).toBe(403);
    });

    it('invites someone, who sets a password through the mailed link and logs in', async () => {
      const admin = await loggedIn('admin');
      const token = await admin.csrfFrom('/admin/users');
      const res = await admin.post('/admin/users/invite', { _csrf: token, email: 'Newcomer@Example.org', name: 'New Comer', role: 'translator' });
      expect(res.headers.get('location')).toBe('/admin/users?done=invited');
      const page = await (await admin.get('/admin/users?done=invited')).text();
      expect(page).toContain('Invitation sent.');
      expect(page).toContain('newcomer@example.org');
      const link = new URL(s.mailer.lastLink()).pathname;
      const newcomer = agent();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await newcomer.get(link)).text())![1]!;
      await newcomer.post(link, { _csrf: csrf, password: 'newcomer passphrase', confirm: 'newcomer passphrase' });
      expect((await newcomer.login('newcomer@example.org', 'newcomer passphrase')).status).toBe(303);
      const dup = await admin.post('/admin/users/invite', { _csrf: token, email: 'newcomer@example.org', name: 'Again', role: 'author' });
      expect(dup.status).toBe(409);
      const dupHtml = await dup.text();
      expect(dupHtml).toContain('already exists');
      expect(dupHtml).toContain('value="Again"');
    });

    it('deactivating someone logs them out at once', async () => {
      const admin = await loggedIn('admin');
      const victimId = s.users.contributor.id;
      const victim = await loggedIn('contributor');
      expect((await victim.get('/admin')).status).toBe(200);
      const res = await admin.post(`/admin/users/${victimId}/deactivate`, { _csrf: await admin.csrfFrom('/admin/users') });
      expect(res.headers.get('location')).toBe('/admin/users?done=deactivated');
      expect((await victim.get('/admin')).status).toBe(303);
      expect((await agent().login(s.users.contributor.email)).status).toBe(403);
      const audit = await listAudit(s.db.kysely, { subjectType: 'user', subjectId: victimId, limit: 1 });
      expect(audit[0]).toMatchObject({ action: 'user.deactivated', actorUserId: s.users.admin.id });
      await admin.post(`/admin/users/${victimId}/reactivate`, { _csrf: await admin.csrfFrom('/admin/users') });
      expect((await agent().login(s.users.contributor.email)).status).toBe(303);
    });

    it('changes a role; refusing to remove the last admin is shown on the page', async () => {
      const admin = await loggedIn('admin');
      const token = await admin.csrfFrom('/admin/users');
      const res = await admin.post(`/admin/users/${s.users.admin.id}/role`, { _csrf: token, role: 'editor' });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('This is the last active administrator.');
      const ok = await admin.post(`/admin/users/${s.users.translator.id}/role`, { _csrf: token, role: 'editor' });
      expect(ok.headers.get('location')).toBe('/admin/users?done=role-changed');
      await admin.post(`/admin/users/${s.users.translator.id}/role`, { _csrf: token, role: 'translator' });
    });
  });

  describe('pages and headers', () => {
    it('admin pages carry a nonce CSP that matches their <style>, no-store and no framing', async () => {
      const a = await loggedIn('admin');
      for (const path of ['/admin/login', '/admin/password/forgot', '/admin', '/admin/users', '/admin/no-such-page']) {
        const res = await (path.includes('login') || path.includes('forgot') ? agent() : a).get(path);
        const csp = res.headers.get('content-security-policy')!;
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        const html = await res.text();
        expect(html).toContain(`<style nonce="${nonce}">`);
        expect(html).not.toMatch(/<script(?![^>]*nonce=)/);
      }
    });

    it('regression: only admins see who is logged in on the dashboard (every account, contributors included, saw all sessions)', async () => {
      const admin = await loggedIn('admin');
      const editor = await loggedIn('editor');
      const contributor = await loggedIn('contributor');
      const adminPage = await (await admin.get('/admin')).text();
      expect(adminPage).toContain('Logged in now');
      expect(adminPage).toContain('Editor Person');
      expect(adminPage).toContain('Contributor Person');
      for (const [role, a] of [
        ['editor', editor],
        ['contributor', contributor],
      ] as const) {
        const res = await a.get('/admin');
        expect(res.status, role).toBe(200);
        const html = await res.text();
        expect(html, role).not.toContain('Logged in now');
        expect(html, role).not.toContain('Admin Person');
        // Their own account's actions stay.
        expect(html, role).toContain('Log out everywhere');
      }
    });

    it('every response gets a fresh nonce', async () => {
      const nonce = async () => /'nonce-([^']+)'/.exec((await agent().get('/admin/login')).headers.get('content-security-policy')!)![1];
      expect(await nonce()).not.toBe(await nonce());
    });

    it('unknown admin addresses get the admin 404 page; /admin/ goes to /admin', async () => {
      const res = await agent().get('/admin/nothing/here');
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('href="/admin/login"');
      expect((await agent().get('/admin/')).headers.get('location')).toBe('/admin');
    });

    it('the error page speaks the browser’s language: the catalogue’s reason, the English one in closed details, the code as it is', async () => {
      const res = await agent().get('/admin/nothing/here', { 'accept-language': 'ru' });
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('<p>Не найдено.</p>');
      expect(html).toMatch(/<details class="error-details"><summary>Подробности<\/summary><p lang="en">[^<]+<\/p><\/details>/);
      expect(html).toContain('<code>NOT_FOUND</code>');
      const en = await (await agent().get('/admin/nothing/here')).text();
      expect(en).not.toContain('<details');
    });
  });
});

describe('admin on a plain-http site', () => {
  it('sets cookies without Secure (a browser would drop them)', async () => {
    const s = await adminSite('sqlite', { site: { siteUrl: 'http://localhost:3000' } });
    try {
      const a = s.agent();
      await a.get('/admin/login');
      expect(a.lastSetCookies[0]).not.toContain('Secure');
      await a.login(s.users.admin.email);
      expect(a.lastSetCookies[0]).toMatch(/^mh_session=.*; Path=\/admin; HttpOnly; SameSite=Lax$/);
    } finally {
      await s.cleanup();
    }
  });

  it('ignores X-Forwarded-For unless told to trust a proxy: a spoofed header buys no fresh limit', async () => {
    const s = await adminSite('sqlite');
    try {
      for (let i = 0; i < LOGIN_LIMITS.perIp; i++) await s.agent({ 'x-forwarded-for': `198.51.100.${i}` }).login(`guess${i}@example.org`, 'wrong');
      expect((await s.agent({ 'x-forwarded-for': '198.51.100.200' }).login(s.users.admin.email)).status).toBe(429);
    } finally {
      await s.cleanup();
    }
  });
});
