import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import type { Agent } from '#test/admin.js';
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
