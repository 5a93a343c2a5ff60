import { afterAll, beforeAll, expect, it } from 'vitest';
import { userPrincipal } from '../src/content/principal.js';
import { createApiKey } from '../src/services/api-keys.js';
import { createUser } from '../src/services/create-user.js';
import { updateSiteSettings } from '../src/services/site-settings.js';
import { cachedSite, type CachedSite } from './support/cached-site.js';
import { forEachEngine } from './support/for-each-engine.js';
import { TEST_SITE } from './support/site.js';

/**
 * Settings over real HTTP, through the page cache's fast path, as `masthead serve` runs it: a save through the API is
 * on the very next request of a cached page, and a save by another instance (another live site context on the same
 * change bus, as PostgreSQL's LISTEN/NOTIFY delivers it) is reloaded and purged too.
 */
forEachEngine('settings through the page cache: %s', (engine) => {
  let s: CachedSite;
  let key: string;
  beforeAll(async () => {
    s = await cachedSite({ engine });
    key = (await createApiKey(s.deps, { name: 'settings script', role: 'admin' })).key;
  }, 60_000);
  afterAll(async () => s?.close());

  const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

  it('a saved name is on the next request of a cached page, in its language only', async () => {
    for (const path of ['/en/', '/ru/']) await s.get(path);
    await s.cache.idle();
    expect((await s.get('/ru/')).headers['x-cache']).toBe('HIT');
    const res = await fetch(`${s.base}/api/admin/v1/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteName: { ru: 'Степной курьер' } }),
    });
    expect(res.status).toBe(200);
    expect(title(await s.text('/ru/'))).toBe('Степной курьер');
    expect(title(await s.text('/en/'))).toBe('Masthead Demo');
    await s.cache.idle();
    expect((await s.get('/ru/')).headers['x-cache']).toBe('HIT');
  });

  it('settings saved by another instance are reloaded, and the cached pages purged', async () => {
    await s.get('/ru/');
    await s.cache.idle();
    const admin = await createUser(s.deps, { email: `other-${engine}@example.org`, name: 'Other', role: 'admin', password: 'correct horse battery staple' });
    // Another instance: its own live site context, the same database and change bus.
    await updateSiteSettings(s.deps, userPrincipal({ id: admin.id, role: 'admin', active: true }), { ...TEST_SITE }, { siteName: { ru: 'Курьер степи' } });
    let seen = '';
    for (let i = 0; i < 50 && seen !== 'Курьер степи'; i++) {
      seen = title(await s.text('/ru/')) ?? '';
      if (seen !== 'Курьер степи') await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe('Курьер степи');
  });
});
