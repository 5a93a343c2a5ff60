import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
import { testImage } from '#test/images.js';
import { readSiteSettingRows } from '../../db/site-settings-repo.js';

describeApi('admin settings screen: %s', ({ site: s }) => {
  let admin: Agent;
  let csrf: string;
  const form = (over: Record<string, string> = {}) => ({
    _csrf: csrf,
    'name-en': 'The Steppe Courier',
    'name-ru': 'Степной курьер',
    'name-kk': '',
    'tagline-en': '',
    'tagline-ru': 'Новости степи',
    'tagline-kk': '',
    logoMediaId: '',
    defaultLanguage: 'en',
    timeZone: 'Asia/Almaty',
    'social-x': '@steppecourier',
    'policy-ethicsPolicy': '/en/ethics',
    ...over,
  });

  beforeAll(async () => {
    admin = s.agent();
    await admin.login('admin@example.org');
    csrf = await admin.csrfFrom('/admin/settings');
  });

  it('is linked in the admin’s menu and opened for admins only; visitors go to the login form', async () => {
    const html = await (await admin.get('/admin/settings')).text();
    expect(html).toContain('<a href="/admin/settings" aria-current="page">Settings</a>');
    expect(html).toContain('value="Masthead Demo"');
    for (const role of ['editor', 'author', 'translator', 'contributor']) {
      const a = s.agent();
      await a.login(`${role}@example.org`);
      const dashboard = await (await a.get('/admin')).text();
      expect(dashboard, role).not.toContain('href="/admin/settings"');
      expect((await a.get('/admin/settings')).status, role).toBe(403);
      const token = await a.csrfFrom('/admin');
      expect((await a.post('/admin/settings', { ...form(), _csrf: token })).status, role).toBe(403);
    }
    expect((await s.agent().get('/admin/settings')).status).toBe(303);
    expect((await readSiteSettingRows(s.db.kysely)).size).toBe(0);
  });

  it('saves the form; the next public page shows the new name and tagline', async () => {
    const res = await admin.post('/admin/settings', form());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?done=saved');
    expect(await (await admin.get('/admin/settings?done=saved')).text()).toContain('Settings saved.');
    // The time zone and language sent were the environment's: not stored.
    expect([...(await readSiteSettingRows(s.db.kysely)).keys()].sort()).toEqual(['policies', 'siteName', 'social', 'tagline']);
    const ru = await (await s.app.request('/ru/')).text();
    expect(ru).toContain('<title>Степной курьер</title>');
    expect(ru).toContain('© Степной курьер. Новости степи');
    expect(ru).toContain('<meta name="twitter:site" content="@steppecourier"/>');
    expect(ru).toContain('"ethicsPolicy":"https://news.example.org/en/ethics"');
    expect(await (await s.app.request('/kk/')).text()).toContain('<title>The Steppe Courier</title>');
  });

  it('uploads a logo into the library and chooses it in one step; a too small one is refused on the page', async () => {
    const upload = async (bytes: Uint8Array, name: string) => {
      const body = new FormData();
      body.append('_csrf', csrf);
      body.append('file', new Blob([bytes], { type: 'image/png' }), name);
      return admin.request('/admin/settings/logo', { method: 'POST', body });
    };
    const small = await upload(await testImage('png', 120, 120), 'small.png');
    expect(small.status).toBe(422);
    expect(await small.text()).toContain('at least 200 × 200 pixels');
    const res = await upload(await testImage('png', 512, 512), 'logo.png');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/settings?done=logo');
    const page = await (await admin.get('/admin/settings?done=logo')).text();
    expect(page).toContain('Logo uploaded and chosen.');
    expect(page).toMatch(/<p class="logo-now"><img src="\/media\/[^"]+\.jpg"/);
    const ru = await (await s.app.request('/ru/')).text();
    expect(ru).toMatch(
      /<meta property="og:image" content="https:\/\/news\.example\.org\/media\/[^"]+\.jpg"\/><meta property="og:image:width" content="512"\/>/,
    );
    // Only an admin: the file is not even read for anyone else.
    const editor = s.agent();
    await editor.login('editor@example.org');
    const body = new FormData();
    body.append('_csrf', await editor.csrfFrom('/admin'));
    body.append('file', new Blob([await testImage('png', 300, 300)], { type: 'image/png' }), 'mine.png');
    expect((await editor.request('/admin/settings/logo', { method: 'POST', body })).status).toBe(403);
  });

  it('shows a refusal with what was sent, and stores nothing of it', async () => {
    const res = await admin.post('/admin/settings', form({ 'name-ru': 'Другое имя', timeZone: 'Mars/Olympus', 'social-facebook': 'facebook' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('timeZone');
    expect(html).toContain('social.facebook');
    expect(html).toContain('value="Другое имя"');
    expect(await (await s.app.request('/ru/')).text()).toContain('<title>Степной курьер</title>');
  });
});
