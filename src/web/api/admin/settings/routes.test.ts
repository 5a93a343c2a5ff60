import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson, type ApiRole } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { testImage } from '#test/images.js';
import { doc } from '#test/fixtures.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/settings';
const ROLES: ApiRole[] = ['admin', 'editor', 'author', 'translator', 'contributor'];

/** The JSON-LD blocks of a page. */
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as ApiJson);
const meta = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];

describeApi('Admin API settings: %s', ({ site: s, newsroom: n, keys, call }) => {
  it('shows the settings to every newsroom role, the environment’s values until someone saves others', async () => {
    for (const role of ROLES) {
      const body = await expectJson(await call(keys[role], 'GET', BASE));
      expect(body).toMatchObject({
        siteName: { en: 'Masthead Demo' },
        tagline: {},
        logoMediaId: null,
        logo: null,
        defaultLanguage: 'en',
        timeZone: 'Asia/Almaty',
        social: {},
        policies: {},
        environment: { siteUrl: 'https://news.example.org', languages: ['en', 'ru', 'kk'] },
      });
    }
    await expectProblem(await call(null, 'GET', BASE), 401, 'UNAUTHENTICATED');
  });

  it('lets only admins change them (the policy’s settings.edit)', async () => {
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      await expectProblem(await call(keys[role], 'PATCH', BASE, { siteName: { en: 'Taken over' } }), 403, 'FORBIDDEN');
    }
    expect((await expectJson(await call(keys.admin, 'GET', BASE)))['siteName']).toEqual({ en: 'Masthead Demo' });
  });

  it('changes the name per language, the logo, social accounts and policies; the next page shows them', async () => {
    const form = new FormData();
    form.append('file', new Blob([await testImage('png', 800, 800)], { type: 'image/png' }), 'logo.png');
    form.append('alt', 'The Steppe Courier');
    const up = await s.app.request('/api/admin/v1/media', { method: 'POST', body: form, headers: { authorization: `Bearer ${keys.admin}` } });
    const media = await expectJson(up, 201);
    const home = async (path: string) => (await s.app.request(path)).text();
    await home('/ru/'); // rendered once before: what follows must not be the old page
    const body = await expectJson(
      await call(keys.admin, 'PATCH', BASE, {
        siteName: { en: 'The Steppe Courier', ru: 'Степной курьер' },
        tagline: { ru: 'Новости степи' },
        logoMediaId: media['id'],
        social: { x: 'https://x.com/steppecourier', facebook: 'https://facebook.com/steppecourier' },
        policies: { ethicsPolicy: '/en/ethics', masthead: 'https://news.example.org/en/masthead' },
      }),
    );
    expect(body).toMatchObject({
      siteName: { en: 'The Steppe Courier', ru: 'Степной курьер' },
      tagline: { ru: 'Новости степи' },
      logoMediaId: media['id'],
      logo: { large: { width: 800, height: 800 }, small: { width: 320, height: 320 } },
      social: { x: 'https://x.com/steppecourier' },
    });
    expect(body['logo']['large']['url']).toMatch(/^https:\/\/news\.example\.org\/media\/.+\.jpg$/);

    const ru = await home('/ru/');
    expect(ru).toContain('<title>Степной курьер</title>');
    expect(ru).toMatch(/<a class="brand" href="\/ru\/"><img src="\/media\/[^"]+\.jpg" alt="" width="32" height="32"\/>Степной курьер<\/a>/);
    expect(ru).toContain('Новости степи');
    expect(meta(ru, 'og:site_name')).toBe('Степной курьер');
    expect(meta(ru, 'og:image')).toBe(body['logo']['large']['url']);
    expect(meta(ru, 'og:image:width')).toBe('800');
    expect(meta(ru, 'twitter:site')).toBe('@steppecourier');
    const org = jsonLd(ru).find((j) => j['@type'] === 'NewsMediaOrganization')!;
    expect(org).toMatchObject({
      name: 'Степной курьер',
      logo: { '@type': 'ImageObject', url: body['logo']['large']['url'], width: 800, height: 800 },
      sameAs: ['https://x.com/steppecourier', 'https://facebook.com/steppecourier'],
      ethicsPolicy: 'https://news.example.org/en/ethics',
      masthead: 'https://news.example.org/en/masthead',
    });
    const en = await home('/en/');
    expect(en).toContain('<title>The Steppe Courier</title>');
    const rss = await home('/ru/feed.xml');
    expect(rss).toContain('Степной курьер');
    // A story without a picture is shared with the logo; its publisher is the Russian name, with the policies.
    const id = await createArticle(s.deps, { locale: 'ru', headline: 'Без картинки', body: doc('Текст.'), sectionId: n.economy, status: 'published' });
    const moved = await s.app.request(`/a/${id}`);
    const story = await home(moved.headers.get('location')!);
    expect(meta(story, 'og:image')).toBe(body['logo']['large']['url']);
    expect(meta(story, 'twitter:site')).toBe('@steppecourier');
    const article = jsonLd(story).find((j) => j['@type'] === 'NewsArticle')!;
    expect(article['publisher']).toMatchObject({ name: 'Степной курьер', ethicsPolicy: 'https://news.example.org/en/ethics' });
  });

  it('refuses bad settings with problem+json naming the fields, never a 500', async () => {
    const bad = await expectProblem(await call(keys.admin, 'PATCH', BASE, { siteName: { de: 'Kurier' }, defaultLanguage: 'de' }), 422, 'VALIDATION_FAILED');
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['defaultLanguage', 'siteName.de']);
    const zone = await expectProblem(
      await call(keys.admin, 'PATCH', BASE, { timeZone: 'Mars/Olympus', social: { x: 'not a handle!' } }),
      422,
      'VALIDATION_FAILED',
    );
    expect((zone['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['social.x', 'timeZone']);
    expect(bad['hint']).toBeTruthy();
    await expectProblem(await call(keys.admin, 'PATCH', BASE, { logoMediaId: 424242 }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.admin, 'PATCH', BASE, { policies: { ethicsPolicy: 'javascript:alert(1)' } }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.admin, 'PATCH', BASE, { unknown: 1 }), 422, 'VALIDATION_FAILED');
  });

  it('changes the default language: / shows it', async () => {
    await expectJson(await call(keys.admin, 'PATCH', BASE, { defaultLanguage: 'ru' }));
    const root = await (await s.app.request('/')).text();
    expect(root).toContain('<html lang="ru"');
    await expectJson(await call(keys.admin, 'PATCH', BASE, { defaultLanguage: 'en' }));
  });
});
